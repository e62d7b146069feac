"""Every dataset on the built site: each row in the tables of both languages, the downloads,
and data text always escaped (a small fixture yearbook with a `<script>` company name)."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from html import escape as html_escape
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from built_html import resolve
from conftest import ROOT, build, copy_fixture, fixture_site, without_charts

DATA = ROOT / "data"
DATASETS = sorted(path.name.removesuffix(".csv") for path in DATA.glob("*.csv"))
DATA_PAGES = {"zh": "data/index.html", "en": "en/data/index.html"}
"""The data chapter: the sources and their list (content/<language>/data/index.md)."""


def dataset_page(language: str, name: str) -> str:
    """The page of the data chapter with a dataset's table (content/<language>/data/<name>.md)."""
    chapter = DATA_PAGES[language]
    return chapter if name == "sources" else chapter.replace("index.html", f"{name}/index.html")


BOM = b"\xef\xbb\xbf"


@dataclass
class Script:
    text: str = ""
    chart_spec: bool = False  # a chart's Vega-Lite spec (JSON)


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
        self.scripts: list[Script] = []
        self.hostile_elements: list[str] = []
        """Elements or attributes that text from the data would make if it were not escaped."""
        self._table: TableFacts | None = None
        self._body = False
        self._script: Script | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if (tag == "img" and attributes.get("src") == "x") or "onerror" in attributes:
            self.hostile_elements.append(self.get_starttag_text() or tag)
        if tag == "table" and attributes.get("data-yearbook-table"):
            self._table = self.tables.setdefault(
                attributes["data-yearbook-table"] or "", TableFacts()
            )
        elif tag == "tbody" and self._table is not None:
            self._body = True
        elif tag == "tr" and self._table is not None and self._body:
            if attributes.get("class") != "yearbook-detail":  # a row's detail, not a row
                self._table.rows.append(attributes.get("id") or "")
        elif tag == "a" and attributes.get("href"):
            self.links.append(attributes["href"] or "")
        elif tag == "script":
            spec = "yearbook-chart__spec" in (attributes.get("class") or "").split()
            self._script = Script(chart_spec=spec)
            self.scripts.append(self._script)

    def handle_endtag(self, tag: str) -> None:
        if tag == "table":
            self._table = None
            self._body = False
        elif tag == "script":
            self._script = None

    def handle_data(self, data: str) -> None:
        if self._table is not None:
            self._table.text.append(data)
        if self._script is not None:
            self._script.text += data


def parse(path: Path) -> _TablesParser:
    parser = _TablesParser()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def records(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_the_data_directory_has_the_nine_datasets() -> None:
    assert len(DATASETS) == 9
    assert "policies" in DATASETS


@pytest.mark.parametrize("language", sorted(DATA_PAGES))
@pytest.mark.parametrize("name", DATASETS)
def test_every_row_of_every_dataset_is_on_its_data_page(
    site: Path, name: str, language: str
) -> None:
    rows = records((DATA / f"{name}.csv").read_bytes())
    table = parse(site / dataset_page(language, name)).tables.get(name)
    assert table is not None, f"no table of {name} on its {language} data page"
    assert len(table.rows) == len(rows)
    assert table.rows == [f"{name}-{row['id']}" for row in rows]


@pytest.mark.parametrize("name", DATASETS)
def test_downloads_are_the_committed_files_with_a_bom(site: Path, name: str) -> None:
    committed = (DATA / f"{name}.csv").read_bytes()
    download = (site / "downloads" / f"{name}.csv").read_bytes()
    assert download.startswith(BOM)
    assert not download[len(BOM) :].startswith(BOM)
    assert records(download) == records(committed)


def test_datapackage_lists_every_dataset_and_the_citations_with_their_schemas(
    site: Path,
) -> None:
    package = json.loads((site / "downloads" / "datapackage.json").read_text("utf-8"))
    assert package["licenses"][0]["name"] == "CC-BY-4.0"
    resources = {resource["name"]: resource for resource in package["resources"]}
    assert sorted(resources) == sorted([*DATASETS, "citations"])
    for name, resource in resources.items():
        assert resource["path"] == f"{name}.csv"
        assert (site / "downloads" / resource["path"]).is_file()
        schema = json.loads((site / "downloads" / f"{name}.schema.json").read_text("utf-8"))
        assert resource["schema"] == schema, name
        if name != "citations":
            committed = json.loads((DATA / f"{name}.schema.json").read_text("utf-8"))
            names = [field["name"] for field in schema["fields"]]
            assert names == [field["name"] for field in committed["fields"]], name


def test_published_schemas_give_sources_as_a_list_and_their_key_to_citations(
    site: Path,
) -> None:
    """deals.schema.json as published: `source` a Table Schema `list` ("a;b"), the other
    foreign keys as committed; the key to sources is on citations.csv, one id a row."""
    downloads = site / "downloads"
    deals = json.loads((downloads / "deals.schema.json").read_text("utf-8"))
    source = next(field for field in deals["fields"] if field["name"] == "source")
    assert (source["type"], source["delimiter"], source["itemType"]) == ("list", ";", "string")
    assert "listSeparator" not in source and "pattern" not in source["constraints"]
    keys = [(key["fields"], key["reference"]["resource"]) for key in deals["foreignKeys"]]
    assert keys == [("licensor", "companies"), ("partner", "companies"), ("newco", "companies")]
    citations = json.loads((downloads / "citations.schema.json").read_text("utf-8"))
    assert citations["primaryKey"] == ["dataset", "row", "source"]
    assert citations["foreignKeys"] == [
        {"fields": "source", "reference": {"resource": "sources", "fields": "id"}}
    ]
    sources = json.loads((downloads / "sources.schema.json").read_text("utf-8"))
    assert sources == json.loads((DATA / "sources.schema.json").read_text("utf-8"))


def frictionless_validate(folder: Path) -> dict[str, Any]:
    """`frictionless validate` of `folder`/datapackage.json, the reference client, as a data
    user runs it: every resource read against its schema, keys and foreign keys checked. Any
    request it made would go to a proxy that is not there (the tests run offline)."""
    nowhere = "http://127.0.0.1:9"
    offline = {"HTTP_PROXY": nowhere, "HTTPS_PROXY": nowhere, "NO_PROXY": ""}
    offline |= {name.lower(): value for name, value in offline.items()}
    result = subprocess.run(
        [sys.executable, "-m", "frictionless", "validate", "--json", "datapackage.json"],
        cwd=folder,
        env={**os.environ, **offline},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.stdout.lstrip().startswith("{"), result.stderr[-3000:]  # it could not check
    report: dict[str, Any] = json.loads(result.stdout)
    assert report["valid"] == (result.returncode == 0)
    return report


def problems(report: dict[str, Any]) -> list[tuple[str, int | None, str | None, str]]:
    """(resource, row, field, message) of every error, the descriptor's own first."""
    return [("datapackage.json", None, None, error["message"]) for error in report["errors"]] + [
        (task["name"], error.get("rowNumber"), error.get("fieldName"), error["message"])
        for task in report["tasks"]
        for error in task["errors"]
    ]


def test_frictionless_finds_the_published_data_package_valid_offline(site: Path) -> None:
    report = frictionless_validate(site / "downloads")
    assert problems(report) == []
    assert report["valid"] and report["stats"]["warnings"] == 0
    assert sorted(task["name"] for task in report["tasks"]) == sorted([*DATASETS, "citations"])


def test_frictionless_rejects_sources_as_one_text_with_a_foreign_key(tmp_path: Path) -> None:
    """The form the yearbook published before: `source` "a;b" as a string with the foreign
    key on it. The check above fails on it, at every row citing more than one source."""
    resources = []
    for name in ("sources", "deals", "companies"):
        shutil.copy(DATA / f"{name}.csv", tmp_path)
        schema = json.loads((DATA / f"{name}.schema.json").read_text("utf-8"))
        resource = {"name": name, "path": f"{name}.csv", "profile": "tabular-data-resource"}
        resources.append(resource | {"schema": schema})
    package = {"profile": "tabular-data-package", "resources": resources}
    (tmp_path / "datapackage.json").write_text(json.dumps(package), encoding="utf-8")
    found = problems(frictionless_validate(tmp_path))
    # hengrui-gsk-2025 in deals; junshi, pfizer, hengrui and gsk in companies.
    assert [name for name, *_ in found] == ["deals"] + ["companies"] * 4
    assert all("violates the foreign key" in message for *_, message in found)
    assert "xinhua-2025-08-16-drugs;wuxi-lecture-2025" in found[0][3]


# Rows citing more than one source, with their sources in order, as data/*.csv has them.
MULTI_SOURCE = {
    ("clusters", "suzhou-biobay"): ["wuxi-lecture-2025", "study-times-2025-09-29"],
    ("companies", "pfizer"): ["xinhua-2025-08-16-drugs", "stdaily-2024-08"],
    ("deals", "hengrui-gsk-2025"): ["xinhua-2025-08-16-drugs", "wuxi-lecture-2025"],
    ("indicators", "ind-review-time-limit-pilot"): [
        "study-times-2025-09-29",
        "xinhua-2025-08-16-drugs",
    ],
}


def test_pandas_reads_every_download_with_its_rows_and_every_source_of_a_row(
    site: Path,
) -> None:
    """`pd.read_csv` on each published CSV, as a data user would (no options): the header
    without the BOM, every committed row, and through citations.csv every source of a row."""
    downloads = site / "downloads"
    frames = {name: pd.read_csv(downloads / f"{name}.csv") for name in [*DATASETS, "citations"]}
    for name in DATASETS:
        committed = records((DATA / f"{name}.csv").read_bytes())
        assert list(frames[name].columns) == list(committed[0]), name
        assert len(frames[name]) == len(committed), name
        assert list(frames[name]["id"]) == [row["id"] for row in committed], name
    assert (downloads / "citations.csv").read_bytes().startswith(BOM)  # for spreadsheets
    citations = frames["citations"]
    assert list(citations.columns) == ["dataset", "row", "source"]
    cited = citations.groupby(["dataset", "row"], sort=False)["source"].agg(list).to_dict()
    for (name, row), sources in MULTI_SOURCE.items():
        assert cited[(name, row)] == sources
    everything = {
        (name, row["id"]): row["source"].split(";")
        for name in DATASETS
        if name != "sources"
        for row in records((DATA / f"{name}.csv").read_bytes())
    }
    assert cited == everything
    assert len(citations) == sum(len(sources) for sources in everything.values())
    joined = citations.merge(frames["sources"], left_on="source", right_on="id")
    assert len(joined) == len(citations)  # every cited source is a row of sources.csv


@pytest.mark.parametrize("language", sorted(DATA_PAGES))
def test_download_and_source_links_resolve(site: Path, language: str) -> None:
    # The print edition's links, on the site that carries it: test_print_edition.py.
    downloads = 0
    for page in sorted({dataset_page(language, name) for name in DATASETS}):
        parser = parse(site / page)
        for href in [href for href in parser.links if "downloads/" in href]:
            downloads += 1
            assert not href.startswith(("/", "http")), href
            assert resolve(site, page.removesuffix("index.html"), href).is_file(), href
        html = (site / page).read_text(encoding="utf-8")
        for href in {href for href in parser.links if href.startswith("#")}:
            assert f'id="{href[1:]}"' in html, href
    assert downloads == 3 * len(DATASETS) + 1  # and citations.csv


def test_tables_use_the_page_language(site: Path) -> None:
    zh = " ".join(parse(site / dataset_page("zh", "deals")).tables["deals"].text)
    en = " ".join(parse(site / dataset_page("en", "deals")).tables["deals"].text)
    assert "185亿美元" in zh and "石药集团" in zh and "对外授权" in zh
    assert "US$18.5 billion" in en and "CSPC Pharmaceutical Group" in en
    assert "Out-licensing" in en
    assert "US$" not in zh and "石药集团" not in en


@pytest.mark.parametrize(
    ("page", "robots"),
    [("robotics/index.html", "1500余"), ("en/robotics/index.html", "over 1,500")],
)
def test_a_count_keeps_the_qualifier_of_its_source(site: Path, page: str, robots: str) -> None:
    """robotics_events.csv: "1500多个机器人参展" is robots 1500, robots_qualifier over."""
    html = (site / page).read_text(encoding="utf-8")
    row = _region(html, '<tr id="robotics_events-world-robot-conference-2025">', "</tr>")
    assert robots in re.findall(r"<td[^>]*>(.*?)</td>", row, flags=re.S)


POLICY_PAGES = {"zh": "policy/index.html", "en": "en/policy/index.html"}
LEVELS = {
    "zh": ("国家", "部委", "市级", "开发区"),
    "en": ("National", "Ministerial", "Municipal", "Development zone"),
}


@pytest.mark.parametrize("language", sorted(POLICY_PAGES))
def test_every_policy_is_in_the_policy_chapter_in_its_language(site: Path, language: str) -> None:
    """policies.csv is shown on the policy chapter (not only on the data page): each row, in
    the page's language, with its level's label and its date as the language writes it."""
    rows = records((DATA / "policies.csv").read_bytes())
    table = parse(site / POLICY_PAGES[language]).tables.get("policies")
    assert table is not None, f"no policies table on the {language} policy chapter"
    assert table.rows == [f"policies-{row['id']}" for row in rows]
    text = "".join(table.text)
    other = "en" if language == "zh" else "zh"
    for row in rows:
        assert row[f"title_{language}"] in text, row["id"]
        assert row[f"what_{language}"] in text, row["id"]
        assert row[f"title_{other}"] not in text, row["id"]
    assert all(label in text for label in LEVELS[language])
    html = (site / POLICY_PAGES[language]).read_text("utf-8")
    row = _region(html, '<tr id="policies-nhsa-first-launch-price-mechanism">', "</tr>")
    date = {"zh": "2025年7月", "en": "July 2025"}[language]  # 2025-07: the month, no day
    assert date in re.findall(r"<td[^>]*>(.*?)</td>", row, flags=re.S)


@pytest.mark.parametrize(
    ("page", "dates"),
    [
        ("robotics/index.html", ["于2019年起连续出台", "2025年全国两会上"]),
        ("en/robotics/index.html", ["action plans since 2019", "At the 2025 sessions"]),
        ("policy/index.html", ["2025年7月，国家医保局连开5场座谈会"]),
        ("en/policy/index.html", ["In July 2025 the <abbr"]),
    ],
)
def test_prose_dates_policies_from_the_policies_rows(
    site: Path, page: str, dates: list[str]
) -> None:
    """robotics.md dates Beijing's action plans and the government work report, policy.md the
    NHSA symposia, with `{{ policies:ID:date }}`, which the build fills from policies.csv."""
    html = (site / page).read_text("utf-8")
    assert "policies:" not in html
    for date in dates:
        assert date in html, date


def test_the_policies_download_and_schema_are_in_the_data_package(site: Path) -> None:
    package = json.loads((site / "downloads" / "datapackage.json").read_text("utf-8"))
    (resource,) = [r for r in package["resources"] if r["name"] == "policies"]
    assert resource["path"] == "policies.csv"
    assert resource["schema"]["primaryKey"] == "id"
    assert resource["schema"]["foreignKeys"] == []  # its only key, to sources, is on citations
    cited = records((site / "downloads" / "citations.csv").read_bytes())
    assert {row["row"] for row in cited if row["dataset"] == "policies"} == {
        row["id"] for row in records((DATA / "policies.csv").read_bytes())
    }
    download = records((site / "downloads" / "policies.csv").read_bytes())
    assert [row["id"] for row in download] == [
        row["id"] for row in records((DATA / "policies.csv").read_bytes())
    ]
    assert (site / "downloads" / "policies.schema.json").is_file()


def test_no_page_of_its_own_for_a_policy(site: Path) -> None:
    """Policies are rows of a table, not entities: no /policies/<id>/ pages."""
    assert not (site / "policies").exists()
    assert not (site / "en" / "policies").exists()


# --- the small fixture yearbook ------------------------------------------------------------
# tests/fixtures/data_pages: a company named `<script>alert(1)</script>`, a deal whose asset is
# `<img src=x onerror=alert(2)>` and whose note is `<script>alert(5)</script>`, a source titled
# `<script>alert(3)</script>` from the publisher `<b>Evil</b> Press` (`<b>恶意</b>出版社`) and a
# dataset description ending in `<script>alert(4)</script>`, shown by every template of the
# yearbook.

COMPANY = "<script>alert(1)</script>"
ASSET = "<img src=x onerror=alert(2)>"
SOURCE = "<script>alert(3)</script>"
PUBLISHER = "<b>"
DESCRIPTION = "<script>alert(4)</script>"
NOTE = "<script>alert(5)</script>"  # a labelled value of a table's row and an entity's card


@pytest.fixture
def fixture_yearbook(hostile_site: Path) -> Path:
    return hostile_site


def _region(html: str, start: str, end: str) -> str:
    """The markup from `start` to the first `end` after it (a template's output)."""
    assert start in html, start
    begin = html.index(start)
    return html[begin : html.index(end, begin)]


# The output of each template (and of the references in prose), where on the fixture's
# English pages it is, and the data texts it shows.
TEMPLATES = {
    "table": ("en/index.html", '<div class="yearbook-table"', "</table>", [COMPANY, ASSET, NOTE]),
    "chart": ("en/index.html", '<figure class="yearbook-chart"', "</figure>", [COMPANY]),
    "prose": ("en/index.html", '<h1 id="overview"', '<div class="yearbook-table"', [COMPANY]),
    "footnotes": ("en/index.html", '<div class="footnote">', "</div>", [PUBLISHER, SOURCE]),
    "sources": (
        "en/data/index.html",
        '<div class="yearbook-sources">',
        "</div>",
        [PUBLISHER, SOURCE],
    ),
    "dataset card": (
        "en/data/index.html",
        '<div class="yearbook-dataset"',
        "</details>",
        [DESCRIPTION],
    ),
    "directory": (
        "en/directory/index.html",
        '<div class="yearbook-directory">',
        "</div>",
        [COMPANY],
    ),
    "entity": (
        "en/companies/evil/index.html",
        '<div class="yearbook-entity">',
        "</article>",
        [COMPANY, ASSET, NOTE, PUBLISHER],
    ),
    "entity page heading": ("en/companies/evil/index.html", "<h1", "</h1>", [COMPANY]),
    "head": ("en/companies/evil/index.html", "<head>", "</head>", [COMPANY]),
}


@pytest.mark.parametrize("page", ["data/index.html", "en/data/index.html", "en/index.html"])
def test_text_from_data_is_shown_as_text_in_the_tables(fixture_yearbook: Path, page: str) -> None:
    parser = parse(fixture_yearbook / page)
    assert COMPANY in "".join(parser.tables["deals"].text)
    assert ASSET in "".join(parser.tables["deals"].text)
    if page != "en/index.html":
        assert COMPANY in "".join(parser.tables["companies"].text)


@pytest.mark.parametrize("template", list(TEMPLATES))
def test_text_from_data_is_escaped_by_every_template(fixture_yearbook: Path, template: str) -> None:
    page, start, end, texts = TEMPLATES[template]
    for language_page in (page, page.removeprefix("en/")):
        region = _region((fixture_yearbook / language_page).read_text("utf-8"), start, end)
        region = re.sub(r'<span lang="(?:en|zh-Hans)">|</span>', "", region)  # runs marked
        for text in texts:
            assert text not in region, (language_page, text)
            assert html_escape(text, quote=False) in region, (language_page, text)


def test_no_page_runs_or_shows_markup_from_the_data(fixture_yearbook: Path) -> None:
    pages = sorted(fixture_yearbook.rglob("*.html"))
    # 3 chapters, 2 company pages... in 2 languages, and the 404 pages.
    assert len(pages) == 2 * (3 + 3) + 2
    for page in pages:
        parser = parse(page)
        assert parser.hostile_elements == [], page
        for script in parser.scripts:
            assert "alert(" not in script.text or script.chart_spec, (page, script.text[:200])


def test_a_chart_spec_holding_a_closing_script_tag_stays_inside_its_script_element(
    fixture_yearbook: Path,
) -> None:
    for page in ("index.html", "en/index.html"):
        specs = [script for script in parse(fixture_yearbook / page).scripts if script.chart_spec]
        assert len(specs) == 2  # the chart's wide and phone layouts
        for spec in specs:
            assert "</script" not in spec.text
            values = json.dumps(json.loads(spec.text), ensure_ascii=False)  # it is all there
            assert COMPANY in values, page


def test_a_qualifier_goes_to_the_last_amount_a_row_gives(fixture_yearbook: Path) -> None:
    """acme-evil-2025: upfront 200, total 1,500, value_qualifier more-than (the schema: the
    qualifier applies to the total, or to the upfront when only the upfront is given)."""
    for page, upfront, total in (
        ("en/data/index.html", "US$200 million", "more than US$1.5 billion"),
        ("data/index.html", "2亿美元", "超15亿美元"),
    ):
        row = _region(
            (fixture_yearbook / page).read_text("utf-8"), '<tr id="deals-acme-evil-2025">', "</tr>"
        )
        cells = re.findall(r"<td[^>]*>(.*?)</td>", row, flags=re.S)
        assert upfront in cells and total in cells, (page, cells)


def test_tables_elsewhere_link_to_the_data_page_and_entity_pages(fixture_yearbook: Path) -> None:
    site = fixture_yearbook
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
    tmp_path: Path, marker: str, message: str
) -> None:
    yearbook = without_charts(copy_fixture("data_pages", tmp_path))
    for language, title in (("zh", "数据"), ("en", "Data")):
        page = yearbook / "content" / language / "data.md"
        # Front matter above the page: the line named is still the file's (line 7).
        front = f"---\ndescription: {title}\n---\n\n"
        page.write_text(f"{front}# {title} {{#data}}\n\n{marker}\n", encoding="utf-8")
    site = tmp_path / "site"
    result = build(yearbook / "mkdocs.yml", site)
    assert not result.ok
    assert message in result.log
    assert not site.exists()


def test_two_clean_builds_of_the_same_sources_are_the_same_bytes(
    hostile_site: Path, tmp_path: Path
) -> None:
    """Reproducible output (issue 15): the small data yearbook built again from empty caches,
    downloads, charts and the data package included, is byte for byte the session's build of
    it (the print edition's bytes: test_print_edition.py)."""
    again = fixture_site("data_pages", tmp_path)
    first = {
        p.relative_to(hostile_site): p.read_bytes() for p in hostile_site.rglob("*") if p.is_file()
    }
    second = {p.relative_to(again): p.read_bytes() for p in again.rglob("*") if p.is_file()}
    assert any(path.parts[0] == "downloads" for path in first)
    assert sorted(first) == sorted(second)
    assert [str(path) for path in first if first[path] != second[path]] == []
