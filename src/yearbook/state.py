"""The state of one build, shared by the hooks, kept on the config: MkDocs makes a new config
for every build, so state never leaks into the next build, unlike module globals in hooks."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import jinja2
from mkdocs.config.defaults import MkDocsConfig

from yearbook.cache.fingerprints import build_key, dataset_fingerprints
from yearbook.data.model import datasets_of
from yearbook.data.reads import DataFingerprints
from yearbook.pages.entities import related_fingerprints
from yearbook.site.languages import Language, language_of

if TYPE_CHECKING:
    from mkdocs.structure.files import Files
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page

    from yearbook.cache.charts import ChartCache
    from yearbook.cache.outputs import PageInputs, SiteKeys
    from yearbook.cache.search_words import SegmentCache
    from yearbook.data.model import Dataset
    from yearbook.data.validate import ValidationResult
    from yearbook.pages.fill import FilledPage, PagePlace

T = TypeVar("T")
_KEY = "yearbook_build"


def build_state(config: MkDocsConfig) -> BuildState:
    """This build's state, created on first use."""
    state = config.get(_KEY)
    if not isinstance(state, BuildState):
        state = config[_KEY] = BuildState()
    return state


def project_dir(config: MkDocsConfig) -> Path:
    """The folder of mkdocs.yml, which `extra.yearbook` paths are relative to."""
    return Path(config.config_file_path or ".").resolve().parent


def cache_dir(config: MkDocsConfig) -> Path:
    """Where builds keep what they remember between runs (`extra.yearbook.cache_dir`)."""
    settings = config.extra.get("yearbook") or {}
    return project_dir(config) / str(settings.get("cache_dir") or ".cache")


def required(value: T | None, what: str) -> T:
    """`value`, set by an earlier hook; a hook listed out of order in mkdocs.yml fails here."""
    if value is None:
        raise LookupError(f"{what} not known yet: check the order of the hooks in mkdocs.yml")
    return value


@dataclass
class BuildState:
    """What the build stages learn and hand on, each set by the hook named."""

    languages: tuple[Language, ...] = ()  # i18n.py, on_config
    edition: tuple[str, str] = ("", "published")  # editions.py: the edition and its status
    # editions.py: frozen editions' datasets, read when a page quotes them
    frozen: dict[str, dict[str, Dataset] | None] = field(default_factory=dict)
    data: ValidationResult | None = None  # data.py
    data_dir: Path | None = None  # data.py
    files: Files | None = None  # i18n.py, on_files
    navigations: Mapping[str, Navigation] | None = None  # i18n.py, on_nav
    env: jinja2.Environment | None = None  # `templates`
    charts: ChartCache | None = None  # charts.py
    segments: SegmentCache | None = None  # search.py
    site_keys: SiteKeys | None = None  # serve.py, on_nav of a dirty build
    # print_edition.py: the cached PDFs this build publishes (none unless printed from its sources)
    print_edition: dict[str, Path] = field(default_factory=dict)
    places: dict[str, PagePlace] = field(default_factory=dict)  # pages.py, by source path
    fragments: dict[str, FilledPage] = field(default_factory=dict)  # pages.py, until placed
    figures_pending: list[Page] = field(default_factory=list)  # figures.py: charts not yet made
    # What each page read and showed, by source path (also pages a dirty build kept)
    made_from: dict[str, PageInputs] = field(default_factory=dict)
    _datasets: dict[str, Dataset] | None = None
    _cache_key: str | None = None
    _fingerprints: DataFingerprints | None = None

    def language_of(self, src_uri: str) -> Language:
        # missing_twins() refuses pages of no language before rendering starts
        return required(language_of(src_uri, self.languages), f"the language of {src_uri}")

    def labels(self) -> tuple[str, str]:
        """What names the downloads: their title (the site's name in every language), edition."""
        return " / ".join(language.site_name for language in self.languages), self.edition[0]

    def datasets(self) -> dict[str, Dataset]:
        """The validated datasets, made once per build, only when needed."""
        if self._datasets is None:
            self._datasets = datasets_of(required(self.data, "the data (hooks/data.py)"))
        return self._datasets

    def cache_key(self, config: MkDocsConfig) -> str:
        """Data layout + code + templates + mkdocs.yml: what cached charts are valid for."""
        if self._cache_key is None:
            templates = Path(config.theme.custom_dir or ".") / "partials"
            settings = (
                Path(config.config_file_path).read_bytes() if config.config_file_path else b""
            )
            data_dir = required(self.data_dir, "the data folder (hooks/data.py)")
            self._cache_key = build_key(data_dir, templates, settings)
        return self._cache_key

    def fingerprints(self) -> DataFingerprints:
        """Fingerprints of datasets, schemas, rows naming each entity and (when asked) rows."""
        if self._fingerprints is None:
            data_dir = required(self.data_dir, "the data folder (hooks/data.py)")
            datasets = dataset_fingerprints(data_dir)
            related = related_fingerprints(self.datasets(), datasets)
            self._fingerprints = DataFingerprints({**datasets, **related}, self.datasets)
        return self._fingerprints

    def placed(self) -> set[tuple[str, str]]:
        """The charts on the site's pages, as (name, language)."""
        return {chart for inputs in self.made_from.values() for chart in inputs.charts}

    def templates(self, config: MkDocsConfig) -> jinja2.Environment:
        if self.env is None:  # each get_env() call compiles every template anew
            self.env = config.theme.get_env()
            # Compiled templates kept across builds, so a build need not compile Material's again.
            folder = cache_dir(config) / "templates"
            folder.mkdir(parents=True, exist_ok=True)
            self.env.bytecode_cache = jinja2.FileSystemBytecodeCache(str(folder))
        return self.env

    def chart_cache(self) -> ChartCache:
        return required(self.charts, "the chart cache (hooks/charts.py)")

    def site_files(self) -> Files:
        return required(self.files, "the site's files (hooks/i18n.py, on_files)")

    def navigation(self, language: Language) -> Navigation:
        return required(self.navigations, "the navigation (hooks/i18n.py, on_nav)")[language.code]
