"""Build stage: charts (runs after hooks/data.py, before hooks/pages.py places them).

Charts are drawn once per build and cached across builds under `.cache/charts/`, keyed by
the data and the chart code (yearbook.charts.render); pages place them with
`<!-- yearbook:chart NAME -->`. After the build, the site receives the Vega bundle (loaded
only by pages with charts) and each placed chart's data as CSV.
"""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from yearbook.charts.bundle import BUNDLE_NAME, vega_bundle
from yearbook.charts.figure import DOWNLOADS, chart_csv_name
from yearbook.charts.render import ChartCache
from yearbook.downloads import with_bom
from yearbook.state import build_state, extra_settings

log = logging.getLogger("mkdocs.hooks.charts")


def _cache_dir(config: MkDocsConfig) -> Path:
    project = Path(config.config_file_path or ".").resolve().parent
    settings = extra_settings(config).get("yearbook") or {}
    return project / str(settings.get("cache_dir") or ".cache")


def on_pre_build(config: MkDocsConfig) -> None:
    state = build_state(config)
    if state.data_dir is None:
        raise PluginError("hooks/charts.py needs hooks/data.py listed before it in mkdocs.yml")
    state.charts = ChartCache(_cache_dir(config), state.data_dir)


def on_post_build(config: MkDocsConfig) -> None:
    state = build_state(config)
    if not state.drawn:
        return
    scripts = Path(config.site_dir, "assets", "javascripts")
    scripts.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(vega_bundle(_cache_dir(config)), scripts / BUNDLE_NAME)
    folder = Path(config.site_dir, DOWNLOADS)
    folder.mkdir(parents=True, exist_ok=True)
    for (name, language), chart in state.drawn.items():
        (folder / chart_csv_name(name, language)).write_bytes(with_bom(chart.csv_text().encode()))
    if state.charts is not None:
        log.info(f"charts: {state.charts.hits} from cache, {state.charts.misses} drawn")
