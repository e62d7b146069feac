"""Chart functions over the validated datasets: spec structure, language, formatted numbers."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import vl_convert
from altair.utils.schemapi import validate_jsonschema
from altair.vegalite.v6.schema.core import load_schema
from conftest import ROOT, with_set_up

from yearbook.cache.charts import ChartCache
from yearbook.cache.fingerprints import build_key, dataset_fingerprints
from yearbook.charts import CHARTS, chart_function
from yearbook.charts import svg as svg_module
from yearbook.charts.fonts import FONT, MEASURED, covered, measuring_fonts
from yearbook.charts.make import RenderedChart
from yearbook.charts.model import ChartData
from yearbook.charts.process import ChartProcess
from yearbook.charts.svg import D3_LOCALES, static_svg
from yearbook.data.model import Datasets, datasets_of
from yearbook.data.reads import DataFingerprints
from yearbook.data.validate import validate_data_dir
from yearbook.pages.fragments import figure_placeholder, figures_missing, place_figures

HAN = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def datasets() -> Datasets:
    result = validate_data_dir(ROOT / "data")
    assert result.ok, result.report()
    return datasets_of(result)


@pytest.fixture(scope="module", autouse=True)
def one_chart_process() -> Iterator[None]:
    """The chart process kept from one cache test to the next, as `mkdocs serve` keeps it,
    rather than started again for each (loading pandas and Altair takes seconds)."""
    ChartProcess.keep = True
    yield
    ChartProcess.keep = False
    ChartProcess.stop()


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
        validate_jsonschema(chart.spec(validate=True, phone=True), load_schema())
        assert spec["width"] == "container"
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
            ["185亿美元", "最高约88.5亿美元", "约60亿美元", "石药集团 → 阿斯利康"],
        ),
        (
            "largest-deals",
            "en",
            ["US$18.5 billion", "up to about US$8.85 billion", "about US$6 billion"],
        ),
        ("out-licensing-totals", "zh", ["超1300亿美元", "2025年上半年", "2026年第一季度"]),
        ("out-licensing-totals", "en", ["more than US$130 billion", "H1 2025", "Q1 2026"]),
        ("robotics-timeline", "zh", ["1500余台机器人", "280支队伍，16个国家"]),
        ("robotics-timeline", "en", ["over 1,500 robots", "280 teams, 16 countries"]),
        ("approvals-by-year", "zh", ["2026年4月", "放射性药物"]),
        ("approvals-by-year", "en", ["April 2026", "Radiopharmaceutical"]),
    ],
)
def test_values_are_formatted_for_the_language(
    datasets: Datasets, name: str, language: str, expected: list[str]
) -> None:
    texts = _texts(_draw(datasets, name, language).spec())
    for value in expected:
        assert value in texts


OUT_LICENSING_PERIODS = ("2024", "2025", "2025-h1", "2026-q1")


def test_out_licensing_totals_plot_one_bar_a_period_however_many_rows_report_it(
    tmp_path: Path,
) -> None:
    """A second report of a period's total (another id under the series' prefix) stays in the
    indicators table: stacked on the first, the bar would show the sum of the two."""
    data = shutil.copytree(ROOT / "data", tmp_path / "data")
    indicators = (data / "indicators.csv").read_text(encoding="utf-8")
    (row,) = [
        line for line in indicators.splitlines() if line.startswith("cn-out-licensing-total-2025,")
    ]
    again = row.replace("cn-out-licensing-total-2025,", "cn-out-licensing-total-2025-again,")
    (data / "indicators.csv").write_text(indicators + again.replace(",130000,", ",1000,") + "\n")
    result = validate_data_dir(data)
    assert result.ok, result.report()
    plotted = _draw(datasets_of(result), "out-licensing-totals", "en").table
    assert list(plotted["id"]) == [f"cn-out-licensing-total-{p}" for p in OUT_LICENSING_PERIODS]


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
    assert f"另有{undated}条记录" in chart.summary


def _fingerprints(data: Path, datasets: Datasets) -> DataFingerprints:
    """As a build has them: of each dataset, and of any row a chart reads (e.g. a name)."""
    return DataFingerprints(dataset_fingerprints(data), lambda: datasets)


def test_cache_makes_once_and_again_when_a_dataset_it_read_changes(
    datasets: Datasets, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)

    def cache() -> ChartCache:
        key, fingerprints = build_key(data), _fingerprints(data, datasets)
        return ChartCache(with_set_up(tmp_path / "cache"), key, fingerprints, lambda: datasets)

    first = cache()
    assert first.version("deals-by-type", "zh") is None
    made = first.get("deals-by-type", "zh")
    assert isinstance(made, RenderedChart) and made.svg.startswith("<svg")
    version = first.version("deals-by-type", "zh")
    assert version is not None
    first.close()
    again = cache()
    assert again.get("deals-by-type", "zh") == made
    assert (first.misses, again.hits, again.misses) == (1, 1, 0)
    with (data / "clusters.csv").open("a", encoding="utf-8") as csv_file:
        csv_file.write("\n")  # a dataset the chart does not read
    unrelated = cache()
    unrelated.get("deals-by-type", "zh")
    assert (unrelated.hits, unrelated.misses) == (1, 0)
    assert unrelated.version("deals-by-type", "zh") == version  # pages showing it stay
    with (data / "deals.csv").open("a", encoding="utf-8") as csv_file:
        csv_file.write("\n")
    changed = cache()
    assert changed.version("deals-by-type", "zh") is None  # to be made again
    changed.get("deals-by-type", "zh")
    assert changed.misses == 1
    assert changed.version("deals-by-type", "zh") not in (None, version)
    changed.close()
    assert len(list((tmp_path / "cache" / "charts").glob("deals-by-type.zh.*"))) == 1


class _Pickled:
    """An argument that notes the thread pickling it, and arrives as the text "pickled"."""

    def __init__(self) -> None:
        self.by: list[str] = []

    def __reduce__(self) -> tuple[type[str], tuple[str]]:
        self.by.append(threading.current_thread().name)
        return str, ("pickled",)


def test_a_job_s_arguments_are_pickled_as_it_is_given_not_while_the_build_goes_on() -> None:
    """The build reads on, filling the datasets' lazy indexes, while the chart process's job
    waits to be sent: pickled then, in the executor's own thread, a dataset changed under it
    ("dictionary changed size during iteration", a failed rebuild under `mkdocs serve`)."""
    argument = _Pickled()
    assert ChartProcess.submit(len, argument).result() == len("pickled")
    assert argument.by == [threading.current_thread().name]


def test_make_makes_only_what_is_missing_in_one_go(datasets: Datasets, tmp_path: Path) -> None:
    fingerprints = _fingerprints(ROOT / "data", datasets)
    cache = ChartCache(with_set_up(tmp_path), "key", fingerprints, lambda: datasets)
    cache.make([("deals-by-type", "zh"), ("deals-by-type", "en")])
    cache.make([("deals-by-type", "zh"), ("largest-deals", "en")])
    assert (cache.hits, cache.misses) == (0, 3)
    cache.close()
    assert len(list(tmp_path.glob("charts/*.json"))) == 3
    again = ChartCache(with_set_up(tmp_path), "key", fingerprints, lambda: datasets)
    again.make([("deals-by-type", "en"), ("largest-deals", "en")])
    assert (again.hits, again.misses) == (2, 0)


def test_a_chart_stored_only_in_part_is_made_again(datasets: Datasets, tmp_path: Path) -> None:
    cache = ChartCache(with_set_up(tmp_path), "key", {}, lambda: datasets)
    cache.get("deals-by-type", "en")
    cache.close()
    stored = next(tmp_path.glob("charts/*.json"))
    stored.write_text(stored.read_text("utf-8")[:100], "utf-8")  # e.g. a build stopped
    again = ChartCache(with_set_up(tmp_path), "key", {}, lambda: datasets)
    assert again.get("deals-by-type", "en").svg.startswith("<svg")
    assert again.misses == 1
    again.close()


def test_a_chart_being_made_is_not_waited_for_until_asked_to(
    datasets: Datasets, tmp_path: Path
) -> None:
    cache = ChartCache(with_set_up(tmp_path), "key", {}, lambda: datasets)
    cache.make([("largest-deals", "zh")])
    assert cache.made("largest-deals", "zh") is None  # the chart process is only starting
    assert cache.get("largest-deals", "zh") == cache.made("largest-deals", "zh")
    cache.close()


def test_charts_go_where_pages_placed_them() -> None:
    html = f"<p>a</p>{figure_placeholder('deals-by-type', 'zh')}<p>b</p>"
    placed = place_figures(html, lambda name, language: f"<figure>{name}/{language}</figure>")
    assert placed == "<p>a</p><figure>deals-by-type/zh</figure><p>b</p>"


def test_a_chart_not_made_yet_keeps_its_place_for_later() -> None:
    html = f"{figure_placeholder('deals-by-type', 'zh')}{figure_placeholder('largest-deals', 'zh')}"
    ready = {"deals-by-type": "<figure>ready</figure>"}
    first = place_figures(html, lambda name, language: ready.get(name))
    assert first == "<figure>ready</figure>" + figure_placeholder("largest-deals", "zh")
    assert figures_missing(first)
    later = place_figures(first, lambda name, language: f"<figure>{name}</figure>")
    assert later == "<figure>ready</figure><figure>largest-deals</figure>"
    assert not figures_missing(later)


def test_static_svg_draws_chinese_text_with_the_cjk_font(
    datasets: Datasets, tmp_path: Path
) -> None:
    cache = ChartCache(with_set_up(tmp_path), "key", {}, lambda: datasets)
    svg = cache.get("largest-deals", "zh").svg
    cache.close()
    assert "石药集团" in svg
    assert "Noto Sans CJK SC" in svg


def test_filling_pages_and_placing_charts_import_neither_pandas_nor_altair() -> None:
    """Only the chart process imports them: in the build's own process they would cost a
    second of every build that makes a chart."""
    modules = "yearbook.pages.fill, yearbook.cache.charts, yearbook.pages.figures, yearbook.state"
    check = f"import sys, {modules}; print(sorted({{'pandas', 'altair'}} & set(sys.modules)))"
    result = subprocess.run(
        [sys.executable, "-c", check], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


@pytest.mark.parametrize("name", list(CHARTS))
def test_svgs_measured_with_the_font_copies_equal_those_drawn_with_the_system_font(
    datasets: Datasets, name: str
) -> None:
    fonts = measuring_fonts(ROOT / ".cache")  # as `make` saved them
    for language in ("zh", "en"):
        for phone in (False, True):
            spec = chart_function(name)(datasets, language).spec(phone=phone)
            assert static_svg(spec, language, fonts) == _drawn_with_the_system_font(spec, language)


def test_a_chart_with_a_character_the_cut_down_copies_lack_is_measured_with_the_collection(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    fonts = measuring_fonts(ROOT / ".cache")
    assert "堃" not in covered(fonts) and "石" in covered(fonts)  # not in GB 2312, and in it
    drawn_with = []
    draw = svg_module._drawn.__wrapped__
    monkeypatch.setattr(
        svg_module, "_drawn", lambda spec, *args: drawn_with.append(spec) or draw(spec, *args)
    )
    for name, fonts_used in (("王堃", [MEASURED, FONT]), ("石药", [MEASURED])):
        spec = {
            "data": {"values": [{"name": name, "value": 1}]},
            "mark": "bar",
            "encoding": {"y": {"field": "name", "type": "nominal"}, "x": {"field": "value"}},
            "config": {"font": FONT},
        }
        drawn_with.clear()
        assert static_svg(spec, "zh", fonts) == _drawn_with_the_system_font(spec, "zh")
        assert [json.loads(drawn)["config"]["font"] for drawn in drawn_with] == fonts_used


def _drawn_with_the_system_font(spec: dict[str, Any], language: str) -> str:
    """`spec` drawn with Debian's font collection, given to vl-convert as static_svg gives it
    (as JSON: vl-convert draws some specs given as a dict a little differently)."""
    locale = D3_LOCALES[language]
    text = json.dumps(spec, ensure_ascii=False, sort_keys=True)
    drawn = vl_convert.vegalite_to_svg(text, format_locale=locale, time_format_locale=locale)
    assert "Noto Sans CJK SC" in drawn and MEASURED not in drawn
    return drawn


# A build's process that gives a chart process a job (which prints the chart process's id),
# stopped by Ctrl+C as serve is. Run as a file: the chart process imports it too, as spawn
# imports the main module (serve's is `mkdocs.__main__`), which takes it LOADING seconds; its
# job takes BUSY seconds.
_BUILD = """
import os, signal, time
time.sleep(LOADING)

def job():
    print(os.getpid(), flush=True)
    time.sleep(BUSY)

if __name__ == "__main__":
    signal.signal(signal.SIGINT, signal.default_int_handler)  # whatever pytest's was
    from yearbook.charts.process import ChartProcess
    made = ChartProcess.submit(job)
    try:  # before saying so: the test interrupts it once it has started
        print("started", flush=True)
        made.result()
    except KeyboardInterrupt:  # as serve: "Shutting down..."
        ChartProcess.stop()
"""


def _start_build(folder: Path, loading: int, busy: int) -> subprocess.Popen[str]:
    """`_BUILD` run from `folder`, in a process group of its own (as a terminal's foreground
    job), once it has started its chart process."""
    script = folder / "build.py"
    script.write_text(
        _BUILD.replace("LOADING", str(loading)).replace("BUSY", str(busy)), encoding="utf-8"
    )
    build = subprocess.Popen(
        [sys.executable, str(script)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    assert build.stdout is not None
    assert build.stdout.readline() == "started\n"
    return build


def test_the_chart_process_exits_when_the_build_process_is_killed(tmp_path: Path) -> None:
    """`mkdocs serve` keeps the chart process; stopped with SIGTERM or SIGKILL, serve cannot
    stop it, so it must notice by itself, not live on holding a JavaScript engine."""
    build = _start_build(tmp_path, loading=0, busy=60)
    assert build.stdout is not None
    chart_process = int(build.stdout.readline())  # busy with its job
    assert _running(chart_process)
    build.kill()
    build.wait()
    deadline = time.monotonic() + 10
    while _running(chart_process) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not _running(chart_process)


@pytest.mark.parametrize(("loading", "busy"), [(1, 0), (0, 60)], ids=["loading", "busy"])
def test_ctrl_c_stops_the_chart_process_at_once_and_without_a_word(
    tmp_path: Path, loading: int, busy: int
) -> None:
    """Ctrl+C in a terminal interrupts every process of `mkdocs serve` or a build, the chart
    processes too, whether still loading or busy with charts: they stop at once (not after the
    charts they are making) and say nothing (each printed a KeyboardInterrupt traceback)."""
    build = _start_build(tmp_path, loading, busy)
    try:
        assert build.stdout is not None
        chart_process = _chart_process(build.pid)
        if busy:
            assert int(build.stdout.readline()) == chart_process  # its job has begun
        os.killpg(build.pid, signal.SIGINT)
        _, errors = build.communicate(timeout=busy / 2 or 30)
    finally:
        if build.poll() is None:
            os.killpg(build.pid, signal.SIGKILL)
    assert (build.returncode, errors) == (0, "")
    assert not _running(chart_process)


def _chart_process(build: int) -> int:
    """The chart process that process `build` started, once Python in it has either taken
    SIGINT in hand (a KeyboardInterrupt from then on) or found it ignored."""
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        for child in Path(f"/proc/{build}/task/{build}/children").read_text().split():
            if b"spawn_main" in Path(f"/proc/{child}/cmdline").read_bytes():
                status = Path(f"/proc/{child}/status").read_text(encoding="utf-8")
                masks = dict(line.split(":\t", 1) for line in status.splitlines())
                settled = int(masks["SigIgn"], 16) | int(masks["SigCgt"], 16)
                if settled & 1 << (signal.SIGINT - 1):
                    return int(child)
        time.sleep(0.01)
    raise AssertionError(f"process {build} started no chart process")


def _running(pid: int) -> bool:
    """Whether process `pid` exists and has not exited (an unreaped zombie has exited)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text(encoding="utf-8")
    except FileNotFoundError:
        return False
    return "\nState:\tZ" not in status


def test_labels_above_bars_wrap_to_a_phone_chart_width() -> None:
    from yearbook.charts.phone import text_width, wrapped

    deal = "Jiangsu Hengrui Pharmaceuticals → Bain Capital"
    assert wrapped(deal) == [deal]  # fits a phone's chart
    lines = wrapped(deal, 150)
    assert lines == ["Jiangsu Hengrui", "Pharmaceuticals → Bain", "Capital"]
    assert all(text_width(line) <= 150 for line in lines)
    assert wrapped("2025世界人形机器人运动会\n280支队伍", 100) == [
        "2025世界人形机器",
        "人运动会",
        "280支队伍",
    ]


def test_a_ranking_on_a_phone_leaves_room_for_every_printed_value(datasets: Datasets) -> None:
    spec = _draw(datasets, "largest-deals", "en").spec(phone=True)
    (domain,) = [
        layer["encoding"]["x"]["scale"]["domain"]
        for layer in spec["layer"]
        if layer["mark"]["type"] == "bar"
    ]
    from yearbook.charts.phone import PLOT, text_width

    top = domain[1]
    for row in spec["datasets"][spec["data"]["name"]]:
        assert row["total"] / top * PLOT + 4 + text_width(row["total_label"]) <= PLOT
