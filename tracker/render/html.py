"""The comparison as one self-contained HTML page: old and new side by side, section by section.

Built with lxml's element builder, so every piece of letter text is escaped by the
serialiser; the stylesheet is inline and nothing is loaded from elsewhere, and the page needs
no script. Its content follows the Markdown report: summary, key figures, findings, section
map, then each changed section pair as two columns with the sentence and word redline.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from tracker.model import Comparison, Meta
from tracker.render.figures import FIGURE_COLUMNS, figure_rows
from tracker.render.html_redline import E, Element, delete, html_text, lang, pair_part, text
from tracker.render.html_style import STYLE
from tracker.render.markdown import short_title, summary_lines
from tracker.render.names import letter_name, side_names


def render_html(
    c: Comparison, *, explain: bool = False, links: Sequence[tuple[str, str]] = ()
) -> str:
    """The whole report as an HTML document; `links` are (text, href) pairs shown above the
    title (a series index, a feed). With `explain`, why each pair of figures was made."""
    title = _title(c)
    parts = (_summary(c), _figures(c, explain), _findings(c), _section_map(c), _changes(c))
    body = [
        _nav(links, c),
        E.header(E.h1(title), E.div(_letters_table(c.old.meta, c.new.meta), {"class": "wide"})),
        E.main(*[part for part in parts if part is not None]),
    ]
    return page(title, body)


def render_figures_html(
    title: str,
    note: str,
    figures: Sequence[tuple[str, str, str]],
    *,
    links: Sequence[tuple[str, str]] = (),
) -> str:
    """A page for a letter with nothing to compare it with (the first of a series): its
    title, a note, and its figures as (label, as written, section) rows."""
    if figures:
        content = E.table(
            E.thead(
                E.tr(*[E.th(name, scope="col") for name in ("Figure", "As written", "Section")])
            ),
            E.tbody(
                *[
                    E.tr(E.th(text(label), scope="row"), E.td(text(written)), E.td(text(where)))
                    for label, written, where in figures
                ]
            ),
        )
    else:
        content = E.p("No figures found in this letter.")
    body = [
        _links(links),
        E.header(E.h1(text(title)), E.p(text(note))),
        E.main(E.section(E.h2("Figures", id="figures"), E.div(content, {"class": "wide"}))),
    ]
    return page(title, body)


def _links(links: Sequence[tuple[str, str]]) -> Element | None:
    if not links:
        return None
    return E.nav(
        E.ul(*[E.li(E.a(label, href=href)) for label, href in links]), {"aria-label": "Links"}
    )


def page(title: str, body: Iterable[Element], *, language: str = "en") -> str:
    """A standalone HTML document: the stylesheet inline, `body`'s elements in order."""
    document = E.html(
        E.head(
            E.meta(charset="utf-8"),
            E.meta(name="viewport", content="width=device-width, initial-scale=1"),
            E.title(text(title)),
            E.style(STYLE),
        ),
        E.body(*[part for part in body if part is not None]),
        lang=language,
    )
    return html_text(document, doctype="<!DOCTYPE html>")


def _title(c: Comparison) -> str:
    old, new = short_title(letter_name(c.old.meta)), short_title(letter_name(c.new.meta))
    return text(f"Changes in {new}" if old == new else f"Changes from {old} to {new}")


def _nav(links: Sequence[tuple[str, str]], c: Comparison) -> Element:
    """Links out of the page, then the page's own parts."""
    parts = [("#summary", "Summary"), ("#figures", "Key figures"), ("#findings", "Findings")]
    parts += [("#map", "Section map")]
    if any(pair.status != "unchanged" for pair in c.sections):
        parts.append(("#changes", "Changes by section"))
    items = [E.li(E.a(label, href=href)) for label, href in links]
    items += [E.li(E.a(label, href=href)) for href, label in parts]
    return E.nav(E.ul(*items), {"aria-label": "Contents"})


def _letters_table(old: Meta, new: Meta) -> Element:
    rows = [
        ("Title", old.title or "", new.title or ""),
        ("Date", _date(old), _date(new)),
        ("Reference", ", ".join(old.references), ", ".join(new.references)),
        ("File", old.source or "", new.source or ""),
    ]
    return E.table(
        E.caption("The two letters"),
        E.thead(E.tr(E.td(), E.th("Old", scope="col"), E.th("New", scope="col"))),
        E.tbody(
            *[
                E.tr(
                    E.th(name, scope="row"),
                    E.td(text(a), lang(old)),
                    E.td(text(b), lang(new)),
                )
                for name, a, b in rows
                if a or b
            ]
        ),
    )


def _date(meta: Meta) -> str:
    return meta.date.isoformat() if meta.date else ""


def _summary(c: Comparison) -> Element:
    lines = summary_lines(c)
    body = E.p(lines[0]) if not c.differs else E.ul(*[E.li(line) for line in lines])
    return E.section(E.h2("Summary", id="summary"), body, _legend())


def _legend() -> Element:
    return E.div(
        E.strong("How changes are marked:"),
        E.span(E.ins("inserted words"), " underlined"),
        E.span(delete("deleted words"), " struck through"),
        E.span(E.span("moved sentence", {"class": "moved"}), " dotted, with \u21c4"),
        E.span("a bar at the left: a whole section added or removed"),
        {"class": "legend", "role": "note"},
    )


def _figures(c: Comparison, explain: bool) -> Element:
    section = E.section(E.h2("Key figures", id="figures"))
    if not c.figures:
        section.append(E.p("No figures found in either letter."))
        return section
    rows = []
    for change, cells in figure_rows(c):
        label, old, new, delta, where = (text(cell) for cell in cells)
        rows.append(
            E.tr(
                E.th(label, scope="row"),
                E.td(old, lang(c.old.meta)),
                E.td(new, lang(c.new.meta)),
                E.td(delta, {"class": f"change {change.status}"}),
                E.td(where),
            )
        )
    section.append(
        E.div(
            E.table(
                E.caption("Changed figures first, then new, gone and unchanged ones."),
                E.thead(E.tr(*[E.th(name, scope="col") for name in FIGURE_COLUMNS])),
                E.tbody(*rows),
            ),
            {"class": "wide"},
        )
    )
    if explain:
        section.append(E.h3("Why figures were paired"))
        paired = [f for f in c.figures if f.why]
        if paired:
            section.append(E.ul(*[E.li(text(f"{f.label}: {f.why}")) for f in paired]))
        else:
            section.append(E.p("No figures were paired."))
    return section


def _findings(c: Comparison) -> Element:
    section = E.section(E.h2("Findings", id="findings"))
    if not c.findings:
        section.append(E.p("No findings: no totals, stated changes or restatements to check."))
        return section
    items = []
    for finding in c.findings:
        where = f" ({text(finding.section)})" if finding.section else ""
        items.append(
            E.li(E.strong(finding.kind), f", {finding.severity}{where}: ", text(finding.message))
        )
    section.append(E.ul(*items, {"class": "findings"}))
    return section


def _section_map(c: Comparison) -> Element:
    rows = []
    for number, pair in enumerate(c.sections):
        target = f"#pair-{number}" if pair.status != "unchanged" else None
        old = side_names(c.old, pair.old) if pair.old else "—"
        new = side_names(c.new, pair.new) if pair.new else "—"
        status = E.a(pair.status, href=target) if target else pair.status
        similarity = f"{pair.similarity:.2f}" if pair.old and pair.new else ""
        rows.append(
            E.tr(
                E.td(text(old), lang(c.old.meta)),
                E.td(text(new), lang(c.new.meta)),
                E.td(status),
                E.td(similarity, {"class": "num"}),
            )
        )
    columns = ("Old section", "New section", "Status", "Similarity")
    return E.section(
        E.h2("Section map", id="map"),
        E.table(
            E.caption("How the sections of the old letter map to those of the new."),
            E.thead(E.tr(*[E.th(name, scope="col") for name in columns])),
            E.tbody(*rows),
        ),
    )


def _changes(c: Comparison) -> Element | None:
    shown = [(n, pair) for n, pair in enumerate(c.sections) if pair.status != "unchanged"]
    if not shown:
        return None
    section = E.section(E.h2("Changes by section", id="changes"))
    for number, pair in shown:
        section.append(pair_part(c, number, pair))
    unchanged = [side_names(c.new, p.new) for p in c.sections if p.status == "unchanged"]
    if unchanged:
        section.append(E.h3("Unchanged sections"))
        section.append(E.ul(*[E.li(text(name), lang(c.new.meta)) for name in unchanged]))
    return section
