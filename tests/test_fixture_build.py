"""Builds of the small fixture yearbook in tests/fixtures/yearbook, intact and broken."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import copy_fixture, mkdocs_build


@pytest.fixture
def yearbook(tmp_path: Path) -> Path:
    return copy_fixture("yearbook", tmp_path)


def test_fixture_yearbook_builds_both_languages(yearbook: Path, tmp_path: Path) -> None:
    result = mkdocs_build(yearbook / "mkdocs.yml", tmp_path / "site")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "site" / "deals" / "index.html").is_file()
    assert (tmp_path / "site" / "en" / "deals" / "index.html").is_file()


@pytest.mark.parametrize(
    ("removed", "message"),
    [
        ("en/deals.md", "content/zh/deals.md: has no English twin; create content/en/deals.md"),
        ("zh/index.md", "content/en/index.md: has no 中文 twin; create content/zh/index.md"),
    ],
)
def test_missing_twin_stops_the_build_naming_the_page(
    yearbook: Path, tmp_path: Path, removed: str, message: str
) -> None:
    (yearbook / "content" / removed).unlink()
    result = mkdocs_build(yearbook / "mkdocs.yml", tmp_path / "site")
    assert result.returncode != 0
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "site").exists()


def test_page_outside_the_language_folders_stops_the_build(yearbook: Path, tmp_path: Path) -> None:
    (yearbook / "content" / "stray.md").write_text("# Stray\n", encoding="utf-8")
    result = mkdocs_build(yearbook / "mkdocs.yml", tmp_path / "site")
    assert result.returncode != 0
    assert "content/stray.md: page is outside the language folders" in result.stderr


def test_navigations_that_differ_between_languages_stop_the_build(
    yearbook: Path, tmp_path: Path
) -> None:
    config = yearbook / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("      - Deals: en/deals.md\n", ""),
        encoding="utf-8",
    )
    result = mkdocs_build(config, tmp_path / "site")
    assert result.returncode != 0
    assert "list the same pages in the same order in every language" in result.stderr
