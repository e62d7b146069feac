"""A dataset's full table as a model, and rendered with autoescape."""

from __future__ import annotations

import csv
from dataclasses import replace
from pathlib import Path

import jinja2
from conftest import ROOT

from yearbook.data.model import Dataset
from yearbook.pages.cells import Cell, DataPages
from yearbook.pages.fill import render
from yearbook.pages.tables import (
    Table,
    TableRow,
    build_table,
    detail_fields,
    shown_fields,
    visible_fields,
)

TEMPLATES = ROOT / "site-overrides"


def _text(cell: Cell) -> str:
    return cell.text or "; ".join(link.text for link in cell.links)


def _all(row: TableRow) -> list[Cell]:
    return [*row.cells, *(cell for _, cell in row.details)]


def _cells(table: Table, row_id: str) -> dict[str, str]:
    """A row's values by field name: its columns', then its detail's (by their titles)."""
    row = next(r for r in table.rows if r.anchor.endswith(row_id))
    names = {column.title: column.name for column in table.details}
    shown = dict(zip([c.name for c in table.columns], map(_text, row.cells), strict=True))
    return shown | {names[title]: _text(cell) for title, cell in row.details}


def test_each_language_shows_its_own_columns(datasets: dict[str, Dataset]) -> None:
    schema = datasets["deals"].schema
    zh = [f.name for f in shown_fields(schema, "zh")]
    en = [f.name for f in shown_fields(schema, "en")]
    assert "asset_zh" in zh and "note_zh" in zh and "asset_en" not in zh and "note_en" not in zh
    assert "asset_en" in en and "note_en" in en and "asset_zh" not in en
    # the id is the row's anchor; the qualifier is folded into the amount it qualifies
    assert "id" not in zh and "value_qualifier" not in zh


def test_the_schema_chooses_the_columns_and_the_rest_is_in_each_row(
    datasets: dict[str, Dataset],
) -> None:
    schema = datasets["deals"].schema
    columns = [f.name for f in visible_fields(schema, "en")]
    detail = [f.name for f in detail_fields(schema, "en")]
    assert columns == [f.name for f in schema.fields[1:] if f.name in columns]  # schema order
    assert "total_usd_m" in columns and "note_en" not in columns and "source" not in columns
    assert detail == [f.name for f in shown_fields(schema, "en") if f.display == "detail"]
    assert {"note_en", "source", "upfront_usd_m"} <= set(detail)
    # a field's `display` alone moves it: the note as a column, the total into the detail
    moved = replace(
        schema,
        fields=tuple(
            replace(
                f, display={"note_en": "column", "total_usd_m": "detail"}.get(f.name, f.display)
            )
            for f in schema.fields
        ),
    )
    columns = [f.name for f in visible_fields(moved, "en")]
    assert "note_en" in columns and "total_usd_m" not in columns
    table = build_table(
        "deals", {**datasets, "deals": replace(datasets["deals"], schema=moved)}, "en"
    )
    assert [c.name for c in table.columns] == columns
    row = next(r for r in table.rows if r.anchor == "deals-cspc-astrazeneca-2026")
    # an amount's cells print its currency and scale, so its title drops "(US$ m)"
    assert ("Total value", "US$18.5 billion") in [(t, c.text) for t, c in row.details]


def test_a_row_keeps_every_shown_field_and_only_filled_details(
    datasets: dict[str, Dataset],
) -> None:
    for name in datasets:
        for language in ("zh", "en"):
            table = build_table(name, datasets, language)
            shown = shown_fields(datasets[name].schema, language)
            assert {c.name for c in table.columns + table.details} == {f.name for f in shown}
            for row in table.rows:
                assert len(row.cells) == len(table.columns)
                assert all(cell.text or cell.links for _, cell in row.details)


def test_headers_are_the_schema_titles_without_the_language_or_an_amount_s_unit(
    datasets: dict[str, Dataset],
) -> None:
    zh = {c.name: c.title for c in build_table("deals", datasets, "zh").columns}
    en = {c.name: c.title for c in build_table("deals", datasets, "en").columns}
    # "US$18.5 billion" in a column titled "(US$ m)" would read as 18.5 billion millions
    assert zh["total_usd_m"] == "总金额"
    assert en["total_usd_m"] == "Total value"
    assert zh["asset_zh"] == "交易标的"
    assert en["asset_en"] == "Asset"
    assert en["licensor"] == "Licensor / originator"


def test_cells_are_formatted_and_references_named(datasets: dict[str, Dataset]) -> None:
    zh = _cells(build_table("deals", datasets, "zh"), "innovent-lilly-2026")
    en = _cells(build_table("deals", datasets, "en"), "innovent-lilly-2026")
    assert zh["total_usd_m"] == "最高约88.5亿美元"
    assert en["total_usd_m"] == "up to about US$8.85 billion"
    assert zh["upfront_usd_m"] == "未披露"
    assert en["upfront_usd_m"] == "undisclosed"
    assert zh["announced"] == "2026年2月"
    assert en["announced"] == "February 2026"
    assert zh["licensor"] == "信达生物"
    assert en["deal_type"] == "Co-development"
    # Xinhua published two items on 27 May 2026 that the yearbook cites: titles tell them apart.
    assert zh["source"] == (
        "新华社《从“借船出海”迈向“造船远航”——今年一季度国产创新药对外授权交易总额突破600亿美元》，"
        "2026年5月27日"
    )
    assert en["source"].startswith("Xinhua News Agency, “From ‘Sailing on Borrowed Ships’ to")
    assert en["source"].endswith("”, 27 May 2026")


def test_a_source_alone_on_its_day_is_named_by_publisher_and_date(
    datasets: dict[str, Dataset],
) -> None:
    zh = _cells(build_table("deals", datasets, "zh"), "hengrui-bain-kailera-2024")
    assert zh["source"] == "无锡市报纸（版面未载报名），2025年"


def test_numbers_are_right_aligned_with_a_sort_key(datasets: dict[str, Dataset]) -> None:
    table = build_table("deals", datasets, "en")
    column = [c.name for c in table.columns].index("total_usd_m")
    assert table.columns[column].numeric
    row = next(r for r in table.rows if r.anchor == "deals-cspc-astrazeneca-2026")
    cell = row.cells[column]
    assert cell.numeric and float(cell.sort or "") == 18500


def test_links_point_to_rows_and_sources(datasets: dict[str, Dataset]) -> None:
    here = build_table("deals", datasets, "zh")
    elsewhere = build_table("deals", datasets, "zh", DataPages("../data/"))
    links = [link.href for row in here.rows for cell in _all(row) for link in cell.links]
    assert "#companies-cspc" in links
    assert "#source-xinhua-2026-05-27" in links
    other = [link.href for row in elsewhere.rows for cell in _all(row) for link in cell.links]
    assert "../data/#companies-cspc" in other
    # A dataset with a page of its own in the data chapter is linked there; sources stay on
    # the chapter's front page, which lists them.
    split = build_table("deals", datasets, "zh", DataPages("../", {"companies": "../companies/"}))
    hrefs = [link.href for row in split.rows for cell in _all(row) for link in cell.links]
    assert "../companies/#companies-cspc" in hrefs
    assert "../#source-xinhua-2026-05-27" in hrefs
    assert not [href for href in hrefs if href.startswith("../#companies-")]


def test_every_row_is_in_the_table(datasets: dict[str, Dataset]) -> None:
    for name in datasets:
        with (ROOT / "data" / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
            ids = [row["id"] for row in csv.DictReader(handle)]
        for language in ("zh", "en"):
            table = build_table(name, datasets, language)
            assert [row.anchor for row in table.rows] == [f"{name}-{i}" for i in ids]


def test_indicator_values_carry_their_row_unit(datasets: dict[str, Dataset]) -> None:
    zh = _cells(build_table("indicators", datasets, "zh"), "cn-out-licensing-total-2025")
    en = _cells(build_table("indicators", datasets, "en"), "cn-out-licensing-total-2025")
    assert zh["value"] == "超1300亿美元"
    assert en["value"] == "more than US$130 billion"
    assert "unit" not in zh and "qualifier" not in zh


def test_a_qualifier_qualifies_its_own_column(datasets: dict[str, Dataset]) -> None:
    # robots_qualifier qualifies robots: "1500多个机器人参展" (robots 1500, more-than).
    zh = _cells(build_table("robotics_events", datasets, "zh"), "world-robot-conference-2025")
    en = _cells(build_table("robotics_events", datasets, "en"), "world-robot-conference-2025")
    assert zh["robots"] == "1500余"
    assert en["robots"] == "over 1,500"
    assert "robots_qualifier" not in en


def test_a_qualifier_of_several_amounts_goes_to_the_last_one_given(
    hostile: dict[str, Dataset],
) -> None:
    # tests/fixtures/data_pages: acme-evil-2025 has upfront 200 and total 1,500, more-than.
    en = _cells(build_table("deals", hostile, "en"), "acme-evil-2025")
    assert en["upfront_usd_m"] == "US$200 million"
    assert en["total_usd_m"] == "more than US$1.5 billion"


def test_rendering_escapes_text_from_data(
    hostile: dict[str, Dataset], env: jinja2.Environment
) -> None:
    for language in ("zh", "en"):
        table = render(env, "table.html", table=build_table("companies", hostile, language))
        assert "<script>" not in table
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in table
        deals = render(env, "table.html", table=build_table("deals", hostile, language))
        assert "<img" not in deals and "&lt;script&gt;" in deals


def test_rendered_html_has_no_blank_lines(
    datasets: dict[str, Dataset], env: jinja2.Environment
) -> None:
    html = render(env, "table.html", table=build_table("deals", datasets, "zh"))
    assert "\n\n" not in html
    assert html.startswith("<div")


def test_templates_exist_where_the_theme_finds_them() -> None:
    for name in ("table.html", "dataset.html", "sources.html"):
        assert (Path(TEMPLATES) / "partials" / "yearbook" / name).is_file()
