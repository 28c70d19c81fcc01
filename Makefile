# Samskap. `make run` serves the demo on http://127.0.0.1:8000; `make test` runs every check.
SHELL := /bin/bash
.DEFAULT_GOAL := help
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
STAMP := $(VENV)/.installed
# The Nu Html Checker (W3C), from the npm registry into a folder outside git; runs on the machine's Java.
VNU_VERSION := 26.9.27
VNU_JAR := .cache/vnu/node_modules/vnu-jar/build/dist/vnu.jar
PG_URL ?= postgres://samskap:samskap@127.0.0.1:5432/samskap
export SAMSKAP_ALLOW_INSECURE_KEY ?= 1

.PHONY: help run serve worker test lint types migrations-check test-sqlite test-postgres test-browser bench messages clean vnu

help:
	@echo "make run    create the environment, migrate, load the demo data and serve on http://127.0.0.1:8000"
	@echo "make test   every check: lint, types, migrations, tests on SQLite and PostgreSQL, browser tests"
	@echo "make bench  the benchmarks (large dataset, load test under gunicorn)"

$(STAMP): requirements.lock
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' || \
		{ echo "Samskap needs Python 3.11 or newer; '$(PYTHON)' is $$($(PYTHON) --version 2>&1)." >&2; exit 1; }
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	@touch $(STAMP)

messages: $(STAMP)
	@command -v msgfmt >/dev/null || { echo "msgfmt is missing: install Debian's 'gettext' package." >&2; exit 1; }
	@SAMSKAP_DEBUG=1 $(MANAGE) compilemessages --ignore=.venv -v 0

run: $(STAMP) messages
	SAMSKAP_DEBUG=1 $(MANAGE) migrate --no-input -v 0
	SAMSKAP_DEBUG=1 $(MANAGE) load_demo
	@echo "Starting the background worker (emails), the scheduler (reminders, deadlines) and the server on http://127.0.0.1:8000"
	@SAMSKAP_DEBUG=1 $(MANAGE) run_worker --interval 1 & worker=$$!; \
		SAMSKAP_DEBUG=1 $(MANAGE) run_scheduled --loop --interval 30 & scheduler=$$!; \
		trap "kill $$worker $$scheduler 2>/dev/null" EXIT INT TERM; \
		SAMSKAP_DEBUG=1 $(MANAGE) runserver 127.0.0.1:8000

test: lint types migrations-check test-sqlite test-postgres test-browser
	@echo "All checks passed."

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports --no-cache

types: $(STAMP)
	SAMSKAP_DEBUG=1 $(VENV)/bin/mypy samskap tests bench

migrations-check: $(STAMP)
	SAMSKAP_DEBUG=1 $(MANAGE) makemigrations --check --dry-run

vnu: $(VNU_JAR)

$(VNU_JAR):
	@command -v java >/dev/null || { echo "The Nu Html Checker needs Java: apt-get install default-jre-headless." >&2; exit 1; }
	@command -v npm >/dev/null || { echo "Installing the Nu Html Checker needs npm: apt-get install npm." >&2; exit 1; }
	mkdir -p .cache/vnu && npm install --no-save --no-audit --no-fund --prefix .cache/vnu vnu-jar@$(VNU_VERSION)
	@test -f $(VNU_JAR) || { echo "npm did not install $(VNU_JAR)." >&2; exit 1; }

test-sqlite: $(STAMP) messages $(VNU_JAR)
	$(VENV)/bin/pytest -m "not browser and not postgres" -n 2 -p no:cacheprovider

# The HTML checker's pages are the same markup on either database: it runs once, in test-sqlite.
test-postgres: $(STAMP) messages
	@bash scripts/ensure-postgres.sh
	DATABASE_URL=$(PG_URL) $(VENV)/bin/pytest -m "not browser and not html_checker" -n 2 -p no:cacheprovider

test-browser: $(STAMP) messages
	@test -x "$${SAMSKAP_CHROMIUM:-/usr/bin/chromium}" || { echo "Browser tests need Chromium at /usr/bin/chromium: apt-get install chromium (or set SAMSKAP_CHROMIUM)." >&2; exit 1; }
	SAMSKAP_DEBUG=1 $(VENV)/bin/pytest -m browser -p no:cacheprovider

bench: $(STAMP) messages
	$(PY) bench/run.py

clean:
	rm -rf $(VENV) staticfiles .mypy_cache .ruff_cache .cache
