"""Making a chart: what a page needs of it; runs in the chart process (yearbook.charts.process),
as only it imports pandas and Altair."""

import csv
import io
import json
import pickle
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from yearbook.charts import CHARTS, chart_function
from yearbook.charts.fonts import measuring_fonts
from yearbook.charts.svg import static_svg
from yearbook.charts.widths import PHONE, WIDE
from yearbook.data.model import Datasets
from yearbook.data.reads import DatasetReads


@dataclass(frozen=True)
class RenderedChart:
    name: str
    language: str
    title: str
    summary: str
    spec: str
    """Vega-Lite spec as JSON, wide layout, as wide as its container."""
    phone_spec: str
    """The same in the phone layout."""
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    sources: tuple[str, ...]
    svg: str = ""
    """The static SVG in the wide layout, for readers without JavaScript, print and download."""
    phone_svg: str = ""
    """The static SVG in the phone layout."""

    def csv_text(self) -> str:
        """The plotted rows as CSV with the header in the page's language."""
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(self.columns)
        writer.writerows(self.rows)
        return buffer.getvalue()


def make_chart(name: str, language: str, datasets: Datasets) -> RenderedChart:
    """Chart `name` in `language`: spec, texts and plotted rows; not yet drawn (`draw`)."""
    data = chart_function(name)(datasets, language)
    table = data.table.astype(str)
    return RenderedChart(
        name=name,
        language=language,
        title=data.title,
        summary=data.summary,
        spec=_json(data.spec()),  # tests validate every spec
        phone_spec=_json(data.spec(phone=True)),
        columns=tuple(str(column) for column in table.columns),
        rows=tuple(tuple(row) for row in table.itertuples(index=False)),
        sources=data.sources,
    )


LAYOUTS = {"svg": WIDE, "phone_svg": PHONE}
"""Each static SVG of a chart (its field of RenderedChart) and its width."""
Drawing = tuple[str, str, str]
"""A chart's static SVG: (chart, language, layout)."""
CHARTS_MADE = "charts.pickle"


def draw(chart: RenderedChart, layout: str, cache_dir: Path) -> str:
    """The static SVG of `chart` in `layout` (a key of LAYOUTS)."""
    spec = json.loads(chart.phone_spec if layout == "phone_svg" else chart.spec)
    spec["width"] = LAYOUTS[layout]  # axes and labels included, in place of "container"
    return static_svg(spec, chart.language, measuring_fonts(cache_dir))


def _json(spec: dict[str, Any]) -> str:
    return json.dumps(spec, ensure_ascii=False, separators=(",", ":"))


def make_charts(
    datasets: Datasets, wanted: Sequence[tuple[str, str]], cache_dir: Path, shared: Path
) -> list[tuple[RenderedChart, tuple[str, ...]]]:
    """Each wanted (chart, language), with what it read of the data, drawn but for the SVGs
    that the build's process claimed first in the folder `shared` (`help_draw`)."""
    made = []
    for name, language in wanted:
        reads = DatasetReads(datasets)
        made.append((make_chart(name, language, reads), tuple(sorted(reads.read))))
    published = shared / "charts.partial"
    published.write_bytes(pickle.dumps([chart for chart, _ in made]))
    published.rename(shared / CHARTS_MADE)
    return [(_drawn(chart, shared, cache_dir), read) for chart, read in made]


def help_draw(shared: Path, done: Callable[[], bool], cache_dir: Path) -> dict[Drawing, str]:
    """In the build's process, instead of waiting for the chart process: the SVGs it has not
    started, from the last (it draws from the first), once its charts are made."""
    while not (shared / CHARTS_MADE).exists():
        if done():
            return {}
        time.sleep(0.005)
    charts = pickle.loads((shared / CHARTS_MADE).read_bytes())
    return {
        (chart.name, chart.language, layout): draw(chart, layout, cache_dir)
        for chart in reversed(charts)
        for layout in reversed(LAYOUTS)
        if _claim(shared, chart, layout)
    }


def _drawn(chart: RenderedChart, shared: Path, cache_dir: Path) -> RenderedChart:
    svg, phone = (
        draw(chart, layout, cache_dir) if _claim(shared, chart, layout) else ""
        for layout in LAYOUTS
    )
    return replace(chart, svg=svg, phone_svg=phone)


def _claim(shared: Path, chart: RenderedChart, layout: str) -> bool:
    """Whether this process is the first to want to draw it (a file made only if new)."""
    try:
        (shared / f"{chart.name}.{chart.language}.{layout}").touch(exist_ok=False)
    except FileExistsError:
        return False
    return True


def warm_up(cache_dir: Path) -> None:
    """Load pandas, Altair and vl-convert's engine and fonts before the first chart is wanted."""
    for name in CHARTS:
        chart_function(name)  # imports its module
    static_svg({"mark": "point"}, "zh", measuring_fonts(cache_dir))
