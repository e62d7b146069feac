"""Charts rendered once per build and cached across builds, keyed by the data and the code.

A rendered chart is what a page needs: the Vega-Lite spec for the browser, a static SVG (for
readers without JavaScript and for print), the summary and the plotted rows as a table.
"""

from __future__ import annotations

import csv
import io
import json
import subprocess
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, replace
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from yearbook.charts import CHARTS, chart_function

if TYPE_CHECKING:
    from yearbook.charts.model import Datasets


@dataclass(frozen=True)
class RenderedChart:
    name: str
    language: str
    title: str
    summary: str
    spec: str
    """Vega-Lite spec as JSON."""
    svg: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    sources: tuple[str, ...]

    def csv_text(self) -> str:
        """The plotted rows as CSV with the header in the page's language."""
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(self.columns)
        writer.writerows(self.rows)
        return buffer.getvalue()


class MissingFontError(RuntimeError):
    """No Chinese font on the machine: static SVGs would show boxes instead of Chinese."""


@cache
def require_cjk_font() -> None:
    """Stop before drawing a chart whose Chinese text would come out as boxes."""
    try:
        fonts = subprocess.run(
            ["fc-list", ":lang=zh", "family"], capture_output=True, text=True, check=False
        ).stdout
    except FileNotFoundError:
        fonts = ""
    if "CJK SC" not in fonts:
        raise MissingFontError(
            "charts need the Noto Sans CJK SC font for their Chinese text: run `make build`"
            " (installs it), or `sudo apt-get install fonts-noto-cjk`"
        )


def build_chart(
    name: str, language: str, datasets: Datasets
) -> tuple[RenderedChart, dict[str, Any]]:
    """Chart `name` in `language` without its SVG yet, and its Vega-Lite spec."""
    data = chart_function(name)(datasets, language)
    spec: dict[str, Any] = data.chart.to_dict(validate=False)  # tests validate every spec
    table = data.table.astype(str)
    chart = RenderedChart(
        name=name,
        language=language,
        title=data.title,
        summary=data.summary,
        spec=json.dumps(spec, ensure_ascii=False, separators=(",", ":")),
        svg="",
        columns=tuple(str(column) for column in table.columns),
        rows=tuple(tuple(row) for row in table.itertuples(index=False)),
        sources=data.sources,
    )
    return chart, spec


def static_svg(spec: dict[str, Any], language: str) -> str:
    """The chart as SVG, drawn at build time, with the language's number and date formats."""
    import vl_convert

    from yearbook.charts.model import D3_LOCALES

    require_cjk_font()
    svg: str = vl_convert.vegalite_to_svg(
        spec, format_locale=D3_LOCALES[language], time_format_locale=D3_LOCALES[language]
    )
    return svg


class ChartCache:
    """Rendered charts on disk under `cache_dir/charts/`, valid while data and code are."""

    def __init__(self, cache_dir: Path, key: str) -> None:
        self.folder = cache_dir / "charts"
        self.key = key
        self.hits = 0
        self.misses = 0

    def _path(self, name: str, language: str) -> Path:
        return self.folder / f"{name}.{language}.{self.key}.json"

    def prefetch(self, wanted: Iterable[tuple[str, str]], datasets: Callable[[], Datasets]) -> None:
        """Draw every wanted chart missing from the cache, the SVGs two at a time."""
        missing = [(name, lang) for name, lang in wanted if not self._path(name, lang).exists()]
        if not missing:
            return
        drawn = [build_chart(name, language, datasets()) for name, language in missing]
        with ThreadPoolExecutor(max_workers=2) as pool:
            svgs = list(pool.map(lambda pair: static_svg(pair[1], pair[0].language), drawn))
        for (chart, _), svg in zip(drawn, svgs, strict=True):
            self._store(replace(chart, svg=svg))
            self.misses += 1

    def get(self, name: str, language: str, datasets: Callable[[], Datasets]) -> RenderedChart:
        if name not in CHARTS:
            raise KeyError(name)
        path = self._path(name, language)
        if not path.exists():
            self.prefetch([(name, language)], datasets)
        else:
            self.hits += 1
        stored = json.loads(path.read_text(encoding="utf-8"))
        stored["columns"] = tuple(stored["columns"])
        stored["rows"] = tuple(tuple(row) for row in stored["rows"])
        stored["sources"] = tuple(stored["sources"])
        return RenderedChart(**stored)

    def _store(self, chart: RenderedChart) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        for stale in self.folder.glob(f"{chart.name}.{chart.language}.*.json"):
            stale.unlink()
        self._path(chart.name, chart.language).write_text(
            json.dumps(asdict(chart), ensure_ascii=False), encoding="utf-8"
        )
