"""Made charts cached across builds, `cache_dir/charts/name.language.json`, valid while the code
(`key`) and what each chart read of the data (yearbook.data.reads) are unchanged."""

import json
import shutil
import tempfile
from collections.abc import Callable, Iterable
from concurrent.futures import Future
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

from yearbook.charts.make import LAYOUTS, RenderedChart, help_draw, make_charts
from yearbook.charts.process import ChartProcess
from yearbook.charts.svg import require_cjk_font
from yearbook.data.model import Datasets
from yearbook.data.reads import Fingerprints, fingerprints_of, still_valid

Made = Future[list[tuple[RenderedChart, tuple[str, ...]]]]
"""Charts being made in the chart process (`make_charts`)."""


@dataclass(eq=False)
class ChartCache:
    """Charts the cache lacks are made in the chart process from `datasets()`."""

    cache_dir: Path
    key: str
    fingerprints: Fingerprints
    datasets: Callable[[], Datasets]
    misses: int = 0  # charts this build made; the others asked for came from the cache
    _asked: set[tuple[str, str]] = field(default_factory=set)
    _entries: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)
    _making: dict[tuple[str, str], Made] = field(default_factory=dict)
    _shared: dict[Made, Path] = field(default_factory=dict)  # where a job and we share its SVGs

    @property
    def hits(self) -> int:
        return len(self._asked) - self.misses

    def _path(self, name: str, language: str) -> Path:
        return self.cache_dir / "charts" / f"{name}.{language}.json"

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
        """What the stored chart was made from; None while the cache lacks it."""
        entry = self._entry(name, language)
        return json.dumps([entry["key"], entry["reads"]], sort_keys=True) if entry else None

    def make(self, wanted: Iterable[tuple[str, str]]) -> None:
        """Start making every wanted (chart, language) that is neither cached nor being made."""
        wanted = list(wanted)
        self._asked.update(wanted)
        missing = [key for key in wanted if key not in self._making and not self._entry(*key)]
        if not missing:
            return
        require_cjk_font()  # here, so the message is ours and not a traceback from the process
        datasets, workers = self.datasets(), ChartProcess.workers()
        for part in (missing[first::workers] for first in range(workers)):
            if part:
                shared = Path(tempfile.mkdtemp(prefix="yearbook-charts-"))
                job = ChartProcess.submit(make_charts, datasets, part, self.cache_dir, shared)
                self._shared[job] = shared
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
        for key in ("columns", "sources"):
            stored[key] = tuple(stored[key])
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
        shared = self._shared.pop(job)
        try:
            drawn = help_draw(shared, job.done, self.cache_dir)
            made = job.result()
        finally:
            shutil.rmtree(shared, ignore_errors=True)
        (self.cache_dir / "charts").mkdir(parents=True, exist_ok=True)
        for chart, read in made:
            here = chart.name, chart.language  # SVGs drawn here, in place of the empty ones
            svgs: dict[str, Any] = {k: drawn[(*here, k)] for k in LAYOUTS if (*here, k) in drawn}
            chart = replace(chart, **svgs)
            reads = fingerprints_of(read, self.fingerprints)
            entry = {"key": self.key, "reads": reads, "chart": asdict(chart)}
            self._path(chart.name, chart.language).write_text(
                json.dumps(entry, ensure_ascii=False), encoding="utf-8"
            )
            self._entries[(chart.name, chart.language)] = entry
            self._making.pop((chart.name, chart.language), None)
