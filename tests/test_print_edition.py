"""The print edition (`yearbook print`, yearbook.print): a PDF per language.

Unit tests of the parts (links, the article rewriter, table widths), the assembly and PDFs of
a tiny built yearbook (tests/fixtures/print/), then the PDFs of the real yearbook, checked
with pypdf against mkdocs.yml, the data and the built pages: one outline entry per chapter,
page numbers, the contents' page numbers, a deal value as the site writes it, real Chinese
text in Noto Sans CJK SC, charts as vectors, links inside the document. Their text is read
with PDFium (pypdfium2), which reads the two PDFs' 320 pages in a second where pypdf takes 25.
"""

from __future__ import annotations

import contextlib
import csv
import html
import io
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pypdfium2
import pytest
from built_html import resolve
from conftest import FIXTURES, ROOT
from mkdocs.utils.yaml import yaml_load
from pypdf import PdfReader
from pypdf.generic import DictionaryObject, IndirectObject

from yearbook.cache.print_edition import PRINT_CACHE_ENV
from yearbook.cli import main
from yearbook.data.downloads import pdf_name
from yearbook.formatting import format_money
from yearbook.pages.entities import entity_title
from yearbook.pages.fill import print_links
from yearbook.print.article import (
    LinkTargets,
    PrintEditionError,
    linked_pages,
    page_anchor,
    rewrite_article,
)
from yearbook.print.assemble import assemble, nav_chapters, read_settings
from yearbook.print.edition import build_time, write_print_editions
from yearbook.print.tables import CELL_PADDING, LINE_UNITS, column_shares, with_column_widths

PRINT = FIXTURES / "print"
LANGUAGES = ("zh", "en")
CJK = re.compile(r"[\u4e00-\u9fff]")


def nav_pages(config: Path) -> dict[str, list[tuple[str, str]]]:
    """Each language's (title, file) pairs, straight from `nav:` (a section per language)."""
    with config.open("rb") as file:
        nav = yaml_load(file)["nav"]
    return {
        code: [pair for item in items for pair in item.items()]
        for section in nav
        for code, items in section.items()
    }


def nav_titles(config: Path) -> dict[str, list[str]]:
    return {code: [title for title, _ in pages] for code, pages in nav_pages(config).items()}


def flat(text: str) -> str:
    """Text without whitespace: PDF extraction breaks lines wherever the layout did."""
    return re.sub(r"\s+", "", text)


def page_texts(path: Path) -> list[str]:
    """The text of each page of the PDF at `path`."""
    document = pypdfium2.PdfDocument(path)
    try:
        return [page.get_textpage().get_text_bounded() for page in document]
    finally:
        document.close()


def fonts_of(reader: PdfReader) -> set[str]:
    names = set()
    for page in reader.pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            names.add(str(font.get_object()["/BaseFont"]))
    return names


def images_in(resources: Any, seen: set[int] | None = None) -> int:
    """Raster images reachable from a resource dictionary, also inside form XObjects."""
    seen = set() if seen is None else seen
    count = 0
    for xobject in ((resources or {}).get("/XObject") or {}).values():
        ref = xobject.idnum if isinstance(xobject, IndirectObject) else id(xobject)
        if ref in seen:
            continue
        seen.add(ref)
        obj = xobject.get_object()
        if obj.get("/Subtype") == "/Image":
            count += 1
        elif obj.get("/Subtype") == "/Form":
            count += images_in(obj.get("/Resources"), seen)
    return count


def link_annotations(reader: PdfReader) -> Iterator[DictionaryObject]:
    for page in reader.pages:
        for annotation in page.get("/Annots") or []:
            annotation = annotation.get_object()
            if annotation.get("/Subtype") == "/Link":
                yield annotation


# Links


TARGETS = LinkTargets(
    {"": "index", "deals/": "deals", "companies/cspc/": "companies-cspc"},
    "https://example.org/yearbook/",
)


@pytest.mark.parametrize(
    ("href", "page", "expected"),
    [
        ("../companies/cspc/", "deals/", "#companies-cspc"),
        ("#deal-models", "deals/", "#deals--deal-models"),
        ("../../deals/index.html#values", "companies/cspc/", "#deals--values"),
        ("../", "deals/", "#index"),
        ("deals/#fn:a", "", "#deals--fn:a"),
    ],
)
def test_links_to_pages_in_the_document_lead_inside_it(href: str, page: str, expected: str) -> None:
    assert TARGETS.href(href, page) == expected


@pytest.mark.parametrize(
    ("href", "page", "expected"),
    [
        ("../downloads/deals.csv", "deals/", "https://example.org/yearbook/downloads/deals.csv"),
        ("../en/deals/#x", "deals/", "https://example.org/yearbook/en/deals/#x"),
        ("https://other.example/a?b#c", "deals/", "https://other.example/a?b#c"),
        ("mailto:editors@example.org", "deals/", "mailto:editors@example.org"),
    ],
)
def test_other_links_lead_to_the_website_or_stay(href: str, page: str, expected: str) -> None:
    assert TARGETS.href(href, page) == expected


@pytest.mark.parametrize(
    ("path", "root", "anchor"),
    [
        ("en/companies/cspc/", "en/", "companies-cspc"),
        ("deals/", "", "deals"),
        ("en/", "en/", "index"),
    ],
)
def test_page_anchor_is_the_path_below_the_language_root(path: str, root: str, anchor: str) -> None:
    assert page_anchor(path, root) == anchor


# The article rewriter


def _zh_deals() -> str:
    return (PRINT / "built" / "deals" / "index.html").read_text("utf-8")


def test_only_the_article_is_kept_without_what_works_on_screen_only() -> None:
    printed = rewrite_article(
        _zh_deals(), page="deals/", anchor="deals", targets=TARGETS, chart_font="Print Font"
    )
    screen_only = ("OUTSIDE-ARTICLE", "LIVE-CHART", "SPEC-JSON", "CHART-DATA", "CHART-ROW")
    for gone in (*screen_only, "PRINT-EDITION-LINKS"):  # a PDF does not link to itself
        assert gone not in printed.html
    assert "<script" not in printed.html
    assert "¶" not in printed.html and "&para;" not in printed.html  # permalinks
    assert "↩" not in printed.html and "&#8617;" not in printed.html  # footnote back-links
    assert "<svg" in printed.html and "<rect" in printed.html  # the static chart stays
    assert "185亿美元" in printed.html


def test_ids_and_links_are_prefixed_and_chart_text_set_in_the_print_font() -> None:
    printed = rewrite_article(
        _zh_deals(), page="deals/", anchor="deals", targets=TARGETS, chart_font="Print Font"
    )
    assert 'id="deals--values"' in printed.html
    assert 'href="#deals--fn:s1"' in printed.html
    assert 'id="deals--fn:s1"' in printed.html
    assert 'href="https://example.org/yearbook/companies/acme/"' in printed.html  # not printed
    fonts = re.findall(r'font-family="([^"]*)"', printed.html)
    assert fonts == ["Print Font"]
    assert [(h.level, h.id, h.text) for h in printed.headings] == [
        (1, "deals--deals", "交易"),
        (2, "deals--values", "金额"),
    ]


def test_text_and_attributes_stay_escaped() -> None:
    page = '<article><p title="a &quot;b&quot; &amp; c">x &lt;script&gt; &amp; y</p></article>'
    printed = rewrite_article(page, page="", anchor="index", targets=TARGETS, chart_font="F")
    assert printed.html == '<p title="a &quot;b&quot; &amp; c">x &lt;script&gt; &amp; y</p>'


def test_a_page_without_an_article_is_named_in_the_error() -> None:
    with pytest.raises(PrintEditionError, match=r"built/x/index\.html: expected one <article>"):
        rewrite_article(
            "<html><body><p>no article</p></body></html>",
            page="x/",
            anchor="x",
            targets=TARGETS,
            chart_font="F",
            source="built/x/index.html",
        )


def test_the_directory_lists_the_pages_printed_after_it() -> None:
    page = (
        '<p><a href="../companies/other/">not listed</a></p>'
        '<div class="yearbook-directory"><ul>'
        '<li><a href="../companies/b/">B</a></li><li><a href="../clusters/a/">A</a></li>'
        '<li><a href="../companies/b/#facts">B again</a></li></ul></div>'
    )
    assert linked_pages(page, page="directory/", container_class="yearbook-directory") == [
        "companies/b/",
        "clusters/a/",
    ]


# Table widths


def test_column_shares_follow_the_text_when_everything_fits() -> None:
    shares = column_shares([4, 4], [10, 30])
    assert sum(shares) == pytest.approx(1)
    assert shares[1] / shares[0] == pytest.approx((30 + CELL_PADDING) / (10 + CELL_PADDING))


def test_a_long_column_takes_the_rest_but_a_short_one_keeps_its_longest_word() -> None:
    shares = column_shares([4, 6], [8, 400])
    assert sum(shares) == pytest.approx(1)
    assert shares[1] > shares[0]
    assert shares[0] * LINE_UNITS >= 4 + CELL_PADDING


def test_every_table_gets_its_own_column_widths() -> None:
    small = (
        "<table><tr><th>名称</th><th>说明</th></tr><tr><td>甲</td><td>很长的说明</td></tr></table>"
    )
    wide = "<table><tr>" + "<td>x</td>" * 10 + "</tr></table>"
    result = with_column_widths(small + wide)
    groups = re.findall(r"<colgroup>(.*?)</colgroup>", result)
    assert [group.count("<col ") for group in groups] == [2, 10]
    first = [float(w) for w in re.findall(r"width: ([\d.]+)%", groups[0])]
    assert sum(first) == pytest.approx(100, abs=0.1)
    assert first[1] > first[0]
    assert result.count("data-print-wide") == 1  # only the ten-column table prints smaller
    assert "<table data-print-wide>" in result


# Assembly of the tiny fixture yearbook


def test_nav_without_a_language_is_an_error() -> None:
    settings = read_settings(PRINT / "mkdocs.yml")
    with pytest.raises(PrintEditionError, match="no section `en`"):
        nav_chapters([{"zh": [{"概览": "zh/index.md"}]}], settings.languages)


def test_chapters_follow_the_nav_and_the_directory_entries_follow_it() -> None:
    settings = read_settings(PRINT / "mkdocs.yml")
    english = settings.languages[1]
    document = assemble(PRINT / "built", settings, english, build_time().date())
    sections = re.findall(r'<section class="(chapter|entry)" id="([^"]+)"', document)
    assert sections == [
        ("chapter", "index"),
        ("chapter", "deals"),
        ("chapter", "directory"),
        ("entry", "companies-acme"),
    ]
    titles = re.findall(r'<section class="chapter" id="[^"]+" data-title="([^"]+)"', document)
    assert titles == nav_titles(PRINT / "mkdocs.yml")["en"]
    assert '<html lang="en">' in document
    assert "OUTSIDE-ARTICLE" not in document
    assert 'href="#companies-acme"' in document  # the deal's company, printed in the directory
    assert "https://example.org/yearbook/downloads/deals.csv" in document
    assert "2030 edition" in document
    ids = set(re.findall(r' id="([^"]+)"', document))
    internal = {html.unescape(href[1:]) for href in re.findall(r'href="(#[^"]*)"', document)}
    assert internal <= ids, internal - ids


@pytest.mark.parametrize(
    ("language", "date"), [("zh", "生成于2030年3月15日"), ("en", "Generated on 15 March 2030")]
)
def test_the_cover_dates_reproducible_builds_by_source_date_epoch(
    monkeypatch: pytest.MonkeyPatch, language: str, date: str
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1899800000")  # 2030-03-15 UTC
    settings = read_settings(PRINT / "mkdocs.yml")
    chosen = next(lang for lang in settings.languages if lang.code == language)
    assert date in assemble(PRINT / "built", settings, chosen, build_time().date())


@pytest.fixture
def tiny_site(tmp_path: Path) -> Path:
    site = tmp_path / "built"
    shutil.copytree(PRINT / "built", site)
    return site


def test_a_missing_chapter_stops_the_print_naming_file_and_page(tiny_site: Path) -> None:
    (tiny_site / "en" / "deals" / "index.html").unlink()
    with pytest.raises(PrintEditionError) as error:
        write_print_editions(tiny_site, PRINT / "mkdocs.yml")
    message = str(error.value)
    assert "en/deals/index.html: missing" in message
    assert "“Deals” (en/deals.md)" in message
    assert not (tiny_site / "downloads").exists()


def test_the_command_reports_a_missing_site_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status = main(["print", str(tmp_path / "nowhere"), "--config", str(PRINT / "mkdocs.yml")])
    assert status == 1
    error = capsys.readouterr().err
    assert error.startswith("yearbook print: ") and "nowhere/index.html: missing" in error
    assert "Traceback" not in error


@pytest.fixture(scope="module")
def printed_tiny(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, Path]:
    """`yearbook print` of a copy of the tiny built site, into a print cache of its own: the
    site, what the command printed, and the cache."""
    folder = tmp_path_factory.mktemp("printed")
    site, cache = folder / "built", folder / "print-cache"
    shutil.copytree(PRINT / "built", site)
    with pytest.MonkeyPatch.context() as patch, contextlib.redirect_stdout(io.StringIO()) as out:
        patch.setenv(PRINT_CACHE_ENV, str(cache))
        assert main(["print", str(site), "--config", str(PRINT / "mkdocs.yml")]) == 0
    return site, out.getvalue(), cache


def test_the_command_writes_a_pdf_per_language_into_the_print_cache(
    printed_tiny: tuple[Path, str, Path],
) -> None:
    site, output, cache = printed_tiny
    titles = nav_titles(PRINT / "mkdocs.yml")
    (folder,) = cache.iterdir()  # one edition, under its key
    for language in LANGUAGES:
        path = folder / f"china-innovation-yearbook-2030-{language}.pdf"
        assert f"{path}: " in output
        reader = PdfReader(path)
        chapters = [item.title for item in reader.outline if not isinstance(item, list)]
        assert chapters == titles[language]
        text = "".join(page_texts(path))
        assert "图表文字甲" in text if language == "zh" else "Chart label A" in text
    assert not (site / "downloads").exists()  # the next build publishes them


def test_printing_the_same_site_again_gives_the_same_bytes(
    printed_tiny: tuple[Path, str, Path], tmp_path: Path
) -> None:
    """Another copy of the site printed later, elsewhere: the same file, dated by
    SOURCE_DATE_EPOCH (conftest: 2026-05-28 20:26:40 UTC) and identified by its content."""
    site = tmp_path / "elsewhere"
    shutil.copytree(PRINT / "built", site)
    (again,) = write_print_editions(site, PRINT / "mkdocs.yml", ["en"], jobs=1)
    (first,) = (path for path in printed_tiny[2].rglob("*-en.pdf"))
    info = PdfReader(again.path)
    assert info.metadata is not None
    assert info.metadata["/CreationDate"] == info.metadata["/ModDate"] == "D:20260528202640+00'00"
    assert len(info.trailer["/ID"]) == 2
    assert again.path.read_bytes() == first.read_bytes()


# The real yearbook


@dataclass(frozen=True)
class Edition:
    path: Path
    reader: PdfReader
    texts: list[str]


@pytest.fixture(scope="module")
def editions(published_site: Path) -> dict[str, Edition]:
    """Both PDFs of the yearbook, as the session's `published_site` fixture printed them."""
    edition = str(read_settings(ROOT / "mkdocs.yml").edition)
    paths = [published_site / "downloads" / pdf_name(edition, language) for language in LANGUAGES]
    assert sorted((published_site / "downloads").glob("*.pdf")) == sorted(paths)
    result = {}
    for language, path in zip(LANGUAGES, paths, strict=True):
        result[language] = Edition(path, PdfReader(path), page_texts(path))
    return result


def _rows(dataset: str) -> dict[str, dict[str, str]]:
    with (ROOT / "data" / f"{dataset}.csv").open(encoding="utf-8-sig", newline="") as file:
        return {row["id"]: row for row in csv.DictReader(file)}


@pytest.mark.parametrize("language", LANGUAGES)
def test_one_outline_entry_per_chapter_of_the_nav(
    editions: dict[str, Edition], language: str
) -> None:
    reader = editions[language].reader
    chapters = [item.title for item in reader.outline if not isinstance(item, list)]
    assert chapters == nav_titles(ROOT / "mkdocs.yml")[language]


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_after_the_cover_is_numbered(
    editions: dict[str, Edition], language: str
) -> None:
    texts = editions[language].texts
    total = len(texts)
    assert total > 20
    unnumbered = [n for n in range(2, total + 1) if f"{n} / {total}" not in texts[n - 1]]
    assert unnumbered == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_contents_give_the_page_each_chapter_starts_on(
    editions: dict[str, Edition], language: str
) -> None:
    reader, texts = editions[language].reader, editions[language].texts
    chapters = [item for item in reader.outline if not isinstance(item, list)]
    first_chapter = reader.get_destination_page_number(chapters[0])
    contents = "\n".join(texts[1:first_chapter])
    for chapter in chapters:
        found = re.search(re.escape(chapter.title) + r"\s*\.{3,}\s*(\d+)", contents)
        assert found, f"{chapter.title} is not in the contents"
        assert int(found.group(1)) == reader.get_destination_page_number(chapter) + 1


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_deal_value_is_printed_as_the_site_writes_it(
    site: Path, editions: dict[str, Edition], language: str
) -> None:
    deal = _rows("deals")["cspc-astrazeneca-2026"]
    value = format_money(
        float(deal["total_usd_m"]), "usd_m", language, deal["value_qualifier"] or None
    )
    deals_page = site / ("deals" if language == "zh" else "en/deals") / "index.html"
    assert value in deals_page.read_text("utf-8")  # as on the site
    assert flat(value) in flat("".join(editions[language].texts))


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_company_cluster_and_event_has_its_entry_under_the_directory(
    editions: dict[str, Edition], language: str
) -> None:
    reader = editions[language].reader
    outline = reader.outline
    directory = next(
        title
        for title, file in nav_pages(ROOT / "mkdocs.yml")[language]
        if file.endswith("/directory.md")
    )
    position = next(i for i, item in enumerate(outline) if getattr(item, "title", "") == directory)
    entries = {item.title for item in outline[position + 1] if not isinstance(item, list)}
    names = {
        entity_title(row, language)
        for dataset in ("companies", "clusters", "robotics_events")
        for row in _rows(dataset).values()
    }
    assert names <= entries, sorted(names - entries)


def test_chinese_is_text_not_boxes(editions: dict[str, Edition]) -> None:
    text = "".join(editions["zh"].texts)
    assert len(CJK.findall(text)) > 20_000
    assert "\ufffd" not in text
    for title in nav_titles(ROOT / "mkdocs.yml")["zh"]:
        assert title in text
    assert _rows("companies")["cspc"]["name_zh"] in text


@pytest.mark.parametrize("language", LANGUAGES)
def test_text_is_set_in_noto_sans_cjk_sc_only(editions: dict[str, Edition], language: str) -> None:
    fonts = fonts_of(editions[language].reader)
    simplified = {font for font in fonts if "notosanscjksc" in re.sub(r"[^a-z]", "", font.lower())}
    assert simplified, fonts
    assert fonts == simplified  # never the Japanese (JP) face, nor another fallback


@pytest.mark.parametrize("language", LANGUAGES)
def test_charts_are_vectors_with_their_labels_as_text(
    site: Path, editions: dict[str, Edition], language: str
) -> None:
    reader, texts = editions[language].reader, editions[language].texts
    assert sum(images_in(page["/Resources"]) for page in reader.pages) == 0  # no raster at all
    page_html = (site / ("deals" if language == "zh" else "en/deals") / "index.html").read_text(
        "utf-8"
    )
    start = page_html.index('<figure class="yearbook-chart"')
    figure = page_html[start : page_html.index("</figure>", start)]
    caption = html.unescape(re.search(r'yearbook-chart__title">([^<]*)<', figure).group(1))
    labels = [html.unescape(label) for label in re.findall(r"<text[^>]*>([^<]*)</text>", figure)]
    assert len(labels) > 5
    number = next(n for n, text in enumerate(texts) if caption in text)
    assert [label for label in labels if flat(label) not in flat(texts[number])] == []
    drawing = reader.pages[number].get_contents().get_data()
    assert len(re.findall(rb"\s(?:l|re|c)\s", drawing)) > 20  # bars and axes as paths


@pytest.mark.parametrize("language", LANGUAGES)
def test_links_between_chapters_stay_in_the_document(
    editions: dict[str, Edition], language: str
) -> None:
    reader = editions[language].reader
    site_url = read_settings(ROOT / "mkdocs.yml").site_url
    destinations = set(reader.named_destinations)
    internal, to_site = [], []
    for annotation in link_annotations(reader):
        if "/Dest" in annotation:
            internal.append(str(annotation["/Dest"]))
        elif str(annotation["/A"].get("/URI", "")).startswith(site_url):
            to_site.append(str(annotation["/A"]["/URI"]).removeprefix(site_url))
    assert len(internal) > 500
    assert [name for name in internal if name not in destinations] == []
    # Every page of the language is in the PDF: the website is left only for downloads.
    assert to_site and all(path.startswith("downloads/") for path in to_site), to_site


@pytest.mark.parametrize(
    "page", ["data/index.html", "en/data/index.html", "about/index.html", "en/about/index.html"]
)
def test_the_site_links_both_pdfs(
    published_site: Path, editions: dict[str, Edition], page: str
) -> None:
    hrefs = re.findall(r'href="([^"]+\.pdf)"', (published_site / page).read_text("utf-8"))
    linked = {resolve(published_site, page.removesuffix("index.html"), href) for href in hrefs}
    assert linked == {edition.path for edition in editions.values()}


def _pdf_links(page_html: str) -> list[tuple[str, str]]:
    """(href, text) of each link to a PDF, in order."""
    return re.findall(r'<a href="([^"]+\.pdf)"[^>]*>([^<]*)</a>', page_html)


@pytest.mark.parametrize(
    ("page", "expected"),
    [
        ("data/index.html", [("zh", "中文版"), ("en", "英文版")]),
        ("about/index.html", [("zh", "中文版"), ("en", "英文版")]),
        ("en/data/index.html", [("en", "English"), ("zh", "Chinese")]),
        ("en/about/index.html", [("en", "English"), ("zh", "Chinese")]),
    ],
)
def test_the_page_s_own_language_comes_first(
    published_site: Path, page: str, expected: list[tuple[str, str]]
) -> None:
    links = _pdf_links((published_site / page).read_text("utf-8"))
    assert [(href.removesuffix(".pdf")[-2:], text) for href, text in links] == expected


def test_a_site_built_before_its_print_edition_links_none(site: Path) -> None:
    """`make build` (and serve) of sources not printed yet: no PDF, no link, no sentence."""
    assert list(site.glob("downloads/*.pdf")) == []
    for page in ("data", "about", "en/data", "en/about"):
        page_html = (site / page / "index.html").read_text("utf-8")
        assert _pdf_links(page_html) == [] and "yearbook-print-edition" not in page_html
    assert print_links([], "zh") is None
