"""The good mini data directory (tests/fixtures/datasets/good), copied and edited by the data tests.

Its line numbers: companies.csv rows are on lines 2-4, sources.csv on 2-3; in deals.csv the first
row spans lines 2-3 (its `note` cell has two lines, so its `source` cell is on line 3) and the
second row is on line 4.
"""

import csv
import shutil
from pathlib import Path

from yearbook.data.validate import validate_data_dir

GOOD = Path(__file__).parent / "fixtures" / "datasets" / "good"
XINHUA, STI = "xinhua-2026-05-27", "sti-daily-2024-08-12"  # the two source ids

Found = tuple[str, int | None, str | None, str]
Case = tuple[str, int, str, str, tuple[str, int, str, str]]


def copy_good(tmp_path: Path) -> Path:
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


def case_ids(cases: list[Case]) -> list[str]:
    return [f"{case[4][3]}:{case[2]}={case[3]!r}" for case in cases]
