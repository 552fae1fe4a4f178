# The commands a person (and CI) runs. Each target sets up what it needs on a fresh machine.
VENV   := .venv
PY     := $(VENV)/bin/python
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
INDEX  := index/current
HOST   ?= 127.0.0.1
PORT   ?= 8000

SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
GLOSSARY := /usr/share/trans/de-en

.PHONY: install glossary run index test lint eval eval-more bench soak clean

# torch first, pinned: an unpinned torch pulls a multi-GB CUDA build.
$(STAMP): pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check torch==2.13.0
	$(PY) -m pip install -q --disable-pip-version-check -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

# Debian's German-English dictionary: English questions find German-language talks through
# a word-by-word gloss. Best effort: without it the assistant works, German talks match less.
glossary:
	@test -f $(GLOSSARY) || ($(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq trans-de-en) \
	  || echo "note: trans-de-en not installed; German-language talks will match English questions less well"

index: $(STAMP) glossary
	$(BIN)/programme-assistant build --index $(INDEX) seeds/

run: index
	@echo "Serving the programme assistant on http://$(HOST):$(PORT)"
	$(BIN)/programme-assistant serve --index $(INDEX) --host $(HOST) --port $(PORT)

# style, types, the import layers (pyproject's importlinter contracts) and function sizes
lint: $(STAMP)
	$(BIN)/ruff check assistant tests bench tools
	$(BIN)/ruff format --check assistant tests bench tools
	$(BIN)/mypy assistant
	$(BIN)/lint-imports --no-cache
	$(PY) tools/check_sizes.py assistant

test: lint
	$(PY) -m pytest tests

eval: $(STAMP) glossary
	$(PY) ../shared/eval/score.py ../shared/eval/dev.jsonl --target http --base-dir .. --project .

# our own question sets, on programmes the dev set leaves out too (eval/README.md)
eval-more: $(STAMP) glossary
	$(PY) ../shared/eval/score.py eval/more.jsonl --target http --base-dir .. --project .
	$(PY) ../shared/eval/score.py eval/independent.jsonl --target http --base-dir .. --project .
	$(PY) ../shared/eval/score.py eval/independent2.jsonl --target http --base-dir .. --project .
	$(PY) ../shared/eval/score.py eval/independent3.jsonl --target http --base-dir .. --project .
	$(PY) ../shared/eval/score.py eval/independent4.jsonl --target http --base-dir .. --project .
	$(PY) ../shared/eval/score.py eval/forum2026.jsonl --target http --base-dir . --project .
	$(PY) ../shared/eval/score.py eval/medconf.jsonl --target http --base-dir . --project .
	$(PY) ../shared/eval/score.py eval/invented.jsonl --target http --base-dir . --project .

bench: $(STAMP)
	$(PY) -m bench

# reload under load and bounded memory, against a real server (minutes, not in make test)
soak: $(STAMP)
	$(PY) -m bench.soak

clean:
	rm -rf $(VENV) index/current index/.build-* .pytest_cache .mypy_cache .ruff_cache
