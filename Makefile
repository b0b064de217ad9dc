# Two commands do all the set-up on a fresh machine: `make site` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
# axe-core: the accessibility engine of the browser tests (npm)
AXE    := $(VENV)/axe/node_modules/axe-core/axe.min.js
AXE_VERSION := 4.10.3

.PHONY: site test serve check venv clean bench heldout

$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c requirements.lock -e '.[test]'
	touch $(STAMP)

venv: $(STAMP)

site: $(STAMP)
	$(BIN)/policyref build

check: $(STAMP)
	$(BIN)/policyref check

serve: $(STAMP)
	$(BIN)/policyref serve $(if $(VARIANT),--variant $(VARIANT))

$(AXE):
	npm install --silent --no-audit --no-fund --prefix $(VENV)/axe axe-core@$(AXE_VERSION)

test: $(STAMP) $(AXE)
	$(BIN)/python -m pytest --durations=15

bench: $(STAMP)
	BENCH_SIZES='$(BENCH_SIZES)' $(BIN)/python tests/benchmark.py
	$(BIN)/python tests/heldout_score.py

# how the importer and the attribution grammar read real texts nobody tuned them on (issue 9)
heldout: $(STAMP)
	$(BIN)/python tests/heldout_score.py --verbose

clean:
	rm -rf site $(VENV)
