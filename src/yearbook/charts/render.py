"""Charts made once per build and cached across builds, keyed by the code and the data read.

A made chart is what a page needs: the Vega-Lite spec for the browser, the summary and the
plotted rows as a table, and a static SVG for readers without JavaScript and for print.
Charts are made in a second process (`ChartProcess`) while MkDocs renders the pages: only it
imports pandas and Altair, and vl-convert holds the GIL for the ~0.1 s each drawing takes, so
a thread would stall the build instead of using the other core. A page holds
`figure_placeholder(...)` where a chart goes, replaced once the chart is made (`place_figures`).
"""

from __future__ import annotations

import csv
import importlib
import io
import json
import multiprocessing
import multiprocessing.connection
import os
import re
import subprocess
import threading
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import asdict, dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, Literal

from yearbook.cache.reads import DatasetReads, Fingerprints, fingerprints_of, still_valid
from yearbook.charts import CHARTS, chart_function, chart_modules
from yearbook.charts.fonts import measured, measuring_fonts, with_chart_font

if TYPE_CHECKING:
    from yearbook.data.model import Datasets


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
    """The static SVG, drawn from the spec with the language's number and date formats."""

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


def make_chart(name: str, language: str, datasets: Datasets, fonts: Path) -> RenderedChart:
    """Chart `name` in `language`: spec, texts, plotted rows and static SVG (measured with
    the fonts in the folder `fonts`: see `static_svg`)."""
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
    """Each wanted (chart, language), with what it read of the data. Runs in the chart
    process."""
    fonts = measuring_fonts(cache_dir)
    made = []
    for name, language in wanted:
        reads = DatasetReads(datasets)
        made.append((make_chart(name, language, reads, fonts), tuple(sorted(reads.read))))
    return made


def warm_up(cache_dir: Path) -> None:
    """Load what making charts needs (pandas, Altair, vl-convert's JavaScript engine and
    fonts), in the chart process, before the first chart is asked for."""
    for module in chart_modules():
        importlib.import_module(module)
    static_svg({"mark": "point"}, "zh", measuring_fonts(cache_dir))


# d3 number and time locales (Vega's format locale), shipped with vl-convert.
D3_LOCALES: dict[str, Literal["zh-CN", "en-US"]] = {"zh": "zh-CN", "en": "en-US"}


def static_svg(spec: dict[str, Any], language: str, fonts: Path) -> str:
    """The chart as SVG, drawn at build time, with the language's number and date formats. Its
    text is measured with the copies of Noto Sans CJK SC in the folder `fonts`, which are
    faster to measure with than the system's (yearbook.charts.fonts)."""
    require_cjk_font()
    return _drawn(json.dumps(measured(spec), ensure_ascii=False, sort_keys=True), language, fonts)


@lru_cache(maxsize=64)
def _drawn(spec: str, language: str, fonts: Path) -> str:
    # Remembered in the chart process, which `mkdocs serve` keeps: after a data edit, a chart
    # whose plotted data is unchanged (deals by type, after an amount is edited) is not drawn
    # again. 64 drawings are a few MB.
    import vl_convert

    _register_fonts(fonts)
    svg: str = vl_convert.vegalite_to_svg(
        spec, format_locale=D3_LOCALES[language], time_format_locale=D3_LOCALES[language]
    )
    return with_chart_font(svg)


@cache
def _register_fonts(folder: Path) -> None:
    import vl_convert

    vl_convert.register_font_directory(str(folder))


_PLACEHOLDER = re.compile(r"<!-- yearbook:figure ([a-z0-9-]+) ([a-z]+) -->")


def figure_placeholder(name: str, language: str) -> str:
    """Where a page wants chart `name` in `language` (see `place_figures`)."""
    return f"<!-- yearbook:figure {name} {language} -->"


def place_figures(html: str, figure: Callable[[str, str], str | None]) -> str:
    """`html` with every chart placeholder replaced by `figure(name, language)`, or kept
    where that is None (the chart is still being made: see `ChartCache.made`)."""
    return _PLACEHOLDER.sub(lambda match: figure(match[1], match[2]) or match[0], html)


def figures_missing(html: str) -> bool:
    """Whether `html` still holds a chart placeholder."""
    return _PLACEHOLDER.search(html) is not None


class ChartProcess:
    """The processes that make charts (`workers`): started by the first chart a build lacks
    and stopped after the build, or, under `mkdocs serve` (`keep`), kept for the rebuilds,
    which then neither start them nor load pandas, Altair and vl-convert again."""

    keep: ClassVar[bool] = False
    _pool: ClassVar[ProcessPoolExecutor | None] = None

    @classmethod
    def workers(cls) -> int:
        """How many chart processes: one for a build, where a second would compete with the
        build for the two cores while it loads its libraries; two under `mkdocs serve`, which
        start while the editor reads and then halve the wait for the charts an edit remakes."""
        return 2 if cls.keep else 1

    @classmethod
    def pool(cls) -> ProcessPoolExecutor:
        if cls._pool is None:  # "spawn": a fork of a process with threads (mkdocs serve) may hang
            context = multiprocessing.get_context("spawn")
            cls._pool = ProcessPoolExecutor(
                max_workers=cls.workers(), mp_context=context, initializer=_exit_with_parent
            )
        return cls._pool

    @classmethod
    def warm_up(cls, cache_dir: Path) -> None:
        """Start it and have it load its libraries now (e.g. while an editor reads the first
        build), not when the first chart is wanted."""
        for _ in range(cls.workers()):
            cls.pool().submit(warm_up, cache_dir)

    @classmethod
    def release(cls) -> None:
        """The build is done with it: stop it, unless it is kept."""
        if not cls.keep:
            cls.stop()

    @classmethod
    def stop(cls) -> None:
        """Stop it, dropping charts not yet started (e.g. when a build fails)."""
        if cls._pool is not None:
            cls._pool.shutdown(cancel_futures=True)
            cls._pool = None


def _exit_with_parent() -> None:
    """In the chart process: exit as soon as the build's process is gone, even when it was
    killed (e.g. `mkdocs serve` stopped with SIGTERM) and could not stop this one."""
    parent = multiprocessing.parent_process()
    if parent is None:
        return

    def watch() -> None:
        multiprocessing.connection.wait([parent.sentinel])
        os._exit(0)

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()


Made = Future[list[tuple[RenderedChart, tuple[str, ...]]]]
"""Charts being made in the chart process (`make_charts`)."""


class ChartCache:
    """Made charts on disk, `cache_dir/charts/name.language.json`, valid while the code
    (`key`) and what each chart read of the data (yearbook.cache.reads) are unchanged. Charts
    the cache lacks are made in the chart process from `datasets()`."""

    def __init__(
        self,
        cache_dir: Path,
        key: str,
        fingerprints: Fingerprints,
        datasets: Callable[[], Datasets],
    ) -> None:
        self.cache_dir = cache_dir
        self.folder = cache_dir / "charts"
        self.key = key
        self.fingerprints = fingerprints
        self.datasets = datasets
        self.misses = 0
        """Charts this build made (the others asked for came from the cache)."""
        self._asked: set[tuple[str, str]] = set()
        self._entries: dict[tuple[str, str], dict[str, Any]] = {}
        self._making: dict[tuple[str, str], Made] = {}

    @property
    def hits(self) -> int:
        return len(self._asked) - self.misses

    def _path(self, name: str, language: str) -> Path:
        return self.folder / f"{name}.{language}.json"

    def _entry(self, name: str, language: str) -> dict[str, Any]:
        """The stored entry of a chart, if still valid, else {}."""
        entry = self._entries.get((name, language))
        if entry is None:
            try:
                entry = json.loads(self._path(name, language).read_text(encoding="utf-8"))
            except (OSError, ValueError):
                entry = {}
            valid = isinstance(entry, dict) and entry.get("key") == self.key
            if not valid or not still_valid(entry.get("reads"), self.fingerprints):
                entry = {}
            self._entries[(name, language)] = entry
        return entry

    def cached(self, name: str, language: str) -> bool:
        return bool(self._entry(name, language))

    def version(self, name: str, language: str) -> str | None:
        """What the stored chart was made from (the code's key and the fingerprints of the
        data it read); None while the cache lacks it."""
        entry = self._entry(name, language)
        return json.dumps([entry["key"], entry["reads"]], sort_keys=True) if entry else None

    def make(self, wanted: Iterable[tuple[str, str]]) -> None:
        """Start making every wanted (chart, language) that is neither cached nor being made."""
        missing = []
        for name, language in wanted:
            if name not in CHARTS:
                raise KeyError(name)
            self._asked.add((name, language))
            if (name, language) in self._making or self._entry(name, language):
                continue
            missing.append((name, language))
        if not missing:
            return
        require_cjk_font()  # here, so the message is ours and not a traceback from the process
        datasets, workers = self.datasets(), ChartProcess.workers()
        for part in (missing[first::workers] for first in range(workers)):
            if part:
                job = ChartProcess.pool().submit(make_charts, datasets, part, self.cache_dir)
                self._making.update(dict.fromkeys(part, job))
        self.misses += len(missing)

    def made(self, name: str, language: str) -> RenderedChart | None:
        """The chart, or None while the chart process is still making it."""
        job = self._making.get((name, language))
        if job is not None and not job.done():
            return None
        return self.get(name, language)

    def get(self, name: str, language: str) -> RenderedChart:
        """The chart, waiting for the chart process if need be."""
        self.make([(name, language)])
        job = self._making.get((name, language))
        if job is not None:
            self._store(job)
        stored = dict(self._entry(name, language)["chart"])
        for field in ("columns", "sources"):
            stored[field] = tuple(stored[field])
        stored["rows"] = tuple(tuple(row) for row in stored["rows"])
        return RenderedChart(**stored)

    def close(self) -> None:
        """Store the charts still being made, then let the chart process go."""
        try:
            for job in set(self._making.values()):
                self._store(job)
        finally:
            ChartProcess.release()

    def _store(self, job: Made) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        for chart, read in job.result():
            reads = fingerprints_of(read, self.fingerprints)
            entry = {"key": self.key, "reads": reads, "chart": asdict(chart)}
            self._path(chart.name, chart.language).write_text(
                json.dumps(entry, ensure_ascii=False), encoding="utf-8"
            )
            self._entries[(chart.name, chart.language)] = entry
            self._making.pop((chart.name, chart.language), None)
