"""Each cell rule: type, required, enum, pattern, range, partial dates, spaces and list items."""

from pathlib import Path

import pytest
from data_fixture import STI, XINHUA, Found, case_ids, copy_good, edit_cell, found

FULLWIDTH_1970 = "\uff11\uff19\uff17\uff10"  # as typed with a Chinese input method


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return copy_good(tmp_path)


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
    ("deals", 1, "announced", "2026-02-30", ("deals.csv", 4, "announced", "partial-date")),
    ("deals", 1, "announced", "2024/08", ("deals.csv", 4, "announced", "partial-date")),
    ("deals", 1, "announced", "24", ("deals.csv", 4, "announced", "partial-date")),
    ("sources", 1, "published", "2024-13", ("sources.csv", 3, "published", "partial-date")),
    ("companies", 1, "city", "Hangzhou ", ("companies.csv", 3, "city", "whitespace")),
    ("companies", 1, "name_zh", "\u3000宇树科技", ("companies.csv", 3, "name_zh", "whitespace")),
    ("companies", 1, "kind", "robotics\t", ("companies.csv", 3, "kind", "whitespace")),
    ("deals", 0, "source", f"{XINHUA}; {STI}", ("deals.csv", 3, "source", "whitespace")),
    ("deals", 1, "source", f"{STI};", ("deals.csv", 4, "source", "list-item")),
    ("deals", 1, "source", f"{STI};;{XINHUA}", ("deals.csv", 4, "source", "list-item")),
]  # fmt: skip


@pytest.mark.parametrize(
    ("dataset", "row", "column", "value", "expected"), CELL_CASES, ids=case_ids(CELL_CASES)
)
def test_each_cell_rule_reports_exact_file_line_column(
    data: Path, dataset: str, row: int, column: str, value: str, expected: Found
) -> None:
    edit_cell(data, dataset, row, column, value)
    file, line, col, rule = expected
    assert found(data) == [(f"data/{file}", line, col, rule)]
