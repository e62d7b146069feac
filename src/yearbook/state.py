"""The state of one build, shared by the hooks: one object per build, kept on the config.

MkDocs creates a new config for every build (also each `mkdocs serve` rebuild), so state kept
on it never leaks from one build into the next, unlike module globals in hook files.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation

from yearbook.charts.render import ChartCache, RenderedChart
from yearbook.languages import Language, language_of
from yearbook.tables import Dataset, datasets_of
from yearbook.validate import ValidationResult

_KEY = "yearbook_build"


def build_state(config: MkDocsConfig) -> BuildState:
    """This build's state, created on first use."""
    state = config.get(_KEY)
    if not isinstance(state, BuildState):
        state = BuildState()
        config[_KEY] = state
    return state


def extra_settings(config: MkDocsConfig) -> dict[str, Any]:
    """The `extra` mapping of the config, typed."""
    extra: dict[str, Any] = config["extra"]
    return extra


@dataclass
class BuildState:
    """What the build stages learn and hand on: languages, files, navigation, datasets."""

    languages: tuple[Language, ...] = ()  # set by hooks/i18n.py in on_config
    files: Files | None = None
    navigations: Mapping[str, Navigation] | None = None
    data: ValidationResult | None = None
    data_dir: Path | None = None
    project_dir: Path | None = None
    charts: ChartCache | None = None  # set by hooks/charts.py
    env: jinja2.Environment | None = None
    """The theme's template environment, made once per build and reused by every partial."""
    drawn: dict[tuple[str, str], RenderedChart] = field(default_factory=dict)
    """Charts placed on pages in this build, by (name, language)."""
    _datasets: dict[str, Dataset] | None = None

    def datasets(self) -> dict[str, Dataset]:
        """The validated datasets, converted once per build."""
        if self.data is None:
            raise LookupError("hooks/data.py validates the data before pages render")
        if self._datasets is None:
            self._datasets = datasets_of(self.data)
        return self._datasets

    def language(self, code: str) -> Language:
        return next(language for language in self.languages if language.code == code)

    def language_of(self, src_uri: str) -> Language:
        language = language_of(src_uri, self.languages)
        if language is None:  # missing_twins() refuses such pages before rendering starts
            raise LookupError(f"{src_uri} belongs to no language")
        return language

    def templates(self, config: MkDocsConfig) -> jinja2.Environment:
        if self.env is None:  # each get_env() call compiles every template anew
            self.env = config.theme.get_env()
        return self.env

    def site_files(self) -> Files:
        if self.files is None:
            raise LookupError("files are mapped in on_files, before pages render")
        return self.files

    def navigation(self, language: Language) -> Navigation:
        if self.navigations is None:
            raise LookupError("navigation is split in on_nav, before pages render")
        return self.navigations[language.code]


def draw_chart(state: BuildState, name: str, language: str) -> RenderedChart:
    """Chart `name` in `language`, from the cache or drawn now; remembered for the downloads."""
    if state.charts is None:
        raise LookupError("hooks/charts.py sets up the chart cache before pages render")
    chart = state.charts.get(name, language, state.datasets())
    state.drawn[(name, language)] = chart
    return chart
