"""Checks of a whole CSV against its schema: the header, cell counts, unique keys, row rules."""

import shutil
from pathlib import Path

import pytest
from conftest import ROOT
from data_fixture import (
    Found,
    case_ids,
    copy_good,
    edit_cell,
    found,
    read_rows,
    replace_text,
    write_rows,
)

from yearbook.data.validate import validate_data_dir


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return copy_good(tmp_path)


ROW_CASES = [
    # (dataset, row, column, new value) -> (file, line, column, rule)
    ("deals", 1, "id", "hengrui-2025-01", ("deals.csv", 4, "id", "unique")),
    ("deals", 0, "upfront_usd_m", "2000", ("deals.csv", 2, "total_usd_m", "row-rule")),
    ("deals", 0, "closed", "2025-07", ("deals.csv", 2, "closed", "row-rule")),
    ("deals", 0, "closed", "2024", ("deals.csv", 2, "closed", "row-rule")),
]  # fmt: skip


@pytest.mark.parametrize(
    ("dataset", "row", "column", "value", "expected"), ROW_CASES, ids=case_ids(ROW_CASES)
)
def test_each_row_rule_reports_exact_file_line_column(
    data: Path, dataset: str, row: int, column: str, value: str, expected: Found
) -> None:
    edit_cell(data, dataset, row, column, value)
    file, line, col, rule = expected
    assert found(data) == [(f"data/{file}", line, col, rule)]


def test_partial_dates_compare_at_the_coarser_precision(data: Path) -> None:
    # good fixture: announced 2025-08-14, closed 2025-08 → not an error
    edit_cell(data, "deals", 0, "closed", "2025")
    assert found(data) == []
    edit_cell(data, "deals", 0, "closed", "2025-08-13")
    assert found(data) == [("data/deals.csv", 2, "closed", "row-rule")]


def test_row_rule_skips_empty_cells(data: Path) -> None:
    edit_cell(data, "deals", 0, "total_usd_m", "")
    edit_cell(data, "deals", 0, "closed", "")
    assert found(data) == []


def test_too_few_and_too_many_cells(data: Path) -> None:
    replace_text(data / "companies.csv", ",Hangzhou,2016,robotics", ",Hangzhou,2016")
    replace_text(data / "companies.csv", '"Akeso, Inc."', "Akeso, Inc.")
    # the broken rows' ids still count as companies, so deals.csv gets no follow-up errors
    assert found(data) == [
        ("data/companies.csv", 3, None, "cell-count"),
        ("data/companies.csv", 4, None, "cell-count"),
    ]


def header_case(data: Path, change: str) -> None:
    path = data / "companies.csv"
    rows = read_rows(path)
    if change == "rename":
        rows[0][rows[0].index("city")] = "town"
    elif change == "swap":
        rows[0][1], rows[0][2] = rows[0][2], rows[0][1]
    elif change == "extra":
        rows = [[*row, "x"] for row in rows]
    elif change == "missing":
        rows = [row[:3] + row[4:] for row in rows]
    elif change == "spaces":
        rows[0][0] = " id"
    write_rows(path, rows)


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ("rename", [(1, "city", "header"), (1, "town", "header")]),
        ("swap", [(1, None, "header")]),
        ("extra", [(1, "x", "header")]),
        ("missing", [(1, "city", "header")]),
        ("spaces", [(1, "id", "whitespace")]),
    ],
)
def test_header_must_match_the_schema(
    data: Path, change: str, expected: list[tuple[int, str | None, str]]
) -> None:
    header_case(data, change)
    assert found(data) == [("data/companies.csv", *item) for item in expected]


def test_semicolon_separated_file_gives_one_header_error(data: Path) -> None:
    path = data / "sources.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",", ";"), encoding="utf-8")
    result = validate_data_dir(data, root=data.parent)
    assert [(e.file, e.line, e.column, e.rule) for e in result.errors] == [
        ("data/sources.csv", 1, None, "header")
    ]
    assert "semicolons" in result.errors[0].message


def test_header_messages_name_both_sides(data: Path) -> None:
    header_case(data, "swap")
    (error,) = validate_data_dir(data, root=data.parent).errors
    assert "the file has id, name_zh, name, city, founded, kind" in error.message
    assert "the schema has id, name, name_zh, city, founded, kind" in error.message
    header_case(data, "rename")
    messages = [e.message for e in validate_data_dir(data, root=data.parent).errors]
    assert any('column "city" is missing' in m for m in messages)
    assert any('"town" is not in the schema' in m for m in messages)


def test_a_percentage_converted_from_a_printed_fraction_is_refused(tmp_path: Path) -> None:
    # The yearbook's own indicators: 1/3 recorded as "about 33.3 percent", as it once was.
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    row = "cn-drugs-in-development-global-share"
    indicators = read_rows(data / "indicators.csv")
    index = next(i for i, cells in enumerate(indicators) if cells[0] == row) - 1
    for column, value in (("value", "33.3"), ("unit", "percent"), ("qualifier", "about")):
        edit_cell(data, "indicators", index, column, value)
    assert found(data) == [("data/indicators.csv", index + 2, "value", "row-rule")]
    edit_cell(data, "indicators", index, "value", "59")  # a percentage a source printed
    assert found(data) == []
