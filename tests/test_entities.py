"""Entity pages: one per company, cluster and event in each language, linked from tables."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
from built_html import resolve
from conftest import ROOT

from yearbook.pages.entities import FOLDERS, entity_markdown


def _ids(dataset: str) -> list[str]:
    with (ROOT / "data" / f"{dataset}.csv").open(encoding="utf-8") as handle:
        return [row["id"] for row in csv.DictReader(handle)]


def test_generated_markdown_escapes_the_name_and_carries_the_marker() -> None:
    row = {"id": "evil", "name_zh": "", "name_en": "<b>*Evil*</b>"}
    markdown = entity_markdown("companies", row, "zh", "")
    assert "# &lt;b&gt;&#42;Evil&#42;&lt;/b&gt; {#entity}" in markdown
    assert "<!-- yearbook:entity companies/evil -->" in markdown


@pytest.mark.parametrize("dataset", list(FOLDERS))
def test_every_entity_has_a_page_in_both_languages(site: Path, dataset: str) -> None:
    ids = _ids(dataset)
    assert ids
    for row_id in ids:
        for root in ("", "en/"):
            page = site / root / FOLDERS[dataset] / row_id / "index.html"
            assert page.is_file(), page
            assert 'id="facts"' in page.read_text(encoding="utf-8")


def test_a_company_page_lists_the_deals_naming_it(site: Path) -> None:
    html = (site / "en" / "companies" / "hengrui" / "index.html").read_text(encoding="utf-8")
    assert 'id="deals-hengrui-gsk-2025"' in html
    assert 'id="deals-hengrui-bain-kailera-2024"' in html
    assert "Jiangsu Hengrui" in html


@pytest.mark.parametrize("page", ["deals/", "en/deals/", "en/approvals/", "clusters/"])
def test_names_in_chapter_tables_link_to_entity_pages(site: Path, page: str) -> None:
    html = (site / page / "index.html").read_text(encoding="utf-8")
    links = set(re.findall(r'href="((?:\.\./)+(?:companies|clusters|events)/[\w-]+/)"', html))
    assert links
    for href in links:
        assert resolve(site, page, href).is_file(), href


def test_the_directory_links_every_entity(site: Path) -> None:
    for root in ("", "en/"):
        html = (site / root / "directory" / "index.html").read_text(encoding="utf-8")
        for dataset, folder in FOLDERS.items():
            for row_id in _ids(dataset):
                assert f'href="../{folder}/{row_id}/"' in html, (root, row_id)


def test_names_in_prose_link_to_entity_pages(site: Path) -> None:
    html = (site / "en" / "approvals" / "index.html").read_text(encoding="utf-8")
    assert '<a href="../companies/ascentage/">Ascentage Pharma</a>' in html
    assert resolve(site, "en/approvals/", "../companies/ascentage/").is_file()


@pytest.mark.parametrize("root", ["", "en/"])
def test_an_entity_page_is_a_profile_with_cards_not_tables(site: Path, root: str) -> None:
    html = (site / root / "companies" / "hengrui" / "index.html").read_text(encoding="utf-8")
    body = html[html.index('<div class="yearbook-entity">') : html.index("</article>")]
    infobox = body[: body.index("</aside>")]
    # the infobox names the company in both scripts, with its kind, country and sources
    assert "恒瑞医药" in infobox and "Jiangsu Hengrui Pharmaceuticals" in infobox
    assert ("制药企业" if not root else "Pharmaceutical company") in infobox
    assert ("中国" if not root else "China") in infobox
    assert 'href="../../data/#source-wuxi-lecture-2025"' in infobox
    # the deals naming it are cards, linking the partner's page; no wide one-row tables
    assert "<table" not in body
    card = body[body.index('<li id="deals-hengrui-gsk-2025">') :]
    card = card[: card.index("</li>")]
    assert '<a href="../../companies/gsk/">' in card
    assert resolve(site, f"{root}companies/hengrui/", "../../companies/gsk/").is_file()
