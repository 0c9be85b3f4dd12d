# Two commands: `make demo` and `make test`. Both set everything up first.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
OUT ?= out

.PHONY: demo test setup dot browser bench clean

demo: setup dot
	@$(BIN)/ivrmaze demo menus -o $(OUT)

test: setup dot browser
	$(BIN)/python -m pytest -q -p no:cacheprovider

setup: $(STAMP)

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
