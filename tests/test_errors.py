"""The error record and its text format."""

from __future__ import annotations

import pytest

from yearbook.data.errors import RULES, DataError, format_report, quote


def test_format_matches_the_documented_example() -> None:
    error = DataError(
        file="data/deals.csv",
        line=14,
        column="total_usd_m",
        value="-5",
        rule="minimum",
        message="must be at least 0",
        hint="money is in millions and never negative; leave empty if undisclosed.",
    )
    assert error.format() == (
        'data/deals.csv:14:total_usd_m: value "-5" breaks rule minimum: must be at least 0. '
        "Hint: money is in millions and never negative; leave empty if undisclosed."
    )


def test_format_without_value_line_or_hint() -> None:
    error = DataError("data/deals.csv", None, None, None, "encoding", "file is not UTF-8")
    assert error.format() == "data/deals.csv: breaks rule encoding: file is not UTF-8."


def test_json_position_is_shown_as_line_and_column() -> None:
    error = DataError("data/deals.schema.json", 4, "3", None, "schema", "invalid JSON: oops")
    assert error.format().startswith("data/deals.schema.json:4:3: breaks rule schema:")


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("-5", '"-5"'),
        ("Hangzhou ", '"Hangzhou "'),
        ("\tx", '"\\tx"'),
        ("a\r\nb", '"a\\r\\nb"'),
        ("\u3000宇树科技", '"\\u3000宇树科技"'),
        ("x\u00a0", '"x\\xa0"'),
        ("zero\u200bwidth", '"zero\\u200bwidth"'),
        ('say "hi"\\', '"say \\"hi\\"\\\\"'),
        ("", '""'),
    ],
)
def test_quote_makes_invisible_characters_visible(value: str, shown: str) -> None:
    assert quote(value) == shown


def test_report_is_sorted_and_has_a_footer() -> None:
    errors = [
        DataError("data/deals.csv", 9, "id", "x", "unique", "must be unique"),
        DataError("data/companies.csv", 3, "kind", "X", "enum", "must be one of: a, b"),
        DataError("data/deals.csv", 2, "stage", "", "required", "must not be empty"),
    ]
    lines = format_report(errors).splitlines()
    assert [line.split(":")[0:2] for line in lines[:3]] == [
        ["data/companies.csv", "3"],
        ["data/deals.csv", "2"],
        ["data/deals.csv", "9"],
    ]
    assert lines[3] == "3 errors in 2 files; the site was not built."


def test_report_footer_singular_and_custom_consequence() -> None:
    error = DataError("data/x.csv", 2, "id", "", "required", "must not be empty")
    report = format_report([error], consequence="the site would not build")
    assert report.splitlines()[-1] == "1 error in 1 file; the site would not build."
    assert format_report([]) == ""


def test_unknown_rule_names_are_refused() -> None:
    with pytest.raises(ValueError, match="unknown rule"):
        DataError("data/x.csv", 1, None, None, "not-a-rule", "message")


def test_rule_names_are_stable() -> None:
    assert {
        "type",
        "required",
        "enum",
        "pattern",
        "minimum",
        "maximum",
        "unique",
        "foreign-key",
        "partial-date",
        "row-rule",
        "header",
        "encoding",
        "whitespace",
        "cell-count",
        "schema",
        "blank-row",
        "list-item",
        "missing-csv",
        "missing-schema",
        "csv",
        "read",
        "data-dir",
    } <= set(RULES)
