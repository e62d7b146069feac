"""Search and sharing metadata in every page's <head>: hreflang twins, canonical URL,
description and Open Graph tags in the page's language; the module, the built site, a broken
fixture and the browser (Material's script must not pick the hreflang links up)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from built_html import yearbook_pages
from conftest import FIXTURES, ROOT, build, copy_fixture
from mkdocs.utils.meta import get_data

from yearbook.data.model import datasets_of, related_rows
from yearbook.data.validate import validate_data_dir
from yearbook.pages.entities import entity_description, entity_of
from yearbook.site.head import (
    alternates,
    hreflang,
    keep_line_numbers,
    missing_descriptions,
    og_locale,
)
from yearbook.site.languages import Language

SITE_URL = "http://127.0.0.1:8000/"
HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff]")
CJK = re.compile("[\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]")
ZH = Language("zh", "中文", "中国创新年鉴", "…", "…", default=True)
EN = Language("en", "English", "China Innovation Yearbook", "…", "…", default=False)


# --- the module ---------------------------------------------------------------------------


def test_hreflang_names_the_chinese_script() -> None:
    assert hreflang("zh") == "zh-Hans"
    assert hreflang("en") == "en"


@pytest.mark.parametrize(("code", "locale"), [("zh", "zh_CN"), ("en", "en_US"), ("ja", "ja_JP")])
def test_open_graph_locales(code: str, locale: str) -> None:
    assert og_locale(code) == locale


def test_alternates_are_absolute_and_default_to_chinese() -> None:
    links = {"zh": "deals/", "en": "en/deals/"}
    found = alternates(links, (ZH, EN), "https://example.org/yearbook/")
    assert [(a.hreflang, a.href) for a in found] == [
        ("zh-Hans", "https://example.org/yearbook/deals/"),
        ("en", "https://example.org/yearbook/en/deals/"),
        ("x-default", "https://example.org/yearbook/deals/"),
    ]
    front = alternates({"zh": "", "en": "en/"}, (ZH, EN), "https://example.org/")
    assert [a.href for a in front] == [
        "https://example.org/",
        "https://example.org/en/",
        "https://example.org/",
    ]


def test_no_alternates_without_a_site_url() -> None:
    assert alternates({"zh": "deals/", "en": "en/deals/"}, (ZH, EN), "") == ()


@pytest.mark.parametrize("meta", ["", "description: ''", "description: '  '", "description: [a]"])
def test_a_missing_description_names_the_file(meta: str) -> None:
    problems = missing_descriptions({"content/en/deals.md": f"---\ntitle: A\n{meta}\n---\n# A\n"})
    assert problems == ["content/en/deals.md: has no `description:` in its front matter"]


def test_a_description_of_several_lines_is_refused() -> None:
    problems = missing_descriptions({"content/zh/a.md": '---\ndescription: "One.\\nTwo."\n---\n'})
    assert problems == ["content/zh/a.md: `description:` must be one line of text"]


def test_missing_descriptions_lists_every_page_without_one() -> None:
    sources = {
        "content/zh/a.md": "---\ndescription: 说明。\n---\n\n# 甲\n",
        "content/en/a.md": "# A\n",
        "content/en/b.md": "---\ntitle: B\n---\n# B\n",
    }
    problems = missing_descriptions(sources)
    assert [problem.split(":")[0] for problem in problems] == ["content/en/a.md", "content/en/b.md"]


def test_line_numbers_of_the_markdown_match_the_file() -> None:
    source = "---\ndescription: 说明。\n---\n\n# 甲\n\n<!-- yearbook:table deals -->\n"
    markdown = "\n# 甲\n\n<!-- yearbook:table deals -->\n"  # what MkDocs hands the hooks
    kept = keep_line_numbers(source, markdown)
    marker = "<!-- yearbook:table deals -->"
    assert kept.split("\n").index(marker) == source.split("\n").index(marker)
    assert keep_line_numbers("# A\n", "# A\n") == "# A\n"


# --- entity descriptions, from the fixture data ----------------------------------------------


@pytest.fixture(scope="module")
def fixture_data() -> Any:
    return datasets_of(validate_data_dir(FIXTURES / "data_pages" / "data"))


def test_entity_pages_are_recognised_by_their_folder() -> None:
    assert entity_of("en/companies/cspc.md") == ("companies", "cspc")
    assert entity_of("zh/events/world-robot-conference-2025.md") == (
        "robotics_events",
        "world-robot-conference-2025",
    )
    assert entity_of("en/deals.md") is None
    assert entity_of("en/glossary/companies.md") is None


def test_related_rows_are_counted(fixture_data: Any) -> None:
    # tests/fixtures/data_pages/data/deals.csv: two deals, evil (licensor) → astrazeneca and
    # acme (licensor) → evil.
    for company, deals in (("astrazeneca", 1), ("evil", 2), ("acme", 1)):
        assert len(related_rows(fixture_data, "companies", company)["deals"].rows) == deals


def test_entity_descriptions_say_what_and_how_much(fixture_data: Any) -> None:
    row = fixture_data["companies"].by_id["astrazeneca"]
    en = entity_description(fixture_data, "companies", row, "en", "Test Yearbook")
    assert en == (
        "AstraZeneca: Pharmaceutical company, United Kingdom. The Test Yearbook records"
        " 1 licensing and partnership deal naming it, with sources."
    )
    zh = entity_description(fixture_data, "companies", row, "zh", "测试年鉴")
    assert zh == "阿斯利康：制药企业，英国。《测试年鉴》收录其授权与合作交易1项，并列出来源。"


# --- the built yearbook ------------------------------------------------------------------------


@dataclass
class Head:
    lang: str | None = None
    title: str = ""
    alternates: dict[str, str] = field(default_factory=dict)
    exact_alternate_rels: int = 0
    """`<link rel="alternate">` exactly as Material's script selects them."""
    canonical: list[str] = field(default_factory=list)
    descriptions: list[str] = field(default_factory=list)
    properties: dict[str, list[str]] = field(default_factory=dict)


class _HeadParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.head = Head()
        self._in_head = False
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {key: value or "" for key, value in attrs}
        if tag == "html":
            self.head.lang = a.get("lang")
        elif tag == "head":
            self._in_head = True
        elif not self._in_head:
            return
        elif tag == "title":
            self._in_title = True
        elif tag == "link":
            rel = a.get("rel", "")
            if "alternate" in rel.split() and "hreflang" in a:
                self.head.alternates[a["hreflang"]] = a["href"]
                self.head.exact_alternate_rels += rel == "alternate"
            if "canonical" in rel.split():
                self.head.canonical.append(a["href"])
        elif tag == "meta":
            if a.get("name") == "description":
                self.head.descriptions.append(a["content"])
            key = a.get("property") or a.get("name") or ""
            if key.startswith(("og:", "twitter:")):
                self.head.properties.setdefault(key, []).append(a["content"])

    def handle_endtag(self, tag: str) -> None:
        if tag == "head":
            self._in_head = False
        if tag == "title":
            self._in_title = False

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.head.title += data


def read_head(path: Path) -> Head:
    parser = _HeadParser()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.head


def built_pages(site: Path) -> list[str]:
    return [*yearbook_pages(site), "404.html", "en/404.html"]


def own_url(page: str) -> str:
    return SITE_URL + page.removesuffix("index.html")


def local_file(site: Path, url: str) -> Path:
    assert url.startswith(SITE_URL), url
    path = url.removeprefix(SITE_URL)
    return site / (path + "index.html" if path == "" or path.endswith("/") else path)


def test_every_page_has_its_twins_as_alternates(site: Path) -> None:
    pages = built_pages(site)
    assert len(pages) > 100  # chapters, entity pages and 404 pages of both languages
    for page in pages:
        head = read_head(site / page)
        assert set(head.alternates) == {"zh-Hans", "en", "x-default"}, page
        assert head.alternates["x-default"] == head.alternates["zh-Hans"], page
        assert own_url(page) in head.alternates.values(), page  # it names itself too
        zh, en = (urlsplit(head.alternates[key]).path for key in ("zh-Hans", "en"))
        assert en == "/en" + zh, page  # twins share their path below the language root
        for key, lang in (("zh-Hans", "zh"), ("en", "en")):
            twin = local_file(site, head.alternates[key])
            assert twin.is_file(), (page, key)
            assert read_head(twin).lang == lang, (page, key)
        # Material's script fetches sitemap.xml below every link[rel=alternate]: none of these.
        assert head.exact_alternate_rels == 0, page


def test_every_page_has_its_canonical_url(site: Path) -> None:
    for page in yearbook_pages(site):
        assert read_head(site / page).canonical == [own_url(page)], page
    for page in ("404.html", "en/404.html"):  # served at any missing address: no canonical
        assert read_head(site / page).canonical == [], page


def test_every_page_is_described_in_its_language(site: Path) -> None:
    descriptions = set()
    for page in built_pages(site):
        head = read_head(site / page)
        assert len(head.descriptions) == 1, page
        description = head.descriptions[0]
        assert len(description) > 20, page
        descriptions.add(description)
        if head.lang == "zh":
            assert HAN.search(description), page
            assert HAN.search(head.title), page
        else:
            assert head.lang == "en", page
            assert not CJK.search(description), page
            assert not CJK.search(head.title), page
    assert len(descriptions) == len(built_pages(site))  # none falls back to a shared text


def test_every_page_has_open_graph_and_twitter_tags(site: Path) -> None:
    for page in built_pages(site):
        head = read_head(site / page)
        p = {key: values[0] for key, values in head.properties.items()}
        assert all(len(values) == 1 for values in head.properties.values()), page
        assert p["og:description"] == p["twitter:description"] == head.descriptions[0], page
        assert p["og:title"] == p["twitter:title"] and p["og:title"].strip(), page
        assert p["og:title"] in head.title or page.endswith("404.html"), page
        assert p["twitter:card"] == "summary", page
        assert p["og:type"] in ("website", "article"), page
        assert p["og:locale"] == {"zh": "zh_CN", "en": "en_US"}[head.lang or ""], page
        assert p["og:locale:alternate"] == {"zh": "en_US", "en": "zh_CN"}[head.lang or ""], page
        assert (
            p["og:site_name"]
            == {"zh": "中国创新年鉴", "en": "China Innovation Yearbook"}[head.lang or ""]
        ), page
        if page.endswith("404.html"):
            assert "og:url" not in p, page
        else:
            assert p["og:url"] == own_url(page), page


def test_chapter_descriptions_come_from_their_front_matter(site: Path) -> None:
    for language, prefix in (("zh", ""), ("en", "en/")):
        source = (ROOT / "content" / language / "deals.md").read_text(encoding="utf-8")
        written = get_data(source)[1]["description"]
        assert read_head(site / prefix / "deals" / "index.html").descriptions == [written]


@pytest.mark.parametrize(
    ("folder", "related"),
    [
        (
            "companies",
            {
                "deals": "licensing and partnership deal",
                "approvals": "innovative-drug approval",
                "investments": "investment",
            },
        ),
        ("clusters", {"investments": "investment"}),
    ],
)
def test_entity_descriptions_count_the_rows_their_page_shows(
    site: Path, folder: str, related: dict[str, str]
) -> None:
    pages = sorted((site / "en" / folder).glob("*/index.html"))
    assert pages
    for page in pages:
        html = page.read_text(encoding="utf-8")
        (description,) = read_head(page).descriptions
        for dataset, words in related.items():
            rows = html.count(f'<li id="{dataset}-')  # the page's cards of related rows
            if rows:
                assert f"{rows} {words}" in description, (page, dataset, rows)
            else:
                assert words not in description, (page, dataset)


# --- fixture builds ------------------------------------------------------------------------------


def test_a_chapter_without_a_description_stops_the_build(tmp_path: Path) -> None:
    yearbook = copy_fixture("yearbook", tmp_path)
    for name in ("en/deals.md", "zh/index.md"):
        page = yearbook / "content" / name
        page.write_text(re.sub(r"\A---\n.*?\n---\n", "", page.read_text("utf-8"), flags=re.S))
    result = build(yearbook / "mkdocs.yml", tmp_path / "site")
    assert not result.ok
    assert "content/en/deals.md: has no `description:` in its front matter" in result.log
    assert "content/zh/index.md: has no `description:` in its front matter" in result.log
    assert "content/zh/deals.md" not in result.log
    assert result.log.count("  ---\n  description: ...\n  ---") == 1  # the fix, shown once
    assert not (tmp_path / "site").exists()


def test_text_from_the_data_is_escaped_in_the_head(hostile_site: Path) -> None:
    page = hostile_site / "en" / "companies" / "evil" / "index.html"
    html = page.read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in html  # nor in <title>, nor in Material's header
    assert '<meta name="description" content="&lt;script&gt;alert(1)&lt;/script&gt;: ' in html
    head = read_head(page)
    assert head.title == "<script>alert(1)</script> - Test Yearbook"
    assert head.properties["og:title"] == ["<script>alert(1)</script>"]


# --- in the browser --------------------------------------------------------------------------


@pytest.mark.browser
@pytest.mark.parametrize("path", ["/", "/en/deals/", "/companies/cspc/", "/en/404.html"])
def test_material_ignores_the_hreflang_links(browser: Any, site_url: str, path: str) -> None:
    page = browser.new_page()
    requests: list[str] = []
    problems: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.on(
        "console", lambda m: problems.append(m.text) if m.type in ("error", "warning") else None
    )
    page.on("pageerror", lambda error: problems.append(str(error)))
    try:
        page.goto(site_url + path)
        page.wait_for_load_state("networkidle")
        # The browser reads them as alternate links (rel is a set of tokens) ...
        rels = page.eval_on_selector_all("link[hreflang]", "ls => ls.map(l => [...l.relList])")
        assert rels == [["alternate"]] * 3
        # ... but Material's script, which selects link[rel=alternate], finds none.
        assert page.evaluate("document.querySelectorAll('link[rel=alternate]').length") == 0
    finally:
        page.close()
    assert not [url for url in requests if url.endswith("sitemap.xml")]
    assert problems == []
