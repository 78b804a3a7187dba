# Two commands do everything: `make site` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
CODE := generator tests $(wildcard benchmarks)

.PHONY: site test check lint format clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

# Check the records and build site/. Exit status 1 from pathways means the
# records have findings (shown on the site), which still counts as built.
site: $(VENV)/.installed
	$(BIN)/pathways build || { status=$$?; [ $$status -eq 1 ] && echo "The site is built; the records have errors to fix (see the Data quality page)."; [ $$status -eq 1 ]; }

check: $(VENV)/.installed
	$(BIN)/pathways check

# axe-core for the browser tests, from the npm registry (skipped without npm).
tests/browser/node_modules/.installed: tests/browser/package.json tests/browser/package-lock.json
	@if command -v npm >/dev/null; then \
		npm ci --prefix tests/browser --no-audit --no-fund --silent && touch $@; \
	else echo "npm not found: the browser tests will be skipped."; fi

test: $(VENV)/.installed tests/browser/node_modules/.installed
	$(BIN)/ruff check $(CODE)
	$(BIN)/ruff format --check $(CODE)
	$(BIN)/pytest

format: $(VENV)/.installed
	$(BIN)/ruff format $(CODE)
	$(BIN)/ruff check --fix $(CODE)

clean:
	rm -rf $(VENV) site pages .site-* .pages-*
