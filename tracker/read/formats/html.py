"""HTML reader: a publication page → Markdown (h1-h4, paragraphs, lists, tables, footnotes).

Parsed with BeautifulSoup over lxml. The letter is the page's <article>, <main> or body;
navigation, page header and footer, sidebars, forms, scripts and styles are dropped. Footnote
references are short links to an anchor on the same page ("<sup><a href="#fn1">1</a></sup>",
Word's "[1]" links); the anchored element is the footnote body and is moved to the end.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from bs4 import BeautifulSoup, NavigableString, Tag, XMLParsedAsHTMLWarning

from tracker.errors import ExtractionError, InputError
from tracker.read.extract import Extracted
from tracker.read.formats import mdwrite
from tracker.read.limits import check_html
from tracker.text.words import squash

# A letter page is at most a few megabytes; a bigger "HTML" file is not a letter.
MAX_BYTES = 20_000_000
_DROP = (
    "script",
    "style",
    "noscript",
    "template",
    "nav",
    "header",
    "footer",
    "aside",
    "form",
    "iframe",
    "svg",
    "button",
    "select",
    "input",
    "object",
    "embed",
    "canvas",
    "head",
)
_DROP_ROLES = {"navigation", "banner", "contentinfo", "search", "complementary"}
_BLOCKS = {
    "p", "div", "section", "article", "main", "blockquote", "ul", "ol", "li", "table",
    "h1", "h2", "h3", "h4", "h5", "h6", "dl", "dt", "dd", "pre", "figure", "figcaption",
    "address", "center", "body", "hr", "tr", "td", "th",
}  # fmt: skip
_NOTE_LABEL = re.compile(r"^\[?\(?([0-9]{1,3}|[*†‡]|[a-z])\)?\]?$")
_HEADING = re.compile(r"^h([1-6])$")


@dataclass
class Notes:
    """Footnote anchors found on the page and the labels the text refers to them by."""

    targets: dict[str, Any] = field(default_factory=dict)
    """Anchor id -> the element holding the footnote body."""
    order: list[tuple[str, str]] = field(default_factory=list)
    """(label, anchor id) in order of first reference."""


def read(data: bytes) -> Extracted:
    """Read an HTML letter as Markdown."""
    if len(data) > MAX_BYTES:
        raise InputError("the HTML file is larger than a letter page", "save only the letter")
    head = data[:2048].lstrip()
    if head.startswith(b"%PDF-"):
        raise InputError("the file is a PDF, not HTML", "rename it to .pdf")
    if head.startswith(b"PK\x03\x04"):
        raise InputError("the file is a zip package (a .docx?), not HTML", "rename it to .docx")
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError("the file is binary, not HTML", "give the letter's .html page")
    check_html(data)
    try:
        with warnings.catch_warnings():
            # An XHTML page is read as HTML on purpose; bs4 would say so on stderr.
            warnings.simplefilter("ignore", XMLParsedAsHTMLWarning)
            soup = BeautifulSoup(data, "lxml")
        root = _letter_root(soup)
        if root is None:
            raise ExtractionError("the HTML page has no body text", "save the letter's own page")
        _drop_chrome(root)
        notes = _find_notes(root)
        blocks = list(_blocks(root, notes))
        bodies = [(label, _note_text(notes.targets[a], notes)) for label, a in notes.order]
    except RecursionError as exc:
        # The page is walked recursively; no letter nests elements hundreds deep.
        raise InputError(
            "the HTML page is nested too deeply to be a letter", "save the letter's own page"
        ) from exc
    text = mdwrite.join_blocks([*blocks, mdwrite.footnotes(bodies)])
    if not text.strip():
        raise ExtractionError("the HTML page holds no letter text", "save the letter's own page")
    return Extracted(text=text, markup="markdown")


def _letter_root(soup: Any) -> Any:
    """The element that holds the letter: the main article when the page marks one."""
    for selector in ("main article", "article", "main", "[role=main]", "#main-content", "body"):
        found = soup.select(selector)
        if len(found) == 1 or (found and selector == "body"):
            return found[0]
    return soup if soup.get_text(strip=True) else None


def _drop_chrome(root: Any) -> None:
    for element in root.find_all(_DROP):
        element.decompose()
    for element in root.find_all(attrs={"role": True}):
        if not element.decomposed and element.get("role") in _DROP_ROLES:
            element.decompose()
    for element in root.find_all(attrs={"hidden": True}):
        if not element.decomposed:
            element.decompose()
    for element in root.find_all(style=re.compile(r"display\s*:\s*none", re.I)):
        if not element.decomposed:
            element.decompose()


# --- footnotes ---------------------------------------------------------------------------


def _note_anchor(link: Any) -> str | None:
    """The anchor id a footnote-reference link points to, or None for an ordinary link."""
    href = link.get("href") or ""
    if not href.startswith("#") or len(href) < 2:
        return None
    label = link.get_text(strip=True)
    raised = link.find_parent("sup") is not None or link.find("sup") is not None
    named = re.search(r"note|noot|fn|ftn|footnote", " ".join([href, *link.get("class", [])]), re.I)
    if _NOTE_LABEL.match(label) and (raised or named):
        return href[1:]
    return None


def _find_notes(root: Any) -> Notes:
    """Footnote targets, lifted out of the running text; the empty containers go too."""
    notes = Notes()
    for link in root.find_all("a", href=True):
        anchor = _note_anchor(link)
        if anchor is None or anchor in notes.targets:
            continue
        if any(t in link.parents for t in notes.targets.values()):
            continue  # a footnote's back-link to its reference, not a reference
        target = root.find(id=anchor) or root.find("a", attrs={"name": anchor})
        if target is None or target is link:
            continue
        if target.name == "a":
            # Word's HTML puts the anchor on a link inside the body's paragraph.
            target = target.find_parent(["p", "li", "div"]) or target
        notes.targets[anchor] = target
    for target in notes.targets.values():
        parent = target.parent
        target.extract()
        # A footnote list left empty, and a "Voetnoten"/"Notes" block around it, goes too.
        while (
            parent is not None
            and parent is not root
            and not _has_text(parent, ignore_headings=True)
        ):
            grand = parent.parent
            parent.decompose()
            parent = grand
    return notes


def _has_text(element: Any, *, ignore_headings: bool) -> bool:
    for text in element.find_all(string=True):
        if not text.strip():
            continue
        if ignore_headings and text.find_parent(re.compile(r"^h[1-6]$")) is not None:
            continue
        return True
    return False


def _note_text(target: Any, notes: Notes) -> str:
    """A footnote's text without its own number, back-link or close button."""
    # Publication pages give each note a small heading with a close link ("X Noot").
    for element in target.find_all(re.compile(r"^h[1-6]$")):
        element.decompose()
    for element in target.find_all(class_=re.compile(r"close", re.I)):
        if not element.decomposed:
            element.decompose()
    # The body starts with its own label or a back-link ("1", "[1]", "↩"): drop those.
    for link in target.find_all("a", href=True):
        if link.get_text(strip=True) in ("↩", "↑", "^") or _NOTE_LABEL.match(
            link.get_text(strip=True)
        ):
            link.decompose()
    text = squash(_inline_text(target, notes))
    return re.sub(r"^(\[?\d{1,3}\]?[.)]?\s+)", "", text)


# --- blocks ------------------------------------------------------------------------------


def _blocks(element: Any, notes: Notes) -> Iterator[str]:
    """Markdown blocks for an element's children in document order."""
    loose: list[str] = []  # inline content of a block element not wrapped in a <p>

    def flush() -> Iterator[str]:
        text = squash("".join(loose))
        loose.clear()
        if text:
            yield mdwrite.escape(text)

    for child in element.children:
        if isinstance(child, NavigableString):
            if type(child) is NavigableString:  # not a comment or a doctype
                loose.append(str(child))
            continue
        if not isinstance(child, Tag):
            continue
        name = child.name
        if name not in _BLOCKS:
            loose.append(_inline_text(child, notes))
            continue
        yield from flush()
        if match := _HEADING.match(name):
            text = squash(_inline_text(child, notes))
            if text:
                yield mdwrite.heading(int(match.group(1)), text)
        elif name in ("ul", "ol"):
            yield from _list(child, notes)
        elif name == "table" and _is_layout_table(child):
            for cell in child.find_all(["td", "th"]):
                if cell.find_parent("table") is child:
                    yield from _blocks(cell, notes)
        elif name == "table":
            yield from mdwrite.table_or_form(_table_rows(child, notes))
        elif name == "p" or name in ("dt", "dd", "address", "figcaption", "pre"):
            if not _holds_blocks(child):
                text = squash(_inline_text(child, notes))
                if text:
                    yield mdwrite.escape(text)
            else:
                yield from _blocks(child, notes)
        elif name != "hr":
            yield from _blocks(child, notes)
    yield from flush()


_INNER_BLOCKS = frozenset(_BLOCKS - {"p"})


def _holds_blocks(element: Any) -> bool:
    """Does the element hold a block other than <p>? (A walk of its descendants: bs4's find()
    builds its matcher anew on every call, which cost a millisecond per paragraph.)"""
    return any(isinstance(d, Tag) and d.name in _INNER_BLOCKS for d in element.descendants)


def _is_layout_table(table: Any) -> bool:
    """A table that lays out a page (old sites, e-mail letters), not one of data: it says so,
    or holds headings or tables of its own."""
    if table.get("role") in ("presentation", "none"):
        return True
    return table.find(["h1", "h2", "h3", "h4", "h5", "h6", "table"]) is not None


def _list(element: Any, notes: Notes) -> Iterator[str]:
    ordered = element.name == "ol"
    try:
        number = int(element.get("start", "1")) - 1
    except ValueError:
        number = 0
    for item in element.find_all("li", recursive=False):
        if not isinstance(item, Tag):
            continue
        value = str(item.get("value") or "")
        number = int(value) if value.isdigit() else number + 1
        nested = item.find_all(["ul", "ol"], recursive=False)
        for sub in nested:
            sub.extract()
        text = squash(_inline_text(item, notes))
        if text:
            yield mdwrite.list_item(text, number if ordered else None)
        for sub in nested:
            yield from _list(sub, notes)


def _table_rows(table: Any, notes: Notes) -> list[list[list[str]]]:
    rows = []
    for tr in table.find_all("tr"):
        if tr.find_parent("table") is not table:
            continue  # a nested table's rows are text of their cell
        cells: list[list[str]] = []
        for cell in tr.find_all(["td", "th"], recursive=False):
            paragraphs = cell.find_all(["p", "li"])
            if paragraphs:
                cells.append([squash(_inline_text(p, notes)) for p in paragraphs])
            else:
                cells.append([squash(_inline_text(cell, notes))])
        rows.append(cells)
    return rows


def _inline_text(element: Any, notes: Notes) -> str:
    """The text of an element, footnote-reference links written as `[^label]`."""
    if isinstance(element, NavigableString):
        return str(element) if type(element) is NavigableString else ""
    if not isinstance(element, Tag):
        return ""
    if element.name == "br":
        return " "
    if element.name == "a" and element.get("href"):
        anchor = _note_anchor(element)
        if anchor is not None and anchor in notes.targets:
            label = _NOTE_LABEL.match(element.get_text(strip=True))
            text = label.group(1) if label else element.get_text(strip=True)
            if all(a != anchor for _, a in notes.order):
                notes.order.append((text, anchor))
            return mdwrite.ref(text)
    parts = [_inline_text(child, notes) for child in element.children]
    text = "".join(parts)
    if element.name in _BLOCKS:
        return f" {text} "
    return text
