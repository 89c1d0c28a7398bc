"""tracker.github: workflow commands, step outputs, the job summary and the workflow text."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from workflow_commands import parse_command, parse_outputs

from tracker.errors import InputError
from tracker.github import action, commands, outputs, summary, workflow
from tracker.github.summary import SUMMARY_LIMIT, SummaryPart

ROOT = Path(__file__).resolve().parents[1]
HOSTILE = 'brief "it\'s" $(touch x) Ünïcode,a:b\nnext line%0A\r::error::boo.txt'


def test_escaping_matches_the_toolkit() -> None:
    assert commands.escape_data("50% up\r\nnext") == "50%25 up%0D%0Anext"
    assert commands.escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"


def test_annotation_with_a_hostile_file_name_stays_one_command() -> None:
    message = "Total € 1,2 mld. ≠ sum of parts\n::error::injected"
    line = commands.annotation("warning", message, file=f"letters/s/{HOSTILE}", title=HOSTILE)
    name, props, data = parse_command(line)
    assert name == "warning"
    assert props == {"file": f"letters/s/{HOSTILE}", "title": HOSTILE}
    assert data == message


def test_annotation_without_properties() -> None:
    assert commands.annotation("error", "bad\ninput") == "::error::bad%0Ainput"
    assert commands.annotation("notice", "x", line=3) == "::notice line=3::x"


def test_one_line_neutralises_commands_and_breaks() -> None:
    assert commands.one_line("::stop-commands::tok") == ": :stop-commands: :tok"
    assert commands.one_line("Title\n::error::x") == "Title ::error::x"


def test_outputs_survive_newlines_and_use_a_random_delimiter(tmp_path: Path) -> None:
    path = tmp_path / "output"
    path.write_text("earlier=1\n", encoding="utf-8")
    values = {"reports": "reports/a.md\nreports/b b.md", "changed-figures": "3"}
    outputs.write_outputs(path, values)
    outputs.write_outputs(path, {"ingested": "2"})
    text = path.read_text(encoding="utf-8")
    assert parse_outputs(text) == {"earlier": "1", **values, "ingested": "2"}
    delimiters = set(re.findall(r"<<(\S+)", text))
    assert len(delimiters) == 2  # one fresh delimiter per write
    assert all(re.fullmatch(r"ghadelimiter_[0-9a-f]{32}", d) for d in delimiters)


def test_output_refuses_a_value_holding_the_delimiter() -> None:
    with pytest.raises(ValueError, match="delimiter"):
        outputs.output_block("x", "a\nEOF\nb", "EOF")


def test_file_link_quotes_the_path() -> None:
    link = summary.file_link(
        "reports/s/2026-01-01 a b.md", server="https://github.com", repository="o/r", ref="main"
    )
    assert link == "https://github.com/o/r/blob/main/reports/s/2026-01-01%20a%20b.md"
    assert summary.file_link("reports/x y.md", server=None, repository=None, ref=None) == (
        "reports/x%20y.md"
    )


def _report(paragraphs: int, seed: str) -> str:
    para = f"{seed} " + "word " * 200
    return "\n\n".join(f"## Section {i}\n\n{para.strip()}" for i in range(paragraphs))


def test_small_reports_go_in_whole() -> None:
    parts = [SummaryPart("### Letter A", "Body A\n", "reports/s/a.md")]
    assert summary.summary_text(parts, {}, used=0) == "### Letter A\n\nBody A\n\n"


def test_summary_is_cut_with_a_link_and_never_passes_the_limit() -> None:
    big = _report(600, "alpha")  # about 600 kB each
    parts = [SummaryPart(f"### Letter {i}", big, f"reports/s/{i}.md") for i in range(40)]
    links = {p.path: f"https://example.test/{p.path}" for p in parts}
    used = 1000
    text = summary.summary_text(parts, links, used)
    assert used + len(text.encode("utf-8")) <= SUMMARY_LIMIT
    assert text.startswith(f"### Letter 0\n\n{big}\n\n")
    # The second report is cut at a paragraph, then points to the whole file.
    second = text.split("### Letter 1\n\n", 1)[1]
    kept, note = second.split("*The summary is full", 1)
    assert kept.strip() and big.startswith(kept.strip())
    assert big[len(kept.strip()) :].startswith("\n\n")
    assert "(https://example.test/reports/s/1.md)" in note
    assert "[reports/s/2.md](https://example.test/reports/s/2.md)" in text


def test_append_summary_counts_what_the_file_already_holds(tmp_path: Path) -> None:
    path = tmp_path / "summary.md"
    path.write_bytes(b"x" * (SUMMARY_LIMIT - 3000))
    summary.append_summary(path, [SummaryPart("### A", _report(5, "a"), "r/a.md")], {})
    size = path.stat().st_size
    assert size <= SUMMARY_LIMIT
    assert "[r/a.md](r/a.md)" in path.read_text(encoding="utf-8")


def test_markdown_text_escapes_markup() -> None:
    assert summary.markdown_text("a *b* [c](d)\n<e>") == r"a \*b\* \[c\](d) \<e\>"


def test_committed_workflow_is_the_one_tracker_init_writes() -> None:
    committed = (ROOT / ".github" / "workflows" / "track-letters.yml").read_text(encoding="utf-8")
    assert workflow.workflow_yaml("./") == committed


def test_workflow_for_another_repository_pins_the_action() -> None:
    sha = "0123456789abcdef0123456789abcdef01234567"
    text = workflow.workflow_yaml(f"someone/letter-tracker@{sha}")
    assert f"      - uses: someone/letter-tracker@{sha}\n" in text
    assert "zizmor: ignore" not in text
    with pytest.raises(ValueError):
        workflow.workflow_yaml("x@y\nrun: evil")


def test_readme_shows_the_workflow_tracker_init_writes() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Track a series with the GitHub Action", 1)[1]
    expected = workflow.workflow_yaml("your-name/letter-tracker@<full-commit-sha>")
    assert f"```yaml\n{expected}```" in section


def test_flags_are_true_or_false() -> None:
    assert action.parse_flag(" True", "commit") is True
    assert action.parse_flag("false", "commit") is False
    with pytest.raises(InputError, match="commit is 'maybe'"):
        action.parse_flag("maybe", "commit")


def test_letters_folder_stays_inside_the_repository(tmp_path: Path) -> None:
    (tmp_path / "letters" / "s").mkdir(parents=True)
    assert action.letters_folder(tmp_path, "letters") == (tmp_path / "letters").resolve()
    assert action.letters_folder(tmp_path, "letters/s/") == (tmp_path / "letters/s").resolve()
    for outside in ("../elsewhere", "/etc", "letters/../.."):
        with pytest.raises(InputError, match="outside the repository"):
            action.letters_folder(tmp_path, outside)
    with pytest.raises(InputError, match="no letters folder 'brieven'"):
        action.letters_folder(tmp_path, "brieven")


def test_relative_links_of_a_report_are_made_absolute() -> None:
    body = (
        "[Series index](README.md) · [snapshot](../../snapshots/s/a%20b.md) · "
        "[web](https://example.test/x) · [here](#figures) · [up](../../../x.md)"
    )

    def link(path: str) -> str:
        return summary.file_link(path, server="https://github.com", repository="o/r", ref="main")

    assert summary.absolute_links(body, "reports/s/2026-01-01-a.md", link) == (
        "[Series index](https://github.com/o/r/blob/main/reports/s/README.md) · "
        "[snapshot](https://github.com/o/r/blob/main/snapshots/s/a%20b.md) · "
        "[web](https://example.test/x) · [here](#figures) · [up](../../../x.md)"
    )


def test_tracker_init_writes_the_workflow(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from tracker.cli import app

    sha = "89abcdef0123456789abcdef0123456789abcdef"
    result = CliRunner().invoke(app, ["init", str(tmp_path / "t"), "--action", f"o/r@{sha}"])
    assert result.exit_code == 0, result.output
    written = tmp_path / "t" / ".github" / "workflows" / "track-letters.yml"
    assert written.read_text(encoding="utf-8") == workflow.workflow_yaml(f"o/r@{sha}")


def test_heading_lines_point_at_the_headings_of_a_real_letter() -> None:
    letter = ROOT / "letters" / "oekraine-steun" / "2026-02-27-leveringen-militaire-goederen.txt"
    lines = action.heading_lines(letter)
    file_lines = letter.read_text(encoding="utf-8").splitlines()
    assert "Industrie" in lines
    assert len(lines) >= 5
    for heading, line in lines.items():
        assert file_lines[line - 1].strip() == heading


def test_heading_lines_of_markdown_and_of_formats_without_file_lines(tmp_path: Path) -> None:
    letter = tmp_path / "2026-01-05-brief.md"
    body = "Het kabinet heeft de Kamer toegezegd de stand van de steun te melden. " * 4
    letter.write_text(
        f"# Brief aan de Kamer\n\nDatum 5 januari 2026\n\n{body}\n\n## Stand van zaken\n\n"
        f"De steun bedraagt € 3,5 miljard. {body}\n\n## Vervolg\n\n{body}\n",
        encoding="utf-8",
    )
    assert action.heading_lines(letter) == {"Stand van zaken": 7, "Vervolg": 11}
    assert action.heading_lines(tmp_path / "brief.pdf") == {}


def test_intro_comes_first_and_counts_against_the_limit() -> None:
    parts = [SummaryPart("### A", "Body\n", "r/a.md")]
    text = summary.summary_text(parts, {}, used=0, intro="## Letter tracker")
    assert text == "## Letter tracker\n\n### A\n\nBody\n\n"
    full = summary.summary_text(parts, {}, used=SUMMARY_LIMIT - 10, intro="## Letter tracker")
    assert len(full.encode("utf-8")) <= 10


def test_action_run_reports_bad_input_as_an_error_annotation(tmp_path: Path) -> None:
    tracker = Path(sys.executable).with_name("tracker")
    result = subprocess.run(
        [str(tracker), "action-run", f"--repo={tmp_path}", "--commit=maybe"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert result.stdout.startswith("::error title=tracker::commit is 'maybe'")
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("tracker: error: commit is 'maybe'")
