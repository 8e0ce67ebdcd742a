# Two commands for a newcomer (see README.md):
#   make demo   set everything up, analyse the bundled examples, serve them on http://127.0.0.1:8000
#   make test   set everything up, run the whole test suite
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
DEMO_DB ?= $(VENV)/demo.db
PORT   ?= 8000

.PHONY: demo test install lint fuzz bench clean

$(BIN)/spinscope: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q -U pip
	$(BIN)/pip install -q torch==2.13.0
	$(BIN)/pip install -q -e ".[train,dev,batch]"
	touch $@

install: $(BIN)/spinscope

demo: install
	$(BIN)/spinscope analyze examples --format text
	$(BIN)/spinscope ingest examples --db $(DEMO_DB)
	@echo "Serving the examples on http://127.0.0.1:$(PORT)/ (Ctrl-C to stop)"
	$(BIN)/spinscope serve --db $(DEMO_DB) --host 127.0.0.1 --port $(PORT)

test: install
	$(BIN)/python -m pytest

# The fuzz suite's long mode: a million generated hostile inputs (hours; see tests/test_fuzz.py).
FUZZ_CASES ?= 1000000
fuzz: install
	SPINSCOPE_FUZZ_CASES=$(FUZZ_CASES) $(BIN)/python -m pytest tests/test_fuzz.py -p no:cacheprovider -o timeout=0 -q

lint: install
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy

clean:
	rm -rf $(VENV) build dist src/*.egg-info .pytest_cache .ruff_cache .mypy_cache
