# Two commands do all set-up on a fresh machine:
#   make book   — build the course site into _build/html   (the main job)
#   make test   — run the whole test suite
# Both create .venv/ and install what is missing first.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
JOBS   ?= 2

.PHONY: book test lab setup lock release verify lint clean benchmark

# The environment is exactly requirements.lock (every package pinned, for Linux and Python
# 3.11; `make lock` refreshes it from the ranges in pyproject.toml), then the course itself.
$(STAMP): pyproject.toml requirements.lock
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "error: Python >= 3.11 is needed (set PYTHON=python3.11)")'
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	@touch $(STAMP)

# Re-resolve the newest versions pyproject.toml allows into requirements.lock (with uv, kept
# in its own folder so it never enters the course's environment), then install them.
UV_VERSION := 0.13.8
lock:
	@test -x .lock-tool/bin/uv || ($(PYTHON) -m venv .lock-tool && .lock-tool/bin/python -m pip install --quiet uv==$(UV_VERSION))
	.lock-tool/bin/uv pip compile pyproject.toml --extra test --python-version 3.11 \
		--python-platform x86_64-manylinux_2_28 --no-header --annotation-style line \
		--upgrade -o requirements.lock
	$(MAKE) setup

setup: $(STAMP)
	@bash .ci/system-deps dot

book: setup
	$(BIN)/jupyter-book build . -W -n --keep-going
	@echo ""
	@echo "The course site is built: open $(CURDIR)/_build/html/index.html"
	@echo "(or serve it: $(BIN)/python -m http.server -d _build/html 8000)"

test: setup
	@bash .ci/system-deps dot bwrap chromium chromedriver pg_ctl
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
