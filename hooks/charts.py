"""Build stage: charts (runs after hooks/data.py, before hooks/pages.py places them).

Charts are drawn once per build and cached across builds under `.cache/charts/`, keyed by
the data and the chart code (yearbook.charts.render); pages place them with
`<!-- yearbook:chart NAME -->`. Static SVGs are drawn in a second process while pages
render; hooks/pages.py puts them into each finished page. After the build, the site receives
the Vega bundle (loaded only by pages with charts) and each placed chart's data as CSV.
"""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files

from yearbook.charts import CHARTS
from yearbook.charts.bundle import BUNDLE_NAME, vega_bundle
from yearbook.charts.render import ChartCache, DrawingProcess, MissingFontError
from yearbook.downloads import chart_downloads, write_chart_downloads
from yearbook.markers import charts_placed
from yearbook.state import build_state, cache_dir

log = logging.getLogger("mkdocs.hooks.charts")


def on_pre_build(config: MkDocsConfig) -> None:
    state = build_state(config)
    if state.data_dir is None:
        raise PluginError("hooks/charts.py needs hooks/data.py listed before it in mkdocs.yml")
    state.charts = ChartCache(cache_dir(config), state.cache_key(config), state.fingerprints())


def on_files(files: Files, config: MkDocsConfig) -> Files:
    # Draw the charts the pages place and the cache lacks up front, two at a time, rather
    # than one by one as pages ask for them. (Unknown names are reported with their page later.)
    state = build_state(config)
    wanted = {
        (name, state.language_of(file.src_uri).code)
        for file in files.documentation_pages()
        for name in charts_placed(file.content_string)
        if name in CHARTS
    }
    try:
        state.chart_cache().prefetch(sorted(wanted), state.datasets)
    except MissingFontError as error:
        raise PluginError(str(error)) from None
    return files


def on_post_build(config: MkDocsConfig) -> None:
    state = build_state(config)
    if state.charts is not None:
        state.charts.close()
    if not state.drawn:
        return
    scripts = Path(config.site_dir, "assets", "javascripts")
    scripts.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(vega_bundle(cache_dir(config)), scripts / BUNDLE_NAME)
    if state.data is not None:
        downloads = chart_downloads(state.drawn.values(), state.data)
        title = " / ".join(language.site_name for language in state.languages)
        write_chart_downloads(downloads, config.site_dir, title)
    if state.charts is not None:
        log.info(f"charts: {state.charts.hits} from cache, {state.charts.misses} drawn")


def on_startup(command: str, dirty: bool) -> None:
    # `mkdocs serve` keeps the drawing process between rebuilds (stopped in on_shutdown).
    DrawingProcess.keep = command == "serve"


def on_build_error(error: Exception) -> None:
    DrawingProcess.stop()  # drawings of a failed build are not wanted


def on_shutdown() -> None:
    DrawingProcess.stop()
