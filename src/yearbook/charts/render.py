"""Charts rendered once per build and cached across builds, keyed by the data and the code.

A rendered chart is what a page needs: the Vega-Lite spec for the browser, the summary and the
plotted rows as a table. Its static SVG (for readers without JavaScript and for print) is drawn
by vl-convert in a second process while MkDocs renders the pages, and put into each page's
finished HTML in place of `svg_placeholder(...)`: vl-convert holds the GIL for the ~0.3 s each
drawing takes, so a thread would stall the build instead of using the other core.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import multiprocessing
import re
import subprocess
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import asdict, dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, Literal

from yearbook.charts import CHARTS, chart_function
from yearbook.dependencies import DatasetReads, Fingerprints, fingerprints_of, still_valid

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
    spec = data.spec()  # tests validate every spec
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


def place_svgs(html: str, svg: Callable[[str, str], str | None]) -> str:
    """`html` with every SVG placeholder replaced by `svg(name, language)`, or kept where that
    is None (not drawn yet: see `ChartCache.svg_if_drawn`)."""
    return _PLACEHOLDER.sub(lambda match: svg(match[1], match[2]) or match[0], html)


def svgs_missing(html: str) -> bool:
    """Whether `html` still holds an SVG placeholder."""
    return _PLACEHOLDER.search(html) is not None


class DrawingProcess:
    """The second process that draws static SVGs: started by the first chart a build draws
    and stopped after the build, or, under `mkdocs serve` (`keep`), kept for the rebuilds,
    which then neither start it nor load vl-convert again."""

    keep: ClassVar[bool] = False
    _pool: ClassVar[ProcessPoolExecutor | None] = None

    @classmethod
    def pool(cls) -> ProcessPoolExecutor:
        if cls._pool is None:  # "spawn": a fork of a process with threads (mkdocs serve) may hang
            context = multiprocessing.get_context("spawn")
            cls._pool = ProcessPoolExecutor(max_workers=1, mp_context=context)
        return cls._pool

    @classmethod
    def release(cls) -> None:
        """The build is done with it: stop it, unless it is kept."""
        if not cls.keep:
            cls.stop()

    @classmethod
    def stop(cls) -> None:
        """Stop it, dropping drawings not yet started (e.g. when a build fails)."""
        if cls._pool is not None:
            cls._pool.shutdown(cancel_futures=True)
            cls._pool = None


class ChartCache:
    """Rendered charts on disk under `cache_dir/charts/`, valid while the code (`key`) and the
    datasets each chart read (yearbook.dependencies) are unchanged.

    `name.language.json` holds the chart with what it was made from; `name.language.TOKEN.svg`
    its static SVG, TOKEN naming that version of the chart.
    """

    def __init__(self, cache_dir: Path, key: str, fingerprints: Fingerprints) -> None:
        self.folder = cache_dir / "charts"
        self.key = key
        self.fingerprints = fingerprints
        self.hits = 0
        self.misses = 0
        self._entries: dict[tuple[str, str], dict[str, Any]] = {}
        self._drawing: dict[tuple[str, str], Future[str]] = {}

    def _json(self, name: str, language: str) -> Path:
        return self.folder / f"{name}.{language}.json"

    def _svg(self, name: str, language: str) -> Path:
        token = self._entry(name, language)["token"]
        return self.folder / f"{name}.{language}.{token}.svg"

    def _entry(self, name: str, language: str) -> dict[str, Any]:
        """The stored entry of a chart, if still valid, else {}."""
        entry = self._entries.get((name, language))
        if entry is None:
            try:
                entry = json.loads(self._json(name, language).read_text(encoding="utf-8"))
            except (OSError, ValueError):
                entry = {}
            valid = isinstance(entry, dict) and entry.get("key") == self.key
            if not valid or not still_valid(entry.get("reads"), self.fingerprints):
                entry = {}
            self._entries[(name, language)] = entry
        return entry

    def _cached(self, name: str, language: str) -> bool:
        """Stored and valid, or built in this build with its SVG on the way."""
        if (name, language) in self._drawing:
            return True
        return bool(self._entry(name, language)) and self._svg(name, language).exists()

    def prefetch(self, wanted: Iterable[tuple[str, str]], datasets: Callable[[], Datasets]) -> None:
        """Build every wanted chart missing from the cache and start drawing its SVG."""
        missing = [(name, lang) for name, lang in wanted if not self._cached(name, lang)]
        if not missing:
            return
        require_cjk_font()  # here, so the message is ours and not a worker's traceback
        for name, language in missing:
            reads = DatasetReads(datasets())
            chart, spec = build_chart(name, language, reads)
            self._store(chart, fingerprints_of(reads.read, self.fingerprints))
            self._drawing[(name, language)] = DrawingProcess.pool().submit(
                static_svg, spec, language
            )
            self.misses += 1

    def get(self, name: str, language: str, datasets: Callable[[], Datasets]) -> RenderedChart:
        if name not in CHARTS:
            raise KeyError(name)
        if not self._cached(name, language):
            self.prefetch([(name, language)], datasets)
        else:
            self.hits += 1
        stored = dict(self._entry(name, language)["chart"])
        stored["columns"] = tuple(stored["columns"])
        stored["rows"] = tuple(tuple(row) for row in stored["rows"])
        stored["sources"] = tuple(stored["sources"])
        return RenderedChart(**stored)

    def reads(self, name: str, language: str) -> tuple[str, ...]:
        """The datasets a chart `get` returned was made from."""
        return tuple(self._entry(name, language)["reads"])

    def svg(self, name: str, language: str) -> str:
        """The static SVG of a chart `get` returned, waiting for its drawing if need be."""
        drawing = self._drawing.pop((name, language), None)
        if drawing is None:
            return self._svg(name, language).read_text(encoding="utf-8")
        svg = drawing.result()
        self._svg(name, language).write_text(svg, encoding="utf-8")
        return svg

    def svg_if_drawn(self, name: str, language: str) -> str | None:
        """The static SVG of a chart `get` returned, or None while it is still being drawn."""
        drawing = self._drawing.get((name, language))
        if drawing is not None and not drawing.done():
            return None
        return self.svg(name, language)

    def close(self) -> None:
        """Finish and store the SVGs still being drawn, then let the drawing process go."""
        try:
            for name, language in list(self._drawing):
                self.svg(name, language)
        finally:
            DrawingProcess.release()

    def _store(self, chart: RenderedChart, reads: dict[str, str]) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        for stale in self.folder.glob(f"{chart.name}.{chart.language}.*"):
            stale.unlink()
        token = hashlib.sha256(f"{self.key}{sorted(reads.items())}".encode()).hexdigest()[:16]
        entry = {"key": self.key, "reads": reads, "token": token, "chart": asdict(chart)}
        self._json(chart.name, chart.language).write_text(
            json.dumps(entry, ensure_ascii=False), encoding="utf-8"
        )
        self._entries[(chart.name, chart.language)] = entry
