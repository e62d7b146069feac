"""Chart functions over the validated datasets: spec structure, language, formatted numbers."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from altair.utils.schemapi import validate_jsonschema
from altair.vegalite.v6.schema.core import load_schema
from conftest import ROOT

from yearbook.charts import CHARTS, chart_function
from yearbook.charts.model import ChartData, Datasets
from yearbook.charts.render import (
    ChartCache,
    RenderedChart,
    place_svgs,
    svg_placeholder,
    svgs_missing,
)
from yearbook.fingerprints import build_key, dataset_fingerprints
from yearbook.tables import datasets_of
from yearbook.validate import validate_data_dir

HAN = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def datasets() -> Datasets:
    result = validate_data_dir(ROOT / "data")
    assert result.ok, result.report()
    return datasets_of(result)


def _draw(datasets: Datasets, name: str, language: str) -> ChartData:
    return chart_function(name)(datasets, language)


def _texts(spec: dict[str, object]) -> str:
    """All strings of a spec (titles, labels, data values), for language checks."""
    return json.dumps(spec, ensure_ascii=False)


@pytest.mark.parametrize("name", CHARTS)
def test_chart_is_a_vega_lite_spec_with_data_and_the_language_locale(
    datasets: Datasets, name: str
) -> None:
    for language, decimal_locale in (("zh", "zh-CN"), ("en", "en-US")):
        chart = _draw(datasets, name, language)
        spec = chart.spec(validate=True)
        validate_jsonschema(spec, load_schema())  # with the yearbook's style
        assert spec["$schema"].startswith("https://vega.github.io/schema/vega-lite/v6")
        assert spec["datasets"], "the plotted rows travel inside the spec"
        assert "Noto Sans CJK SC" in spec["config"]["font"]
        months = spec["config"]["locale"]["time"]["months"]
        assert months[0] == ("一月" if decimal_locale == "zh-CN" else "January")
        assert len(chart.table) > 0
        assert chart.sources and all(s in datasets["sources"].by_id for s in chart.sources)


@pytest.mark.parametrize("name", CHARTS)
def test_chinese_charts_speak_chinese_and_english_charts_english(
    datasets: Datasets, name: str
) -> None:
    zh = _draw(datasets, name, "zh")
    en = _draw(datasets, name, "en")
    assert HAN.search(zh.title) and HAN.search(zh.summary)
    assert not HAN.search(en.title) and not HAN.search(en.summary)
    assert all(HAN.search(str(column)) or column == "id" for column in zh.table.columns)
    assert not any(HAN.search(str(column)) for column in en.table.columns)
    assert not HAN.search(_texts(en.spec()))


@pytest.mark.parametrize(
    ("name", "language", "expected"),
    [
        (
            "largest-deals",
            "zh",
            ["185亿美元", "最高88.5亿美元", "约60亿美元", "石药集团 → 阿斯利康"],
        ),
        (
            "largest-deals",
            "en",
            ["US$18.5 billion", "up to US$8.85 billion", "about US$6 billion"],
        ),
        ("out-licensing-totals", "zh", ["超1300亿美元", "2025年上半年", "2026年第一季度"]),
        ("out-licensing-totals", "en", ["more than US$130 billion", "H1 2025", "Q1 2026"]),
        ("robotics-timeline", "zh", ["超1,500台机器人", "280支队伍，16个国家"]),
        ("robotics-timeline", "en", ["more than 1,500 robots", "280 teams, 16 countries"]),
        ("approvals-by-year", "zh", ["2026年4月", "放射性药物"]),
        ("approvals-by-year", "en", ["Apr 2026", "Radiopharmaceutical"]),
    ],
)
def test_values_are_formatted_for_the_language(
    datasets: Datasets, name: str, language: str, expected: list[str]
) -> None:
    texts = _texts(_draw(datasets, name, language).spec())
    for value in expected:
        assert value in texts


def _colour_encodings(spec: object) -> list[dict[str, Any]]:
    """Every colour encoding with an explicit scale in a spec (its layers included)."""
    if isinstance(spec, list):
        return [found for item in spec for found in _colour_encodings(item)]
    if not isinstance(spec, dict):
        return []
    colour = spec.get("color", {})
    found = [colour] if "scale" in colour else []
    return found + [more for value in spec.values() for more in _colour_encodings(value)]


@pytest.mark.parametrize(
    "name", ["approvals-by-year", "clusters-by-province", "deal-value-by-year", "largest-deals"]
)
def test_each_value_keeps_its_colour_in_both_languages(datasets: Datasets, name: str) -> None:
    specs = [_draw(datasets, name, language).spec() for language in ("zh", "en")]
    zh, en = (_colour_encodings(spec) for spec in specs)
    assert len(zh) == len(en) == 1
    for spec, (colour,) in zip(specs, (zh, en), strict=True):
        plotted = {row[colour["field"]] for rows in spec["datasets"].values() for row in rows}
        assert set(colour["scale"]["domain"]) == plotted  # every plotted value has its colour
        assert len(colour["scale"]["range"]) == len(colour["scale"]["domain"])
    assert zh[0]["scale"]["range"] == en[0]["scale"]["range"]  # same values, same order


def test_largest_deals_show_only_the_largest_and_say_how_many_there_are(
    datasets: Datasets, monkeypatch: pytest.MonkeyPatch
) -> None:
    from yearbook.charts import deals

    disclosed = [row for row in datasets["deals"].rows if row["total_usd_m"] is not None]
    assert len(disclosed) > 2
    monkeypatch.setattr(deals, "LARGEST", 2)
    chart = _draw(datasets, "largest-deals", "en")
    assert list(chart.table["id"]) == ["cspc-astrazeneca-2026", "hengrui-gsk-2025"]
    assert f"the 2 largest of the {len(disclosed)} deals" in chart.summary
    zh = _draw(datasets, "largest-deals", "zh")
    assert f"{len(disclosed)}笔披露了金额的交易中最大的2笔" in zh.summary


def test_largest_deals_are_ranked_by_total(datasets: Datasets) -> None:
    table = _draw(datasets, "largest-deals", "en").table
    assert list(table["id"])[:2] == ["cspc-astrazeneca-2026", "hengrui-gsk-2025"]
    disclosed = [row for row in datasets["deals"].rows if row["total_usd_m"] is not None]
    assert len(table) == len(disclosed)


def test_deals_by_type_counts_every_deal(datasets: Datasets) -> None:
    table = _draw(datasets, "deals-by-type", "en").table
    assert table["Deals"].sum() == len(datasets["deals"].rows)


def test_approvals_chart_plots_exactly_the_dated_approvals(datasets: Datasets) -> None:
    chart = _draw(datasets, "approvals-by-year", "zh")
    dated = {row["id"] for row in datasets["approvals"].rows if row["approved"]}
    assert set(chart.table["id"]) == dated
    undated = len(datasets["approvals"].rows) - len(dated)
    assert f"另有{undated}个品种" in chart.summary


def test_cache_draws_once_and_redraws_when_a_dataset_it_read_changes(
    datasets: Datasets, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)

    def cache() -> ChartCache:
        return ChartCache(tmp_path / "cache", build_key(data), dataset_fingerprints(data))

    first = cache()
    drawn = first.get("deals-by-type", "zh", lambda: datasets)
    assert isinstance(drawn, RenderedChart)
    assert first.svg("deals-by-type", "zh").startswith("<svg")
    assert "deals" in first.reads("deals-by-type", "zh")
    assert "clusters" not in first.reads("deals-by-type", "zh")
    first.close()
    again = cache()
    assert again.get("deals-by-type", "zh", lambda: datasets) == drawn
    assert (first.misses, again.hits, again.misses) == (1, 1, 0)
    with (data / "clusters.csv").open("a", encoding="utf-8") as csv_file:
        csv_file.write("\n")  # a dataset the chart does not read
    unrelated = cache()
    unrelated.get("deals-by-type", "zh", lambda: datasets)
    assert (unrelated.hits, unrelated.misses) == (1, 0)
    with (data / "deals.csv").open("a", encoding="utf-8") as csv_file:
        csv_file.write("\n")
    changed = cache()
    changed.get("deals-by-type", "zh", lambda: datasets)
    assert changed.misses == 1
    changed.close()
    assert len(list((tmp_path / "cache" / "charts").glob("deals-by-type.zh.*"))) == 2  # json, svg


def test_prefetch_draws_only_what_is_missing(datasets: Datasets, tmp_path: Path) -> None:
    cache = ChartCache(tmp_path, "key", {})
    cache.prefetch([("deals-by-type", "zh"), ("deals-by-type", "en")], lambda: datasets)
    cache.prefetch([("deals-by-type", "zh"), ("largest-deals", "en")], lambda: datasets)
    assert cache.misses == 3
    cache.close()
    assert len(list(tmp_path.glob("charts/*.svg"))) == 3


def test_a_chart_without_its_svg_is_drawn_again(datasets: Datasets, tmp_path: Path) -> None:
    cache = ChartCache(tmp_path, "key", {})
    cache.prefetch([("deals-by-type", "en")], lambda: datasets)
    cache.close()
    next(tmp_path.glob("charts/*.svg")).unlink()  # e.g. a build stopped while drawing
    again = ChartCache(tmp_path, "key", {})
    again.get("deals-by-type", "en", lambda: datasets)
    assert again.misses == 1
    assert again.svg("deals-by-type", "en").startswith("<svg")
    again.close()


def test_svgs_go_where_pages_placed_them() -> None:
    html = f"<p>a</p>{svg_placeholder('deals-by-type', 'zh')}<p>b</p>"
    drawn = place_svgs(html, lambda name, language: f"<svg>{name}/{language}</svg>")
    assert drawn == "<p>a</p><svg>deals-by-type/zh</svg><p>b</p>"


def test_an_svg_not_drawn_yet_keeps_its_place_for_later() -> None:
    html = f"{svg_placeholder('deals-by-type', 'zh')}{svg_placeholder('largest-deals', 'zh')}"
    ready = {"deals-by-type": "<svg>ready</svg>"}
    first = place_svgs(html, lambda name, language: ready.get(name))
    assert first == "<svg>ready</svg>" + svg_placeholder("largest-deals", "zh")
    assert svgs_missing(first)
    later = place_svgs(first, lambda name, language: f"<svg>{name}</svg>")
    assert later == "<svg>ready</svg><svg>largest-deals</svg>" and not svgs_missing(later)


def test_static_svg_draws_chinese_text_with_the_cjk_font(
    datasets: Datasets, tmp_path: Path
) -> None:
    cache = ChartCache(tmp_path, "key", {})
    cache.get("largest-deals", "zh", lambda: datasets)
    svg = cache.svg("largest-deals", "zh")
    cache.close()
    assert "石药集团" in svg
    assert "Noto Sans CJK SC" in svg


def test_the_drawing_process_needs_neither_pandas_nor_altair() -> None:
    """The SVG process imports only yearbook.charts.render: importing pandas and Altair there
    would cost it a second of the build."""
    check = (
        "import sys, yearbook.charts.render; print(sorted({'pandas', 'altair'} & set(sys.modules)))"
    )
    result = subprocess.run(
        [sys.executable, "-c", check], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
