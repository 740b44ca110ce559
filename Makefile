# daboard — every target bootstraps .venv itself, so a fresh clone needs only `make demo`
# or `make test`.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
DABOARD := $(BIN)/daboard
PORT ?= 8000

.PHONY: install install-test system-deps demo test test-sqlite test-postgres lint bench clean

## install: create .venv and install daboard with its pinned dependencies
install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml requirements.lock
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c requirements.lock -e .
	@touch $@

## install-test: install also what the tests need (Python packages and Debian packages)
install-test: $(VENV)/.installed-test system-deps

$(VENV)/.installed-test: $(VENV)/.installed pyproject.toml requirements.lock
	$(BIN)/pip install --quiet -c requirements.lock -e ".[test]"
	@touch $@

system-deps:
	@scripts/system-deps

## demo: migrate an SQLite database, load the demo, print the logins and serve on :8000
demo: install
	@mkdir -p var
	$(DABOARD) migrate --noinput -v 0
	$(DABOARD) demo
	$(DABOARD) serve --port $(PORT)

## test: lint and security scan, the full suite on SQLite and on a throwaway PostgreSQL,
## all three at once (see docs/testing.md)
# The parts wait on different things (the browser, PostgreSQL, subprocesses), so they run
# side by side, each database pass with half the cores (TEST_WORKERS pytest workers each).
# Each part's output is printed whole when it ends (--output-sync), and make test fails
# if any part fails (-k lets the others finish and report first).
TEST_WORKERS ?= $(shell n=$$(nproc 2>/dev/null || echo 2); echo $$(( n / 2 > 0 ? n / 2 : 1 )))

test: install-test
	@echo "make test: lint, the SQLite pass and the PostgreSQL pass run at once; each prints its output when it ends."
	@$(MAKE) --no-print-directory -j3 -k --output-sync=target lint test-sqlite test-postgres \
		PYTEST_WORKERS=$(TEST_WORKERS) DB_FREE_TESTS_ONCE=1 JOURNEYS_ONCE=1

lint:
	$(BIN)/ruff check src tests scripts $(wildcard bench)
	$(BIN)/bandit -q -c pyproject.toml -r src --severity-level high
	$(BIN)/lint-imports --no-cache

# Run alone, a pass has one pytest worker per core (pytest-xdist); each worker has its own
# test database.
PYTEST_WORKERS ?= $(shell nproc 2>/dev/null || echo 2)

# JOURNEYS_ONCE=1 (make test): each browser journey file runs in one of the two passes,
# half on each database (tests/conftest.py: journey_database).
JOURNEYS_ONCE ?=

test-sqlite:
	DATABASE_URL= DABOARD_JOURNEYS_ONCE=$(JOURNEYS_ONCE) $(BIN)/pytest -n $(PYTEST_WORKERS) --dist loadfile

# DB_FREE_TESTS_ONCE=1 (make test): tests that use no database run in the SQLite pass only,
# since they do the same work on either (tests/conftest.py: uses_no_database).
DB_FREE_TESTS_ONCE ?=

test-postgres:
	DABOARD_DB_FREE_TESTS_ONCE=$(DB_FREE_TESTS_ONCE) DABOARD_JOURNEYS_ONCE=$(JOURNEYS_ONCE) \
		$(BIN)/python scripts/with-postgres -- \
		$(BIN)/pytest -n $(PYTEST_WORKERS) --dist loadfile

$(VENV)/.installed-bench: $(VENV)/.installed-test pyproject.toml requirements.lock
	$(BIN)/pip install --quiet -c requirements.lock -e ".[test,bench]"
	@touch $@

## bench: the benchmarks on SQLite and a throwaway PostgreSQL (not part of make test)
bench: install-test $(VENV)/.installed-bench
	$(BIN)/python scripts/with-postgres -- $(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) var build *.egg-info src/*.egg-info
