# CreditDesk's two commands:
#   make run    set up everything and serve the demo bank on http://127.0.0.1:8000
#   make test   set up everything and run ruff, the migrations check and the test suite
# Everything they need is installed by the targets below; run them again at any time.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
# Debian packages: gettext compiles translations; Noto CJK and harfbuzz-subset render Chinese
# PDFs quickly; Chromium drives the browser tests; poppler-utils turns PDFs into PNGs to look at.
RUN_DEBS := gettext fonts-noto-cjk libharfbuzz-subset0
TEST_DEBS := $(RUN_DEBS) chromium poppler-utils

.PHONY: run test setup setup-test system-deps-run system-deps-test messages lint bench bench-nightly bench-pages audit

run: system-deps-run setup
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py seed_demo
	@echo "CreditDesk: http://$(HOST):$(PORT)/  (API docs: http://$(HOST):$(PORT)/api/docs/)"
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

test: system-deps-test setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/pytest $(PYTEST_ARGS)

setup: $(VENV)/.installed node_modules/.installed compiled-messages

$(VENV)/.installed: pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c constraints.txt -e ".[dev]"
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

# .mo files are built, not committed.
compiled-messages: $(VENV)/.installed
	$(BIN)/python manage.py compilemessages --verbosity 0 --ignore ".venv" --ignore "node_modules"

# Regenerate the .po files after changing strings. Source strings are Chinese; the English
# catalogue of each app lives in <app>/locale/en (the project's and templates/ in locale/en).
messages: $(VENV)/.installed
	$(BIN)/python manage.py makemessages -l en --no-obsolete --no-location --ignore ".venv" --ignore "node_modules" --ignore "var" --ignore "tests"

system-deps-run:
	@DEBS="$(RUN_DEBS)" sh .ci/install-debs
system-deps-test:
	@DEBS="$(TEST_DEBS)" sh .ci/install-debs

lint: $(VENV)/.installed
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

bench: system-deps-run setup
	$(BIN)/python bench/run.py

# The nightly job at bank scale (PostgreSQL): make bench-nightly LOANS=1000000
LOANS ?= 100000
BENCH_NIGHTLY_DB ?= postgres://postgres@127.0.0.1:5432/bench_nightly
bench-nightly: $(VENV)/.installed
	createdb -h 127.0.0.1 -U postgres bench_nightly 2>/dev/null || true
	DATABASE_URL=$(BENCH_NIGHTLY_DB) $(BIN)/python manage.py migrate --noinput -v 0
	DATABASE_URL=$(BENCH_NIGHTLY_DB) $(BIN)/python bench/bench_nightly.py --loans $(LOANS)

# Every page, search and API list at bank size (PostgreSQL, tens of minutes): recreates the
# bench_pages database, grows it to 30,000 and then LOANS loans (default 300,000 here; LOANS's
# default above is the nightly job's) and measures as a manager, a branch head and an auditor.
BENCH_PAGES_DB ?= postgres://postgres@127.0.0.1:5432/bench_pages
PAGES_LOANS = $(if $(filter command environment,$(origin LOANS)),$(LOANS),300000)
bench-pages: $(VENV)/.installed
	dropdb --if-exists -h 127.0.0.1 -U postgres bench_pages
	createdb -h 127.0.0.1 -U postgres bench_pages
	DATABASE_URL=$(BENCH_PAGES_DB) $(BIN)/python manage.py migrate --noinput -v 0
	DATABASE_URL=$(BENCH_PAGES_DB) $(BIN)/python bench/bench_pages.py --sizes 30000 $(PAGES_LOANS)

# pip-audit over the pinned versions. Exit 1: a known vulnerability; exit 3: no vulnerability
# database could be asked (AUDIT_OFFLINE_OK=1 turns that into 0, with the warning kept).
audit: $(VENV)/.installed
	$(BIN)/python .ci/audit.py
