"""Word (.docx) reader: the package's XML → Markdown (styles, lists, tables, footnotes).

Reads the parts it needs straight from the zip with lxml, because python-docx reads neither
footnotes nor the text inside tracked insertions, and because a hostile package must be
bounded before anything is inflated. Tracked changes are taken as accepted: insertions kept,
deletions dropped. Running page headers and footers are not read; page one's own header is.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from lxml import etree

from tracker.errors import ExtractionError
from tracker.read.extract import Extracted
from tracker.read.formats import mdwrite
from tracker.read.formats.docxpackage import Package, open_package, parse_xml, read_part
from tracker.text.words import squash

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"


def _w(tag: str) -> str:
    return f"{{{W}}}{tag}"


# Subtrees whose text is not the letter's: deleted or moved-away text, field codes, the
# fallback copy of alternate content, run and paragraph properties.
_SKIP = {
    _w("del"),
    _w("moveFrom"),
    _w("instrText"),
    _w("delInstrText"),
    _w("rPr"),
    _w("pPr"),
    f"{{{MC}}}Fallback",
}
_HEADING_NAME = re.compile(r"^(heading|kop|überschrift|titre)\s*([1-9])$", re.I)


@dataclass
class Styles:
    """What the reader needs from styles.xml and numbering.xml."""

    names: dict[str, str] = field(default_factory=dict)
    based_on: dict[str, str] = field(default_factory=dict)
    outline: dict[str, int] = field(default_factory=dict)
    numbering: dict[str, tuple[str, int]] = field(default_factory=dict)
    """Style id -> (numId, ilvl) for list styles such as "List Number"."""
    formats: dict[tuple[str, int], tuple[str, int, str]] = field(default_factory=dict)
    """(numId, ilvl) -> (numFmt, start, lvlText such as "%1." or "%1.%2")."""


@dataclass
class State:
    """What accumulates while walking the body: footnote labels and list counters."""

    styles: Styles
    note_start: int = 1
    note_labels: dict[str, str] = field(default_factory=dict)
    counters: dict[tuple[str, int], int] = field(default_factory=dict)


def read(data: bytes) -> Extracted:
    """Read a Word letter as Markdown."""
    parts = open_package(data)
    document = parse_xml(parts.read(parts.main), parts.main)
    body = document.find(_w("body"))
    if body is None:
        raise ExtractionError("the Word file has no document body", "open and re-save it in Word")
    styles = _styles(parts)
    state = State(styles, note_start=_footnote_start(document, parts))
    blocks = [*_first_page_header(body, parts, state), *_blocks(body, state)]
    notes = _footnotes(parts, state)
    text = mdwrite.join_blocks([*blocks, mdwrite.footnotes(notes)])
    if not text.strip():
        raise ExtractionError("the Word file holds no text", "check that it is the letter")
    return Extracted(text=text, markup="markdown")


def _first_page_header(body: etree._Element, package: Package, state: State) -> list[str]:
    """Blocks of the first page's own header, when the letter has one.

    Letters in the government's house style keep their letterhead (sender, "Datum",
    "Betreft", reference) in the header of page one, which differs from the running header of
    the other pages. The running header and all footers are page furniture and stay unread.
    """
    sect_pr = body.find(_w("sectPr"))
    if sect_pr is None or sect_pr.find(_w("titlePg")) is None:
        return []
    for ref in sect_pr.iter(_w("headerReference")):
        if ref.get(_w("type")) == "first":
            name = package.rels.get(ref.get(f"{{{R}}}id", ""), "")
            if name and package.has(name):
                return list(_blocks(parse_xml(package.read(name), name), state))
    return []


# --- styles, numbering and footnotes -----------------------------------------------------


def _styles(package: Package) -> Styles:
    styles = Styles()
    root = read_part(package, "styles")
    if root is not None:
        for style in root.iter(_w("style")):
            sid = style.get(_w("styleId"), "")
            name = style.find(_w("name"))
            styles.names[sid] = (name.get(_w("val"), "") if name is not None else "").strip()
            based = style.find(_w("basedOn"))
            if based is not None:
                styles.based_on[sid] = based.get(_w("val"), "")
            outline = style.find(f"{_w('pPr')}/{_w('outlineLvl')}")
            if outline is not None:
                styles.outline[sid] = int(outline.get(_w("val"), "9"))
            num = style.find(f"{_w('pPr')}/{_w('numPr')}")
            if num is not None:
                styles.numbering[sid] = _num_pr(num)
    numbering = read_part(package, "numbering")
    if numbering is not None:
        abstract = {
            a.get(_w("abstractNumId"), ""): {
                int(lvl.get(_w("ilvl"), "0")): (
                    _val(lvl.find(_w("numFmt")), "decimal"),
                    _int(_val(lvl.find(_w("start")), "1"), 1),
                    _val(lvl.find(_w("lvlText")), ""),
                )
                for lvl in a.iter(_w("lvl"))
            }
            for a in numbering.iter(_w("abstractNum"))
        }
        for num in numbering.iter(_w("num")):
            num_id = num.get(_w("numId"), "")
            levels = dict(abstract.get(_val(num.find(_w("abstractNumId")), ""), {}))
            for override in num.iter(_w("lvlOverride")):
                ilvl = _int(override.get(_w("ilvl"), "0"), 0)
                start = override.find(_w("startOverride"))
                if start is not None and ilvl in levels:
                    fmt, _, text = levels[ilvl]
                    levels[ilvl] = (fmt, _int(_val(start, "1"), 1), text)
            for ilvl, level in levels.items():
                styles.formats[(num_id, ilvl)] = level
    return styles


def _int(text: str, default: int) -> int:
    return int(text) if text.lstrip("-").isdigit() else default


def _val(element: etree._Element | None, default: str) -> str:
    return element.get(_w("val"), default) if element is not None else default


def _num_pr(num_pr: etree._Element) -> tuple[str, int]:
    return _val(num_pr.find(_w("numId")), "0"), int(_val(num_pr.find(_w("ilvl")), "0"))


def _footnote_start(document: etree._Element, package: Package) -> int:
    """The number of the first footnote: 1 unless the section or settings say otherwise."""
    for root in (document, read_part(package, "settings")):
        if root is None:
            continue
        start = root.find(f".//{_w('footnotePr')}/{_w('numStart')}")
        if start is not None:
            return int(start.get(_w("val"), "1"))
    return 1


def _footnotes(package: Package, state: State) -> list[tuple[str, str]]:
    """Footnote bodies in the order the text refers to them."""
    if not state.note_labels:
        return []
    root = read_part(package, "footnotes")
    if root is None:
        return []
    bodies = {}
    for note in root.iter(_w("footnote")):
        if note.get(_w("type")) in ("separator", "continuationSeparator", "continuationNotice"):
            continue
        paragraphs = [_inline(p, state, notes=False) for p in note.iter(_w("p"))]
        bodies[note.get(_w("id"), "")] = " ".join(p for p in paragraphs if p)
    return [(label, bodies.get(nid, "")) for nid, label in state.note_labels.items()]


# --- the body ----------------------------------------------------------------------------


def _blocks(container: etree._Element, state: State) -> Iterator[str]:
    """Markdown blocks for a body (or a content control) in document order."""
    for child in container:
        if child.tag == _w("p"):
            block = _paragraph(child, state)
            if block:
                yield block
        elif child.tag == _w("tbl"):
            yield from mdwrite.table_or_form(_table_rows(child, state))
        elif child.tag in (_w("sdt"), _w("customXml"), _w("ins"), _w("moveTo")):
            content = child.find(_w("sdtContent"))
            yield from _blocks(content if content is not None else child, state)


def _table_rows(table: etree._Element, state: State) -> list[list[list[str]]]:
    rows = []
    for tr in table.iter(_w("tr")):
        if tr.getparent() is not table and tr.getparent().tag != _w("sdtContent"):
            continue  # rows of a nested table are read as text of their cell
        cells: list[list[str]] = []
        for tc in tr.iter(_w("tc")):
            if tc.getparent() is not tr:
                continue
            merged = tc.find(f"{_w('tcPr')}/{_w('vMerge')}")
            if merged is not None and merged.get(_w("val")) != "restart":
                cells.append([])  # continuation of a vertically merged cell
                continue
            cells.append([t for p in tc.iter(_w("p")) if (t := _inline(p, state))])
        rows.append(cells)
    return rows


def _style_chain(sid: str, styles: Styles) -> Iterator[str]:
    for _ in range(10):  # basedOn chains are short; a loop in a hostile file must end
        if not sid:
            return
        yield sid
        sid = styles.based_on.get(sid, "")


def _heading_level(p_pr: etree._Element | None, sid: str, styles: Styles) -> int:
    """1-6 for a heading or title paragraph, 0 for body text."""
    outline = p_pr.find(_w("outlineLvl")) if p_pr is not None else None
    if outline is not None and int(_val(outline, "9")) < 6:
        return int(_val(outline, "9")) + 1
    for style in _style_chain(sid, styles):
        name = styles.names.get(style, style)
        if name.casefold() in ("title", "titel"):
            return 1
        if match := _HEADING_NAME.match(name):
            return min(int(match.group(2)), 6)
        if style in styles.outline and styles.outline[style] < 6:
            return styles.outline[style] + 1
    return 0


@dataclass(frozen=True)
class ListLabel:
    """The number Word shows before a numbered paragraph, or a bullet."""

    bullet: bool
    number: int = 0
    text: str = ""
    """As Word prints it: "3.", "2.1", "b)"."""


def _list_label(p_pr: etree._Element | None, sid: str, state: State) -> ListLabel | None:
    """The list label of a numbered or bulleted paragraph, None for other paragraphs."""
    num = p_pr.find(_w("numPr")) if p_pr is not None else None
    key = _num_pr(num) if num is not None else None
    if key is None:
        for style in _style_chain(sid, state.styles):
            if style in state.styles.numbering:
                key = state.styles.numbering[style]
                break
    if key is None or key[0] == "0":
        return None
    fmt, start, pattern = state.styles.formats.get(key, ("decimal", 1, ""))
    if fmt in ("bullet", "none"):
        return ListLabel(bullet=True)
    count = state.counters.get(key, start - 1) + 1
    state.counters[key] = count
    for other in list(state.counters):
        if other[0] == key[0] and other[1] > key[1]:
            del state.counters[other]  # a deeper level starts again under a new item

    def level_number(match: re.Match[str]) -> str:
        ilvl = int(match.group(1)) - 1
        other_fmt, other_start, _ = state.styles.formats.get((key[0], ilvl), ("decimal", 1, ""))
        value = state.counters.get((key[0], ilvl), other_start)
        return _format_number(value, other_fmt)

    text = re.sub(r"%([1-9])", level_number, pattern or f"%{key[1] + 1}.")
    return ListLabel(bullet=False, number=count, text=text)


def _format_number(value: int, fmt: str) -> str:
    if fmt in ("lowerLetter", "upperLetter"):
        letters = ""
        while value > 0:
            value, rest = divmod(value - 1, 26)
            letters = chr(ord("a") + rest) + letters
        return letters.upper() if fmt == "upperLetter" else letters
    if fmt in ("lowerRoman", "upperRoman") and value < 400:
        numerals = [(100, "c"), (90, "xc"), (50, "l"), (40, "xl"), (10, "x"), (9, "ix")]
        numerals += [(5, "v"), (4, "iv"), (1, "i")]
        roman = ""
        for size, numeral in numerals:
            while value >= size:
                roman += numeral
                value -= size
        return roman.upper() if fmt == "upperRoman" else roman
    return str(value)


def _paragraph(p: etree._Element, state: State) -> str:
    p_pr = p.find(_w("pPr"))
    sid = _val(p_pr.find(_w("pStyle")), "") if p_pr is not None else ""
    text = _inline(p, state)
    if not text:
        return ""
    level = _heading_level(p_pr, sid, state.styles)
    label = _list_label(p_pr, sid, state)
    if level:
        # A numbered heading ("2.1 Financiën") shows its number as part of the heading.
        prefix = f"{label.text} " if label is not None and not label.bullet else ""
        return mdwrite.heading(level, prefix + text)
    if label is None:
        return mdwrite.escape(text)
    if label.bullet:
        return mdwrite.list_item(text)
    if re.fullmatch(r"\d+[.)]", label.text):
        return mdwrite.list_item(text, label.number)
    # "a)", "iii.", "2.1": Markdown lists have only plain numbers; keep Word's label as text.
    return mdwrite.list_item(f"{label.text} {text}")


def _inline(p: etree._Element, state: State, *, notes: bool = True) -> str:
    """A paragraph's text with footnote references as `[^n]`; deletions dropped."""
    out: list[str] = []
    custom_mark = False

    def walk(element: etree._Element) -> None:
        nonlocal custom_mark
        for child in element:
            tag = child.tag
            if not isinstance(tag, str) or tag in _SKIP:
                continue
            if tag == _w("t"):
                if custom_mark:
                    out.append(mdwrite.ref((child.text or "").strip()))
                    custom_mark = False
                else:
                    out.append(child.text or "")
            elif tag in (_w("tab"), _w("br"), _w("cr")):
                out.append(" ")
            elif tag == _w("noBreakHyphen"):
                out.append("-")
            elif tag == _w("footnoteReference") and notes:
                nid = child.get(_w("id"), "")
                if child.get(_w("customMarkFollows")) in ("1", "true", "on"):
                    custom_mark = True  # the mark is the text of the next run
                    state.note_labels[nid] = ""
                    continue
                label = state.note_labels.setdefault(
                    nid, str(state.note_start + len(state.note_labels))
                )
                out.append(mdwrite.ref(label))
            elif tag == _w("p") and child is not p:
                out.append(" ")  # a text box's paragraph inside this one
                walk(child)
            else:
                walk(child)

    walk(p)
    text = squash("".join(out))
    # A custom mark's label is only known once its run is read: fill it in.
    for nid, label in list(state.note_labels.items()):
        if not label:
            match = re.search(r"\[\^([^\]]+)\]", text)
            state.note_labels[nid] = match.group(1) if match else nid
    return text
