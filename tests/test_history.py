"""Ingest, rebuild and the series files, on real git repositories holding the seed letters."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from git import Repo
from history_repos import (
    BY_DATE,
    SEEDS,
    SERIES,
    commits,
    make_repo,
    run_cli,
    run_main,
    status,
    tree,
)

from tracker.errors import HistoryError
from tracker.history.index import entries_from_csv
from tracker.history.ingest import ingest
from tracker.history.series import rebuild


@pytest.fixture(scope="module")
def in_order(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The seed series ingested in date order, letter by letter (built once)."""
    root = make_repo(tmp_path_factory.mktemp("in-order"))
    for name in BY_DATE:
        ingest(root, [root / "letters" / SERIES / name])
    yield root


def test_one_commit_per_letter_naming_series_date_title_and_changes(in_order: Path) -> None:
    messages = commits(in_order)
    assert len(messages) == 1 + len(BY_DATE)
    newest = messages[0]
    assert newest.startswith(f"{SERIES}: 2026-03-04 ")
    # A council report after a delivery letter: its sections are new, its figures too.
    assert "7 sections added, 7 removed; " in newest and " not repeated" in newest
    # The delivery letter's subject names its largest moves, against the last report of each.
    delivery = messages[1].splitlines()
    assert delivery[0].startswith(f"{SERIES}: 2026-02-27 Leveringen militaire goederen")
    assert "€ 8,7 miljard → €11,7 mld." in delivery[0]
    assert "€ 13,6 miljard → €14,3 mld." in delivery[0]
    assert "4 figures changed" in messages[1]  # budget, delivered, direct, commercial
    assert messages[-2].startswith(f"{SERIES}: 2025-04-15 ")
    assert "first letter of the series" in messages[-2]
    assert status(in_order) == ""


def test_layout_has_snapshot_and_report_per_letter(in_order: Path) -> None:
    files = tree(in_order)
    for name in BY_DATE:
        stem = name.removesuffix(".txt")
        assert f"snapshots/{SERIES}/{stem}.md" in files
        assert f"reports/{SERIES}/{stem}.md" in files
        assert files[f"reports/{SERIES}/{stem}.html"].startswith(b"<!DOCTYPE html>")
    assert files[f"reports/{SERIES}/feed.xml"].startswith(b"<?xml")
    index = files[f"reports/{SERIES}/README.md"].decode()
    assert "## Timeline" in index and "xychart-beta" in index
    assert "[feed.xml](feed.xml)" in index
    for name in BY_DATE:
        assert f"({name.removesuffix('.txt')}.md)" in index
        assert f"[side by side]({name.removesuffix('.txt')}.html)" in index
    entries = entries_from_csv(files[f"reports/{SERIES}/letters.csv"].decode())
    assert [e.date.isoformat() for e in entries] == [n[:10] for n in BY_DATE]
    assert [e.predecessor for e in entries][1:] == [n.removesuffix(".txt") for n in BY_DATE][:-1]
    report = files[f"reports/{SERIES}/2026-02-27-leveringen-militaire-goederen.md"].decode()
    assert "(2025-11-27-antwoorden-kamervragen.md)" in report  # compared with its predecessor


def test_reingest_changes_nothing_and_makes_no_commit(in_order: Path) -> None:
    before = (commits(in_order), tree(in_order))
    results = ingest(in_order, [in_order / "letters"])
    assert [r.status for r in results] == ["duplicate"] * len(BY_DATE)
    assert not any(r.committed for r in results)
    assert (commits(in_order), tree(in_order)) == before
    proc = run_main(in_order, "ingest", "letters")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.count("already in the series") == len(BY_DATE)
    assert commits(in_order) == before[0]


def test_rebuild_check_passes_then_detects_a_hand_edit(in_order: Path, tmp_path: Path) -> None:
    root = tmp_path / "copy"
    shutil.copytree(in_order, root)
    assert rebuild(root, check=True) == []
    assert run_main(root, "rebuild", "--check").returncode == 0
    report = root / "reports" / SERIES / "2025-09-10-nieuwsbericht-militaire-steun.md"
    report.write_text(report.read_text(encoding="utf-8") + "\nA hand edit.\n", encoding="utf-8")
    proc = run_main(root, "rebuild", "--check")
    assert proc.returncode == 1
    assert "reports/oekraine-steun/2025-09-10-nieuwsbericht-militaire-steun.md" in proc.stdout
    assert "A hand edit." in report.read_text(encoding="utf-8")  # --check writes nothing
    assert run_main(root, "rebuild").returncode == 0
    assert tree(root) == tree(in_order)


def test_shuffled_order_gives_the_same_files(in_order: Path, tmp_path: Path) -> None:
    root = make_repo(tmp_path / "shuffled")
    results = []
    for position in (3, 0, 4, 2, 1):
        results += ingest(root, [root / "letters" / SERIES / BY_DATE[position]])
    assert tree(root) == tree(in_order)
    assert rebuild(root, check=True) == []
    assert status(root) == ""
    # 2025-11-27 arrived after 2026-02-27: the later letter's report was regenerated with it.
    late = next(r for r in results if r.date == dt.date(2025, 11, 27))
    assert late.regenerated == (f"reports/{SERIES}/2026-02-27-leveringen-militaire-goederen.md",)
    with Repo(root) as repo:
        changed = sorted(repo.commit(late.commit).stats.files)
    assert f"reports/{SERIES}/2026-02-27-leveringen-militaire-goederen.md" in changed


def test_whole_folder_ingest_equals_letter_by_letter(in_order: Path, tmp_path: Path) -> None:
    root = make_repo(tmp_path / "folder")
    results = ingest(root, [root / "letters"])
    assert [r.status for r in results] == ["new"] * len(BY_DATE)
    assert all(r.committed for r in results)
    assert tree(root) == tree(in_order)


def test_user_work_is_left_alone(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "user", BY_DATE[:1])
    (root / "notes.md").write_text("Edited, staged.\n", encoding="utf-8")
    (root / "draft.txt").write_text("Untracked.\n", encoding="utf-8")
    with Repo(root) as repo:
        repo.index.add(["notes.md"])
    ingest(root, [root / "letters"])
    with Repo(root) as repo:
        committed = set(repo.head.commit.stats.files)
        assert "notes.md" not in committed and "draft.txt" not in committed
        staged = repo.git.diff("--cached", "--name-only").split()
    assert staged == ["notes.md"]
    assert "?? draft.txt" in status(root)


def test_a_correction_is_recorded_against_the_letter_it_replaces(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "correction", BY_DATE[2:4])
    ingest(root, [root / "letters"])
    original = (SEEDS / BY_DATE[3]).read_text(encoding="utf-8")
    assert "€14,3 mld." in original
    corrected = root / "letters" / SERIES / "2026-02-27-leveringen-militaire-goederen-herzien.txt"
    corrected.write_text(original.replace("€14,3 mld.", "€14,4 mld."), encoding="utf-8")
    (result,) = ingest(root, [corrected])
    assert result.status == "correction"
    assert result.corrects == f"snapshots/{SERIES}/2026-02-27-leveringen-militaire-goederen.md"
    report = (root / result.report).read_text(encoding="utf-8")
    assert "correction" in report
    assert "(2026-02-27-leveringen-militaire-goederen.md)" in report
    entries = entries_from_csv((root / "reports" / SERIES / "letters.csv").read_text())
    superseded = [e.letter for e in entries if e.superseded]
    assert superseded == ["2026-02-27-leveringen-militaire-goederen"]
    assert rebuild(root, check=True) == []


def test_two_letters_on_one_date_are_both_kept(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "same-date", BY_DATE[3:4])
    other = (SEEDS / BY_DATE[4]).read_text(encoding="utf-8")
    assert "4 maart 2026" in other
    same_day = root / "letters" / SERIES / "2026-02-27-verslag-defensieraad-navo.txt"
    same_day.write_text(other.replace("4 maart 2026", "27 februari 2026"), encoding="utf-8")
    results = ingest(root, [root / "letters"])
    assert [r.status for r in results] == ["new", "new"]
    entries = entries_from_csv((root / "reports" / SERIES / "letters.csv").read_text())
    assert [e.date for e in entries] == [dt.date(2026, 2, 27)] * 2
    assert not any(e.superseded for e in entries)


def test_letter_from_outside_the_repository_is_copied_under_a_safe_name(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "outside", [])
    hostile = tmp_path / "in\x1bbox" / "2026-02-27-brief\x07.txt"
    hostile.parent.mkdir()
    shutil.copyfile(SEEDS / BY_DATE[3], hostile)
    with pytest.raises(HistoryError, match="which series"):
        ingest(root, [hostile])
    with pytest.raises(HistoryError, match="invalid series"):
        ingest(root, [hostile], series="../escape")
    (result,) = ingest(root, [hostile], series="Oekraïne steun")
    assert result.letter == f"letters/{SERIES}/2026-02-27-brief.txt"
    assert (root / result.letter).read_bytes() == hostile.read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in\x1bbox", "outside"]


def test_a_letter_without_a_date_needs_one(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "undated", [])
    letter = tmp_path / "brief.md"
    letter.write_text(
        "# Steun aan Oekraïne\n\nNederland heeft circa €14,3 mld. aan militaire steun begroot.\n",
        encoding="utf-8",
    )
    proc = run_main(root, "ingest", str(letter), "--series", SERIES)
    assert proc.returncode == 2
    assert proc.stderr.startswith("tracker: error: brief.md: no date")
    assert "--date" in proc.stderr and "Traceback" not in proc.stderr
    assert commits(root) == ["start"]
    proc = run_main(root, "ingest", str(letter), "--series", SERIES, "--date", "2026-01-05")
    assert proc.returncode == 0, proc.stderr
    assert (root / "snapshots" / SERIES / "2026-01-05-brief.md").exists()


def test_history_and_figures_commands(in_order: Path) -> None:
    proc = run_main(in_order, "history")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith(f"{SERIES} (5 letters)")
    assert "2025-04-15" in proc.stdout and "first letter of the series" in proc.stdout
    proc = run_main(in_order, "figures", SERIES, "--format", "json")
    assert proc.returncode == 0, proc.stderr
    ledger = json.loads(proc.stdout)
    assert [e["date"] for e in ledger["letters"]] == [n[:10] for n in BY_DATE]
    assert ledger["figures"]
    for figure in ledger["figures"]:
        dates = [v["date"] for v in figure["values"]]
        assert dates == sorted(dates)
        assert figure["last_seen"] == max(v["date"] for v in figure["values"] if not v["carried"])
    table = run_main(in_order, "figures", SERIES)
    assert table.returncode == 0 and table.stdout.startswith("figure")
    assert run_main(in_order, "figures", "no-such-series").returncode == 2


def test_a_figure_keeps_its_identity_when_it_skips_a_letter(in_order: Path) -> None:
    """The budgeted military support is in 003, 001 and 000, not in 002 (2025-11-27)."""
    proc = run_main(in_order, "figures", SERIES, "--format", "json")
    ledger = json.loads(proc.stdout)

    def reported(figure: dict[str, Any]) -> dict[str, str]:
        return {v["date"]: v["text"] for v in figure["values"] if not v["carried"]}

    budget = [
        f
        for f in ledger["figures"]
        if "13,6" in reported(f).get("2025-09-10", "")
        and "14,3" in reported(f).get("2026-02-27", "")
    ]
    assert len(budget) == 1
    # Nothing stands under a letter that does not report it: no value is carried forward.
    assert "2025-11-27" not in {v["date"] for v in budget[0]["values"]}
    assert not any(v["carried"] for f in ledger["figures"] for v in f["values"])
    assert budget[0]["last"]["date"] == "2026-02-27" and "14,3" in budget[0]["last"]["text"]
    # The 2026-02-27 value is compared with the last letter that reported it.
    latest = next(v for v in budget[0]["values"] if v["date"] == "2026-02-27")
    assert latest["compared_with"] == "2025-09-10-nieuwsbericht-militaire-steun"


def test_hostile_series_name_on_the_command_line(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "hostile", BY_DATE[:1])
    proc = run_cli(root, "ingest", "letters", "--series", "../../x")
    assert proc.returncode == 2
    assert proc.stderr.count("\n") == 1 and "invalid series name" in proc.stderr
    assert not (tmp_path / "x").exists()
    assert commits(root) == ["start"]


def test_outside_a_repository_is_a_clear_error(tmp_path: Path) -> None:
    proc = run_main(tmp_path, "history")
    assert proc.returncode == 2
    assert "not inside a git repository" in proc.stderr


def test_init_makes_a_tracking_repository(tmp_path: Path) -> None:
    target = tmp_path / "tracking"
    proc = run_main(tmp_path, "init", str(target), "--action", "./")
    assert proc.returncode == 0, proc.stderr
    assert (target / ".git").is_dir() and (target / "letters").is_dir()
    workflow = (target / ".github" / "workflows" / "track-letters.yml").read_text()
    assert "uses: ./" in workflow
    assert run_main(tmp_path, "init", str(target)).stdout.count("created") == 0


SERIES_FIXTURES = Path(__file__).resolve().parent / "fixtures" / "history"
FOMC = ["fomc-statements-2022-2023", "fomc-statements-2024-2025"]


def test_a_long_real_series_appended_letter_by_letter_equals_its_rebuild(tmp_path: Path) -> None:
    """28 FOMC statements: longer than the index window and the figures' gap, and long enough
    that rebuild compares in worker processes while each append reads only the end."""
    root = make_repo(tmp_path / "fomc", [])
    folder = root / "letters" / "fomc"
    folder.mkdir(parents=True)
    for name in FOMC:
        for letter in sorted((SERIES_FIXTURES / name).glob("*.txt")):
            shutil.copyfile(letter, folder / letter.name)
    results = ingest(root, [folder], commit=False)
    assert len(results) == 28
    assert [r.status for r in results] == ["new"] * len(results)
    assert not any(r.regenerated for r in results)  # every letter appended at the end
    assert rebuild(root, check=True) == []
    index = (root / "reports" / "fomc" / "README.md").read_text(encoding="utf-8")
    assert f"the last 12 of {len(results)} letters" in index


def test_rebuild_drops_the_report_of_a_removed_snapshot_and_keeps_other_files(
    in_order: Path, tmp_path: Path
) -> None:
    root = tmp_path / "removed"
    shutil.copytree(in_order, root)
    stem = BY_DATE[-1].removesuffix(".txt")
    (root / "snapshots" / SERIES / f"{stem}.md").unlink()
    note = root / "reports" / SERIES / "notes.md"
    note.write_text("A person's notes.\n", encoding="utf-8")
    differing = rebuild(root, check=True)
    assert f"reports/{SERIES}/{stem}.md" in differing
    assert f"reports/{SERIES}/{stem}.html" in differing
    assert f"reports/{SERIES}/notes.md" not in differing
    rebuild(root)
    assert not (root / "reports" / SERIES / f"{stem}.md").exists()
    assert not (root / "reports" / SERIES / f"{stem}.html").exists()
    assert note.exists()
    entries = entries_from_csv((root / "reports" / SERIES / "letters.csv").read_text())
    assert [e.letter for e in entries] == [n.removesuffix(".txt") for n in BY_DATE[:-1]]
    assert rebuild(root, check=True) == []


def test_a_second_ingest_waits_for_the_lock_then_gives_up_cleanly(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "locked", BY_DATE[:1])
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time\n"
            "from pathlib import Path\n"
            "from tracker.history.lock import repo_lock\n"
            "with repo_lock(Path(sys.argv[1])):\n"
            "    print('locked', flush=True)\n"
            "    time.sleep(60)\n",
            str(root / ".git" / "tracker.lock"),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        env = {**os.environ, "TRACKER_LOCK_WAIT": "0.5"}
        proc = run_cli(root, "ingest", "letters", env=env)
        assert proc.returncode == 2
        assert "waiting for another tracker run" in proc.stderr
        assert f"another tracker run (pid {holder.pid}) is writing to this repository" in (
            proc.stderr
        )
        assert "Traceback" not in proc.stderr
        assert commits(root) == ["start"] and not (root / "snapshots").exists()
    finally:
        holder.kill()
        holder.wait()
        assert holder.stdout is not None
        holder.stdout.close()
    assert run_main(root, "ingest", "letters").returncode == 0  # the lock died with its holder


def test_no_commit_writes_the_files_and_leaves_committing_to_the_user(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "no-commit", BY_DATE[:2])
    proc = run_main(root, "ingest", "letters", "--no-commit")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.count("not committed") == 2
    assert commits(root) == ["start"]
    assert (root / "reports" / SERIES / "README.md").exists()
    assert rebuild(root, check=True) == []
    assert "?? reports/" in status(root) and "?? snapshots/" in status(root)


def test_appending_gives_what_rebuilding_gives_on_treasury_estimates(tmp_path: Path) -> None:
    """Sixteen US Treasury borrowing estimates: many figures share a label, so appending must
    number new identities exactly as a rebuild does."""
    root = make_repo(tmp_path / "treasury", [])
    folder = root / "letters" / "treasury"
    folder.mkdir(parents=True)
    name = "us-treasury-marketable-borrowing-estimates-2022-2025"
    for letter in sorted((SERIES_FIXTURES / name).glob("*.txt")):
        shutil.copyfile(letter, folder / letter.name)
    results = ingest(root, [folder], commit=False)
    assert len(results) == 16 and not any(r.regenerated for r in results)
    ledger = (root / "reports" / "treasury" / "figures.csv").read_text(encoding="utf-8")
    assert "-usd-2," in ledger  # identities numbered within one letter
    assert rebuild(root, check=True) == []


SERIES_GOLDEN = Path(__file__).resolve().parent / "golden" / "series"
DELIVERY = "2026-02-27-leveringen-militaire-goederen"


@pytest.mark.parametrize("name", ["README.md", f"{DELIVERY}.md", f"commit-{DELIVERY}.txt"], ids=str)
def test_golden_series_outputs(in_order: Path, name: str) -> None:
    """The seed series' index, the day report of the delivery letter and its commit message,
    as a person read them; `make golden` rewrites them."""
    if name.startswith("commit-"):
        got = next(m for m in commits(in_order) if m.startswith(f"{SERIES}: 2026-02-27 ")) + "\n"
    else:
        got = (in_order / "reports" / SERIES / name).read_text(encoding="utf-8")
    expected = SERIES_GOLDEN / name
    if os.environ.get("TRACKER_UPDATE_GOLDEN") == "1":
        expected.parent.mkdir(parents=True, exist_ok=True)
        expected.write_text(got, encoding="utf-8")
    assert got == expected.read_text(encoding="utf-8")
