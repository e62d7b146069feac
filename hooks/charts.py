"""Build stage: charts, cached across builds (yearbook.cache.charts) and otherwise made in a
second process while pages render; after the build, the Vega bundle and each chart's CSV.
"""

import logging
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from yearbook.cache.charts import ChartCache
from yearbook.charts import CHARTS
from yearbook.charts.bundle import BUNDLE_NAME, vega_bundle
from yearbook.charts.downloads import write_chart_downloads
from yearbook.charts.process import ChartProcess
from yearbook.charts.svg import MissingFontError
from yearbook.pages.markers import charts_placed
from yearbook.site.languages import language_of
from yearbook.state import build_state, cache_dir

log = logging.getLogger("mkdocs.hooks.charts")


def on_config(config: MkDocsConfig) -> None:
    # A page places a chart whose cache file is missing: start the chart process now, to load
    # pandas and Altair while the data is validated (it is the longest part of a cold build).
    folder = cache_dir(config) / "charts"
    if _placed(config, lambda name, code: not (folder / f"{name}.{code}.json").exists()):
        ChartProcess.warm_up(cache_dir(config))


def on_pre_build(config: MkDocsConfig) -> None:
    state = build_state(config)
    if state.data_dir is None:
        raise PluginError("hooks/charts.py needs hooks/data.py listed before it in mkdocs.yml")
    charts = state.charts = ChartCache(
        cache_dir(config), state.cache_key(config), state.fingerprints(), state.datasets
    )
    # Made now, while MkDocs renders the pages (unknown chart names are reported later).
    try:
        charts.make(sorted(_placed(config, lambda name, code: not charts.cached(name, code))))
    except MissingFontError as error:
        raise PluginError(str(error)) from None


def _placed(config: MkDocsConfig, lacking: Callable[[str, str], bool]) -> set[tuple[str, str]]:
    """The (chart, language) pages place and the cache is `lacking` (read only if it lacks any)."""
    docs, languages = Path(config.docs_dir), build_state(config).languages
    if not any(lacking(name, language.code) for name in CHARTS for language in languages):
        return set()
    return {
        (name, language.code)
        for page in docs.rglob("*.md")
        if (language := language_of(page.relative_to(docs).as_posix(), languages))
        for name in charts_placed(page.read_text(encoding="utf-8"))
        if name in CHARTS and lacking(name, language.code)
    }


def on_post_build(config: MkDocsConfig) -> None:
    state = build_state(config)
    charts = state.chart_cache()
    charts.close()
    placed = state.placed()
    if not placed:
        return
    scripts = Path(config.site_dir, "assets", "javascripts")
    scripts.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(vega_bundle(cache_dir(config)), scripts / BUNDLE_NAME)
    made = [charts.get(name, language) for name, language in sorted(placed)]
    write_chart_downloads(made, state.datasets(), config.site_dir, *state.labels())
    log.info(f"charts: {charts.hits} from cache, {charts.misses} made")


def on_startup(command: str, dirty: bool) -> None:
    # `mkdocs serve` keeps the chart process between rebuilds (stopped in on_shutdown).
    ChartProcess.keep = command == "serve"


def on_serve(server: Any, config: MkDocsConfig, builder: Any) -> Any:
    # Started while the editor reads the first build, not at the first data edit (about 2 s).
    ChartProcess.warm_up(cache_dir(config))
    return server


def on_build_error(error: Exception) -> None:
    # Stopped, but kept under `mkdocs serve` for the rebuild after the editor's fix.
    ChartProcess.release()


def on_shutdown() -> None:
    ChartProcess.stop()
    ChartProcess.keep = False
