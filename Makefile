# Two commands do all the set-up on a fresh machine: `make site` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
# axe-core: the accessibility engine of the browser tests (npm)
AXE    := $(VENV)/axe/node_modules/axe-core/axe.min.js
AXE_VERSION := 4.10.3
# Lighthouse (npm) for `make lighthouse`: scores of every page type, served gzipped
LIGHTHOUSE := $(VENV)/lighthouse/node_modules/lighthouse/package.json
LIGHTHOUSE_VERSION := 12.8.2

.PHONY: site test serve check venv clean bench heldout lighthouse

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

$(LIGHTHOUSE):
	npm install --silent --no-audit --no-fund --prefix $(VENV)/lighthouse lighthouse@$(LIGHTHOUSE_VERSION)

# minutes of work: not part of `make test` (Debian chromium: CHROME_PATH, default /usr/bin/chromium)
lighthouse: $(STAMP) $(LIGHTHOUSE)
	$(BIN)/python tests/lighthouse.py $(VENV)/lighthouse

clean:
	rm -rf site $(VENV)
