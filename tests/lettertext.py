"""Build Documents from "# heading" text in tests, for the comparison tests' own cases."""

from __future__ import annotations

from tracker.model import Document, Meta, Paragraph, Section


def document(text: str, title: str = "letter", language: str = "nl") -> Document:
    """Sections from lines: "# X" starts a section, blank lines end paragraphs."""
    sections: list[Section] = []
    heading: str | None = None
    level = 0
    blocks: list[Paragraph] = []
    lines: list[str] = []

    def flush_paragraph(number: int) -> None:
        if lines:
            blocks.append(Paragraph(" ".join(lines), number - len(lines), number - 1))
            lines.clear()

    def flush_section() -> None:
        if heading is not None or blocks:
            sections.append(Section(heading, level, tuple(blocks)))
        blocks.clear()

    for number, line in enumerate(text.splitlines(), 1):
        if line.startswith("#"):
            flush_paragraph(number)
            flush_section()
            level = len(line) - len(line.lstrip("#"))
            heading = line.lstrip("#").strip()
        elif not line.strip():
            flush_paragraph(number)
        else:
            lines.append(line.strip())
    flush_paragraph(len(text.splitlines()) + 1)
    flush_section()
    meta = Meta(title=title, language="en" if language == "en" else "nl", source=f"{title}.txt")
    return Document(meta, tuple(sections))
