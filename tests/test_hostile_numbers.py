"""Malformed and outsized numbers in a letter: never an exception, never a figure.

Each sentence is put into a real seed letter and run through the real command line: `show` in
every format, `compare` in every format, and `ingest` into a real git repository.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from history_repos import SEEDS, SERIES, commits, make_repo, run_main, status
from hypothesis import given, settings
from hypothesis import strategies as st

from tracker.figures.bounded import MAX_DIGITS, read_number
from tracker.figures.quantities import find_quantities

LETTER = SEEDS / "2026-02-27-leveringen-militaire-goederen.txt"

# The campaign's reproducers, and their kin: what each breaks is in the comment.
MALFORMED = {
    "division-by-zero": "Het budget groeit met 1/0 procent.",  # DivisionByZero
    "mixed-zero": "De rente stijgt 4-1/0 procent.",  # DivisionByZero in a mixed fraction
    "two-groups": "De steun is € 13,613,6 miljard.",  # ConversionSyntax
    "two-marks": "De steun is € 1.2.3,4,5 miljard.",  # ConversionSyntax
    "400-zeros": "De steun is € 1" + "0" * 400 + " miljard.",  # InvalidOperation in tidy
    "5000-digits": "Er zijn " + "7" * 5000 + " militairen getraind.",  # int-to-str limit
    "5000-digit-fraction": "Het is " + "3" * 5000 + "/7 procent.",  # int() from a string
    "huge-scaled": "De steun is € " + "9" * 40 + " biljoen.",  # beyond Decimal's precision
}


def _letter_with(tmp_path: Path, sentence: str, name: str = "2026-03-01-brief.txt") -> Path:
    text = LETTER.read_text(encoding="utf-8") + f"\n{sentence}\n"
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("case", sorted(MALFORMED))
@pytest.mark.parametrize("fmt", ["text", "json", "markdown"])
def test_show_reads_a_letter_with_a_malformed_number(tmp_path: Path, case: str, fmt: str) -> None:
    letter = _letter_with(tmp_path, MALFORMED[case])
    shown = run_main(tmp_path, "show", "--format", fmt, letter.name)
    assert shown.returncode == 0, shown.stderr
    assert shown.stderr == ""
    if fmt == "json":
        figures = json.loads(shown.stdout)["figures"]
        # The malformed number is not a figure; the letter's real figures still are.
        assert figures
        assert all(len(str(f["value"])) < 40 for f in figures)


@pytest.mark.parametrize("case", ["division-by-zero", "two-groups", "400-zeros", "5000-digits"])
@pytest.mark.parametrize("fmt", ["markdown", "json", "terminal"])
def test_compare_reads_a_letter_with_a_malformed_number(
    tmp_path: Path, case: str, fmt: str
) -> None:
    letter = _letter_with(tmp_path, MALFORMED[case])
    compared = run_main(tmp_path, "compare", "--format", fmt, str(LETTER), letter.name)
    assert compared.returncode == 0, compared.stderr
    assert compared.stderr == ""
    if fmt == "json":
        json.loads(compared.stdout)


def test_ingest_of_a_letter_with_malformed_numbers_commits_it(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "repo", [LETTER.name])
    folder = root / "letters" / SERIES
    for i, case in enumerate(sorted(MALFORMED)):
        _letter_with(folder, MALFORMED[case], f"2026-03-{i + 1:02d}-{case}.txt")
    ingested = run_main(root, "ingest", "letters")
    assert ingested.returncode == 0, ingested.stderr
    assert len(commits(root)) == 2 + len(MALFORMED)
    assert status(root) == ""
    shown = run_main(root, "figures", SERIES, "--format", "json")
    assert shown.returncode == 0, shown.stderr
    assert run_main(root, "rebuild", "--check").returncode == 0


@pytest.mark.parametrize(
    ("raw", "language", "expected"),
    [
        ("14,3", "nl", (Decimal("14.3"), 1)),
        ("60.000", "nl", (Decimal(60000), 0)),
        ("1,015", "en", (Decimal(1015), 0)),
        ("4-1/4", "en", (Decimal("4.25"), 2)),
        ("1/0", "nl", None),
        ("4-1/0", "en", None),
        ("13,613,6", "nl", None),
        ("13,613,6", "en", None),
        ("1.2.3,4,5", "nl", None),
        ("1" + "0" * (MAX_DIGITS - 1), "nl", (Decimal(10) ** (MAX_DIGITS - 1), 0)),
        ("1" + "0" * MAX_DIGITS, "nl", None),
        ("7" * 5000, "en", None),
    ],
)
def test_read_number_gives_a_value_or_none(
    raw: str, language: str, expected: tuple[Decimal, int] | None
) -> None:
    assert read_number(raw, language) == expected  # type: ignore[arg-type]


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet="0123456789.,/-\u2011¼½¾", min_size=1, max_size=60),
    st.sampled_from(["nl", "en"]),
)
def test_read_number_never_raises(raw: str, language: str) -> None:
    found = read_number(raw, language)  # type: ignore[arg-type]
    if found is not None:
        value, decimals = found
        assert value.is_finite() and decimals >= 0
        assert len(format(abs(value), "f").partition(".")[0]) <= MAX_DIGITS


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.text(alphabet="0123456789.,/- ", min_size=1, max_size=30),
            st.sampled_from(
                ["€", "$", "EUR ", " miljard", " mld.", " procent", "%", " billion", " militairen"]
            ),
            st.integers(1, 60).map(lambda n: "9" * n),
        ),
        max_size=12,
    ).map("".join),
    st.sampled_from(["nl", "en"]),
)
def test_find_quantities_never_raises_and_bounds_values(text: str, language: str) -> None:
    for quantity in find_quantities(text, language):  # type: ignore[arg-type]
        for value in (quantity.value, quantity.high):
            if value is not None:
                assert value.is_finite()
                assert abs(value) < Decimal(10) ** (MAX_DIGITS + 12)
