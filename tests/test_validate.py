"""Validating a data directory: file pairs, foreign keys across datasets, all errors in one run."""

from pathlib import Path

import pytest
from data_fixture import (
    GOOD,
    XINHUA,
    Found,
    case_ids,
    copy_good,
    edit_cell,
    found,
    line_of,
    read_rows,
    replace_text,
    write_rows,
)

from yearbook.data.validate import validate_data_dir


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return copy_good(tmp_path)


def test_good_fixture_passes_with_zero_errors() -> None:
    result = validate_data_dir(GOOD, root=GOOD.parent)
    assert result.errors == ()
    assert result.ok
    assert {name: len(t.rows) for name, t in result.tables.items()} == {
        "companies": 3,
        "deals": 2,
        "sources": 2,
    }
    summary = "good/ is valid: 3 datasets, 7 rows (companies 3, deals 2, sources 2)."
    assert result.summary() == summary


def test_rewriting_the_fixture_unchanged_keeps_it_valid(data: Path) -> None:
    for path in data.glob("*.csv"):
        write_rows(path, read_rows(path))
    assert found(data) == []


FOREIGN_KEY_CASES = [
    # (dataset, row, column, new value) -> (file, line, column, rule)
    ("deals", 0, "licensor", "hengrui-pharma", ("deals.csv", 2, "licensor", "foreign-key")),
    ("deals", 1, "licensee", "Akeso", ("deals.csv", 4, "licensee", "foreign-key")),
    ("deals", 0, "source", f"{XINHUA};nope", ("deals.csv", 3, "source", "foreign-key")),
]  # fmt: skip


@pytest.mark.parametrize(
    ("dataset", "row", "column", "value", "expected"),
    FOREIGN_KEY_CASES,
    ids=case_ids(FOREIGN_KEY_CASES),
)
def test_each_foreign_key_error_reports_exact_file_line_column(
    data: Path, dataset: str, row: int, column: str, value: str, expected: Found
) -> None:
    edit_cell(data, dataset, row, column, value)
    file, line, col, rule = expected
    assert found(data) == [(f"data/{file}", line, col, rule)]


def test_error_values_and_messages(data: Path) -> None:
    edit_cell(data, "deals", 1, "total_usd_m", "-5")
    edit_cell(data, "deals", 0, "source", "xinhua-2026-05-27;nope")
    edit_cell(data, "deals", 1, "announced", "2026-02-30")
    edit_cell(data, "companies", 1, "city", "Hangzhou ")
    edit_cell(data, "deals", 0, "closed", "2025-07")
    report = validate_data_dir(data, root=data.parent).report()
    assert (
        'data/deals.csv:4:total_usd_m: value "-5" breaks rule minimum: must be at least 0. Hint: '
        "Total value: Total deal value in millions of US dollars including milestones; "
        "leave the cell empty if the value is not known."
    ) in report
    assert (
        'data/deals.csv:3:source: value "nope" breaks rule foreign-key: '
        'not found in column "id" of data/sources.csv.'
    ) in report
    assert "(February 2026 has 28 days)" in report
    assert 'data/companies.csv:3:city: value "Hangzhou " breaks rule whitespace' in report
    assert 'value "2025-07" breaks rule row-rule: must not be before announced ("2025-08-14")' in (
        report
    )
    assert report.endswith("5 errors in 2 files; the site was not built.")


def test_a_renamed_id_column_gives_no_follow_up_foreign_key_errors(data: Path) -> None:
    path = data / "companies.csv"
    replace_text(path, "id,name,", "ID,name,")
    assert found(data) == [
        ("data/companies.csv", 1, "id", "header"),
        ("data/companies.csv", 1, "ID", "header"),
    ]


def test_every_csv_needs_a_schema_and_every_schema_a_csv(data: Path) -> None:
    (data / "extra.csv").write_text("id\n1\n", encoding="utf-8")
    (data / "sources.csv").unlink()
    (data / "notes.md").write_text("not a dataset", encoding="utf-8")
    (data / "~$deals.csv").write_text("office lock file", encoding="utf-8")
    assert found(data) == [
        ("data/extra.csv", None, None, "missing-schema"),
        ("data/sources.schema.json", None, None, "missing-csv"),
    ]


def test_foreign_key_to_a_missing_dataset(data: Path) -> None:
    path = data / "deals.schema.json"
    replace_text(path, '"resource": "sources"', '"resource": "source"')
    assert found(data) == [
        ("data/deals.schema.json", line_of(path, '"foreignKeys"'), "source", "foreign-key")
    ]


def test_foreign_key_to_a_missing_field(data: Path) -> None:
    path = data / "deals.schema.json"
    replace_text(
        path, '"resource": "sources", "fields": "id"', '"resource": "sources", "fields": "x"'
    )
    assert found(data) == [
        ("data/deals.schema.json", line_of(path, '"foreignKeys"'), "source", "schema")
    ]


def test_several_errors_in_several_files_in_one_run(data: Path) -> None:
    edit_cell(data, "companies", 0, "founded", "abc")
    edit_cell(data, "companies", 2, "kind", "")
    edit_cell(data, "deals", 1, "total_usd_m", "-1")
    edit_cell(data, "deals", 1, "licensor", "nobody")
    edit_cell(data, "sources", 1, "published", "2024-02-30")
    result = validate_data_dir(data, root=data.parent)
    assert [(e.file, e.line, e.column, e.rule) for e in result.errors] == [
        ("data/companies.csv", 2, "founded", "type"),
        ("data/companies.csv", 4, "kind", "required"),
        ("data/deals.csv", 4, "total_usd_m", "minimum"),  # cell checks come before
        ("data/deals.csv", 4, "licensor", "foreign-key"),  # checks across rows and files
        ("data/sources.csv", 3, "published", "partial-date"),
    ]
    assert result.report().endswith("5 errors in 3 files; the site was not built.")


def test_missing_and_empty_data_directory(tmp_path: Path) -> None:
    assert found(tmp_path / "nope") == [("nope", None, None, "data-dir")]
    (tmp_path / "empty").mkdir()
    assert found(tmp_path / "empty") == [("empty", None, None, "data-dir")]
    (tmp_path / "file").write_text("x", encoding="utf-8")
    assert found(tmp_path / "file") == [("file", None, None, "data-dir")]
