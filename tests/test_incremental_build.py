"""Rebuilds after a CSV edit: only what read the edited dataset is made again, and the site is
exactly the one a build from empty caches makes (yearbook.dependencies)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from conftest import ROOT, mkdocs_build

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
    found = re.search(rf"{what}: (\d+) from cache, (\d+) (?:filled|made)", log)
    assert found, log[-2000:]
    return int(found[1]), int(found[2])


def test_a_rebuild_after_a_csv_edit_remakes_only_what_read_it_and_equals_a_clean_build(
    tmp_path: Path,
) -> None:
    project = _copy_yearbook(tmp_path / "yearbook")
    first = mkdocs_build(project / "mkdocs.yml", tmp_path / "site-first")
    assert first.returncode == 0, first.stderr
    pages_before = sum(_counts(first.stderr, "pages"))

    deals = project / "data" / "deals.csv"
    edited = deals.read_text(encoding="utf-8").replace(",18500,exact,", ",18600,exact,", 1)
    assert edited != deals.read_text(encoding="utf-8")
    deals.write_text(edited, encoding="utf-8")
    rebuilt = mkdocs_build(project / "mkdocs.yml", tmp_path / "site-rebuilt")
    assert rebuilt.returncode == 0, rebuilt.stderr
    kept, filled = _counts(rebuilt.stderr, "pages")
    assert 0 < filled < pages_before and kept + filled == pages_before
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
