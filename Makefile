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

.PHONY: install glossary translations run index test lint lint-deploy eval eval-more eval-lopo bench soak soak-cluster clean

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

# After changing an answer template's or a handler's words: the German catalog gets the new
# messages (empty, for a translator); tests/answers/test_catalog.py fails until they are filled.
translations: $(STAMP)
	$(VENV)/bin/pybabel extract -F babel.cfg -k says --no-location --project=programme-assistant --version=0.1 -o web/translations/messages.pot .
	$(VENV)/bin/pybabel update -N -w 100 -i web/translations/messages.pot -d web/translations

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
	$(PY) -m pytest tests -m "not soak"

eval: $(STAMP) glossary
	$(PY) ../shared/eval/score.py ../shared/eval/dev.jsonl --target http --base-dir .. --project .

# our own question sets, on programmes the dev set leaves out too (eval/README.md): those whose
# sources are named from the folder above (../shared/data), then those with their own in eval/
EVAL_ON_SHARED = more independent independent2 independent3 independent4 round6 round7 german
EVAL_ON_OWN = forum2026 medconf invented logistics round8 round9 round10 round11 round12 round13 \
	round14 round15 round16 round17 round18 round19 round20 round21 round22 round23 round24 round25 round26 round27 round28 round29 round30 round31 round32 round33 french
eval-more: $(STAMP) glossary
	set -e; for set in $(EVAL_ON_SHARED); do \
		$(PY) ../shared/eval/score.py eval/$$set.jsonl --target http --base-dir .. --project .; done
	set -e; for set in $(EVAL_ON_OWN); do \
		$(PY) ../shared/eval/score.py eval/$$set.jsonl --target http --base-dir . --project .; done

# leave one programme out: each programme of ../shared/data scored by models that never saw it
eval-lopo: $(STAMP) glossary
	$(PY) tools/train_asks.py --report
	$(PY) tools/train_answerability.py --report

# BENCH="crowd" runs one of index, answers, http, crowd (the wrk crowd at 32 connections)
bench: $(STAMP)
	@command -v wrk >/dev/null || ($(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq wrk)
	$(PY) -m bench $(BENCH)

# reload under load and bounded memory, against a real server; a server killed mid-update and
# one sent a million-row CSV (tests/soak; minutes, not in make test)
soak: $(STAMP)
	$(PY) -m pytest tests -m soak
	$(PY) -m bench.soak

# replicas behind nginx sharing PostgreSQL and one index folder, under wrk: kill -9, restart,
# SIGTERM and a programme publish fail no request (bench/soak_cluster.py; minutes, not in make
# test). PostgreSQL is the throwaway one of .ci/pg-up.sh, stopped when the soak ends.
# SOAK_ARGS="sigterm --seconds 15" runs one scenario squeezed into 15 s.
soak-cluster: $(STAMP)
	@command -v nginx >/dev/null && command -v wrk >/dev/null \
	  || ($(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq nginx wrk)
	@if [ -f /tmp/ci-pg/postmaster.pid ] && kill -0 "$$(head -1 /tmp/ci-pg/postmaster.pid)" 2>/dev/null; then \
	  echo "soak-cluster: .ci/pg-up.sh's PostgreSQL is running in /tmp/ci-pg (a test run?); try again when it ends" >&2; \
	  exit 1; fi
	bash -c 'source .ci/pg-up.sh && $(PY) -m bench.soak_cluster $(SOAK_ARGS)'

# the deploy/ files, without a container engine: hadolint, the compose-spec schema, nginx -t,
# systemd-analyze verify (deploy/lint.sh; not in make lint)
lint-deploy:
	deploy/lint.sh

clean:
	rm -rf $(VENV) index/current index/.build-* .pytest_cache .mypy_cache .ruff_cache
