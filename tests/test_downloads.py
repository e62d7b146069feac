"""The datasets in the standard form of the published package: list fields and citations."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
from conftest import FIXTURES

from yearbook.data.downloads import citation_rows, citations_schema, standard_schema
from yearbook.data.model import Dataset, datasets_of
from yearbook.data.schema import ForeignKey
from yearbook.data.validate import validate_data_dir

GOOD = FIXTURES / "datasets" / "good"


@pytest.fixture(scope="module")
def good() -> dict[str, Dataset]:
    return datasets_of(validate_data_dir(GOOD))


def committed(name: str) -> dict[str, object]:
    return json.loads((GOOD / f"{name}.schema.json").read_text("utf-8"))


def test_a_list_field_becomes_a_standard_list_and_loses_its_key(good: dict[str, Dataset]) -> None:
    raw = committed("deals")
    published = standard_schema(raw, good["deals"].schema)
    source = next(field for field in published["fields"] if field["name"] == "source")
    assert source["type"] == "list" and source["delimiter"] == ";"
    assert source["itemType"] == "string" and "listSeparator" not in source
    assert "pattern" not in source["constraints"] and source["constraints"]["required"]
    assert [key["fields"] for key in published["foreignKeys"]] == ["licensor", "licensee"]
    assert committed("deals") == raw  # the committed schema is left as it was


def test_a_schema_without_list_fields_is_published_as_committed(
    good: dict[str, Dataset],
) -> None:
    raw = committed("companies")
    assert standard_schema(raw, good["companies"].schema) == raw


def test_citations_give_every_source_of_every_row_in_order(good: dict[str, Dataset]) -> None:
    assert citation_rows(good) == [
        ("deals", "hengrui-2025-01", "xinhua-2026-05-27"),
        ("deals", "hengrui-2025-01", "sti-daily-2024-08-12"),
        ("deals", "akeso-2024-01", "sti-daily-2024-08-12"),
    ]
    schema = citations_schema(["deals", "deals"])
    dataset = next(field for field in schema["fields"] if field["name"] == "dataset")
    assert dataset["constraints"]["enum"] == ["deals"]
    assert schema["primaryKey"] == ["dataset", "row", "source"]


def test_a_list_field_keyed_to_another_dataset_is_refused_naming_the_file(
    good: dict[str, Dataset],
) -> None:
    """Only `sources` has a link table: a list of company ids would lose its key unnoticed."""
    schema = good["deals"].schema
    keys = (*schema.foreign_keys[:2], ForeignKey(("source",), "companies", ("id",)))
    with pytest.raises(ValueError) as error:
        standard_schema(committed("deals"), replace(schema, foreign_keys=keys))
    assert "deals.schema.json: list field 'source' refers to 'companies'" in str(error.value)
    assert "refer it to sources" in str(error.value)  # the fix
