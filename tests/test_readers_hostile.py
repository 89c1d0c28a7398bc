"""Hostile files through the real CLI: one clear line on stderr, exit 2, quickly."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from tracker.errors import TrackerError
from tracker.read.files import load_document

HOSTILE = Path(__file__).resolve().parent / "fixtures" / "formats" / "hostile"
# Each file must be refused well before this; a hang or a blow-up would take far longer.
SECONDS = 20

CASES = [
    ("encrypted.pdf", "encrypted with a password"),
    ("scanned.pdf", "no text layer"),
    ("truncated.pdf", "damaged or truncated"),
    ("corrupt.pdf", "damaged or truncated"),
    ("truncated.docx", "damaged or truncated"),
    ("zip-bomb.docx", "zip bomb"),
    ("pdf-bomb.pdf", "decompression bomb"),
    ("pdf-named.docx", "is a PDF, not a Word file"),
    ("docx-named.pdf", "not a PDF"),
    ("pdf-named.txt", "binary"),
    ("binary.html", "not HTML"),
]


@pytest.mark.parametrize(("name", "message"), CASES)
def test_hostile_file_is_refused_with_a_clear_error(name: str, message: str) -> None:
    start = time.monotonic()
    with pytest.raises(TrackerError) as caught:
        load_document(HOSTILE / name)
    assert time.monotonic() - start < SECONDS
    line = str(caught.value)
    assert message in line
    assert name in line  # the message says which file
    assert "\n" not in line
    assert caught.value.hint  # and what to do about it


@pytest.mark.parametrize("name", ["zip-bomb.docx", "encrypted.pdf", "pdf-named.txt"])
def test_cli_refuses_hostile_file_with_one_line_and_exit_2(name: str) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "tracker", "show", str(HOSTILE / name)],
        capture_output=True,
        text=True,
        timeout=SECONDS * 3,
    )
    assert proc.returncode == 2, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith("tracker: error: ") and name in lines[0]
    assert "Traceback" not in proc.stderr
    assert proc.stdout == ""


def test_zip_bomb_is_refused_before_it_is_inflated() -> None:
    from tracker.errors import InputError
    from tracker.read.formats import docx

    data = (HOSTILE / "zip-bomb.docx").read_bytes()
    assert len(data) < 1_000_000  # 200 MB of XML inside
    with pytest.raises(InputError, match="209,715,346 bytes"):
        docx.read(data)


def test_html_nested_thousands_deep_is_refused() -> None:
    from tracker.errors import InputError
    from tracker.read.formats import html

    page = b"<html><body>" + b"<div>" * 20000 + b"tekst" + b"</div>" * 20000 + b"</body></html>"
    with pytest.raises(InputError, match="nested too deeply"):
        html.read(page)


def test_word_part_that_is_not_xml_or_expands_entities_is_refused() -> None:
    import io
    import zipfile

    from tracker.errors import InputError
    from tracker.read.formats import docx

    original = (HOSTILE.parent / "seed-001.docx").read_bytes()

    def with_document(xml: bytes) -> bytes:
        source = zipfile.ZipFile(io.BytesIO(original))
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as target:
            for item in source.infolist():
                data = source.read(item.filename)
                target.writestr(item, xml if item.filename == "word/document.xml" else data)
        return out.getvalue()

    with pytest.raises(InputError, match=r"word/document.xml is not valid XML"):
        docx.read(with_document(b"<w:document><w:body>"))
    # "Billion laughs": entities are never expanded, so the text stays empty.
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "haha"><!ENTITY b "&a;&a;&a;&a;&a;">'
        b'<!ENTITY c "&b;&b;&b;&b;&b;">]><w:document xmlns:w="'
        b'http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r>'
        b"<w:t>&c;</w:t></w:r></w:p></w:body></w:document>"
    )
    with pytest.raises(TrackerError, match="holds no text"):
        docx.read(with_document(laughs))


@pytest.mark.parametrize(
    ("name", "examples"), [("seed-001.pdf", 15), ("seed-003.docx", 40), ("seed-004.html", 40)]
)
def test_damaged_copies_of_real_files_give_text_or_a_tracker_error(
    name: str, examples: int
) -> None:
    """Flipped bytes, cut-off ends and zeroed runs: never a traceback."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from tracker.read.extract import extract

    original = (HOSTILE.parent / name).read_bytes()
    damage = st.one_of(
        st.lists(st.tuples(st.integers(0, len(original) - 1), st.integers(0, 255)), max_size=30),
        st.integers(0, len(original) - 1).map(lambda cut: [("cut", cut)]),
        st.tuples(st.integers(0, len(original) - 1), st.integers(1, 4000)).map(
            lambda span: [("zero", span)]
        ),
    )

    @settings(max_examples=examples, derandomize=True, deadline=None, database=None)
    @given(damage)
    def check(edits: list[tuple[object, object]]) -> None:
        data = bytearray(original)
        for where, what in edits:
            if where == "cut":
                data = data[: int(what)]  # type: ignore[call-overload]
            elif where == "zero":
                start, length = what  # type: ignore[misc]
                data[start : start + length] = bytes(len(data[start : start + length]))
            else:
                data[int(where)] = int(what)  # type: ignore[call-overload]
        try:
            extract(bytes(data), name)
        except TrackerError as exc:
            assert "\n" not in str(exc)

    check()
