"""Making a chart: what a page needs of it; runs in the chart process (yearbook.charts.process),
as only it imports pandas and Altair."""

import csv
import importlib
import io
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from yearbook.charts import chart_function, chart_modules
from yearbook.charts.fonts import measuring_fonts
from yearbook.charts.svg import static_svg
from yearbook.data.model import Datasets
from yearbook.data.reads import DatasetReads


@dataclass(frozen=True)
class RenderedChart:
    name: str
    language: str
    title: str
    summary: str
    spec: str
    """Vega-Lite spec as JSON."""
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    sources: tuple[str, ...]
    svg: str
    """The static SVG, for readers without JavaScript and for print."""

    def csv_text(self) -> str:
        """The plotted rows as CSV with the header in the page's language."""
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(self.columns)
        writer.writerows(self.rows)
        return buffer.getvalue()


def make_chart(name: str, language: str, datasets: Datasets, fonts: Path) -> RenderedChart:
    """Chart `name` in `language`: spec, texts, plotted rows and static SVG."""
    data = chart_function(name)(datasets, language)
    spec = data.spec()  # tests validate every spec
    table = data.table.astype(str)
    return RenderedChart(
        name=name,
        language=language,
        title=data.title,
        summary=data.summary,
        spec=json.dumps(spec, ensure_ascii=False, separators=(",", ":")),
        columns=tuple(str(column) for column in table.columns),
        rows=tuple(tuple(row) for row in table.itertuples(index=False)),
        sources=data.sources,
        svg=static_svg(spec, language, fonts),
    )


def make_charts(
    datasets: Datasets, wanted: Sequence[tuple[str, str]], cache_dir: Path
) -> list[tuple[RenderedChart, tuple[str, ...]]]:
    """Each wanted (chart, language), with what it read of the data."""
    fonts = measuring_fonts(cache_dir)
    made = []
    for name, language in wanted:
        reads = DatasetReads(datasets)
        made.append((make_chart(name, language, reads, fonts), tuple(sorted(reads.read))))
    return made


def warm_up(cache_dir: Path) -> None:
    """Load pandas, Altair and vl-convert's engine and fonts before the first chart is wanted."""
    for module in chart_modules():
        importlib.import_module(module)
    static_svg({"mark": "point"}, "zh", measuring_fonts(cache_dir))
