"""Loading validated datasets as typed DataFrames."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from yearbook.data.checks import plain_rows
from yearbook.data.datasets import DataValidationError, load_dataset, load_datasets
from yearbook.data.schema import split_list
from yearbook.data.validate import validate_data_dir

GOOD = Path(__file__).parent / "fixtures" / "datasets" / "good"


@pytest.fixture
def data(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(GOOD, target)
    return target


def test_loads_every_dataset_in_schema_column_order() -> None:
    datasets = load_datasets(GOOD)
    assert sorted(datasets) == ["companies", "deals", "sources"]
    assert list(datasets["companies"].columns) == [
        "id",
        "name",
        "name_zh",
        "city",
        "founded",
        "kind",
    ]
    assert len(datasets["companies"]) == 3
    assert len(datasets["deals"]) == 2


def test_columns_are_typed_per_schema() -> None:
    deals = load_dataset(GOOD, "deals")
    companies = load_dataset(GOOD, "companies")
    assert companies["founded"].dtype == "Int64"
    assert companies["founded"].tolist() == [1970, 2016, 2012]
    assert deals["upfront_usd_m"].dtype == "Float64"
    assert deals["total_usd_m"].tolist() == [1970.0, 500.0]
    assert deals["id"].dtype == pd.StringDtype()
    # partial dates and list fields stay strings, exactly as written
    assert deals["announced"].tolist() == ["2025-08-14", "2024"]
    assert deals["source"].dtype == pd.StringDtype()
    assert deals["source"].iloc[0] == "xinhua-2026-05-27;sti-daily-2024-08-12"
    assert companies["name_zh"].iloc[1] == "宇树科技"
    assert companies["name"].iloc[2] == "Akeso, Inc."


def test_empty_cells_are_na_in_every_type() -> None:
    deals = load_dataset(GOOD, "deals")
    second = deals.iloc[1]
    assert second["upfront_usd_m"] is pd.NA
    assert second["licensee"] is pd.NA
    assert second["closed"] is pd.NA
    assert second["note"] is pd.NA
    assert int(deals["upfront_usd_m"].isna().sum()) == 1


def test_multi_line_cells_keep_one_newline_even_from_crlf_files(data: Path) -> None:
    for path in data.glob("*.csv"):
        text = path.read_text(encoding="utf-8")
        path.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    deals = load_dataset(data, "deals")
    assert deals["note"].iloc[0] == "Two-line note:\nupfront paid in cash"
    assert deals.columns[0] == "id"  # the BOM is not part of the first column name
    assert deals.equals(load_dataset(GOOD, "deals"))


def test_split_list() -> None:
    deals = load_dataset(GOOD, "deals")
    assert split_list(deals["source"].iloc[0]) == ["xinhua-2026-05-27", "sti-daily-2024-08-12"]
    assert split_list(pd.NA) == []
    assert split_list("a|b", "|") == ["a", "b"]


def test_invalid_data_is_refused_with_the_report(data: Path) -> None:
    path = data / "deals.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",500,", ",-5,"), encoding="utf-8")
    with pytest.raises(DataValidationError) as caught:
        load_datasets(data, root=data.parent)
    assert 'data/deals.csv:4:total_usd_m: value "-5" breaks rule minimum' in str(caught.value)
    assert str(caught.value).endswith("1 error in 1 file; the site was not built.")
    assert caught.value.result.errors[0].rule == "minimum"


def test_unknown_dataset_name() -> None:
    with pytest.raises(KeyError, match="no dataset 'nope'"):
        load_dataset(GOOD, "nope")


def test_plain_rows_hold_the_typed_values_pages_and_charts_read() -> None:
    tables = validate_data_dir(GOOD).tables
    companies, deals = plain_rows(tables["companies"]), plain_rows(tables["deals"])
    assert [row["founded"] for row in companies] == [1970, 2016, 2012]
    assert all(type(row["founded"]) is int for row in companies)
    assert deals[0]["total_usd_m"] == 1970.0 and type(deals[0]["total_usd_m"]) is float
    assert deals[1]["upfront_usd_m"] is None and deals[1]["note"] is None
    assert deals[0]["source"] == "xinhua-2026-05-27;sti-daily-2024-08-12"
    assert list(deals[0]) == list(load_dataset(GOOD, "deals").columns)
