"""Charts rendered once per build and cached across builds, keyed by the data and the code.

A rendered chart is what a page needs: the Vega-Lite spec for the browser, the summary and the
plotted rows as a table. Its static SVG (for readers without JavaScript and for print) is drawn
by vl-convert in a second process while MkDocs renders the pages, and put into each page's
finished HTML in place of `svg_placeholder(...)`: vl-convert holds the GIL for the ~0.3 s each
drawing takes, so a thread would stall the build instead of using the other core.
"""

from __future__ import annotations

import csv
import io
import json
import multiprocessing
import re
import subprocess
import weakref
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import asdict, dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, Literal

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
    """Chart `name` in `language`, and its Vega-Lite spec (to draw the SVG from)."""
    data = chart_function(name)(datasets, language)
    spec: dict[str, Any] = data.chart.to_dict(validate=False)  # tests validate every spec
    table = data.table.astype(str)
    chart = RenderedChart(
        name=name,
        language=language,
        title=data.title,
        summary=data.summary,
        spec=json.dumps(spec, ensure_ascii=False, separators=(",", ":")),
        columns=tuple(str(column) for column in table.columns),
        rows=tuple(tuple(row) for row in table.itertuples(index=False)),
        sources=data.sources,
    )
    return chart, spec


# d3 number and time locales (Vega's format locale), shipped with vl-convert. Here, not in
# yearbook.charts.model, so the drawing process never imports pandas and Altair.
D3_LOCALES: dict[str, Literal["zh-CN", "en-US"]] = {"zh": "zh-CN", "en": "en-US"}


def static_svg(spec: dict[str, Any], language: str) -> str:
    """The chart as SVG, drawn at build time, with the language's number and date formats."""
    import vl_convert

    require_cjk_font()
    svg: str = vl_convert.vegalite_to_svg(
        spec, format_locale=D3_LOCALES[language], time_format_locale=D3_LOCALES[language]
    )
    return svg


_PLACEHOLDER = re.compile(r"<!-- yearbook:chart-svg ([a-z0-9-]+) ([a-z]+) -->")


def svg_placeholder(name: str, language: str) -> str:
    """Where a page wants the static SVG of chart `name` in `language` (see `place_svgs`)."""
    return f"<!-- yearbook:chart-svg {name} {language} -->"


def place_svgs(html: str, svg: Callable[[str, str], str]) -> str:
    """`html` with every SVG placeholder replaced by `svg(name, language)`."""
    return _PLACEHOLDER.sub(lambda match: svg(match[1], match[2]), html)


class ChartCache:
    """Rendered charts on disk under `cache_dir/charts/`, valid while data and code are.

    `name.language.KEY.json` holds the chart, `name.language.KEY.svg` its static SVG.
    """

    _open: ClassVar[weakref.WeakSet[ChartCache]] = weakref.WeakSet()

    def __init__(self, cache_dir: Path, key: str) -> None:
        self.folder = cache_dir / "charts"
        self.key = key
        self.hits = 0
        self.misses = 0
        self._drawing: dict[tuple[str, str], Future[str]] = {}
        self._pool: ProcessPoolExecutor | None = None

    def _path(self, name: str, language: str, suffix: str = ".json") -> Path:
        return self.folder / f"{name}.{language}.{self.key}{suffix}"

    def _cached(self, name: str, language: str) -> bool:
        """Stored, or built in this build with its SVG on the way."""
        if (name, language) in self._drawing:
            return True
        return self._path(name, language).exists() and self._path(name, language, ".svg").exists()

    def prefetch(self, wanted: Iterable[tuple[str, str]], datasets: Callable[[], Datasets]) -> None:
        """Build every wanted chart missing from the cache and start drawing its SVG."""
        missing = [(name, lang) for name, lang in wanted if not self._cached(name, lang)]
        if not missing:
            return
        require_cjk_font()  # here, so the message is ours and not a worker's traceback
        for name, language in missing:
            chart, spec = build_chart(name, language, datasets())
            self._store(chart)
            self._drawing[(name, language)] = self._drawer().submit(static_svg, spec, language)
            self.misses += 1

    def _drawer(self) -> ProcessPoolExecutor:
        if self._pool is None:  # "spawn": a fork of a process with threads (mkdocs serve) may hang
            context = multiprocessing.get_context("spawn")
            self._pool = ProcessPoolExecutor(max_workers=1, mp_context=context)
            ChartCache._open.add(self)
        return self._pool

    def get(self, name: str, language: str, datasets: Callable[[], Datasets]) -> RenderedChart:
        if name not in CHARTS:
            raise KeyError(name)
        if not self._cached(name, language):
            self.prefetch([(name, language)], datasets)
        else:
            self.hits += 1
        stored = json.loads(self._path(name, language).read_text(encoding="utf-8"))
        stored["columns"] = tuple(stored["columns"])
        stored["rows"] = tuple(tuple(row) for row in stored["rows"])
        stored["sources"] = tuple(stored["sources"])
        return RenderedChart(**stored)

    def svg(self, name: str, language: str) -> str:
        """The static SVG of a chart `get` returned, waiting for its drawing if need be."""
        drawing = self._drawing.pop((name, language), None)
        if drawing is None:
            return self._path(name, language, ".svg").read_text(encoding="utf-8")
        svg = drawing.result()
        self._path(name, language, ".svg").write_text(svg, encoding="utf-8")
        return svg

    def close(self) -> None:
        """Finish and store the SVGs still being drawn, then stop the drawing process."""
        try:
            for name, language in list(self._drawing):
                self.svg(name, language)
        finally:
            if self._pool is not None:
                self._pool.shutdown(cancel_futures=True)
                self._pool = None

    @classmethod
    def close_all(cls) -> None:
        """Stop every drawing process, e.g. when a build fails (MkDocs gives no config then)."""
        for open_cache in list(cls._open):
            if open_cache._pool is not None:
                open_cache._pool.shutdown(cancel_futures=True)
                open_cache._pool = None

    def _store(self, chart: RenderedChart) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        for stale in self.folder.glob(f"{chart.name}.{chart.language}.*"):
            stale.unlink()
        self._path(chart.name, chart.language).write_text(
            json.dumps(asdict(chart), ensure_ascii=False), encoding="utf-8"
        )
