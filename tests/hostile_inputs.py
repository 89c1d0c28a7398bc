"""Hostile letters and file names for the fault campaign (tests/faults.py): hypothesis
strategies that put malformed numbers, line breaks, control characters, markup and workflow
commands into real letters, in every format the tracker reads, under names of any bytes."""

from __future__ import annotations

import html
import io
import os
import zipfile
from collections.abc import Sequence
from pathlib import Path

from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "letters" / "oekraine-steun"
FORMATS = ROOT / "tests" / "fixtures" / "formats"
SERIES = "oekraine-steun"
SEED_NAMES = sorted(p.name for p in SEEDS.glob("*.txt"))
SEED_TEXTS = [(SEEDS / name).read_text(encoding="utf-8") for name in SEED_NAMES]

SENTENCE = "De minister schrijft dat het budget € 13,6 miljard is. "

FRAGMENTS = [
    # Numbers that used to raise, and their kin.
    "Het budget groeit met 1/0 procent.",
    "De rente stijgt 4-1/0 procent.",
    "€ 13,613,6 miljard",
    "€ 1.2.3,4,5 mld.",
    "€ 1" + "0" * 400 + " miljard",
    "Er zijn " + "7" * 5000 + " militairen getraind.",
    "€ " + "9" * 40 + " biljoen",
    "1e999999999 procent",
    "½¾¼ 1/4/4 --1-/2 procent",
    # Characters that end lines, control a terminal, turn text around or are no text.
    "\r",
    "\r\n",
    "\n\n\n",
    "\x00",
    "\x0b\x0c\x1c\x85\u2028\u2029",
    "\x1b[31m\x1b]0;titel\x07",
    "\u202e\u2066",
    "\ufeff",
    "\ud800",
    "\t\t",
    # Markup and workflow commands.
    "::error::geïnjecteerd",
    "%0A::warning::x",
    "| a | b |\n| --- | --- |\n| 1 | 2 |",
    "[klik](javascript:alert(1)) ![x](http://x)",
    "<script>alert(1)</script><b>vet</b>",
    "# Kop\n## Kop\n> citaat\n- punt\n1. punt",
    "---\ntitle: x\n---",
    "```\ncode\n```",
    "[^1]: noot [^2]",
    "$(touch pwned) `touch pwned`",
    "&#0; &#xD800; &amp;",
    "\\\\\\",
    # Dates and references that are not.
    "Den Haag, 31 februari 2025",
    "Kamerstuk 22 054, nr. " + "4" * 30,
    # Long runs, within the bounds.
    "a" * 3000,
    SENTENCE * 50,
    (SENTENCE + "\n") * 200,
]
"""Pieces a hostile letter is made of, put into real letters."""

GIANTS = [
    SENTENCE * 38_000,  # one line of 2 MB: the campaign's hang
    SENTENCE * 150_000,  # 8 MB
    (SENTENCE + "De\n") * 9_000,  # one paragraph of wrapped lines
    (SENTENCE + "\n") * 9_000,  # thousands of short paragraphs
]
"""Pieces past the bounds: the soak puts these in too."""

NAME_PIECES = [
    "brief",
    "2025-03-01-",
    " ",
    "-",
    "\r",
    "\n",
    "\t",
    "\x1b[31m",
    "\u202e",
    "::error::x",
    "%0A",
    "$(touch pwned)",
    "`touch pwned`",
    "*?[]",
    "'\"",
    "é€ü",
    "#|[x](y)",
    "..",
    ",:=",
]

EXTENSIONS = [".txt", ".md", ".html", ".htm", ".docx", ".pdf", ".TXT", ".text", ".exe", ""]

_raw_bytes = st.binary(min_size=1, max_size=60).map(lambda b: b.replace(b"/", b"_"))


@st.composite
def file_names(draw: st.DrawFn, extensions: Sequence[str] = EXTENSIONS) -> str:
    """A file name of any bytes but "/" and NUL, within 255 bytes: control characters, line
    breaks, shell and Markdown syntax, workflow commands, bytes that are no UTF-8."""
    pieces = draw(st.lists(st.sampled_from(NAME_PIECES), min_size=1, max_size=5))
    if draw(st.booleans()):
        pieces.append(os.fsdecode(draw(_raw_bytes)))
    stem = "".join(pieces).replace("\x00", "").replace("/", "_")
    name = stem + draw(st.sampled_from(list(extensions)))
    while len(os.fsencode(name)) > 240:
        name = name[1:]
    return name if name.strip(".") else "brief.txt"


@st.composite
def letter_texts(draw: st.DrawFn, giants: bool = False) -> str:
    """A real letter with hostile pieces put in at random places; now and then no letter."""
    base = draw(st.sampled_from([*SEED_TEXTS, "", "Den Haag, 1 maart 2025\n\nGeachte voorzitter,"]))
    pieces = st.sampled_from(FRAGMENTS + (GIANTS if giants else [])) | st.text(max_size=80)
    for _ in range(draw(st.integers(0, 6))):
        piece = draw(pieces)
        at = draw(st.integers(0, len(base)))
        base = base[:at] + piece + base[at:]
    return base


def _encode(text: str, encoding: str) -> bytes:
    if encoding == "utf-16":
        return text.encode("utf-16", "surrogatepass")
    # A lone surrogate becomes the bytes that would encode it: no UTF-8, as hostile as wanted.
    return text.encode(encoding, "surrogatepass" if encoding == "utf-8" else "replace")


def _html(text: str, depth: int, wrapper: str, xhtml: bool) -> bytes:
    paragraphs = "".join(f"<p>{html.escape(p, quote=False)}</p>" for p in text.split("\n\n"))
    opening = "".join(f"<{tag}>" for tag in wrapper.split()) * depth
    closing = "".join(f"</{tag}>" for tag in reversed(wrapper.split())) * depth
    head = '<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml">' if xhtml else "<html>"
    page = f"{head}<body>{opening}{paragraphs}{closing}</body></html>"
    return page.encode("utf-8", "surrogatepass")


def _docx(text: str) -> bytes:
    """seed-001.docx with the text as its paragraphs (characters XML cannot hold dropped)."""
    ns = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    legal = "".join(
        ch
        for ch in text
        if ch in "\t\n\r" or ("\x20" <= ch <= "\ud7ff") or ("\ue000" <= ch <= "\ufffd")
    )
    body = "".join(
        f"<w:p><w:r><w:t>{html.escape(p, quote=False)}</w:t></w:r></w:p>" for p in legal.split("\n")
    )
    xml = f'<w:document xmlns:w="{ns}"><w:body>{body}</w:body></w:document>'.encode()
    source = zipfile.ZipFile(FORMATS / "seed-001.docx")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            target.writestr(item, xml if item.filename == "word/document.xml" else data)
    return out.getvalue()


def _damaged(data: bytes, edits: list[tuple[int, int]], cut: int | None) -> bytes:
    damaged = bytearray(data)
    for at, value in edits:
        damaged[at % len(damaged)] = value
    return bytes(damaged[:cut] if cut else damaged)


@st.composite
def letter_files(draw: st.DrawFn, giants: bool = False) -> tuple[str, bytes]:
    """A hostile letter file: its name and bytes, in any format the tracker reads, or none."""
    kind = draw(st.sampled_from(["txt", "txt", "md", "html", "docx", "damaged", "bytes"]))
    text = draw(letter_texts(giants))
    if kind in ("txt", "md"):
        encoding = draw(st.sampled_from(["utf-8", "utf-8", "utf-16", "cp1252", "latin-1"]))
        data = _encode(text, encoding)
    elif kind == "html":
        depth = draw(st.sampled_from([0, 1, 5, 40, 255, 300] + ([30_000] if giants else [])))
        wrapper = draw(st.sampled_from(["div", "table tr td", "ul li", "blockquote", "span"]))
        data = _html(text, depth, wrapper, xhtml=draw(st.booleans()))
    elif kind == "docx":
        data = _docx(text)
    elif kind == "damaged":
        source = draw(st.sampled_from(["seed-001.pdf", "seed-003.docx", "seed-004.html"]))
        kind = source.rsplit(".", 1)[1]
        original = (FORMATS / source).read_bytes()
        edits = draw(st.lists(st.tuples(st.integers(0, 10**9), st.integers(0, 255)), max_size=20))
        cut = draw(st.none() | st.integers(1, len(original)))
        data = _damaged(original, edits, cut)
    else:
        data = draw(st.binary(max_size=4000))
        kind = draw(st.sampled_from(["txt", "pdf", "docx", "html"]))
    dated = draw(st.booleans())
    stem = draw(st.sampled_from(["2025-03-01-brief", "brief", "2024-02-30-x", "2025-12-31"]))
    name = f"{stem if dated else 'brief'}.{kind}"
    if draw(st.integers(0, 3)) == 0:
        name = draw(file_names([f".{kind}"]))
    return name, data


series_folders = st.sampled_from([SERIES, SERIES, "tweede-reeks", "Reeks met spaties"]) | (
    file_names([""])
)
"""Series folders: real names, one with spaces, and names of any bytes."""

ACTION_NAMES: list[list[str]] = [
    ["a\rb.txt"],
    ["a\nb.txt", "c\r\nd.md"],
    [os.fsdecode(b"caf\xe9.txt")],
    ["::error::x,y:z.txt", "%0A::warning::w.txt"],
    ["$(touch pwned).txt", "`touch pwned2`.txt"],
    ["*ü é?.txt", "[klik](x) | # kop.txt"],
    ["-rf.txt", "--help.txt"],
    ["brief\u202etxt.exe.txt", "\x1b[31mrood.txt"],
    ["x" * 200 + ".txt"],
    ["'\"; drop.txt", "a\tb.txt"],
    [os.fsdecode(b"\xff\xfe.txt"), "goed.txt"],
    ["README.txt", ".verborgen.txt", "geen-brief.exe"],
    ["brief.TXT", "brief.Md"],
    ["\u2028\u2029\x85.txt", "a\x7fb.txt"],
]
"""Hostile names for the Action: one set a run. A name that is no UTF-8 is refused (an error
annotation, and the run fails at its end); README, hidden and .exe files are no letters."""
