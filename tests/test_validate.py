"""Validation of a data directory: every rule, exact file/line/column, all errors in one run.

Each bad case starts from the good mini dataset in tests/fixtures/datasets/good (copied to a
temporary directory) and changes one thing. Line numbers of that fixture: companies.csv rows
are on lines 2-4, sources.csv on 2-3; in deals.csv the first row spans lines 2-3 (its `note`
cell has two lines, so its `source` cell is on line 3) and the second row is on line 4.
"""

from __future__ import annotations

import csv
import json
import re
import shutil
from pathlib import Path

import pytest
from frictionless import Schema as FrictionlessSchema

from yearbook.data.validate import validate_data_dir

GOOD = Path(__file__).parent / "fixtures" / "datasets" / "good"

Found = tuple[str, int | None, str | None, str]


@pytest.fixture
def data(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(GOOD, target)
    return target


def found(data: Path) -> list[Found]:
    result = validate_data_dir(data, root=data.parent)
    return [(e.file, e.line, e.column, e.rule) for e in result.errors]


def read_rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def write_rows(path: Path, rows: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)


def edit_cell(data: Path, dataset: str, row: int, column: str, value: str) -> None:
    """Set one cell; `row` 0 is the first row after the header."""
    path = data / f"{dataset}.csv"
    rows = read_rows(path)
    rows[row + 1][rows[0].index(column)] = value
    write_rows(path, rows)


def replace_text(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(path: Path, text: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if text in line:
            return number
    raise AssertionError(f"{text!r} not in {path}")


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


def test_fixture_schemas_are_standard_table_schemas() -> None:
    for path in GOOD.glob("*.schema.json"):
        report = FrictionlessSchema.validate_descriptor(json.loads(path.read_text("utf-8")))
        assert report.valid, (path.name, [e.message for e in report.errors])


XINHUA, STI = "xinhua-2026-05-27", "sti-daily-2024-08-12"  # the two source ids
FULLWIDTH_1970 = "\uff11\uff19\uff17\uff10"  # as typed with a Chinese input method

CELL_CASES = [
    # (dataset, row, column, new value) -> (file, line, column, rule)
    ("companies", 0, "founded", "19x0", ("companies.csv", 2, "founded", "type")),
    ("companies", 0, "founded", "1970.0", ("companies.csv", 2, "founded", "type")),
    ("companies", 0, "founded", FULLWIDTH_1970, ("companies.csv", 2, "founded", "type")),
    ("deals", 1, "total_usd_m", "1,000", ("deals.csv", 4, "total_usd_m", "type")),
    ("deals", 1, "total_usd_m", "$500", ("deals.csv", 4, "total_usd_m", "type")),
    ("deals", 1, "total_usd_m", "NaN", ("deals.csv", 4, "total_usd_m", "type")),
    ("deals", 1, "total_usd_m", "1e999", ("deals.csv", 4, "total_usd_m", "type")),
    ("companies", 1, "name", "", ("companies.csv", 3, "name", "required")),
    ("deals", 1, "id", "", ("deals.csv", 4, "id", "required")),
    ("companies", 2, "kind", "Biotech", ("companies.csv", 4, "kind", "enum")),
    ("sources", 0, "url", "www.news.cn/a.html", ("sources.csv", 2, "url", "pattern")),
    ("deals", 1, "id", "Akeso_2024", ("deals.csv", 4, "id", "pattern")),
    ("deals", 1, "total_usd_m", "-5", ("deals.csv", 4, "total_usd_m", "minimum")),
    ("companies", 0, "founded", "2200", ("companies.csv", 2, "founded", "maximum")),
    ("deals", 1, "id", "hengrui-2025-01", ("deals.csv", 4, "id", "unique")),
    ("deals", 0, "licensor", "hengrui-pharma", ("deals.csv", 2, "licensor", "foreign-key")),
    ("deals", 1, "licensee", "Akeso", ("deals.csv", 4, "licensee", "foreign-key")),
    ("deals", 0, "source", f"{XINHUA};nope", ("deals.csv", 3, "source", "foreign-key")),
    ("deals", 1, "announced", "2026-02-30", ("deals.csv", 4, "announced", "partial-date")),
    ("deals", 1, "announced", "2024/08", ("deals.csv", 4, "announced", "partial-date")),
    ("deals", 1, "announced", "24", ("deals.csv", 4, "announced", "partial-date")),
    ("sources", 1, "published", "2024-13", ("sources.csv", 3, "published", "partial-date")),
    ("deals", 0, "upfront_usd_m", "2000", ("deals.csv", 2, "total_usd_m", "row-rule")),
    ("deals", 0, "closed", "2025-07", ("deals.csv", 2, "closed", "row-rule")),
    ("deals", 0, "closed", "2024", ("deals.csv", 2, "closed", "row-rule")),
    ("companies", 1, "city", "Hangzhou ", ("companies.csv", 3, "city", "whitespace")),
    ("companies", 1, "name_zh", "\u3000宇树科技", ("companies.csv", 3, "name_zh", "whitespace")),
    ("companies", 1, "kind", "robotics\t", ("companies.csv", 3, "kind", "whitespace")),
    ("deals", 0, "source", f"{XINHUA}; {STI}", ("deals.csv", 3, "source", "whitespace")),
    ("deals", 1, "source", f"{STI};", ("deals.csv", 4, "source", "list-item")),
    ("deals", 1, "source", f"{STI};;{XINHUA}", ("deals.csv", 4, "source", "list-item")),
]  # fmt: skip


@pytest.mark.parametrize(
    ("dataset", "row", "column", "value", "expected"),
    CELL_CASES,
    ids=[f"{case[4][3]}:{case[2]}={case[3]!r}" for case in CELL_CASES],
)
def test_each_rule_reports_exact_file_line_column(
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


def test_multi_line_cells_give_editor_line_numbers(data: Path) -> None:
    edit_cell(data, "deals", 0, "note", "one\ntwo\nthree\nfour")
    edit_cell(data, "deals", 0, "licensor", "nobody")  # before the note: first line of row
    edit_cell(data, "deals", 0, "source", "nope")  # after the note: its last line
    edit_cell(data, "deals", 1, "stage", "phase-9")  # next row starts after the note
    text = (data / "deals.csv").read_text(encoding="utf-8").splitlines()
    assert text[5].startswith("akeso-2024-01,")  # line 6 in an editor
    assert found(data) == [
        ("data/deals.csv", 2, "licensor", "foreign-key"),
        ("data/deals.csv", 5, "source", "foreign-key"),
        ("data/deals.csv", 6, "stage", "enum"),
    ]


def test_bom_and_crlf_from_spreadsheets_are_accepted(data: Path) -> None:
    for path in data.glob("*.csv"):
        text = path.read_text(encoding="utf-8")
        path.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    assert found(data) == []
    raw = (data / "deals.csv").read_bytes()
    (data / "deals.csv").write_bytes(raw.replace(b"akeso-2024-01,akeso", b"akeso-2024-01,AKESO"))
    assert found(data) == [("data/deals.csv", 4, "licensor", "foreign-key")]


def test_gbk_file_is_refused_with_resave_hint(data: Path) -> None:
    path = data / "companies.csv"
    path.write_bytes(path.read_text(encoding="utf-8").encode("gbk"))
    result = validate_data_dir(data, root=data.parent)
    assert [(e.file, e.line, e.column, e.rule) for e in result.errors] == [
        ("data/companies.csv", 2, None, "encoding")
    ]
    text = result.errors[0].format()
    assert "GBK" in text
    assert '"CSV UTF-8"' in text
    assert "WPS" in text
    assert "iconv -f GBK -t UTF-8 data/companies.csv" in text


def test_utf16_file_is_refused(data: Path) -> None:
    path = data / "sources.csv"
    path.write_bytes(path.read_text(encoding="utf-8").encode("utf-16"))
    assert found(data) == [("data/sources.csv", 1, None, "encoding")]


def test_too_few_and_too_many_cells(data: Path) -> None:
    replace_text(data / "companies.csv", ",Hangzhou,2016,robotics", ",Hangzhou,2016")
    replace_text(data / "companies.csv", '"Akeso, Inc."', "Akeso, Inc.")
    # the broken rows' ids still count as companies, so deals.csv gets no follow-up errors
    assert found(data) == [
        ("data/companies.csv", 3, None, "cell-count"),
        ("data/companies.csv", 4, None, "cell-count"),
    ]


def test_blank_lines_and_empty_rows_are_reported(data: Path) -> None:
    replace_text(data / "sources.csv", "\nxinhua", "\n\nxinhua")
    path = data / "companies.csv"
    path.write_text(path.read_text(encoding="utf-8") + ",,,,,\n\n", encoding="utf-8")
    assert found(data) == [
        ("data/companies.csv", 5, None, "blank-row"),
        ("data/companies.csv", 6, None, "blank-row"),
        ("data/sources.csv", 2, None, "blank-row"),
    ]


def test_broken_quoting_is_reported_and_stops_that_file(data: Path) -> None:
    replace_text(data / "companies.csv", "unitree,Unitree Robotics", 'unitree,"Unitree" Robotics')
    assert found(data) == [("data/companies.csv", 3, None, "csv")]


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


def test_field_without_chinese_title_is_a_schema_error(data: Path) -> None:
    path = data / "companies.schema.json"
    replace_text(path, '"title_zh": "城市",\n', "")
    assert found(data) == [
        ("data/companies.schema.json", line_of(path, '"name": "city"'), "city", "schema")
    ]


SCHEMA_CASES = [
    # (old text in companies.schema.json, new text, column of the expected schema error)
    ('"description_zh": "交易中出现的企业。",', "", None),
    ('"description_zh": "企业的主要业务。",', '"description_zh": " ",', "kind"),
    ('"type": "integer"', '"type": "int"', "founded"),
    ('"minimum": 1800', '"minimun": 1800', "founded"),
    ('"robotics": {"zh": "机器人", "en": "Robotics"}', '"robotics": {"zh": "机器人"}', "kind"),
    ('"biotech": {', '"robot": {"zh": "机", "en": "R"}, "biotech": {', "kind"),
    ('"name": "companies"', '"name": "company"', None),
    ('"primaryKey": "id",', '"primaryKey": "code",', None),
    ('"pattern": "[a-z0-9]+(-[a-z0-9]+)*"', '"pattern": "[a-z"', "id"),
]  # fmt: skip


@pytest.mark.parametrize(("old", "new", "column"), SCHEMA_CASES)
def test_schema_sanity(data: Path, old: str, new: str, column: str | None) -> None:
    path = data / "companies.schema.json"
    replace_text(path, old, new)
    errors = found(data)
    assert [(e[0], e[2], e[3]) for e in errors] == [
        ("data/companies.schema.json", column, "schema")
    ]


def test_enum_field_needs_enum_labels(data: Path) -> None:
    path = data / "companies.schema.json"
    text = path.read_text(encoding="utf-8")
    text = re.sub(r',\s*"enumLabels": \{[^}]*\}[^}]*\}[^}]*\}\s*\}', "", text)
    path.write_text(text, encoding="utf-8")
    assert "enumLabels" not in text
    assert found(data) == [
        ("data/companies.schema.json", line_of(path, '"kind"'), "kind", "schema")
    ]


def test_broken_json_is_reported_with_position(data: Path) -> None:
    path = data / "companies.schema.json"
    replace_text(path, '"title": "Companies",', '"title": "Companies"')
    result = validate_data_dir(data, root=data.parent)
    # the schema is unusable, so its CSV is not checked and no follow-up errors appear
    assert [(e.file, e.line, e.column, e.rule) for e in result.errors] == [
        ("data/companies.schema.json", 4, "3", "schema")
    ]
    expected = "data/companies.schema.json:4:3: breaks rule schema: invalid JSON: Expecting ','"
    assert result.errors[0].format().startswith(expected)


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
