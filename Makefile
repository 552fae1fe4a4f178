# The commands a person (and CI) runs. Each target sets up what it needs on a fresh machine.
VENV   := .venv
PY     := $(VENV)/bin/python
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
INDEX  := index/current
HOST   ?= 127.0.0.1
PORT   ?= 8000

.PHONY: install run index test lint eval bench soak clean

# torch first, pinned: an unpinned torch pulls a multi-GB CUDA build.
$(STAMP): pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check torch==2.13.0
	$(PY) -m pip install -q --disable-pip-version-check -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

index: $(STAMP)
	$(BIN)/programme-assistant build --index $(INDEX) seeds/

run: index
	@echo "Serving the programme assistant on http://$(HOST):$(PORT)"
	$(BIN)/programme-assistant serve --index $(INDEX) --host $(HOST) --port $(PORT)

lint: $(STAMP)
	$(BIN)/ruff check assistant tests bench
	$(BIN)/ruff format --check assistant tests bench
	$(BIN)/mypy assistant

test: lint
	$(PY) -m pytest tests

eval: $(STAMP)
	$(PY) ../shared/eval/score.py ../shared/eval/dev.jsonl --target http --base-dir .. --project .

bench: $(STAMP)
	$(PY) -m bench

# reload under load and bounded memory, against a real server (minutes, not in make test)
soak: $(STAMP)
	$(PY) -m bench.soak

clean:
	rm -rf $(VENV) index/current index/.build-* .pytest_cache .mypy_cache .ruff_cache
