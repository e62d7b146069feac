"""Every dataset on the built site: each row in the tables of both languages, the downloads,
and data text always escaped (a small fixture yearbook with a `<script>` company name)."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import frictionless
import pytest
from built_html import resolve
from conftest import ROOT, copy_fixture, mkdocs_build

DATA = ROOT / "data"
DATASETS = sorted(path.name.removesuffix(".csv") for path in DATA.glob("*.csv"))
DATA_PAGES = {"zh": "data/index.html", "en": "en/data/index.html"}
BOM = b"\xef\xbb\xbf"


@dataclass
class TableFacts:
    rows: list[str] = field(default_factory=list)  # the <tr id> of each body row
    text: list[str] = field(default_factory=list)


class _TablesParser(HTMLParser):
    """The yearbook's dataset tables of a page (`<table data-yearbook-table=NAME>`)."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: dict[str, TableFacts] = {}
        self.links: list[str] = []
        self.scripts: list[str] = []
        self._table: TableFacts | None = None
        self._body = False
        self._script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "table" and attributes.get("data-yearbook-table"):
            self._table = self.tables.setdefault(
                attributes["data-yearbook-table"] or "", TableFacts()
            )
        elif tag == "tbody" and self._table is not None:
            self._body = True
        elif tag == "tr" and self._table is not None and self._body:
            self._table.rows.append(attributes.get("id") or "")
        elif tag == "a" and attributes.get("href"):
            self.links.append(attributes["href"] or "")
        elif tag == "script":
            self._script = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "table":
            self._table = None
            self._body = False
        elif tag == "script":
            self._script = False

    def handle_data(self, data: str) -> None:
        if self._table is not None:
            self._table.text.append(data)
        if self._script:
            self.scripts.append(data)


def parse(path: Path) -> _TablesParser:
    parser = _TablesParser()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def records(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_the_data_directory_has_the_eight_datasets() -> None:
    assert len(DATASETS) == 8


@pytest.mark.parametrize("language", sorted(DATA_PAGES))
@pytest.mark.parametrize("name", DATASETS)
def test_every_row_of_every_dataset_is_on_the_data_page(
    site: Path, name: str, language: str
) -> None:
    rows = records((DATA / f"{name}.csv").read_bytes())
    table = parse(site / DATA_PAGES[language]).tables.get(name)
    assert table is not None, f"no table of {name} on the {language} data page"
    assert len(table.rows) == len(rows)
    assert table.rows == [f"{name}-{row['id']}" for row in rows]


@pytest.mark.parametrize("name", DATASETS)
def test_downloads_are_the_committed_files_with_a_bom(site: Path, name: str) -> None:
    committed = (DATA / f"{name}.csv").read_bytes()
    download = (site / "downloads" / f"{name}.csv").read_bytes()
    assert download.startswith(BOM)
    assert not download[len(BOM) :].startswith(BOM)
    assert records(download) == records(committed)
    schema = site / "downloads" / f"{name}.schema.json"
    assert schema.read_bytes() == (DATA / f"{name}.schema.json").read_bytes()


def test_datapackage_lists_every_dataset_with_its_schema(site: Path) -> None:
    package = json.loads((site / "downloads" / "datapackage.json").read_text("utf-8"))
    assert package["licenses"][0]["name"] == "CC-BY-4.0"
    resources = {resource["name"]: resource for resource in package["resources"]}
    assert sorted(resources) == DATASETS
    for name, resource in resources.items():
        assert resource["path"] == f"{name}.csv"
        assert (site / "downloads" / resource["path"]).is_file()
        schema = json.loads((DATA / f"{name}.schema.json").read_text("utf-8"))
        assert resource["schema"] == schema


def test_datapackage_is_a_valid_frictionless_descriptor(site: Path) -> None:
    """Frictionless accepts the descriptor. (Its data checks do not know the project's list
    fields, e.g. `source` = "a;b" as a foreign key, so only the descriptor is checked here;
    the project's own validator checks the data.)"""
    descriptor = json.loads((site / "downloads" / "datapackage.json").read_text("utf-8"))
    report = frictionless.Package.validate_descriptor(descriptor)
    assert report.valid, [error.message for error in report.errors]


@pytest.mark.parametrize("language", sorted(DATA_PAGES))
def test_download_and_source_links_resolve(published_site: Path, language: str) -> None:
    site = published_site  # with the print edition, which the data page links to
    page = DATA_PAGES[language]
    parser = parse(site / page)
    downloads = [href for href in parser.links if "downloads/" in href]
    editions = [href for href in downloads if href.endswith(".pdf")]
    assert len(downloads) - len(editions) == 3 * len(DATASETS)
    assert len(editions) == 2  # the print edition in each language
    for href in downloads:
        assert not href.startswith(("/", "http")), href
        assert resolve(site, page.removesuffix("index.html"), href).is_file(), href
    html = (site / page).read_text(encoding="utf-8")
    for href in {href for href in parser.links if href.startswith("#")}:
        assert f'id="{href[1:]}"' in html, href


def test_tables_use_the_page_language(site: Path) -> None:
    zh = " ".join(parse(site / DATA_PAGES["zh"]).tables["deals"].text)
    en = " ".join(parse(site / DATA_PAGES["en"]).tables["deals"].text)
    assert "185亿美元" in zh and "石药集团" in zh and "对外授权" in zh
    assert "US$18.5 billion" in en and "CSPC Pharmaceutical Group" in en
    assert "Out-licensing" in en
    assert "US$" not in zh and "石药集团" not in en


# --- the small fixture yearbook ------------------------------------------------------------


@pytest.fixture
def yearbook(tmp_path: Path) -> Path:
    return copy_fixture("data_pages", tmp_path)


@pytest.mark.parametrize("page", ["data/index.html", "en/data/index.html", "en/index.html"])
def test_text_from_data_is_escaped(yearbook: Path, tmp_path: Path, page: str) -> None:
    site = tmp_path / "site"
    result = mkdocs_build(yearbook / "mkdocs.yml", site)
    assert result.returncode == 0, result.stderr
    html = (site / page).read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in html
    assert "<img src=x" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    parser = parse(site / page)
    assert not any("alert(1)" in script for script in parser.scripts)
    assert "<script>alert(1)</script>" in "".join(parser.tables["deals"].text)
    if page != "en/index.html":
        assert "<script>alert(1)</script>" in "".join(parser.tables["companies"].text)


def test_tables_elsewhere_link_to_the_data_page_and_entity_pages(
    yearbook: Path, tmp_path: Path
) -> None:
    site = tmp_path / "site"
    assert mkdocs_build(yearbook / "mkdocs.yml", site).returncode == 0
    links = parse(site / "en" / "index.html").links
    assert "./companies/evil/" in links
    assert (site / "en" / "companies" / "evil" / "index.html").is_file()
    assert "data/#source-xinhua-2026-05-27" in links
    assert 'id="source-xinhua-2026-05-27"' in resolve(site, "en/", "data/").read_text("utf-8")


@pytest.mark.parametrize(
    ("marker", "message"),
    [
        (
            "<!-- yearbook:chart deals -->",
            "/data.md:7: unknown chart 'deals' in <!-- yearbook:chart deals -->;"
            " valid names: approvals-by-year,",
        ),
        (
            "<!-- yearbook:graph deals -->",
            "/data.md:7: unknown marker kind 'graph'",
        ),
        (
            "<!-- yearbook:table dealz -->",
            "/data.md:7: unknown dataset 'dealz'"
            " in <!-- yearbook:table dealz -->; valid names: companies, deals, sources",
        ),
    ],
)
def test_a_bad_marker_stops_the_build_naming_page_and_line(
    yearbook: Path, tmp_path: Path, marker: str, message: str
) -> None:
    for language, title in (("zh", "数据"), ("en", "Data")):
        page = yearbook / "content" / language / "data.md"
        # Front matter above the page: the line named is still the file's (line 7).
        front = f"---\ndescription: {title}\n---\n\n"
        page.write_text(f"{front}# {title} {{#data}}\n\n{marker}\n", encoding="utf-8")
    site = tmp_path / "site"
    result = mkdocs_build(yearbook / "mkdocs.yml", site)
    assert result.returncode != 0
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert not site.exists()
