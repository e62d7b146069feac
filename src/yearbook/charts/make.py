"""Making a chart: what a page needs of it; runs in the chart process (yearbook.charts.process),
as only it imports pandas and Altair."""

import csv
import importlib
import io
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from yearbook.charts import chart_function, chart_modules
from yearbook.charts.fonts import measuring_fonts
from yearbook.charts.svg import static_svg
from yearbook.charts.widths import PHONE, WIDE, at_width
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
    svg: str
    """The static SVG in the wide layout, for readers without JavaScript, print and download."""
    phone_svg: str
    """The static SVG in the phone layout."""

    def csv_text(self) -> str:
        """The plotted rows as CSV with the header in the page's language."""
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(self.columns)
        writer.writerows(self.rows)
        return buffer.getvalue()


def make_chart(name: str, language: str, datasets: Datasets) -> RenderedChart:
    """Chart `name` in `language`: spec, texts and plotted rows; its static SVGs are drawn
    apart (`draw`), so that the build's process can draw some instead of waiting."""
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
        svg="",
        phone_svg="",
    )


LAYOUTS = {"svg": WIDE, "phone_svg": PHONE}
"""Each static SVG of a chart (its field of RenderedChart) and its width."""


def draw(chart: RenderedChart, layout: str, cache_dir: Path) -> str:
    """The static SVG of `chart` in `layout` (a key of LAYOUTS)."""
    spec = json.loads(chart.phone_spec if layout == "phone_svg" else chart.spec)
    fonts = measuring_fonts(cache_dir)
    return static_svg(at_width(spec, LAYOUTS[layout]), chart.language, fonts)


def _json(spec: dict[str, Any]) -> str:
    return json.dumps(spec, ensure_ascii=False, separators=(",", ":"))


def make_charts(
    datasets: Datasets, wanted: Sequence[tuple[str, str]]
) -> list[tuple[RenderedChart, tuple[str, ...]]]:
    """Each wanted (chart, language), with what it read of the data; not yet drawn."""
    made = []
    for name, language in wanted:
        reads = DatasetReads(datasets)
        made.append((make_chart(name, language, reads), tuple(sorted(reads.read))))
    return made


def warm_up(cache_dir: Path) -> None:
    """Load pandas, Altair and vl-convert's engine and fonts before the first chart is wanted."""
    for module in chart_modules():
        importlib.import_module(module)
    static_svg({"mark": "point"}, "zh", measuring_fonts(cache_dir))
