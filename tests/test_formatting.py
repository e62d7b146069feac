"""Values as Chinese and English readers write them. Expected strings are written by hand."""

from __future__ import annotations

import pytest

from yearbook.data.schema import Field
from yearbook.formatting import (
    format_count,
    format_enum,
    format_money,
    format_partial_date,
    format_percent,
    format_period,
    format_quantity,
    territory_name,
    undisclosed,
)


@pytest.mark.parametrize(
    ("millions", "unit", "qualifier", "zh", "en"),
    [
        (18500, "usd_m", "exact", "185亿美元", "US$18.5 billion"),
        (130000, "usd_m", "more-than", "超1300亿美元", "more than US$130 billion"),
        (6000, "usd_m", "about", "约60亿美元", "about US$6 billion"),
        (8850, "usd_m", "up-to", "最高88.5亿美元", "up to US$8.85 billion"),
        (8850, "usd_m", "up-to-about", "最高约88.5亿美元", "up to about US$8.85 billion"),
        (3300, "cny_m", None, "33亿元", "3.3 billion yuan"),
        (3300, "cny_m", "more-than", "超33亿元", "more than 3.3 billion yuan"),
        (50, "usd_m", None, "5000万美元", "US$50 million"),
        (200, "usd_m", "nearly", "近2亿美元", "nearly US$200 million"),
        (1000, "usd_m", "at-least", "不少于10亿美元", "at least US$1 billion"),
        (48484, "usd_m", "exact", "484.84亿美元", "US$48.484 billion"),
        (100000, "cny_m", None, "1000亿元", "100 billion yuan"),
        (0.5, "usd_m", None, "50万美元", "US$500,000"),
    ],
)
def test_money(millions: float, unit: str, qualifier: str | None, zh: str, en: str) -> None:
    assert format_money(millions, unit, "zh", qualifier) == zh
    assert format_money(millions, unit, "en", qualifier) == en


def test_money_rejects_unknown_units_and_qualifiers() -> None:
    with pytest.raises(ValueError, match="eur_m"):
        format_money(1, "eur_m", "en")
    with pytest.raises(ValueError, match="roughly"):
        format_money(1, "usd_m", "en", "roughly")


@pytest.mark.parametrize(
    ("value", "zh", "en"),
    [
        ("2026", "2026年", "2026"),
        ("2026-01", "2026年1月", "January 2026"),
        ("2026-01-15", "2026年1月15日", "15 January 2026"),
        ("2025-08-08", "2025年8月8日", "8 August 2025"),
        ("2024-12", "2024年12月", "December 2024"),
        (None, "未披露", "undisclosed"),
        ("", "未披露", "undisclosed"),
    ],
)
def test_partial_dates(value: str | None, zh: str, en: str) -> None:
    assert format_partial_date(value, "zh") == zh
    assert format_partial_date(value, "en") == en


@pytest.mark.parametrize(
    ("value", "zh", "en"),
    [
        ("2025-H1", "2025年上半年", "H1 2025"),
        ("2026-Q1", "2026年第一季度", "Q1 2026"),
        ("2021/2025", "2021年至2025年", "2021–2025"),
        ("2026-01/2026-05", "2026年1月至2026年5月", "January 2026–May 2026"),
        ("2025-08", "2025年8月", "August 2025"),
        ("FY2025", "FY2025", "FY2025"),
    ],
)
def test_periods(value: str, zh: str, en: str) -> None:
    assert format_period(value, "zh") == zh
    assert format_period(value, "en") == en


def test_counts_are_written_as_each_language_writes_them() -> None:
    assert format_count(36000, "en") == "36,000"
    # Chinese as the sources print counts: no grouping, and 万 from ten thousand up.
    assert format_count(36000, "zh", "more-than") == "超3.6万"
    assert format_count(1500, "zh", "over") == "1500余"
    assert format_count(9999, "zh") == "9999"
    assert format_count(1500, "en", "more-than") == "more than 1,500"
    assert format_count(40, "en", "over") == "over 40"
    assert format_count(90, "zh", "more-than") == "超90"
    assert format_count(20, "zh", "nearly") == "近20"
    assert format_count(280.0, "en") == "280"


def test_percent() -> None:
    assert format_percent(33.3, "zh", "about") == "约33.3%"
    assert format_percent(25.56, "en") == "25.56%"
    assert format_percent(50, "en", "more-than") == "more than 50%"


@pytest.mark.parametrize(
    ("value", "unit", "qualifier", "zh", "en"),
    [
        (2, "rank", None, "第二位", "second place"),
        (10, "rank", None, "第十位", "tenth place"),
        (12, "rank", None, "第12位", "No. 12"),
        (30, "working_days", "up-to", "最高30个工作日", "up to 30 working days"),
        (30, "working_days", "within", "30个工作日以内", "within 30 working days"),
        (1, "thirds", None, "三分之一", "one third"),
        (2, "thirds", "exact", "三分之二", "two thirds"),
        (1, "halves", "more-than", "超一半", "more than half"),
        (1, "working_days", None, "1个工作日", "1 working day"),
        (2.8, "multiple", None, "2.8倍", "2.8 times"),
        (90, "count", "more-than", "超90", "more than 90"),
        (59, "percent", None, "59%", "59%"),
        (60000, "usd_m", "more-than", "超600亿美元", "more than US$60 billion"),
        (None, "usd_m", None, "未披露", "undisclosed"),
    ],
)
def test_quantities_in_every_unit(
    value: float | None, unit: str, qualifier: str | None, zh: str, en: str
) -> None:
    assert format_quantity(value, unit, "zh", qualifier) == zh
    assert format_quantity(value, unit, "en", qualifier) == en


def test_enum_labels_come_from_the_schema() -> None:
    field = Field(
        name="deal_type",
        type="string",
        enum=("out-license", "newco"),
        enum_labels={
            "out-license": {"zh": "对外授权", "en": "Out-licensing"},
            "newco": {"zh": "新公司（NewCo）", "en": "NewCo"},
        },
    )
    assert format_enum("out-license", field, "zh") == "对外授权"
    assert format_enum("out-license", field, "en") == "Out-licensing"
    assert format_enum(None, field, "en") == "undisclosed"


def test_undisclosed_and_territories() -> None:
    assert undisclosed("zh") == "未披露"
    assert undisclosed("en") == "undisclosed"
    assert territory_name("CN", "zh") == "中国"
    assert territory_name("US", "en") == "United States"
    assert territory_name("EU", "zh") == "欧盟"
