"""The side-by-side part of the HTML report: a section pair as two columns, old and new.

Each paragraph a reader sees is one row; in it the old column marks deleted words and
sentences with <del>, the new column inserted ones with <ins>, and a moved sentence on both
sides. Runs of unchanged paragraphs fold into one line, as in the Markdown report.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from lxml import etree
from lxml.builder import ElementMaker

from tracker.model import Comparison, Document, Meta, Paragraph, SectionPair, SentenceEdit, Table
from tracker.render.markdown import display_paragraphs
from tracker.render.names import section_name, side_names

Element = Any
"""An lxml element (lxml ships no type information)."""

E = ElementMaker()
"""Builds plain lxml elements, serialised as HTML by `html_text`: several times faster than
lxml.html's element classes, which look up a class for every element made."""


def html_text(element: Element, *, doctype: str | None = None) -> str:
    """An element and everything in it as HTML: text escaped, void elements unclosed."""
    markup: str = etree.tostring(
        element, method="html", encoding="unicode", doctype=doctype, pretty_print=True
    )
    return markup


# Characters XML 1.0 cannot hold, which lxml refuses: control characters other than tab and
# newline, lone surrogates and the two non-characters. A letter's text keeps its place.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def text(value: str) -> str:
    """Letter text fit for the page: characters HTML cannot carry become U+FFFD."""
    return _NOT_XML.sub("\ufffd", value)


def lang(meta: Meta) -> dict[str, str]:
    """The letter's language, for text taken from it (the page itself is in English)."""
    return {"lang": meta.language}


def ins(*content: Any) -> Element:
    return E.ins(*content)


def delete(*content: Any) -> Element:
    # `del` is a Python keyword, so the builder is called with the tag's name.
    return E("del", *content)


def _pair_title(c: Comparison, pair: SectionPair) -> tuple[str, str]:
    """The heading of a pair's part and the words on its status, as plain text."""
    old, new = side_names(c.old, pair.old), side_names(c.new, pair.new)
    if pair.status == "added":
        return new, "added"
    if pair.status == "removed":
        return old, "removed"
    if pair.status == "renamed":
        return new, f"renamed from “{old}”"
    if pair.status == "split":
        return old, f"split into {new}"
    if pair.status == "merged":
        return new, f"merged from {old}"
    return new, pair.status if old == new else f"{pair.status}, was “{old}”"


def pair_part(c: Comparison, number: int, pair: SectionPair) -> Element:
    name, status = _pair_title(c, pair)
    heading = E.h3(text(name), " ", E.span(f"({text(status)})", {"class": "status"}))
    heading.set("id", f"pair-{number}")
    old_head = side_names(c.old, pair.old) if pair.old else "not in the old letter"
    new_head = side_names(c.new, pair.new) if pair.new else "not in the new letter"
    if pair.status == "added":
        rows = [_row(_none("Not in the old letter."), _whole(c.new, pair.new, added=True), c)]
    elif pair.status == "removed":
        rows = [_row(_whole(c.old, pair.old, added=False), _none("Not in the new letter."), c)]
    else:
        rows = _redline_rows(c, pair)
    table = E.table(
        E.colgroup(E.col(), E.col()),
        E.thead(
            E.tr(
                E.th("Old: ", text(old_head), scope="col"),
                E.th("New: ", text(new_head), scope="col"),
            )
        ),
        E.tbody(*rows),
        {"class": "sbs"},
    )
    return E.section(heading, table, {"class": "pair", "aria-labelledby": f"pair-{number}"})


def _row(old: list[Element], new: list[Element], c: Comparison) -> Element:
    """One row of the two columns; each cell says its side where the columns stack."""
    return E.tr(
        E.td(E.span("Old", {"class": "side-label"}), *old, {"class": "old"}, lang(c.old.meta)),
        E.td(E.span("New", {"class": "side-label"}), *new, {"class": "new"}, lang(c.new.meta)),
    )


def _none(message: str) -> list[Element]:
    return [E.p(message, {"class": "none"})]


def _redline_rows(c: Comparison, pair: SectionPair) -> list[Element]:
    rows: list[Element] = []
    skipped = 0
    for edits in display_paragraphs(pair.edits):
        if all(e.op == "equal" for e in edits):
            skipped += 1
            continue
        if skipped:
            rows.append(_skip(skipped))
            skipped = 0
        old, new = _sides(edits)
        rows.append(_row([E.p(*old)] if old else [], [E.p(*new)] if new else [], c))
    if skipped and rows:
        rows.append(_skip(skipped))
    if not rows:
        rows.append(
            E.tr(E.td("Only the heading or the order changed; the text is the same.", colspan="2"))
        )
    return rows


def _skip(count: int) -> Element:
    words = "1 unchanged paragraph" if count == 1 else f"{count} unchanged paragraphs"
    return E.tr(E.td(f"… {words} …", colspan="2"), {"class": "skip"})


def _sides(edits: Iterable[SentenceEdit]) -> tuple[list[Any], list[Any]]:
    """The old and the new column of one paragraph: text and marked runs, in order.
    Neighbouring marks of one kind share an element, which reads more easily."""
    old: list[Any] = []
    new: list[Any] = []
    for edit in edits:
        if edit.op == "equal":
            _add(old, None, edit.old or edit.new)
            _add(new, None, edit.new or edit.old)
        elif edit.op == "delete":
            _add(old, "del", edit.old)
        elif edit.op == "insert":
            _add(new, "ins", edit.new)
        elif edit.op == "moved":
            _add(old, "moved", edit.old or edit.new)
            _add(new, "moved", edit.new)
        else:
            for word in edit.words:
                if word.op == "equal":
                    _add(old, None, word.old or word.new)
                    _add(new, None, word.new or word.old)
                    continue
                if word.old:
                    _add(old, "del", word.old)
                if word.new:
                    _add(new, "ins", word.new)
    return old, new


def _add(parts: list[Any], mark: str | None, words: str) -> None:
    """Append `words` to a column's parts, joined with a space; a mark of the same kind as
    the last part takes the words in."""
    if not words:
        return
    words = text(words)
    if mark is not None and parts and _kind(parts[-1]) == mark:
        parts[-1].text = f"{parts[-1].text} {words}"
        return
    if parts:
        parts.append(" ")
    if mark is None:
        parts.append(words)
    elif mark == "ins":
        parts.append(ins(words))
    elif mark == "del":
        parts.append(delete(words))
    else:
        parts.append(E.span(words, {"class": "moved"}))


def _kind(part: Any) -> str | None:
    """The mark a column's part is: "ins", "del", "moved"; None for plain text."""
    if isinstance(part, str):
        return None
    tag = str(part.tag)
    return "moved" if tag == "span" else tag


def _whole(doc: Document, indices: tuple[int, ...], *, added: bool) -> list[Element]:
    """A whole added or removed section: its paragraphs and tables in one marked block."""
    mark = "Added section" if added else "Removed section"
    content: list[Any] = [E.p(E.span(f"{mark}.", {"class": "mark"}))]
    for index in indices:
        section = doc.sections[index]
        items: list[Element] = []
        for block in section.blocks:
            if isinstance(block, Paragraph) and block.list_item:
                items.append(E.li(text(block.text)))
                continue
            if items:
                content.append(E.ul(*items))
                items = []
            if isinstance(block, Paragraph):
                content.append(E.p(text(block.text)))
            else:
                content.append(_table(block))
        if items:
            content.append(E.ul(*items))
        if not section.blocks:
            content.append(E.p(f"No text under {text(section_name(doc, index))}."))
    block = ins(*content) if added else delete(*content)
    block.set("class", "block")
    return [block]


def _table(table: Table) -> Element:
    return E.div(
        E.table(
            E.thead(E.tr(*[E.th(text(cell), scope="col") for cell in table.header])),
            E.tbody(
                *[
                    E.tr(
                        E.th(text(row[0]), scope="row"),
                        *[E.td(text(cell)) for cell in row[1:]],
                    )
                    for row in table.rows
                ]
            ),
        ),
        {"class": "wide"},
    )
