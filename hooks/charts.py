"""Build stage: charts, cached across builds (yearbook.cache.charts) and otherwise made in a
second process while pages render; after the build, the Vega bundle and each chart's CSV.
"""

import logging
import shutil
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


def on_pre_build(config: MkDocsConfig) -> None:
    state = build_state(config)  # state.cache_key() names hooks/data.py if it is missing
    charts = state.charts = ChartCache(
        cache_dir(config), state.cache_key(config), state.fingerprints(), state.datasets
    )
    # Start making the charts the pages place and the cache lacks now, while MkDocs renders the
    # pages. (Pages are read only when the cache lacks a chart; unknown names are reported later.)
    codes = [language.code for language in state.languages]
    lacking = {(name, code) for name in CHARTS for code in codes if not charts.cached(name, code)}
    docs = Path(config.docs_dir)
    wanted = {
        (name, language.code)
        for page in (docs.rglob("*.md") if lacking else [])
        if (language := language_of(page.relative_to(docs).as_posix(), state.languages))
        for name in charts_placed(page.read_text(encoding="utf-8"))
    }
    try:
        charts.make(sorted(wanted & lacking))
    except MissingFontError as error:
        raise PluginError(str(error)) from None


def on_post_build(config: MkDocsConfig) -> None:
    state = build_state(config)
    charts = state.chart_cache()
    charts.close()
    if not (placed := state.placed()):
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
    # A first build from the cache starts no chart process; the first data edit would
    # (about 2 s). Start it now, while the editor reads the first build.
    ChartProcess.warm_up(cache_dir(config))
    return server


def on_build_error(error: Exception) -> None:
    # Charts of a failed build are not wanted; but under `mkdocs serve` the process stays,
    # so the rebuild after the editor's fix does not wait for it to start and load again.
    ChartProcess.release()


def on_shutdown() -> None:
    ChartProcess.stop()
    ChartProcess.keep = False
