"""The stylesheet of the HTML report, inlined in every page so the file stands alone."""

from __future__ import annotations

# Insertions and deletions differ in more than colour: underline against strike-through,
# a bar at the start of a whole added or removed block, and words a screen reader says.
# Columns stack below 48rem (a phone held upright); print keeps them side by side, drops the
# contents list and keeps a row of the redline on one page where it fits.
STYLE = """
:root {
  --text: #1b1b1b; --muted: #595959; --rule: #c8c8c8; --shade: #f3f3f3;
  --ins-bg: #d7f0dc; --ins-text: #0b3d17; --ins-bar: #1f7a35;
  --del-bg: #fbe1e1; --del-text: #6b0e0e; --del-bar: #b42318;
  --moved-bg: #e3ecfa; --moved-text: #123a6b;
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body {
  margin: 0 auto; max-width: 90rem; padding: 1rem 1.25rem 3rem;
  font: 1rem/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif;
  color: var(--text); background: #fff;
}
h1 { font-size: 1.6rem; line-height: 1.25; margin: 0.5rem 0 1rem; }
h2 { font-size: 1.3rem; margin: 2rem 0 0.75rem; border-bottom: 1px solid var(--rule); }
h3 { font-size: 1.1rem; margin: 1.75rem 0 0.5rem; }
.status { font-weight: normal; color: var(--muted); }
a { color: #0b57a4; }
nav ul { display: flex; flex-wrap: wrap; gap: 0.25rem 1.25rem; padding: 0; list-style: none; }
table { border-collapse: collapse; width: 100%; margin: 0.5rem 0 1rem; }
th, td { border: 1px solid var(--rule); padding: 0.35rem 0.5rem; text-align: left;
  vertical-align: top; overflow-wrap: anywhere; }
th { overflow-wrap: break-word; }
thead th { background: var(--shade); }
tbody th { font-weight: 600; }
caption { text-align: left; color: var(--muted); padding: 0.25rem 0; }
.num { text-align: right; font-variant-numeric: tabular-nums; }
.legend { display: flex; flex-wrap: wrap; gap: 0.5rem 1.5rem; padding: 0.5rem 0.75rem;
  border: 1px solid var(--rule); background: var(--shade); }
ins, del, .moved { padding: 0 0.1em; border-radius: 0.15em; }
ins { background: var(--ins-bg); color: var(--ins-text); text-decoration: underline;
  text-decoration-thickness: 0.08em; text-underline-offset: 0.15em; }
del { background: var(--del-bg); color: var(--del-text); text-decoration: line-through;
  text-decoration-thickness: 0.08em; }
.moved { background: var(--moved-bg); color: var(--moved-text);
  text-decoration: underline dotted; text-underline-offset: 0.15em; }
.moved::after { content: " \\21C4"; }
ins::before, ins::after, del::before, del::after {
  position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%);
  white-space: nowrap;
}
ins::before { content: " [inserted: "; }
del::before { content: " [deleted: "; }
ins::after, del::after { content: "] "; }
ins.block, del.block { display: block; text-decoration: none; background: none;
  color: inherit; padding: 0 0 0 0.75rem; border-radius: 0; }
ins.block { border-left: 0.3rem solid var(--ins-bar); }
del.block { border-left: 0.3rem solid var(--del-bar); }
.block .mark { font-weight: 600; }
ins.block .mark { color: var(--ins-bar); }
del.block .mark { color: var(--del-bar); }
table.sbs { table-layout: fixed; }
table.sbs th { overflow-wrap: anywhere; }
table.sbs col { width: 50%; }
table.sbs td p { margin: 0; }
table.sbs td p + p, table.sbs td p + .wide, table.sbs td .wide + p { margin-top: 0.6em; }
table.sbs td.none, .skip td { color: var(--muted); font-style: italic; }
.skip td { text-align: center; background: var(--shade); }
.side-label { display: none; }
details summary { cursor: pointer; color: var(--muted); }
.findings li { margin-bottom: 0.35rem; }
footer { margin-top: 3rem; color: var(--muted); font-size: 0.9rem; }
@media (max-width: 48rem) {
  body { padding: 0.75rem; }
  h1 { font-size: 1.3rem; }
  table.sbs, table.sbs tbody, table.sbs tr, table.sbs td { display: block; width: 100%; }
  table.sbs thead, table.sbs colgroup { display: none; }
  table.sbs tr { margin-bottom: 0.75rem; border: 1px solid var(--rule); }
  table.sbs td { border: 0; border-top: 1px solid var(--rule); }
  table.sbs tr > td:first-child { border-top: 0; }
  .side-label { display: block; font-size: 0.85rem; font-weight: 600; color: var(--muted); }
  .wide { display: block; overflow-x: auto; }
}
@media print {
  body { max-width: none; padding: 0; font-size: 10pt; }
  nav { display: none; }
  a { color: inherit; text-decoration: none; }
  h2, h3 { break-after: avoid; }
  tr { break-inside: avoid; }
  ins, del, .moved { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""
