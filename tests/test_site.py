"""The built yearbook, read from its HTML: twins, languages, selector, search index, 404."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest
from built_html import page_facts, resolve, yearbook_pages
from conftest import ROOT

CHAPTERS = ["", "approvals/", "deals/", "robotics/", "clusters/", "data/", "about/"]


def _twin(page: str) -> str:
    return page.removeprefix("en/") if page.startswith("en/") else "en/" + page


def test_front_pages_and_every_chapter_exist_in_both_languages(site: Path) -> None:
    for chapter in CHAPTERS:
        assert (site / chapter / "index.html").is_file(), chapter
        assert (site / "en" / chapter / "index.html").is_file(), chapter


def test_every_page_has_its_twin(site: Path) -> None:
    pages = yearbook_pages(site)
    assert len(pages) >= 2 * len(CHAPTERS)
    missing = [page for page in pages if _twin(page) not in pages]
    assert missing == []


def test_every_script_a_page_loads_is_deferred(site: Path) -> None:
    # main.html defers Material's scripts and the site's by rewriting Material's script tags:
    # a Material that writes them otherwise would leave them blocking the first paint.
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 100
    blocking = {
        page.relative_to(site).as_posix(): tags
        for page in pages
        if (tags := re.findall(r"<script(?![^>]*\bdefer\b)[^>]*\bsrc=[^>]*>", page.read_text()))
    }
    assert blocking == {}


def test_lang_attribute_matches_the_language_of_the_page(site: Path) -> None:
    for page in yearbook_pages(site):
        expected = "en" if page.startswith("en/") else "zh"
        assert page_facts(site / page).lang == expected, page


def test_language_selector_leads_to_the_twin_page(site: Path) -> None:
    for page in yearbook_pages(site):
        selector = page_facts(site / page).selector
        assert set(selector) == {"zh", "en"}, page
        language = "en" if page.startswith("en/") else "zh"
        other = "zh" if language == "en" else "en"
        assert resolve(site, page, selector[language]) == site / page
        assert resolve(site, page, selector[other]) == site / _twin(page), page


def test_material_interface_strings_follow_the_page_language(site: Path) -> None:
    zh = (site / "deals" / "index.html").read_text(encoding="utf-8")
    en = (site / "en" / "deals" / "index.html").read_text(encoding="utf-8")
    assert 'placeholder="搜索"' in zh
    assert 'title="切换到深色模式"' in zh and "Switch to" not in zh
    assert 'title="Switch to dark mode"' in en
    assert 'placeholder="Search"' in en
    assert "<title>授权与合作交易 - 中国创新年鉴</title>" in zh
    assert "<title>Licensing and partnership deals - China Innovation Yearbook</title>" in en


def test_navigation_titles_are_translated(site: Path) -> None:
    zh = (site / "index.html").read_text(encoding="utf-8")
    en = (site / "en" / "index.html").read_text(encoding="utf-8")
    assert "授权与合作交易" in zh and "Licensing and partnership deals" not in zh
    assert "Licensing and partnership deals" in en and "授权与合作交易" not in en


def test_each_language_has_its_own_search_index(site: Path) -> None:
    zh = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    en = json.loads((site / "en" / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert {doc["location"].split("#")[0] for doc in zh["docs"]} >= {"", "deals/"}
    assert {doc["location"].split("#")[0] for doc in en["docs"]} >= {"", "deals/"}
    han = re.compile(r"[\u4e00-\u9fff]")
    # Chapter titles (entity pages are named as their subjects are, e.g. GSK).
    chapters = [doc for doc in zh["docs"] if doc["location"].count("/") <= 1]
    assert chapters and all(han.search(doc["title"]) for doc in chapters)
    assert not any(han.search(doc["title"]) for doc in en["docs"])
    assert "\\u200b" in zh["config"]["separator"]


def test_chinese_search_index_holds_segmented_words(site: Path) -> None:
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    deals_text = " ".join(d["text"] for d in index["docs"] if d["location"].startswith("deals/"))
    # jieba splits 对外授权交易 into words, separated by zero-width spaces.
    assert "\u200b授权\u200b" in deals_text or "对外\u200b授权" in deals_text
    words = set(re.split("[\u200b\\s]+", deals_text))
    assert "授权" in words


def test_not_found_page_per_language(site: Path) -> None:
    zh = site / "404.html"
    en = site / "en" / "404.html"
    assert page_facts(zh).lang == "zh" and "返回年鉴首页" in zh.read_text(encoding="utf-8")
    assert page_facts(en).lang == "en" and "Back to the yearbook" in en.read_text(encoding="utf-8")
    # Served for missing paths at any depth, so its links are absolute; readers under /en/
    # are sent on to the English page.
    assert 'href="/assets/stylesheets/' in zh.read_text(encoding="utf-8")
    # (Built at the root, not in an edition's folder: tests/test_editions_browser.py.)
    sends_on = '({"base": "/", "editions": false, "prefixes": ["en/"]})'
    assert sends_on in zh.read_text(encoding="utf-8")
    assert "prefixes" not in en.read_text(encoding="utf-8")


def test_sitemap_pairs_every_page_with_its_twins(site: Path) -> None:
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    entries = re.findall(r"<url>(.*?)</url>", sitemap, flags=re.S)
    assert len(entries) == len(yearbook_pages(site))
    for entry in entries:
        hreflangs = re.findall(r'hreflang="([\w-]+)" href="([^"]+)"', entry)
        assert [lang for lang, _ in hreflangs] == ["zh-Hans", "en", "x-default"], entry
        assert hreflangs[2][1] == hreflangs[0][1], entry  # x-default: the Chinese page
        (loc,) = re.findall(r"<loc>([^<]+)</loc>", entry)
        assert loc in {href for _, href in hreflangs}


def _abbreviations(language: str) -> dict[str, str]:
    """content/includes/abbreviations.<language>.md: `*[term]: explanation` lines."""
    text = (ROOT / "content" / "includes" / f"abbreviations.{language}.md").read_text("utf-8")
    return dict(re.findall(r"^\*\[([^\]]+)\]: (.+)$", text, flags=re.M))


@pytest.mark.parametrize(("language", "page"), [("zh", "deals/"), ("en", "en/deals/")])
def test_abbreviations_are_explained_in_the_page_language(
    site: Path, language: str, page: str
) -> None:
    """Abbreviations the chapter's text uses are <abbr> with the explanation of the page's
    language (hooks/pages.py adds content/includes/abbreviations.<language>.md to pages)."""
    markdown = (ROOT / "content" / language / "deals.md").read_text("utf-8")
    html_text = (site / page / "index.html").read_text("utf-8")
    used = {
        term: explanation
        for term, explanation in _abbreviations(language).items()
        if re.search(rf"(?<![\w-]){re.escape(term)}(?![\w-])", markdown)
    }
    assert "NewCo" in used
    missing = [
        term
        for term, explanation in used.items()
        if f'<abbr title="{html.escape(explanation)}">{term}</abbr>' not in html_text
    ]
    assert missing == []
