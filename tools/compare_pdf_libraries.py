"""Measure pypdf, pdfminer.six and pdfplumber (and the tracker's PDF reader) on the seed PDFs.

    .venv/bin/python tools/compare_pdf_libraries.py      (needs pypdf: pip install -e '.[dev]')

The reference for each letter is the Word version of the same letter, read by the Word reader
(its text comes straight from the seed). For each library the script reports, summed over the
five seed PDFs of tests/fixtures/formats/:
- words: bag-of-words F1 against the reference (missing, extra and broken words all count);
- order: difflib ratio of the word sequences (reading order, incl. two-column form);
- furniture: running headers, footers and page numbers left in the text;
- hyphens: words left broken at a line end ("ge-" + "realiseerd");
- labels: two-column form labels of seed 003 that come out whole and in order (of 7);
- table: rows of seed 000's table whose cells come out together on one line (of 5);
- seconds: time to read all five.
Prints a Markdown table; docs/pdf-readers.md holds the result and the choice.
"""

from __future__ import annotations

import difflib
import io
import itertools
import re
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
FORMATS = ROOT / "tests" / "fixtures" / "formats"
SEEDS = ["seed-000", "seed-001", "seed-002", "seed-003", "seed-004"]
LABELS = [
    "Nagestreefde doelen",
    "Ingezette beleidsinstrument(en)",
    "Financiële gevolgen voor het Rijk",
    "Financiële gevolgen voor maatschappelijke sectoren – als van toepassing",
    "Nagestreefde doeltreffendheid",
    "Nagestreefde doelmatigheid",
    "Evaluatieparagraaf (of en hoe)",
]
TABLE_ROWS = [
    "Type steun 31 aug. 2025 03 feb. 2026",
    "Directe levering (vervangingswaarde) € 2,4 mld. € 2,5 mld.",
    "Commerciële verwervingen € 6,1 mld. € 8,9 mld.",
    "NAVO-fonds € 0,18 mld. € 0,18 mld.",
    "Totaal € 8,7 mld. € 11,7 mld.",
]
FURNITURE = re.compile(
    r"^\s*(Pagina \d+ van \d+|Ministerie van Defensie|Voorjaarsnota 2025"
    r"|Tweede Kamer, vergaderjaar 2025–2026, 21 501-28, nr\. 299)\s*$",
    re.M,
)


def with_pypdf(data: bytes) -> str:
    import pypdf

    return "\n".join(page.extract_text() or "" for page in pypdf.PdfReader(io.BytesIO(data)).pages)


def with_pdfminer(data: bytes) -> str:
    from pdfminer.high_level import extract_text

    return str(extract_text(io.BytesIO(data)))


def with_pdfplumber(data: bytes) -> str:
    import pdfplumber

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


def with_tracker(data: bytes) -> str:
    from tracker.read.formats import pdf

    return plain(pdf.read(data).text)


def plain(markdown: str) -> str:
    """Markdown markup removed: the words as a reader sees them."""
    text = re.sub(r"\[\^[^\]]+\]:?", " ", markdown)
    text = re.sub(r"^#+ |^\| --- .*$|\\", "", text, flags=re.M)
    return text.replace("|", " ")


def words(text: str) -> list[str]:
    text = text.replace("\u00a0", " ").replace("\u2011", "-")
    return [w for w in re.split(r"\s+", text) if w and not re.fullmatch(r"[\d*]{1,2}", w)]


def measure(extract: Callable[[bytes], str]) -> dict[str, float]:
    from tracker.read.formats import docx

    totals: Counter[str] = Counter()
    for seed in SEEDS:
        data = (FORMATS / f"{seed}.pdf").read_bytes()
        start = time.perf_counter()
        text = extract(data)
        totals["seconds"] += time.perf_counter() - start
        reference = plain(docx.read((FORMATS / f"{seed}.docx").read_bytes()).text)
        got, want = words(text), words(reference)
        common = sum((Counter(got) & Counter(want)).values())
        totals["common"] += common
        totals["got"] += len(got)
        totals["want"] += len(want)
        totals["order"] += difflib.SequenceMatcher(None, got, want, autojunk=False).ratio()
        lines = [line.strip() for line in text.splitlines()]
        # The letterhead's own "Ministerie van Defensie" line is text, not furniture.
        totals["furniture"] += len(FURNITURE.findall(text)) - (seed in ("seed-000", "seed-002"))
        vocabulary = {w.casefold() for w in want}
        for line, after in itertools.pairwise(lines):
            tail = re.search(r"(\w+)-$", line)
            head = re.match(r"(\w+)", after)
            if tail and head and (tail.group(1) + head.group(1)).casefold() in vocabulary:
                totals["hyphens"] += 1
        flat = " ".join(got)
        if seed == "seed-003":
            # A label counts when it comes out whole and directly before its own text.
            for label in LABELS:
                after = reference.split(label, 1)[1].split()[:4]
                totals["labels"] += " ".join([label, *after]) in flat
        if seed == "seed-000":
            # A row counts when its cells come out together on one line, in order (a footnote
            # number glued to a cell is forgiven).
            joined = [" ".join(re.sub(r"(?<=[a-zë])\d\b", "", ln).split()) for ln in lines]
            totals["table"] += sum(1 for row in TABLE_ROWS if row in joined)
    return {
        "words": 2 * totals["common"] / (totals["got"] + totals["want"]),
        "order": totals["order"] / len(SEEDS),
        "furniture": totals["furniture"],
        "hyphens": totals["hyphens"],
        "labels": totals["labels"],
        "table": totals["table"],
        "seconds": totals["seconds"],
    }


def structure_agreement() -> None:
    """Outline and figures of pdfplumber's text through the plain parser vs. the reader's
    Markdown, each against the seed's text version (Dice of headings; figures by value)."""
    import pdfplumber

    from tracker.figures.find import find_figures
    from tracker.model import Document
    from tracker.read.files import load_document
    from tracker.read.parse import parse

    texts = {
        "seed-000": "2026-02-27-leveringen-militaire-goederen.txt",
        "seed-001": "2025-09-10-nieuwsbericht-militaire-steun.txt",
        "seed-002": "2025-11-27-antwoorden-kamervragen.txt",
        "seed-003": "2025-04-15-voorjaarsnota-cw-3-1.txt",
        "seed-004": "2026-03-04-verslag-defensieraad-navo.txt",
    }

    def outline(doc: Document) -> list[str]:
        return [" ".join(s.heading.split()).casefold() for s in doc.sections if s.heading]

    def values(doc: Document) -> Counter[tuple[str, str]]:
        return Counter((str(f.value.normalize()), f.unit) for f in find_figures(doc))

    def dice(same: int, a: int, b: int) -> float:
        return 1.0 if a + b == 0 else 2 * same / (a + b)

    print("\n| seed | plain: outline | plain: figures | Markdown: outline | Markdown: figures |")
    print("| --- | --- | --- | --- | --- |")
    for seed, name in texts.items():
        reference = load_document(ROOT / "letters" / "oekraine-steun" / name)
        with pdfplumber.open(FORMATS / f"{seed}.pdf") as document:
            plain_text = "\n".join(page.extract_text() or "" for page in document.pages)
        cells = []
        for doc in (parse(plain_text, "plain"), load_document(FORMATS / f"{seed}.pdf")):
            a, b = outline(reference), outline(doc)
            blocks = difflib.SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks()
            fa, fb = values(reference), values(doc)
            cells.append(f"{dice(sum(m.size for m in blocks), len(a), len(b)):.0%}")
            cells.append(f"{dice(sum((fa & fb).values()), sum(fa.values()), sum(fb.values())):.0%}")
        print(f"| {seed} | " + " | ".join(cells) + " |")


def main() -> int:
    rows = [
        ("pypdf", with_pypdf),
        ("pdfminer.six", with_pdfminer),
        ("pdfplumber", with_pdfplumber),
        ("tracker.read.formats.pdf (pdfplumber words + layout rules)", with_tracker),
    ]
    print("| extractor | words F1 | order | furniture left | broken hyphens | form labels (of 7) "
          "| table rows (of 5) | seconds |")  # fmt: skip
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    for name, extract in rows:
        m = measure(extract)
        print(
            f"| {name} | {m['words']:.3f} | {m['order']:.3f} | {m['furniture']:.0f} "
            f"| {m['hyphens']:.0f} | {m['labels']:.0f} | {m['table']:.0f} | {m['seconds']:.1f} |"
        )
    structure_agreement()
    return 0


if __name__ == "__main__":
    sys.exit(main())
