"""The language of parts (WCAG 3.1.2): every run of Chinese characters on an English page is
inside an element whose `lang` is Chinese, and English words on Chinese pages are marked
English (yearbook.site.language_parts). The site checks read the built HTML with the standard
library's parser, not with the code under test."""

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from built_html import content_pages

from yearbook.site.language_parts import mark_language_of_parts

HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
SKIPPED = {"script", "style", "title"}  # not text a reader is read out
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}  # fmt: skip


class _Unmarked(HTMLParser):
    """Runs of Chinese text whose nearest `lang` is not Chinese."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str | None]] = []
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in VOID:
            self.stack.append((tag, dict(attrs).get("lang")))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        pass

    def handle_endtag(self, tag: str) -> None:
        while self.stack and self.stack.pop()[0] != tag:
            pass

    def handle_data(self, data: str) -> None:
        if any(tag in SKIPPED for tag, _ in self.stack):
            return
        lang = next((lang for _, lang in reversed(self.stack) if lang), "")
        if not lang.lower().startswith("zh"):
            self.found += [f"{run} (in {self.stack[-1][0] if self.stack else '?'})"
                           for run in HAN.findall(data)]  # fmt: skip


def unmarked_chinese(html: str) -> list[str]:
    parser = _Unmarked()
    parser.feed(html)
    return parser.found


def test_the_check_finds_chinese_outside_a_chinese_element() -> None:
    html = (
        '<html lang="en"><p>Out-licensing (对外授权) and <span lang="zh-Hans">华南科大</span></p>'
    )
    assert unmarked_chinese(html) == ["对外授权 (in p)"]


def test_chinese_on_an_english_page_is_marked_and_nothing_else_changes() -> None:
    html = (
        '<p title="对外授权">Out-licensing (对外授权, “三分之一”) &amp; <code>中文</code>'
        '<svg><text>中文</text></svg><!-- 中文 --> <span lang="zh-Hans">华南科大</span></p>'
    )
    assert mark_language_of_parts(html, "en") == (
        '<p title="对外授权">Out-licensing (<span lang="zh-Hans">对外授权</span>, '
        '“<span lang="zh-Hans">三分之一</span>”) &amp; <code>中文</code>'
        '<svg><text>中文</text></svg><!-- 中文 --> <span lang="zh-Hans">华南科大</span></p>'
    )


def test_english_words_on_a_chinese_page_are_marked_but_not_abbreviations() -> None:
    html = (
        "<p>NewCo模式与Co-Co模式、PD-1抑制剂、I期，Kailera Therapeutics公司 &amp; ADC，"
        '<abbr title="新公司">NewCo</abbr>，见https://example.org/#chart-deals与deals.csv</p>'
    )
    assert mark_language_of_parts(html, "zh") == (
        '<p><span lang="en">NewCo</span>模式与<span lang="en">Co-Co</span>模式、PD-1抑制剂、'
        'I期，<span lang="en">Kailera Therapeutics</span>公司 &amp; ADC，'
        '<abbr title="新公司">NewCo</abbr>，见https://example.org/#chart-deals与deals.csv</p>'
    )


def _english_pages(site: Path) -> list[str]:
    return [page for page in content_pages(site) if page.startswith("en/")] + ["en/404.html"]


def test_every_run_of_chinese_on_an_english_page_is_marked_chinese(site: Path) -> None:
    pages = _english_pages(site)
    assert len(pages) > 60  # chapters and entity pages
    found = {
        page: runs
        for page in pages
        if (runs := unmarked_chinese((site / page).read_text(encoding="utf-8")))
    }
    assert found == {}


@pytest.mark.parametrize(
    ("page", "english"),
    [("deals/index.html", '<span lang="en">NewCo</span>'), ("glossary/index.html", 'lang="en"')],
)
def test_english_terms_on_chinese_pages_are_marked_english(
    site: Path, page: str, english: str
) -> None:
    assert english in (site / page).read_text(encoding="utf-8")
