"""Rebuilds after edits: only what read the edited data is made again, and the site is exactly
the one a build from empty caches makes (yearbook.data.reads, yearbook.cache.outputs).

Both tests start where an editor does, from a project built once (`built_once`: the caches of
the session's build of the yearbook). Clean builds to compare with run in the background while
the rebuilds go on, from empty caches (every chart made); the one after the deal edit serves both
tests. Those after a company's edits, which no chart reads, start with its charts alone (drawn
from the same data, and checked against it as every build checks its cache) rather than drawing
them all again."""

from __future__ import annotations

import logging
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from built_html import content_pages, yearbook_pages
from conftest import ROOT, SET_UP, mkdocs_build
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort

PROJECT = ("mkdocs.yml", "content", "data", "hooks", "site-overrides")
DEAL_EDIT = (",18500,exact,", ",18600,exact,")
CHARTS = 14  # 7 charts (yearbook.charts.CHARTS) in 2 languages
# "Editing a deal's total in deals.csv therefore remakes the three deal charts" (README, "Build
# caches and speed"): deal-value-by-year, largest-deals and deals-by-type, in two languages.
CHARTS_READING_A_DEAL_TOTAL = 6


def _copy_yearbook(target: Path, source: Path = ROOT) -> Path:
    """The project at `source` (its pages, data, hooks, templates and settings) in `target`,
    with what `make` sets up once but no build cache."""
    target.mkdir(parents=True)
    for name in PROJECT:
        path = source / name
        (shutil.copytree if path.is_dir() else shutil.copyfile)(path, target / name)
    (target / "src").symlink_to(ROOT / "src")  # `watch:` in mkdocs.yml names it
    for name in SET_UP:
        made = ROOT / ".cache" / name
        if made.is_dir():  # made by `make`; without it the build makes it
            (target / ".cache").mkdir(exist_ok=True)
            (target / ".cache" / name).symlink_to(made)
    return target


def _site_files(site: Path) -> dict[str, bytes]:
    """Every file of a built site (the sitemap too: SOURCE_DATE_EPOCH dates every build)."""
    return {
        path.relative_to(site).as_posix(): path.read_bytes()
        for path in sorted(site.rglob("*"))
        if path.is_file()
    }


def _assert_same_site(built: dict[str, bytes], clean: dict[str, bytes]) -> None:
    assert sorted(built) == sorted(clean)
    assert [name for name in clean if built[name] != clean[name]] == []


class CleanBuild:
    """`mkdocs build --strict` of a copy of `project` as it is now, from empty caches, in a
    process of its own that runs while the test goes on; or with the charts of another clean
    build (`charts_of`), when the project differs from that one only in what no chart reads."""

    def __init__(self, project: Path, target: Path, charts_of: CleanBuild | None = None) -> None:
        self.site = target / "site"
        self.project = _copy_yearbook(target / "project", project)
        self.expected_charts = (0, CHARTS)  # (from cache, made)
        if charts_of is not None:
            charts_of.files()  # waits until it has finished
            charts = charts_of.project / ".cache" / "charts"
            shutil.copytree(charts, self.project / ".cache" / "charts")
            self.expected_charts = (CHARTS, 0)
        self.process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(self.site)],
            cwd=self.project,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        self._files: dict[str, bytes] | None = None

    def files(self) -> dict[str, bytes]:
        if self._files is None:
            _, stderr = self.process.communicate(timeout=600)
            assert self.process.returncode == 0, stderr
            assert _chart_counts(stderr) == self.expected_charts
            self._files = _site_files(self.site)
        return self._files


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture(scope="module")
def clean_after_deal_edit(tmp_path_factory: pytest.TempPathFactory) -> Iterator[CleanBuild]:
    """The yearbook with one deal's total edited, built from empty caches."""
    edited = _copy_yearbook(tmp_path_factory.mktemp("deal-edit") / "yearbook")
    _edit(edited / "data" / "deals.csv", *DEAL_EDIT)
    build = CleanBuild(edited, tmp_path_factory.mktemp("clean-deal-edit"))
    yield build
    build.process.kill()
    build.process.wait()


def _chart_counts(log: str) -> tuple[int, int]:
    found = re.search(r"charts: (\d+) from cache, (\d+) made", log)
    assert found, log[-2000:]
    return int(found[1]), int(found[2])


@pytest.fixture(scope="module")
def built_once(site: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the yearbook with the caches that the session's build of it (conftest `site`)
    left in the project's .cache/, as an editor's project is after `make build`; read-only:
    each test edits a copy (`_copy_built`). (The clean builds are the ones from empty caches.)"""
    project = _copy_yearbook(tmp_path_factory.mktemp("built-once") / "yearbook")
    for cache in sorted((ROOT / ".cache").iterdir()):
        # What a build leaves (charts, search words, entity pages, templates); not the print
        # edition that `make pdf` may have left, which no clean build here publishes.
        if cache.name not in (*SET_UP, "print"):
            shutil.copytree(cache, project / ".cache" / cache.name)
    return project


def _copy_built(built: Path, target: Path) -> Path:
    """`built` (a project and its build caches) copied to `target`."""
    return Path(shutil.copytree(built, target, symlinks=True))


def test_a_rebuild_after_a_csv_edit_remakes_only_what_read_it_and_equals_a_clean_build(
    tmp_path: Path, built_once: Path, clean_after_deal_edit: CleanBuild
) -> None:
    project = _copy_built(built_once, tmp_path / "yearbook")
    _edit(project / "data" / "deals.csv", *DEAL_EDIT)
    rebuilt = mkdocs_build(project / "mkdocs.yml", tmp_path / "site-rebuilt")
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert _chart_counts(rebuilt.stderr) == (
        CHARTS - CHARTS_READING_A_DEAL_TOTAL,
        CHARTS_READING_A_DEAL_TOTAL,
    )
    _assert_same_site(_site_files(tmp_path / "site-rebuilt"), clean_after_deal_edit.files())
    assert "186亿美元" in (tmp_path / "site-rebuilt" / "deals" / "index.html").read_text("utf-8")


@dataclass(frozen=True)
class Rebuild:
    rendered: int
    """Pages whose HTML the rebuild wrote (rendered); the others were left as they were."""
    charts: tuple[int, int]
    """Charts taken from the cache, and made."""


@contextmanager
def _serve_session(project: Path, site: Path) -> Iterator[Callable[[], Rebuild]]:
    """`mkdocs serve --dirty` without its server: each call builds into `site` as a rebuild
    after an edit does (the config read again, in the same process)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    def config() -> MkDocsConfig:
        return load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(site))

    first = config()
    first.plugins.on_startup(command="serve", dirty=True)
    handler, logger = _Messages(), logging.getLogger("mkdocs")
    level = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)

    def written() -> dict[str, int]:
        return {page: (site / page).stat().st_mtime_ns for page in content_pages(site)}

    def rebuild() -> Rebuild:
        handler.messages.clear()
        before = written() if site.is_dir() else {}
        build(config(), serve_url="http://127.0.0.1:8000/", dirty=True)
        after = written()
        rendered = [page for page, time in after.items() if before.get(page) != time]
        return Rebuild(len(rendered), _chart_counts(handler.text()))

    try:
        yield rebuild
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
        first.plugins.on_shutdown()


class _Messages(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())

    def text(self) -> str:
        return "\n".join(self.messages)


def test_serve_rebuilds_render_only_changed_pages_and_equal_a_clean_build(
    tmp_path: Path, built_once: Path, clean_after_deal_edit: CleanBuild
) -> None:
    project = _copy_built(built_once, tmp_path / "yearbook")
    served = tmp_path / "served"
    # Each state of the served folder, and a clean build of the project in that state.
    compared: list[tuple[str, dict[str, bytes], CleanBuild]] = []

    def compare_later(step: str, charts_of: CleanBuild | None = None) -> None:
        clean = CleanBuild(project, tmp_path / f"clean-{step}", charts_of)
        compared.append((step, _site_files(served), clean))

    try:
        with _serve_session(project, served) as rebuild:
            # Served where the build left off: every page written, every chart from its cache.
            first = rebuild()
            pages = len(yearbook_pages(served))  # every page of the yearbook
            assert first == Rebuild(pages, (CHARTS, 0))

            # A deal's total: the 12 pages that show deals (README: the deals chapter, the
            # deals table and the sources list of the data chapter, the front page, which
            # quotes deal figures, and the two companies' pages, in two languages), and the
            # charts of deal values.
            _edit(project / "data" / "deals.csv", *DEAL_EDIT)
            assert rebuild() == Rebuild(
                12, (CHARTS - CHARTS_READING_A_DEAL_TOTAL, CHARTS_READING_A_DEAL_TOTAL)
            )
            compared.append(("deal", _site_files(served), clean_after_deal_edit))
            assert "186亿美元" in (served / "deals" / "index.html").read_text("utf-8")

            # Prose: that page alone, and no chart.
            about = project / "content" / "en" / "about.md"
            _edit(about, "is an annual bilingual reference", "is a yearly bilingual reference")
            assert rebuild() == Rebuild(1, (CHARTS, 0))

            # A failed build may leave pages half written: the one after the fix renders all.
            deals_page = project / "content" / "zh" / "deals.md"
            chart, typo = "<!-- yearbook:chart deals-by-type -->", "<!-- yearbook:chart typo -->"
            _edit(deals_page, chart, typo)
            with pytest.raises(Abort):
                rebuild()
            _edit(deals_page, typo, chart)
            assert rebuild().rendered == pages

            # A company's note: its two pages, the pages that name it (the deals chapter and
            # the deals table, Pfizer's pages) and those listing every company (the companies
            # table and the sources list of the data chapter, the directory), in two
            # languages: 14 pages (README).
            companies = project / "data" / "companies.csv"
            _edit(companies, "16 of the world's top 20", "16 of the top 20")
            assert rebuild() == Rebuild(14, (CHARTS, 0))
            xtalpi = (served / "en/companies/xtalpi/index.html").read_text("utf-8")
            assert "16 of the top 20" in xtalpi
            compare_later("note", charts_of=clean_after_deal_edit)

            # A new company: its two pages, and the six that list every company (README).
            row = "novel-bio,新生物,Novel Bio,CN,biotech,xinhua-2026-05-27,,\n"
            companies.write_text(companies.read_text("utf-8") + row, encoding="utf-8")
            assert rebuild() == Rebuild(8, (CHARTS, 0))
            assert (served / "en" / "companies" / "novel-bio" / "index.html").is_file()
            compare_later("new-company", charts_of=clean_after_deal_edit)

            # The company removed again, a template and a title in the navigation edited:
            # every page changes, and the removed company's pages are gone.
            companies.write_text(companies.read_text("utf-8").replace(row, ""), encoding="utf-8")
            _edit(project / "site-overrides" / "main.html", "{% block", "{# edited #}{% block")
            _edit(project / "mkdocs.yml", "Robotics: en/robotics.md", "Robots: en/robotics.md")
            assert rebuild().rendered == pages
            assert not (served / "en" / "companies" / "novel-bio" / "index.html").exists()
            compare_later("template-and-nav")

        assert [step for step, _, _ in compared] == [
            "deal",
            "note",
            "new-company",
            "template-and-nav",
        ]
        for step, files, clean in compared:
            try:
                _assert_same_site(files, clean.files())
            except AssertionError as error:
                raise AssertionError(f"after the {step} edit: {error}") from None
    finally:
        for _, _, clean in compared:
            if clean is not clean_after_deal_edit:
                clean.process.kill()
                clean.process.wait()
