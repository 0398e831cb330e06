# Newsdesk: `make run` opens the app on the demo site, `make test` runs the tests.
# Every target sets up .venv first when it is missing or older than the project files.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
export QTWEBENGINE_DISABLE_SANDBOX := 1

.PHONY: run test lint bench package clean setup golden compile

setup: $(STAMP)

$(STAMP): pyproject.toml setup.py
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test,postgres]'
	@touch $(STAMP)

# The package's bytecode, compiled as a wheel's installation does: with
# PYTHONDONTWRITEBYTECODE set, every command would otherwise compile it again at start.
compile: $(STAMP)
	@$(PY) -m compileall -q editor

run: $(STAMP) compile
	@$(PY) -m editor.runtime_check
	$(PY) app.py --demo

test: $(STAMP) compile
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest

# Regenerate the golden export (tests/publish/golden) after an intended change of output.
golden: $(STAMP)
	NEWSDESK_UPDATE_GOLDEN=1 QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q \
		tests/publish/test_golden.py::test_demo_export_matches_the_reference_files

lint: $(STAMP)
	$(PY) -m ruff check editor tests benchmarks app.py
	$(PY) -m ruff format --check editor tests benchmarks app.py

bench: $(STAMP)
	$(PY) -m pip install --quiet -e '.[bench]'
	@for script in benchmarks/bench_*.py; do \
		echo "== $$script"; QT_QPA_PLATFORM=offscreen $(PY) $$script || exit 1; \
	done

package: $(STAMP)
	$(PY) -m pip install --quiet -e '.[package]'
	PYTHON=$(PY) bash packaging/build.sh

clean:
	rm -rf $(VENV) build dist *.egg-info
