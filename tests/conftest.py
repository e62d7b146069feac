"""Shared fixtures: the yearbook built from this repository once per test session (shared by
pytest-xdist's workers), as `make pdf` publishes it with its print edition, builds of the small
fixture yearbooks, the site served over HTTP, and Chromium.

Every build in the tests is dated by SOURCE_DATE_EPOCH (MkDocs dates the sitemap with it, the
print edition its cover), so two builds of the same sources are the same bytes on any day.
"""

from __future__ import annotations

import fcntl
import json
import logging
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import chdir, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
import pytest
from browser_checks import (
    COLOUR_RULES,
    MIN_CHART_TEXT_PX,
    READ_AFTER_RESIZE,
    SCHEMES,
    axe_violations,
    chart_problems,
    chart_text_problems,
    switch_palette,
    with_axe,
)
from serve import serving

from yearbook.cache.print_edition import PRINT_CACHE_ENV
from yearbook.cli import main
from yearbook.data.model import Dataset, datasets_of
from yearbook.data.validate import validate_data_dir

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
CHROMIUM = "/usr/bin/chromium"
# Flags that keep Chromium from reaching for the network, which is closed here.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

SOURCE_DATE_EPOCH = 1_780_000_000
"""The time every test build is dated by: 2026-05-28 20:26:40 UTC."""
SOURCE_DATE = "2026-05-28"

# Set for the whole session, so that builds in this process and in subprocesses alike see it;
# and no SITE_URL from the caller's shell: test builds use mkdocs.yml's local default.
os.environ["SOURCE_DATE_EPOCH"] = str(SOURCE_DATE_EPOCH)
os.environ["NO_MKDOCS_2_WARNING"] = "1"
os.environ.pop("SITE_URL", None)

# The slowest files first: pytest-xdist (`--dist loadfile --no-loadscope-reorder`) gives the
# first file to one process, the second to the other, then each the next as it frees up, so
# the long ones do not start last and keep one process busy after the other has finished. The
# first two need no build of the yearbook of the other's: the reading checks build it while the
# editions build their own small one. The print (all CPU) then runs beside the reading checks,
# which leave part of a core idle; by the time the Lighthouse audits start (idle while they
# wait for a page to settle, beside the incremental builds' background builds), the reading
# checks have the chart pages' live weights they need.
SLOW_FILES = (
    "test_reading_browser.py",  # 85-95 s, of which 20 s the live charts' pass (under load)
    "test_editions.py",  # 20 s: builds, freezes and prints a small yearbook (shared with:)
    "test_print_edition.py",  # 40-50 s (both PDFs)
    "test_lighthouse.py",  # 5 audits, 40 s (favoured for the CPU; under 95 measured again)
    "test_incremental_build.py",
    "test_project_site.py",
    "test_lighthouse_check.py",
    "test_browser.py",
    "test_charts.py",
    "test_editions_browser.py",
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    def rank(item: pytest.Item) -> int:
        name = item.path.name
        return SLOW_FILES.index(name) if name in SLOW_FILES else len(SLOW_FILES)

    items.sort(key=rank)  # stable: the order within each file is kept


# What `make` sets up once in .cache/ (the Vega bundle, the chart font's copy), not build caches.
SET_UP = ("vega", "fonts")


def copy_fixture(fixture: str, tmp_path: Path) -> Path:
    """A copy of tests/fixtures/`fixture` under `tmp_path`, placed so that its relative paths
    to the project's hooks/ and site-overrides/ still hold, with what `make` set up in the
    project's .cache/ but no build cache; its folder is returned."""
    copy = tmp_path / "tests" / "fixtures" / fixture
    shutil.copytree(FIXTURES / fixture, copy)
    for shared in ("hooks", "site-overrides"):
        (tmp_path / shared).symlink_to(ROOT / shared)
    with_set_up(copy / ".cache")
    return copy


def with_set_up(cache_dir: Path) -> Path:
    """`cache_dir` (made if missing) holding what `make` set up in the project's .cache/ (the
    chart fonts take 30 s to make), but no build cache."""
    cache_dir.mkdir(parents=True, exist_ok=True)
    for name in SET_UP:
        made = ROOT / ".cache" / name
        if made.is_dir() and not (cache_dir / name).exists():  # without it, a build makes it
            (cache_dir / name).symlink_to(made)
    return cache_dir


def without_charts(yearbook: Path) -> Path:
    """`yearbook` (a copied fixture) with its chart markers removed from every page, for tests
    of something else whose builds need not make charts (a second or two each)."""
    for page in (yearbook / "content").rglob("*.md"):
        text = page.read_text(encoding="utf-8")
        kept = "\n".join(
            line for line in text.split("\n") if not line.startswith("<!-- yearbook:chart ")
        )
        page.write_text(kept, encoding="utf-8")
    return yearbook


def mkdocs_build(
    config_file: Path, site_dir: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run `mkdocs build --strict` as editors and CI do (with `env` added to the environment);
    return the finished process."""
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "--strict",
            "-f",
            str(config_file),
            "-d",
            str(site_dir),
        ],
        cwd=config_file.parent,
        env={**os.environ, **(env or {})},
        capture_output=True,
        text=True,
        check=False,
    )


@dataclass(frozen=True)
class Build:
    """What `mkdocs build --strict` did, run in this process (`build`)."""

    ok: bool
    log: str
    """Every message MkDocs and the hooks logged, one per line, as the command prints them."""


class _Messages(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(f"{record.levelname}: {record.getMessage()}")


def build(config_file: Path, site_dir: Path) -> Build:
    """`mkdocs build --strict -f config_file -d site_dir` in this process, as the command runs
    it (plugins' startup and shutdown around the build), without its interpreter start-up.

    A build that stops does so as the command does, with MkDocs' Abort after logging the
    reason; any other exception (a hook's bug, which the command would show as a traceback)
    is raised here and fails the test.
    """
    from mkdocs.commands.build import build as mkdocs_build_in_process
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort

    logger = logging.getLogger("mkdocs")
    handler, level = _Messages(), logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    try:
        with chdir(config_file.parent):
            config = load_config(config_file=str(config_file), site_dir=str(site_dir), strict=True)
            config.plugins.on_startup(command="build", dirty=False)
            try:
                mkdocs_build_in_process(config)
            finally:
                config.plugins.on_shutdown()
    except Abort as stopped:
        handler.lines.append(f"Aborted: {stopped}")
        return Build(ok=False, log="\n".join(handler.lines))
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
    return Build(ok=True, log="\n".join(handler.lines))


def fixture_site(fixture: str, tmp_path: Path) -> Path:
    """tests/fixtures/`fixture` built as it is (copied under `tmp_path`); the site's folder."""
    site = tmp_path / "site"
    result = build(copy_fixture(fixture, tmp_path) / "mkdocs.yml", site)
    assert result.ok, result.log
    return site


# --- made once per session, shared by pytest-xdist's workers ----------------------------------


def shared_path(tmp_path_factory: pytest.TempPathFactory, name: str) -> Path:
    """A path for something made once per session: under xdist, in the folder that all
    workers' temporary folders share (it is new for every session), else in the session's."""
    base = tmp_path_factory.getbasetemp()
    return (base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base) / name


def made_once(target: Path, make: Callable[[Path], None]) -> Path:
    """`target`, made by `make(target)` in the first process to ask for it; the others wait
    for it under a file lock and use it as made. A `make` that failed is tried again by the
    next one to ask (and fails its tests the same way)."""
    done = target.with_name(target.name + ".done")
    with target.with_name(target.name + ".lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            if not done.exists():
                shutil.rmtree(target, ignore_errors=True)
                make(target)
                done.touch()
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
    return target


def _session_print_cache(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The environment that points the yearbook's builds and print at this session's own print
    cache: empty until `published_site` prints, and never the developer's `.cache/print/`."""
    return {PRINT_CACHE_ENV: str(shared_path(tmp_path_factory, "print-cache"))}


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The yearbook built once per test session from the repository's mkdocs.yml, as
    `make build` builds it before anything is printed: no print edition, and no page links
    one (with it: `published_site`). Read-only."""

    def build_it(target: Path) -> None:
        result = mkdocs_build(ROOT / "mkdocs.yml", target, _session_print_cache(tmp_path_factory))
        assert result.returncode == 0, result.stderr

    return made_once(shared_path(tmp_path_factory, "site"), build_it)


@pytest.fixture(scope="session")
def published_site(site: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The yearbook as `make pdf` publishes it: `site` printed (`yearbook print`, into the
    session's print cache), then built again (warm, in this process): a PDF per language in
    downloads/, which its pages link to. Read-only."""

    def publish(target: Path) -> None:
        with pytest.MonkeyPatch.context() as patch:  # as the command's own environment
            for name, value in _session_print_cache(tmp_path_factory).items():
                patch.setenv(name, value)
            # One process, not one a language: the other test process keeps its core
            # (Lighthouse's scores suffer when the print takes both).
            config = str(ROOT / "mkdocs.yml")
            assert main(["print", str(site), "--config", config, "--jobs", "1"]) == 0
            result = build(ROOT / "mkdocs.yml", target)
        assert result.ok, result.log
        assert "print edition: publishing zh, en" in result.log, result.log

    return made_once(shared_path(tmp_path_factory, "published-site"), publish)


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """tests/fixtures/data_pages built once per session: a small yearbook whose data holds
    markup (a company named `<script>alert(1)</script>`, ...). Read-only."""

    def make(target: Path) -> None:
        target.mkdir()
        built = fixture_site("data_pages", target)
        assert built == target / "site"

    return made_once(shared_path(tmp_path_factory, "data-pages"), make) / "site"


@pytest.fixture(scope="session")
def site_url(site: Path) -> Iterator[str]:
    """The built yearbook served on localhost, gzipped as GitHub Pages serves it."""
    with serving(site) as url:
        yield url


# The pages with charts: the front page and four chapters, in both languages.
CHART_PAGES = [
    prefix + page
    for prefix in ("/", "/en/")
    for page in ("", "approvals/", "deals/", "robotics/", "clusters/")
]


@contextmanager
def tab_without_cache(browser: Any) -> Iterator[Any]:
    """A tab of its own (light palette to begin with) that never answers a request from the
    HTTP cache, as DevTools' "Disable cache" does: each page it loads comes as from an empty
    cache, while Chromium keeps the one renderer and its compiled scripts between pages."""
    context = with_axe(browser.new_context(color_scheme="light"))
    try:
        page = context.new_page()
        devtools = context.new_cdp_session(page)
        devtools.send("Network.enable")
        devtools.send("Network.setCacheDisabled", {"cacheDisabled": True})
        yield page
    finally:
        context.close()


def load_with_live_charts(page: Any, site_url: str, path: str) -> dict[str, Any]:
    """What happens when a reader opens `path` in `page` (a `tab_without_cache`) at a laptop's
    size, waits for the page and its search index, and points at every chart so that it goes
    live (charts.js); and the charts' contrast and text alternatives (browser_checks) in both
    palettes, before and after."""
    problems: list[str] = []
    finished: list[Any] = []
    listeners = {
        "console": lambda m: problems.append(m.text) if m.type in ("error", "warning") else None,
        "pageerror": lambda error: problems.append(str(error)),
        "request": lambda r: (
            None if r.url.startswith(site_url) else problems.append(f"request {r.url}")
        ),
        "requestfinished": lambda request: finished.append(request),
    }
    for event, listener in listeners.items():
        page.on(event, listener)
    page.set_viewport_size({"width": 1280, "height": 720})  # Playwright's default
    palettes: dict[str, dict[str, list[str]]] = {scheme: {} for scheme in SCHEMES}
    try:
        page.goto(site_url + path)
        page.wait_for_load_state("networkidle")  # the search index too
        for scheme in SCHEMES:  # the static graphics the page opens with
            switch_palette(page, scheme)
            palettes[scheme]["static"] = chart_problems(page)
        figures = page.locator("[data-yearbook-chart]")
        for index in range(figures.count()):
            figures.nth(index).hover()  # scrolls it into view, as a reader would
        page.wait_for_function(
            "n => document.querySelectorAll('.yearbook-chart__live svg').length === n",
            arg=figures.count(),
            timeout=30_000,
        )
        for scheme in reversed(SCHEMES):  # the live charts that replaced them
            switch_palette(page, scheme)
            palettes[scheme]["live"] = chart_problems(page)
            # Every rule in the first palette read, the rules about colour in the other.
            rules = COLOUR_RULES if scheme != SCHEMES[-1] else ()
            found = axe_violations(page, context=".yearbook-chart", rules=rules)
            palettes[scheme]["axe"] = [str(violation) for violation in found]
        # At both widths the charts are drawn at, a laptop's and a phone's: the size of their
        # text as rendered and labels that overlap (browser_checks.chart_text_problems).
        text = {}
        for width in (1366, 360):
            page.set_viewport_size({"width": width, "height": 800})
            page.wait_for_function(READ_AFTER_RESIZE)
            text[width] = chart_text_problems(page, MIN_CHART_TEXT_PX if width == 360 else 0)
        sizes = [request.sizes() for request in finished]
        return {
            "text": text,
            "charts": figures.count(),
            "statics_hidden": page.eval_on_selector_all(
                ".yearbook-chart__static", "els => els.every(e => e.hidden)"
            ),
            "marks": page.eval_on_selector_all(
                ".yearbook-chart__live svg",
                "svgs => svgs.map(s => s.querySelectorAll('path, text').length)",
            ),
            # Bodies as sent (gzipped) plus headers, of every request of the page and its
            # search worker.
            "transferred": sum(s["responseBodySize"] + s["responseHeadersSize"] for s in sizes),
            "problems": problems,
            "palettes": palettes,
        }
    finally:
        for event, listener in listeners.items():
            page.remove_listener(event, listener)


@pytest.fixture(scope="session")
def live_chart_pages(
    browser: Any, site_url: str, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, dict[str, Any]]:
    """Each page of CHART_PAGES loaded once with all its charts live (`load_with_live_charts`),
    for the chart, accessibility and transfer checks alike; once per session."""

    def load(target: Path) -> None:
        with tab_without_cache(browser) as page:
            loads = {path: load_with_live_charts(page, site_url, path) for path in CHART_PAGES}
        target.write_text(json.dumps(loads), encoding="utf-8")

    made = made_once(shared_path(tmp_path_factory, "live-chart-pages.json"), load)
    loaded: dict[str, dict[str, Any]] = json.loads(made.read_text(encoding="utf-8"))
    return loaded


class _Chromium:
    """Chromium as the tests drive it, as some readers' systems and habits have it:

    - Pages ask for reduced motion: Material then turns its transitions off (its own
      `prefers-reduced-motion` rule), so a page resized, a drawer opened or a palette switched
      is read where it ends up at once, not after a quarter second of sliding. A test may
      still ask for motion (`reduced_motion="no-preference"`).
    - `new_page()` opens a tab in one shared context, as a reader opens tabs, instead of a
      context (a fresh browser profile) each: Chromium then keeps one renderer for the site
      (`--process-per-site`) with its compiled scripts and styles, while the tab a test closes
      stays open until the next one has opened. A closed tab forgets what it stored (Material
      keeps the palette chosen in localStorage), so no test sees another's choices. Tests that
      need a profile of their own (no JavaScript, a touch screen, an empty cache) make a
      context of their own with `new_context()`.
    """

    ARGS = ("--process-per-site",)

    def __init__(self, browser: Any) -> None:
        self._browser = browser
        self._shared: Any = None
        self._closed_last: Any = None

    def new_context(self, **options: Any) -> Any:
        return self._browser.new_context(**{"reduced_motion": "reduce", **options})

    def new_page(self, viewport: dict[str, int] | None = None) -> Any:
        if self._shared is None:
            self._shared = self.new_context()
        page = self._shared.new_page()
        if viewport is not None:
            page.set_viewport_size(viewport)
        close = page.close

        def close_later() -> None:
            if page.url.startswith("http"):
                page.evaluate("localStorage.clear()")
            if self._closed_last is not None:
                self._closed_last()
            self._closed_last = close

        page.close = close_later
        return page

    def __getattr__(self, name: str) -> Any:
        return getattr(self._browser, name)


@pytest.fixture(scope="session")
def lighthouse_runner() -> Iterator[Any]:
    """One Lighthouse driver (test_lighthouse.Lighthouse: a Node process and its Chromium) for
    every audit a test process makes, the yearbook's and the check's own alike."""
    from test_lighthouse import Lighthouse

    runner = Lighthouse()
    print(f"lighthouse: favoured for the CPU: {runner.favoured}")
    yield runner
    runner.close()


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Debian's headless Chromium driven by Playwright (never a downloaded browser), as
    `_Chromium` has it."""
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), f"{CHROMIUM} is missing: run `make test`, which installs it"
    with sync_playwright() as playwright:
        args = [*CHROMIUM_ARGS, *_Chromium.ARGS]
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=args)
        yield _Chromium(browser)
        browser.close()


# --- the datasets and the page templates, for unit tests of what pages show ---------------------


@pytest.fixture(scope="module")
def datasets() -> dict[str, Dataset]:
    """The yearbook's own datasets, validated."""
    return datasets_of(validate_data_dir(ROOT / "data"))


@pytest.fixture(scope="module")
def hostile() -> dict[str, Dataset]:
    """The fixture datasets with a company named `<script>alert(1)</script>`."""
    return datasets_of(validate_data_dir(FIXTURES / "data_pages" / "data"))


@pytest.fixture(scope="module")
def env() -> jinja2.Environment:
    """The partial templates in an environment like Material's: autoescape off unless the
    template turns it on."""
    loader = jinja2.FileSystemLoader(ROOT / "site-overrides")
    return jinja2.Environment(loader=loader, autoescape=False)
