# Two commands do all set-up on a fresh machine:
#   make book   — build the course site into _build/html   (the main job)
#   make test   — run the whole test suite
# Both create .venv/ and install what is missing first.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
JOBS   ?= 2

.PHONY: book test lab setup release verify lint clean benchmark

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "error: Python >= 3.11 is needed (set PYTHON=python3.11)")'
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $(STAMP)

setup: $(STAMP)
	@bash .ci/system-deps dot

book: setup
	$(BIN)/jupyter-book build . -W -n --keep-going
	@echo ""
	@echo "The course site is built: open $(CURDIR)/_build/html/index.html"
	@echo "(or serve it: $(BIN)/python -m http.server -d _build/html 8000)"

test: setup
	@bash .ci/system-deps dot bwrap chromium chromedriver
	$(BIN)/ruff check graders tests benchmarks
	$(BIN)/pytest --nbval --nbval-current-env -n $(JOBS) --dist loadfile tests book

lab: setup
	$(BIN)/jupyter lab exercises/

release: setup
	$(BIN)/course release

verify: setup
	$(BIN)/course verify

lint: setup
	$(BIN)/ruff check graders tests benchmarks

clean:
	rm -rf _build
