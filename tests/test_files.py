"""Reading letter files: encodings, size and type checks, the file's name and hash."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from conftest import SEEDS

from tracker.errors import ExtractionError, InputError
from tracker.read.files import MAX_BYTES, document_from_bytes, load_document, sniff_name

LETTER = (
    "Geachte voorzitter,\n\n"
    "Nederland heeft sinds de aanvang van de oorlog circa €14,3 mld. aan militaire steun aan "
    "Oekraïne begroot. Het kabinet roept internationaal op tot burden-sharing.\n\n"
    "Financiële stand van zaken\n"
    "De totale waarde van de geleverde militaire steun bedroeg op 2 februari 2026 ca. €11,7 mld.\n"
)


def test_source_is_the_file_name_and_sha256_the_bytes() -> None:
    path = SEEDS["delivery"]
    doc = load_document(path)
    assert doc.meta.source == "2026-02-27-leveringen-militaire-goederen.txt"
    assert doc.meta.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert document_from_bytes(path.read_bytes(), path.name) == doc


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252", "latin-1", "utf-16"])
def test_encodings_are_decoded_not_mangled(tmp_path: Path, encoding: str) -> None:
    text = LETTER if encoding != "latin-1" else LETTER.replace("€", "EUR ")
    path = tmp_path / "brief.txt"
    path.write_bytes(text.encode(encoding))
    doc = load_document(path)
    body = " ".join(s.text for s in doc.sections)
    assert "Financiële" in (doc.sections[-1].heading or "")
    assert "Oekraïne" in body
    assert ("€14,3 mld." if encoding != "latin-1" else "EUR 14,3 mld.") in body


def test_windows_line_endings(tmp_path: Path) -> None:
    path = tmp_path / "brief.txt"
    path.write_bytes(LETTER.replace("\n", "\r\n").encode("utf-8"))
    assert load_document(path).sections[-1].heading == "Financiële stand van zaken"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, "binary"),
        (b"\x01\x02\x03\x04\x05\x06 hello " * 40, "binary"),
        (b"   \n\n \t \n", "no letter text"),
        # What a PDF with a broken font map gives: symbols and digits, hardly a letter.
        ("■□▪▫◆◇●○ 12 34 56 78 90 €% ab ".encode() * 12, "garbled"),
    ],
)
def test_bad_bytes_are_refused_with_a_clear_error(data: bytes, message: str) -> None:
    with pytest.raises(InputError) as caught:
        document_from_bytes(data, "brief.txt")
    assert message in str(caught.value)
    assert str(caught.value).startswith("brief.txt: ")


def test_nearly_empty_extraction_is_an_extraction_error() -> None:
    with pytest.raises(ExtractionError):
        document_from_bytes(b"Pagina 1 van 2\n\n1\n\nwww.defensie.nl\n", "brief.txt")


def test_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        load_document(tmp_path / "missing.txt")
    with pytest.raises(InputError, match="is a directory"):
        load_document(tmp_path)


def test_unsupported_type(tmp_path: Path) -> None:
    path = tmp_path / "brief.xyz"
    path.write_text(LETTER, encoding="utf-8")
    with pytest.raises(InputError, match="unsupported file type"):
        load_document(path)


def test_over_the_size_limit(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:  # a sparse file: the size check must not read it
        handle.truncate(MAX_BYTES + 1)
    with pytest.raises(InputError, match="over the 20 MB limit"):
        load_document(path)


def test_markdown_letters_use_the_markdown_reader(tmp_path: Path) -> None:
    path = tmp_path / "brief.md"
    path.write_text(
        "# Brief\n\nEen alinea met **vet** en een [link](https://example.org) over de steun.\n\n"
        "## Kop\n\nNog een alinea over de militaire steun aan Oekraïne in 2026.\n",
        encoding="utf-8",
    )
    doc = load_document(path)
    assert doc.meta.title == "Brief"
    assert doc.sections[0].paragraphs[0].text == ("Een alinea met vet en een link over de steun.")
    assert doc.sections[1].heading == "Kop"


def test_sniff_name_for_stdin() -> None:
    assert sniff_name(b"%PDF-1.7 ...") == "stdin.pdf"
    assert sniff_name(b"PK\x03\x04 ...") == "stdin.docx"
    assert sniff_name(b"<!DOCTYPE html><html>") == "stdin.html"
    assert sniff_name(b"Geachte voorzitter,") == "stdin.txt"


def test_word_line_and_page_breaks_end_lines(tmp_path: Path) -> None:
    path = tmp_path / "brief.txt"
    text = LETTER.replace("Financiële stand van zaken\n", "\fFinanciële stand van zaken\v")
    path.write_bytes(text.encode("utf-8"))
    doc = load_document(path)
    assert doc.sections[-1].heading == "Financiële stand van zaken"


def test_mojibake_is_repaired(tmp_path: Path) -> None:
    # UTF-8 once read as Windows-1252 and saved again as UTF-8.
    path = tmp_path / "brief.txt"
    path.write_bytes(LETTER.encode("utf-8").decode("cp1252").encode("utf-8"))
    doc = load_document(path)
    body = " ".join(s.text for s in doc.sections)
    assert "Oekraïne" in body and "€14,3 mld." in body
    assert doc.sections[-1].heading == "Financiële stand van zaken"


def test_real_accents_are_not_taken_for_mojibake() -> None:
    from tracker.read.formats.text import repair_mojibake

    # One odd pair is not enough to re-decode a whole letter that has real accents too.
    text = "Het CafÃ© in Oekraïne, één keer zo geschreven."
    assert repair_mojibake(text) == text
