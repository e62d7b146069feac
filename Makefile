# China Innovation Yearbook: `make serve`, `make build`, `make test`.
# Each target sets up .venv first (only when pyproject.toml changed since the last install).

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1
# Python keeps what it compiles (__pycache__/, which git ignores) even where the environment
# turns that off, as this project's machines do: otherwise every build, chart process and test
# process compiles the yearbook again, and pytest rewrites every test module (1 s a process).
export PYTHONDONTWRITEBYTECODE :=
# Builds and prints are dated by the last commit unless SOURCE_DATE_EPOCH is set: the same commit
# gives the same site and PDFs byte for byte (the sitemap's dates, the PDFs' cover and dates).
SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null)
ifneq ($(SOURCE_DATE_EPOCH),)
export SOURCE_DATE_EPOCH
endif

# The edition these sources build (mkdocs.yml); `make site` publishes it under $(SITE_BASE)<edition>/.
EDITION := $(shell sed -n 's/^    edition: "\([0-9]*\)"$$/\1/p' mkdocs.yml)

.PHONY: serve build pdf site test check lint fonts browser java bench clean

# Debian packages, installed only when missing (with sudo unless run as root).
APT_INSTALL = SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); $$SUDO apt-get update -qq && \
	DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq

$(INSTALLED): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --editable '.[test]'
	$(BIN)/python -m yearbook.charts.bundle .cache  # Vega bundle for the site, built once (3 s)
	touch $@

## serve: the yearbook on http://127.0.0.1:8000, rebuilt on every save (content/, data/, ...)
serve: $(INSTALLED) fonts
	$(BIN)/mkdocs serve --dirty --dev-addr 127.0.0.1:8000 --livereload

## build: the whole site into site/, failing on any warning
build: $(INSTALLED) fonts
	$(BIN)/mkdocs build --strict

## pdf: the site with its print edition: build, print a PDF per language into .cache/print/
## (kept for these sources), then build again (warm), which publishes them in site/downloads/
## and links them; fails if a printed PDF is not in the site
PRINT_CACHE = $${YEARBOOK_PRINT_CACHE:-.cache/print}
pdf: build
	$(BIN)/yearbook print site
	$(BIN)/mkdocs build --strict
	@for pdf in $(PRINT_CACHE)/*/*.pdf; do cmp -s "$$pdf" "site/downloads/$${pdf##*/}" || \
	  { echo "make pdf: $$pdf is not in site/downloads/ (were sources edited meanwhile?)" >&2; \
	    exit 1; }; done

## site: every edition as readers see it, in public/: this edition built with its print
## edition under $(SITE_BASE)<edition>/, the frozen ones from editions/ (yearbook site)
site: SITE_BASE ?= http://127.0.0.1:8000/
site: export SITE_URL = $(SITE_BASE)$(EDITION)/
site: pdf
	$(BIN)/yearbook site

## check: validate data/ only (fast; run it after editing a CSV)
check: $(INSTALLED)
	$(BIN)/yearbook check data

## lint: ruff (lint + format) and mypy over the package, the hooks and the benchmarks
lint: $(INSTALLED)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

## fonts: a Chinese font for the charts' static SVGs (Debian's fonts-noto-cjk), and the cut-down
## copy of it that the build measures chart text with (yearbook.charts.fonts; 30 s, once)
fonts: $(INSTALLED)
	@fc-list :lang=zh 2>/dev/null | grep -q . || { $(APT_INSTALL) fontconfig fonts-noto-cjk; }
	@$(BIN)/python -m yearbook.charts.fonts .cache >/dev/null

## browser: Debian's Chromium for the browser tests
browser: fonts
	@command -v chromium >/dev/null || { $(APT_INSTALL) chromium; }

## java: a Java runtime for the Nu HTML Checker (vnu.jar)
java:
	@command -v java >/dev/null || { $(APT_INSTALL) default-jre-headless; }

# Node.js tools of the site checks (axe-core, vnu-jar, Lighthouse), pinned in package-lock.json.
NODE_TOOLS := node_modules/.installed
$(NODE_TOOLS): package.json package-lock.json
	@command -v npm >/dev/null || { $(APT_INSTALL) nodejs npm; }
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

## test: lint, type check and the whole test suite (unit, build and browser tests)
# In two processes (pytest-xdist), each taking whole files in the order tests/conftest.py puts
# them (the slowest first; xdist would otherwise start with the files of most tests); the
# yearbook is built once for both. The 15 slowest tests are listed at the end.
# pytest exits 5 when it collected no tests: that is a failure here, never a pass.
TEST_WORKERS ?= 2
test: $(INSTALLED) $(NODE_TOOLS) fonts browser java lint
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --dist loadfile --no-loadscope-reorder --durations=15; status=$$?; \
	  if [ $$status -eq 5 ]; then echo "pytest collected no tests" >&2; exit 1; fi; exit $$status

## bench: a CSV edit under serve; build times and memory, real and 10x/100x data, vs plain MkDocs
bench: $(INSTALLED) fonts
	$(BIN)/python benchmarks/serve_edit.py
	$(BIN)/python benchmarks/build_bench.py

clean:
	rm -rf site public .venv node_modules .pytest_cache .mypy_cache .ruff_cache
