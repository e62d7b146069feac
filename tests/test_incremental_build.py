"""Rebuilds after a CSV edit: only what read the edited dataset is made again, and the site is
exactly the one a build from empty caches makes (yearbook.data.reads)."""

from __future__ import annotations

import logging
import re
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from conftest import ROOT, mkdocs_build
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort

PROJECT = ("mkdocs.yml", "content", "data", "hooks", "site-overrides")


def _copy_yearbook(target: Path) -> Path:
    target.mkdir()
    for name in PROJECT:
        source = ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copyfile)(source, target / name)
    (target / "src").symlink_to(ROOT / "src")  # `watch:` in mkdocs.yml names it
    vega = ROOT / ".cache" / "vega"
    if vega.is_dir():  # made by `make`; without it the build makes it
        shutil.copytree(vega, target / ".cache" / "vega")
    return target


def _site_files(site: Path) -> dict[str, bytes]:
    """Every file of a built site but the compressed sitemap (gzip stamps its build time)."""
    return {
        path.relative_to(site).as_posix(): path.read_bytes()
        for path in sorted(site.rglob("*"))
        if path.is_file() and path.suffix != ".gz"
    }


def _counts(log: str, what: str) -> tuple[int, int]:
    found = re.search(rf"{what}: (\d+) from cache, (\d+) made", log)
    assert found, log[-2000:]
    return int(found[1]), int(found[2])


def test_a_rebuild_after_a_csv_edit_remakes_only_what_read_it_and_equals_a_clean_build(
    tmp_path: Path,
) -> None:
    project = _copy_yearbook(tmp_path / "yearbook")
    first = mkdocs_build(project / "mkdocs.yml", tmp_path / "site-first")
    assert first.returncode == 0, first.stderr

    deals = project / "data" / "deals.csv"
    edited = deals.read_text(encoding="utf-8").replace(",18500,exact,", ",18600,exact,", 1)
    assert edited != deals.read_text(encoding="utf-8")
    deals.write_text(edited, encoding="utf-8")
    rebuilt = mkdocs_build(project / "mkdocs.yml", tmp_path / "site-rebuilt")
    assert rebuilt.returncode == 0, rebuilt.stderr
    charts_kept, charts_made = _counts(rebuilt.stderr, "charts")
    assert charts_kept > 0 and charts_made > 0

    clean = tmp_path / "clean"
    shutil.copytree(project, clean, symlinks=True, ignore=shutil.ignore_patterns(".cache"))
    fresh = mkdocs_build(clean / "mkdocs.yml", tmp_path / "site-clean")
    assert fresh.returncode == 0, fresh.stderr
    incremental, scratch = (
        _site_files(tmp_path / "site-rebuilt"),
        _site_files(tmp_path / "site-clean"),
    )
    assert sorted(incremental) == sorted(scratch)
    differing = [name for name in scratch if incremental[name] != scratch[name]]
    assert differing == []
    assert "186亿美元" in (tmp_path / "site-rebuilt" / "deals" / "index.html").read_text("utf-8")


@contextmanager
def _serve_session(project: Path, site: Path) -> Iterator[Callable[[], int]]:
    """`mkdocs serve --dirty` without its server: each call builds into `site` as a rebuild
    after an edit does (the config read again, in the same process), and returns how many
    pages it rendered."""
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

    def rebuild() -> int:
        handler.messages.clear()
        build(config(), serve_url="http://127.0.0.1:8000/", dirty=True)
        found = re.search(r"serve: (\d+) pages rendered", handler.text())
        assert found, handler.text()
        return int(found[1])

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


def _clean_build(project: Path, target: Path) -> dict[str, bytes]:
    """The site a build of `project` makes from empty caches."""
    clean = target.with_name(target.name + "-project")
    shutil.copytree(project, clean, symlinks=True, ignore=shutil.ignore_patterns(".cache"))
    result = mkdocs_build(clean / "mkdocs.yml", target)
    assert result.returncode == 0, result.stderr
    return _site_files(target)


def _assert_same_site(served: Path, clean: dict[str, bytes]) -> None:
    files = _site_files(served)
    assert sorted(files) == sorted(clean)
    assert [name for name in clean if files[name] != clean[name]] == []


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_serve_rebuilds_render_only_changed_pages_and_equal_a_clean_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SITE_URL", raising=False)
    project = _copy_yearbook(tmp_path / "yearbook")
    served = tmp_path / "served"
    with _serve_session(project, served) as rebuild:
        pages = rebuild()
        assert pages > 100

        # A CSV edit: the pages showing deals, and those showing a chart of them.
        _edit(project / "data" / "deals.csv", ",18500,exact,", ",18600,exact,")
        assert 0 < rebuild() < 20
        _assert_same_site(served, _clean_build(project, tmp_path / "clean-1"))
        assert "186亿美元" in (served / "deals" / "index.html").read_text("utf-8")

        # Prose: that page alone.
        about = project / "content" / "en" / "about.md"
        _edit(about, "is an annual bilingual reference", "is a yearly bilingual reference")
        assert rebuild() == 1

        # A failed build may leave pages half written: the one after the fix renders all.
        deals_page = project / "content" / "zh" / "deals.md"
        _edit(deals_page, "<!-- yearbook:chart deals-by-type -->", "<!-- yearbook:chart typo -->")
        with pytest.raises(Abort):
            rebuild()
        _edit(deals_page, "<!-- yearbook:chart typo -->", "<!-- yearbook:chart deals-by-type -->")
        assert rebuild() == pages

        # A company's note: the pages that show that company's row, or every company.
        companies = project / "data" / "companies.csv"
        _edit(companies, "16 of the world's top 20", "16 of the top 20")
        assert 2 <= rebuild() < 20
        assert "16 of the top 20" in (served / "en/companies/xtalpi/index.html").read_text("utf-8")
        _assert_same_site(served, _clean_build(project, tmp_path / "clean-note"))

        # A new company: its two pages, and those listing every company.
        row = "novel-bio,新生物,Novel Bio,CN,biotech,xinhua-2026-05-27,,\n"
        companies.write_text(companies.read_text("utf-8") + row, encoding="utf-8")
        assert 2 <= rebuild() < 20
        assert (served / "en" / "companies" / "novel-bio" / "index.html").is_file()
        _assert_same_site(served, _clean_build(project, tmp_path / "clean-2"))

        # The company removed again, a template and a title in the navigation edited: every
        # page changes, and the removed company's pages are gone.
        companies.write_text(companies.read_text("utf-8").replace(row, ""), encoding="utf-8")
        _edit(project / "site-overrides" / "main.html", "{% block", "{# edited #}{% block")
        _edit(project / "mkdocs.yml", "Robotics: en/robotics.md", "Robots: en/robotics.md")
        assert rebuild() == pages
        assert not (served / "en" / "companies" / "novel-bio" / "index.html").exists()
        _assert_same_site(served, _clean_build(project, tmp_path / "clean-3"))
