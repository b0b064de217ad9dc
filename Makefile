# Two commands do all the set-up on a fresh machine: `make site` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: site test serve check venv clean bench

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

test: $(STAMP)
	$(BIN)/python -m pytest --durations=15

bench: $(STAMP)
	$(BIN)/python tests/benchmark.py

clean:
	rm -rf site $(VENV)
