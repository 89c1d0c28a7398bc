"""A series follows each quantity across letters: the latest reading continues its row, a
month said again joins that month's report, and growth of one thing never joins another's."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from tracker.history.build import derive
from tracker.history.layout import ledger_path
from tracker.history.ledger_csv import rows_from_csv
from tracker.read.files import document_from_bytes
from tracker.read.snapshot import to_markdown

SERIES = "statements"

LETTERS = {
    "2024-06-06-statement": (
        "Monetary policy statement\n\n6 June 2024\n\n"
        "Annual inflation rose to 2.6 per cent in May, from 2.4 per cent in April. Staff see "
        "real GDP growth averaging 0.9 per cent in 2025 and 1.1 per cent in 2026.\n"
    ),
    "2024-07-18-statement": (
        "Monetary policy statement\n\n18 July 2024\n\n"
        "Annual inflation eased to 2.5 per cent in June, from 2.6 per cent in May. Staff see "
        "the economy growing by 1.0 per cent in 2025 and 1.2 per cent in 2026. The staff "
        "projections see wage growth falling to below 3 per cent in 2026.\n"
    ),
}


ECB = Path(__file__).parent / "fixtures" / "corpus" / "ecb-monetary-policy-statements-2024-2025"


def _rows(letters: dict[str, bytes] | None = None) -> dict[str, list[tuple[str, Decimal, str]]]:
    given = letters or {stem: text.encode() for stem, text in LETTERS.items()}
    texts = {
        stem: to_markdown(document_from_bytes(data, f"{stem}.txt")) for stem, data in given.items()
    }
    ledger = derive(SERIES, texts).files[ledger_path(SERIES)]
    by_identity: dict[str, list[tuple[str, Decimal, str]]] = {}
    for row in rows_from_csv(ledger):
        by_identity.setdefault(row.figure, []).append((row.letter[:10], row.value, row.status))
    return by_identity


def test_the_latest_reading_continues_and_the_month_said_again_joins_its_report() -> None:
    # "Annual inflation rose to 2.6 per cent in May", then "eased to 2.5 per cent in June,
    # from 2.6 per cent in May": June continues the reading, May is said again.
    rows = _rows(
        {
            f"{date}-ecb-mp-statement": (ECB / f"{date}_ecb-mp-statement.txt").read_bytes()
            for date in ("2024-06-06", "2024-07-18")
        }
    )
    inflation = next(r for r in rows.values() if ("2024-06-06", Decimal("2.6"), "new") in r)
    assert ("2024-07-18", Decimal("2.5"), "changed") in inflation
    assert ("2024-07-18", Decimal("2.6"), "restated") in inflation


def test_growth_of_the_economy_is_one_quantity_and_wage_growth_another() -> None:
    rows = _rows()
    growth_2026 = next(r for r in rows.values() if ("2024-06-06", Decimal("1.1"), "new") in r)
    assert ("2024-07-18", Decimal("1.2"), "changed") in growth_2026
    assert all(value != Decimal("3") for _, value, _ in growth_2026)
    wage = [r for r in rows.values() if any(value == Decimal("3") for _, value, _ in r)]
    assert wage == [[("2024-07-18", Decimal("3"), "new")]]
