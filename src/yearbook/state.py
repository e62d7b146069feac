"""The state of one build, shared by the hooks: one object per build, kept on the config.

MkDocs creates a new config for every build (also each `mkdocs serve` rebuild), so state kept
on it never leaks from one build into the next, unlike module globals in hook files.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation

from yearbook.cache.fingerprints import build_key, dataset_fingerprints
from yearbook.cache.outputs import PageInputs, SiteKeys
from yearbook.cache.reads import DataFingerprints
from yearbook.cache.search_words import SegmentCache
from yearbook.charts.render import ChartCache
from yearbook.data.validate import ValidationResult
from yearbook.pages.entities import related_fingerprints
from yearbook.pages.fragments import FilledPage
from yearbook.site.languages import Language, language_of

if TYPE_CHECKING:
    from mkdocs.structure.pages import Page

    from yearbook.pages.fill import PagePlace
    from yearbook.pages.tables import Dataset

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


def project_dir(config: MkDocsConfig) -> Path:
    """The folder of mkdocs.yml, which `extra.yearbook` paths are relative to."""
    return Path(config.config_file_path or ".").resolve().parent


def cache_dir(config: MkDocsConfig) -> Path:
    """Where builds keep charts and filled pages between runs (`extra.yearbook.cache_dir`)."""
    settings = extra_settings(config).get("yearbook") or {}
    return project_dir(config) / str(settings.get("cache_dir") or ".cache")


@dataclass
class BuildState:
    """What the build stages learn and hand on: languages, files, navigation, datasets."""

    languages: tuple[Language, ...] = ()  # set by hooks/i18n.py in on_config
    files: Files | None = None
    navigations: Mapping[str, Navigation] | None = None
    data: ValidationResult | None = None
    data_dir: Path | None = None
    charts: ChartCache | None = None  # set by hooks/charts.py
    segments: SegmentCache | None = None  # set by hooks/search.py
    fragments: dict[str, FilledPage] = field(default_factory=dict)
    """Each page's marker HTML, kept from on_page_markdown until it is placed (on_post_page)."""
    figures_pending: list[tuple[Page, PagePlace]] = field(default_factory=list)
    """Written pages (and where each is published) whose charts were still being made when
    the page was done: the charts go in in on_post_build."""
    made_from: dict[str, PageInputs] = field(default_factory=dict)
    """What each page of this build read and showed, by source path (a page a dirty build did
    not render again: as when it was, hooks/serve.py)."""
    site_keys: SiteKeys | None = None
    """What every page depends on, when dirty builds skip unchanged pages (hooks/serve.py)."""
    env: jinja2.Environment | None = None
    """The theme's template environment, made once per build and reused by every partial."""
    _datasets: dict[str, Dataset] | None = None
    _cache_key: str | None = None
    _fingerprints: DataFingerprints | None = None

    def language(self, code: str) -> Language:
        return next(language for language in self.languages if language.code == code)

    def language_of(self, src_uri: str) -> Language:
        language = language_of(src_uri, self.languages)
        if language is None:  # missing_twins() refuses such pages before rendering starts
            raise LookupError(f"{src_uri} belongs to no language")
        return language

    def datasets(self) -> dict[str, Dataset]:
        """The validated datasets, made once per build, only when needed."""
        from yearbook.pages.tables import datasets_of

        if self.data is None:
            raise LookupError("hooks/data.py validates the data before pages render")
        if self._datasets is None:
            self._datasets = datasets_of(self.data)
        return self._datasets

    def cache_key(self, config: MkDocsConfig) -> str:
        """Data + code + templates: what cached charts and pages are valid for."""
        if self.data_dir is None:
            raise LookupError("hooks/data.py validates the data before the caches open")
        if self._cache_key is None:
            templates = Path(config.theme.custom_dir or ".") / "partials"
            settings = (
                Path(config.config_file_path).read_bytes() if config.config_file_path else b""
            )
            self._cache_key = build_key(self.data_dir, templates, settings)
        return self._cache_key

    def fingerprints(self) -> DataFingerprints:
        """What a cached chart or page made from the data is valid for: each dataset's
        fingerprint, its schema's, that of the rows naming each entity (yearbook.pages.entities)
        and, when asked for, that of any single row."""
        if self.data_dir is None:
            raise LookupError("hooks/data.py validates the data before the caches open")
        if self._fingerprints is None:
            datasets = dataset_fingerprints(self.data_dir)
            related = related_fingerprints(self.data, datasets) if self.data is not None else {}
            self._fingerprints = DataFingerprints({**datasets, **related}, self.datasets)
        return self._fingerprints

    def placed(self) -> set[tuple[str, str]]:
        """The charts on the site's pages, as (name, language)."""
        return {chart for inputs in self.made_from.values() for chart in inputs.charts}

    def chart_cache(self) -> ChartCache:
        if self.charts is None:
            raise LookupError("hooks/charts.py opens the chart cache in on_pre_build")
        return self.charts

    def templates(self, config: MkDocsConfig) -> jinja2.Environment:
        if self.env is None:  # each get_env() call compiles every template anew
            self.env = config.theme.get_env()
            # Compiled templates kept across builds (keyed by each template's source), so a
            # build does not compile Material's templates again.
            folder = cache_dir(config) / "templates"
            folder.mkdir(parents=True, exist_ok=True)
            self.env.bytecode_cache = jinja2.FileSystemBytecodeCache(str(folder))
        return self.env

    def site_files(self) -> Files:
        if self.files is None:
            raise LookupError("files are mapped in on_files, before pages render")
        return self.files

    def navigation(self, language: Language) -> Navigation:
        if self.navigations is None:
            raise LookupError("navigation is split in on_nav, before pages render")
        return self.navigations[language.code]
