"""Charts rendered once per build and cached across builds, keyed by the data and the code.

A rendered chart is what a page needs: the Vega-Lite spec for the browser, a static SVG (for
readers without JavaScript and for print), the summary and the plotted rows as a table.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import subprocess
from dataclasses import asdict, dataclass
from functools import cache
from importlib import metadata, resources
from pathlib import Path
from typing import TYPE_CHECKING

from yearbook.charts import CHARTS, chart_function

CACHE_VERSION = "1"

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


@cache
def code_fingerprint() -> str:
    """Changes whenever chart code, formatting, UI strings or the chart libraries change."""
    digest = hashlib.sha256(CACHE_VERSION.encode())
    package = resources.files("yearbook")
    sources = [*package.joinpath("charts").iterdir(), package / "formatting.py"]
    sources += list(package.joinpath("ui").iterdir())
    for entry in sorted(sources, key=lambda e: e.name):
        if entry.name.endswith((".py", ".json")):
            digest.update(entry.name.encode() + entry.read_bytes())
    for distribution in ("altair", "vl-convert-python", "babel", "pandas"):
        digest.update(f"{distribution}={metadata.version(distribution)}".encode())
    return digest.hexdigest()


def data_fingerprint(data_dir: Path) -> str:
    """Changes whenever any dataset or schema changes."""
    digest = hashlib.sha256()
    for path in sorted(data_dir.glob("*")):
        if path.suffix in (".csv", ".json"):
            digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()


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


def render_chart(name: str, language: str, datasets: Datasets) -> RenderedChart:
    """Draw chart `name` in `language`: spec, static SVG with CJK glyphs, and its rows."""
    import vl_convert

    require_cjk_font()

    from yearbook.charts.model import D3_LOCALES

    data = chart_function(name)(datasets, language)
    spec = data.chart.to_dict()
    svg = vl_convert.vegalite_to_svg(
        spec,
        format_locale=D3_LOCALES[language],
        time_format_locale=D3_LOCALES[language],
    )
    table = data.table.astype(str)
    return RenderedChart(
        name=name,
        language=language,
        title=data.title,
        summary=data.summary,
        spec=json.dumps(spec, ensure_ascii=False, separators=(",", ":")),
        svg=svg,
        columns=tuple(str(column) for column in table.columns),
        rows=tuple(tuple(row) for row in table.itertuples(index=False)),
        sources=data.sources,
    )


class ChartCache:
    """Rendered charts on disk under `cache_dir/charts/`, valid while data and code are."""

    def __init__(self, cache_dir: Path, data_dir: Path) -> None:
        self.folder = cache_dir / "charts"
        self.key = hashlib.sha256(
            (code_fingerprint() + data_fingerprint(data_dir)).encode()
        ).hexdigest()[:16]
        self.hits = 0
        self.misses = 0

    def get(self, name: str, language: str, datasets: Datasets) -> RenderedChart:
        if name not in CHARTS:
            raise KeyError(name)
        path = self.folder / f"{name}.{language}.{self.key}.json"
        if path.exists():
            self.hits += 1
            stored = json.loads(path.read_text(encoding="utf-8"))
            stored["columns"] = tuple(stored["columns"])
            stored["rows"] = tuple(tuple(row) for row in stored["rows"])
            stored["sources"] = tuple(stored["sources"])
            return RenderedChart(**stored)
        self.misses += 1
        chart = render_chart(name, language, datasets)
        self.folder.mkdir(parents=True, exist_ok=True)
        for stale in self.folder.glob(f"{name}.{language}.*.json"):
            stale.unlink()
        path.write_text(json.dumps(asdict(chart), ensure_ascii=False), encoding="utf-8")
        return chart
