"""Reading a CSV as an editor shows it: encodings, line endings, editor line numbers, quoting."""

from pathlib import Path

import pytest
from data_fixture import copy_good, edit_cell, found, replace_text

from yearbook.data.validate import validate_data_dir


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return copy_good(tmp_path)


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
