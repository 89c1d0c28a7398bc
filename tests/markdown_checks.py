"""What a report's Markdown may hold when its letters are hostile: checked by parsing it."""

from __future__ import annotations

import re

from markdown_it import MarkdownIt


def assert_plain_markdown(markdown: str, *, tables: int | None = None) -> None:
    """No link, image or raw HTML came from the text, and every table row has its columns.

    The tracker's own links point to its .md, .html, .csv and .xml files, a name the texts cannot
    spell."""
    tokens = MarkdownIt("commonmark").enable("table").parse(markdown)
    inline = [child for t in tokens for child in (t.children or [])]
    assert not [t for t in inline if t.type in {"image", "html_inline"}], markdown
    links = [str(t.attrs.get("href")) for t in inline if t.type == "link_open"]
    assert all(re.fullmatch(r"[\w./-]+\.(md|html|csv|xml)", href) for href in links), markdown
    assert not [t for t in tokens if t.type == "html_block"], markdown
    if tables is not None:
        assert sum(t.type == "table_open" for t in tokens) == tables, markdown
    rows = [i for i, t in enumerate(tokens) if t.type == "tr_open"]
    for start in rows:
        end = next(i for i in range(start, len(tokens)) if tokens[i].type == "tr_close")
        cells = sum(t.type in {"td_open", "th_open"} for t in tokens[start:end])
        table = max(i for i in range(start) if tokens[i].type == "table_open")
        head_end = next(i for i in range(table, len(tokens)) if tokens[i].type == "tr_close")
        assert cells == sum(t.type == "th_open" for t in tokens[table:head_end]), markdown
