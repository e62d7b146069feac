"""The data model: validated datasets as typed plain rows, subsets, and the relations between
datasets that the schemas' foreign keys declare."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from yearbook.data.model import Dataset, datasets_of, ids_in, naming_columns, related_rows
from yearbook.data.schema import split_list
from yearbook.data.validate import validate_data_dir

GOOD = Path(__file__).parent / "fixtures" / "datasets" / "good"


@pytest.fixture(scope="module")
def good() -> dict[str, Dataset]:
    return datasets_of(validate_data_dir(GOOD))


@pytest.fixture
def data(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(GOOD, target)
    return target


def test_every_dataset_in_schema_column_order(good: dict[str, Dataset]) -> None:
    assert sorted(good) == ["companies", "deals", "sources"]
    columns = ["id", "name", "name_zh", "city", "founded", "kind"]
    assert all(list(row) == columns for row in good["companies"].rows)
    assert list(good["companies"].schema.field_names) == columns
    assert len(good["companies"].rows) == 3
    assert len(good["deals"].rows) == 2


def test_cells_are_typed_per_schema(good: dict[str, Dataset]) -> None:
    companies, deals = good["companies"].rows, good["deals"].rows
    assert [row["founded"] for row in companies] == [1970, 2016, 2012]
    assert all(type(row["founded"]) is int for row in companies)
    assert [row["total_usd_m"] for row in deals] == [1970.0, 500.0]
    assert all(type(row["total_usd_m"]) is float for row in deals)
    assert all(type(row["id"]) is str for row in deals)
    # partial dates and list fields stay strings, exactly as written
    assert [row["announced"] for row in deals] == ["2025-08-14", "2024"]
    assert deals[0]["source"] == "xinhua-2026-05-27;sti-daily-2024-08-12"
    assert companies[1]["name_zh"] == "宇树科技"
    assert companies[2]["name"] == "Akeso, Inc."


def test_empty_cells_are_none_in_every_type(good: dict[str, Dataset]) -> None:
    second = good["deals"].rows[1]
    assert second["upfront_usd_m"] is None
    assert second["licensee"] is None
    assert second["closed"] is None
    assert second["note"] is None
    assert sum(row["upfront_usd_m"] is None for row in good["deals"].rows) == 1


def test_multi_line_cells_keep_one_newline_even_from_crlf_files(
    data: Path, good: dict[str, Dataset]
) -> None:
    for path in data.glob("*.csv"):
        text = path.read_text(encoding="utf-8")
        path.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    deals = datasets_of(validate_data_dir(data))["deals"]
    assert deals.rows[0]["note"] == "Two-line note:\nupfront paid in cash"
    assert next(iter(deals.rows[0])) == "id"  # the BOM is not part of the first column name
    assert deals.rows == good["deals"].rows


def test_split_list_and_ids_in_a_reference_cell(good: dict[str, Dataset]) -> None:
    deals = good["deals"]
    first = deals.rows[0]
    assert split_list(first["source"]) == ["xinhua-2026-05-27", "sti-daily-2024-08-12"]
    assert split_list(None) == []
    assert split_list("a|b", "|") == ["a", "b"]
    source, licensee = deals.schema.get_field("source"), deals.schema.get_field("licensee")
    assert ids_in(first, source) == ["xinhua-2026-05-27", "sti-daily-2024-08-12"]
    assert ids_in(first, licensee) == ["akeso"]
    assert ids_in(deals.rows[1], licensee) == []


def test_invalid_data_is_refused_with_the_report(data: Path) -> None:
    path = data / "deals.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",500,", ",-5,"), encoding="utf-8")
    result = validate_data_dir(data, root=data.parent)
    report = result.report()
    assert 'data/deals.csv:4:total_usd_m: value "-5" breaks rule minimum' in report
    assert report.endswith("1 error in 1 file; the site was not built.")
    assert result.errors[0].rule == "minimum"
    with pytest.raises(ValueError, match="without errors"):
        datasets_of(result)


def test_unknown_dataset_name(good: dict[str, Dataset]) -> None:
    with pytest.raises(KeyError, match="nope"):
        good["nope"]


def test_a_subset_keeps_dataset_order(datasets: dict[str, Dataset]) -> None:
    deals = datasets["deals"]
    last, first = deals.rows[-1]["id"], deals.rows[0]["id"]
    subset = deals.subset([last, first])
    assert [row["id"] for row in subset.rows] == [first, last]
    assert subset.by_id == {first: deals.rows[0], last: deals.rows[-1]}


def test_rows_naming_an_entity_are_found_in_every_column_and_list(
    datasets: dict[str, Dataset],
) -> None:
    deals = datasets["deals"]
    columns = ("licensor", "partner")
    naming = deals.ids_naming(columns)
    for company in datasets["companies"].by_id:
        expected = [row["id"] for row in deals.rows if company in {row["licensor"], row["partner"]}]
        assert naming.get(company, []) == expected, company
    # Each value of a list cell (`a;b`) finds the row.
    listed = [row for row in deals.rows if ";" in str(row["source"])]
    assert listed
    for row in listed:
        for source in str(row["source"]).split(";"):
            assert row["id"] in deals.ids_naming(("source",))[source]


def test_relations_come_from_the_schemas_foreign_keys(datasets: dict[str, Dataset]) -> None:
    assert naming_columns(datasets, "companies") == {
        "approvals": ("company",),
        "deals": ("licensor", "partner", "newco"),
        "investments": ("investor",),
    }
    assert naming_columns(datasets, "clusters") == {"investments": ("cluster",)}
    assert naming_columns(datasets, "robotics_events") == {}
    every = set(naming_columns(datasets, "sources"))
    assert every == set(datasets) - {"sources"}  # every dataset cites its sources


def test_related_rows_are_the_rows_naming_the_entity(datasets: dict[str, Dataset]) -> None:
    related = related_rows(datasets, "companies", "hengrui")
    deals = [row["id"] for row in related["deals"].rows]
    assert "hengrui-gsk-2025" in deals and "hengrui-bain-kailera-2024" in deals
    assert all(
        "hengrui" in {row["licensor"], row["partner"], row["newco"]}
        for row in related["deals"].rows
    )
    assert related["approvals"].schema is datasets["approvals"].schema


def test_rows_alike_are_counted_and_reading_them_reads_the_whole_dataset(
    datasets: dict[str, Dataset],
) -> None:
    # Xinhua published two items the yearbook cites on 27 May 2026; Science and Technology
    # Daily one page in August 2024.
    sources = datasets["sources"]
    fields = ("publisher_zh", "published")
    assert sources.count_alike(sources.by_id["xinhua-2026-05-27"], fields) == 2
    assert sources.count_alike(sources.by_id["stdaily-2024-08"], fields) == 1
    read: set[str] = set()
    sources.noted(read.add).count_alike(sources.by_id["stdaily-2024-08"], fields)
    assert read == {"sources"}  # a new row alike changes the count
