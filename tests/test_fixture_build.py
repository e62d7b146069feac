"""Builds of the small fixture yearbook in tests/fixtures/yearbook, intact and broken.

The intact fixture is built once for the module; each broken copy is built in this process
(`conftest.build`), as `mkdocs build --strict` would build it."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SOURCE_DATE, build, copy_fixture, fixture_site


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return fixture_site("yearbook", tmp_path_factory.mktemp("yearbook"))


@pytest.fixture
def yearbook(tmp_path: Path) -> Path:
    return copy_fixture("yearbook", tmp_path)


def test_fixture_yearbook_builds_both_languages(built: Path) -> None:
    assert (built / "deals" / "index.html").is_file()
    assert (built / "en" / "deals" / "index.html").is_file()


def test_the_build_is_dated_by_source_date_epoch(built: Path) -> None:
    """Test builds are reproducible: the sitemap's dates are SOURCE_DATE_EPOCH's day."""
    sitemap = (built / "sitemap.xml").read_text(encoding="utf-8")
    assert sitemap.count("<lastmod>") == 4  # two pages in two languages
    assert sitemap.count(f"<lastmod>{SOURCE_DATE}</lastmod>") == 4


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
    result = build(yearbook / "mkdocs.yml", tmp_path / "site")
    assert not result.ok
    assert message in result.log
    assert not (tmp_path / "site").exists()


def test_page_outside_the_language_folders_stops_the_build(yearbook: Path, tmp_path: Path) -> None:
    (yearbook / "content" / "stray.md").write_text("# Stray\n", encoding="utf-8")
    result = build(yearbook / "mkdocs.yml", tmp_path / "site")
    assert not result.ok
    assert "content/stray.md: page is outside the language folders" in result.log


def test_navigations_that_differ_between_languages_stop_the_build(
    yearbook: Path, tmp_path: Path
) -> None:
    config = yearbook / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("      - Deals: en/deals.md\n", ""),
        encoding="utf-8",
    )
    result = build(config, tmp_path / "site")
    assert not result.ok
    assert "list the same pages in the same order in every language" in result.log


def test_a_chinese_sentence_on_an_english_twin_stops_the_build(
    yearbook: Path, tmp_path: Path
) -> None:
    page = yearbook / "content" / "en" / "deals.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("Out-licensing deals.", "对外授权交易。"), encoding="utf-8")
    result = build(yearbook / "mkdocs.yml", tmp_path / "site")
    assert not result.ok
    assert "1 translation problem:" in result.log
    assert "content/en/deals.md:9: han:" in result.log
    assert not (tmp_path / "site").exists()
