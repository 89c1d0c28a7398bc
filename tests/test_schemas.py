"""The published contracts: schemas/*.schema.json hold every golden JSON file of the repository
and what `compare`, `show` and `figures` write today, on real letters of every format."""

from __future__ import annotations

import copy
import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import CORPUS, SEEDS
from history_repos import BY_DATE, make_repo, run_main
from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError

from tracker.render.document import SCHEMA as DOCUMENT_SCHEMA
from tracker.render.json import SCHEMA as COMPARE_SCHEMA

ROOT = Path(__file__).resolve().parents[1]
SCHEMAS = ROOT / "schemas"
FORMATS = ROOT / "tests" / "fixtures" / "formats"
FOMC = sorted((ROOT / "tests" / "fixtures" / "corpus" / "fomc-statements-2022-2023").glob("*"))
NAMES = ("tracker.compare/1", "tracker.document/1", "tracker.figures/1")


def _file(name: str) -> Path:
    """schemas/tracker.compare-1.schema.json for tracker.compare/1."""
    return SCHEMAS / f"{name.replace('/', '-')}.schema.json"


def _validator(name: str) -> Draft202012Validator:
    schema = json.loads(_file(name).read_text(encoding="utf-8"))
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


VALIDATORS = {name: _validator(name) for name in NAMES}


def check(data: dict[str, Any]) -> None:
    """Validate `data` against the schema it names; a failure lists every error."""
    errors = sorted(VALIDATORS[data["schema"]].iter_errors(data), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:10])


def _golden_json() -> list[Path]:
    """Every JSON file in the repository that claims one of the contracts."""
    skip = {".venv", "node_modules", ".git", "schemas"}
    found = []
    for path in sorted(ROOT.rglob("*.json")):
        if skip & set(path.relative_to(ROOT).parts):
            continue
        data = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(data, dict) and str(data.get("schema", "")).startswith("tracker."):
            found.append(path)
    return found


def test_each_schema_is_valid_json_schema_and_names_its_contract() -> None:
    assert sorted(p.name for p in SCHEMAS.iterdir()) == sorted(_file(n).name for n in NAMES)
    for name in NAMES:
        schema = json.loads(_file(name).read_text(encoding="utf-8"))
        Draft202012Validator.check_schema(schema)
        assert schema["title"] == name
        assert schema["properties"]["schema"] == {"const": name}
    assert {COMPARE_SCHEMA, DOCUMENT_SCHEMA} < set(NAMES)


def test_the_readme_links_every_schema() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in NAMES:
        assert f"]({_file(name).relative_to(ROOT).as_posix()})" in readme, name


def test_the_golden_files_include_every_case() -> None:
    golden = {p.relative_to(ROOT).as_posix() for p in _golden_json()}
    cases = {p.relative_to(ROOT).as_posix() for p in (ROOT / "tests" / "cases").glob("*/*.json")}
    assert cases and cases <= golden


@pytest.mark.parametrize("path", _golden_json(), ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_golden_json_holds_to_its_schema(path: Path) -> None:
    check(json.loads(path.read_text(encoding="utf-8")))


def _tracker(*args: str, cwd: Path = ROOT) -> dict[str, Any]:
    proc = run_main(cwd, *args)
    assert proc.returncode in (0, 1), proc.stderr
    data: dict[str, Any] = json.loads(proc.stdout)
    return data


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (SEEDS["news"], SEEDS["delivery"]),
        (SEEDS["questions"], SEEDS["report"]),
        (FORMATS / "seed-001.pdf", FORMATS / "seed-000.docx"),
        (FOMC[-2], FOMC[-1]),
    ],
    ids=["seeds", "seeds-answers", "pdf-to-docx", "fomc"],
)  # fmt: skip
def test_compare_json_holds_to_tracker_compare_1(old: Path, new: Path) -> None:
    data = _tracker("compare", str(old), str(new), "--format", "json")
    check(data)
    assert data["figures"], "a pair with figures, so the figure schema is exercised"


def test_show_json_holds_to_tracker_document_1() -> None:
    letters = [*SEEDS.values(), *CORPUS.values(), *sorted(FORMATS.glob("seed-000.*"))]
    for letter in letters:
        check(_tracker("show", str(letter), "--format", "json"))


def test_figures_json_holds_to_tracker_figures_1(tmp_path: Path) -> None:
    data = _tracker("figures", "oekraine-steun", "--format", "json")
    check(data)
    assert len(data["letters"]) == 5 and data["figures"]
    root = make_repo(tmp_path / "repo", BY_DATE[:2])
    assert run_main(root, "ingest", "letters").returncode == 0
    check(_tracker("figures", "oekraine-steun", "--format", "json", cwd=root))


FINDING = {"kind": "sum", "severity": "warning", "message": "", "section": None}


def test_a_stranger_field_is_allowed_and_a_missing_or_wrong_one_is_not() -> None:
    golden = json.loads((ROOT / "tests/cases/seeds-001-to-000/expected.json").read_text("utf-8"))
    grown = copy.deepcopy(golden)
    grown["figures"][0]["old_letter"] = "2025-09-10-nieuwsbericht"
    grown["figures"][0]["old"] = grown["figures"][0]["old"] or {"value": 1, "text": "1"}
    grown["figures"][0]["old"]["period_kind"] = "fixed"
    grown["old"]["signatory"] = "De minister van Defensie"
    grown["next_field"] = {"any": "thing"}
    check(grown)
    for change in (
        lambda d: d["figures"][0].pop("label"),
        lambda d: d["sections"][0].update(status="rewritten"),
        lambda d: d["findings"].append({**FINDING, "severity": "loud"}),
        lambda d: d["old"].update(date="10-09-2025"),
        lambda d: d.update(schema="tracker.compare/2"),
    ):  # fmt: skip
        broken = copy.deepcopy(golden)
        change(broken)
        with pytest.raises((ValidationError, KeyError, AssertionError)):
            check(broken)


def test_the_schemas_validate_with_a_stock_validator(tmp_path: Path) -> None:
    """What a user of the contracts would run: the jsonschema command line, no tracker code."""
    report = tmp_path / "report.json"
    report.write_text(
        json.dumps(_tracker("compare", str(SEEDS["news"]), str(SEEDS["delivery"]), "-f", "json")),
        encoding="utf-8",
    )
    shutil.copy(_file("tracker.compare/1"), tmp_path / "schema.json")
    code = (
        "import json, sys, jsonschema\n"
        "schema = json.load(open(sys.argv[1]))\n"
        "jsonschema.validate(json.load(open(sys.argv[2])), schema)\n"
        "print('valid')\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code, "schema.json", "report.json"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.stdout == "valid\n", proc.stderr
