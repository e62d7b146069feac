"""Build stage: validate the datasets before every build; any problem aborts it with the full
report and no traceback (the logic is in yearbook.data.validate: serve does not reload hooks).
"""

import logging

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from yearbook.data.validate import validate_data_dir
from yearbook.state import build_state, project_dir

log = logging.getLogger("mkdocs.hooks.data")


def on_pre_build(config: MkDocsConfig) -> None:
    project = project_dir(config)
    settings = config.extra.get("yearbook") or {}
    data_dir = project / str(settings.get("data_dir") or "data")
    result = validate_data_dir(data_dir, root=project)
    if not result.ok:
        raise PluginError(f"invalid data in {result.shown_dir}/:\n{result.report()}")
    state = build_state(config)
    state.data, state.data_dir = result, data_dir
    log.info(result.summary())
