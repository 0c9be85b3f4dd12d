# Two commands: `make demo` and `make test`. Both set everything up first.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
OUT ?= out
PLATFORMS := tests/fixtures/platforms
# ruff checks the package and the benchmarks (rule sets in pyproject.toml); not tests/ yet:
# its helpers and test files still have findings (unsorted imports, ambiguous names, zip()
# without strict=). Add `tests` here once `ruff check tests` is clean. mypy checks ivrmaze/
# with pyproject's config (every function annotated). Caches stay in the venv.
LINT_PATHS ?= ivrmaze benchmarks

.PHONY: demo test lint setup dot browser bench clean

demo: setup dot
	@$(BIN)/python -m ivrmaze demo menus -o $(OUT)
	@# one line of each platform ivrmaze reads (docs/platforms/), drawn beside the menus
	@$(BIN)/python -m ivrmaze demo $(PLATFORMS)/connect/line -o $(OUT)/amazon-connect
	@$(BIN)/python -m ivrmaze demo $(PLATFORMS)/archy/line -o $(OUT)/genesys-archy
	@$(BIN)/python -m ivrmaze demo $(PLATFORMS)/studio/line -o $(OUT)/twilio-studio
	@$(BIN)/python -m ivrmaze demo $(PLATFORMS)/asterisk/after-hours.conf -o $(OUT)/asterisk

# Lint first: a suite that passes on code that does not lint is not a pass. The tests run on
# every core (pytest-xdist): on the 2-core CI machine the suite takes half the time.
test: lint dot browser
	$(BIN)/python -m pytest -q -p no:cacheprovider -n auto

lint: setup
	$(BIN)/ruff check --no-cache $(LINT_PATHS)
	$(BIN)/mypy --cache-dir $(VENV)/.mypy_cache ivrmaze

# ivrmaze's own bytecode, refreshed by every target: the editable install compiles none, and
# where PYTHONDONTWRITEBYTECODE is set Python would compile every module on every run (a small
# check then takes twice as long). compileall redoes only the modules changed since it last ran;
# a module changed after that is not harmed, only slower: Python checks each .pyc against its
# source's time and size and compiles a stale one anew.
setup: $(STAMP)
	@$(BIN)/python -m compileall -q ivrmaze

$(STAMP): setup.cfg pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test]'
	@touch $(STAMP)

# Graphviz's dot: installed with the system package manager when missing and possible.
dot:
	@sh tools/ensure-system-tool.sh dot graphviz

# Debian's chromium, for the review-page browser tests.
browser:
	@sh tools/ensure-system-tool.sh chromium chromium

bench: setup
	$(BIN)/python -m benchmarks

clean:
	rm -rf $(VENV) $(OUT) build *.egg-info
