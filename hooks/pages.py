"""Build stage: pages filled from the data (runs after hooks/data.py, i18n.py and charts.py).

Marker lines (`<!-- yearbook:table deals -->`, `dataset`, `sources`, `chart`) become tables,
dataset cards, the sources list and charts, and `{{ … }}` references in prose become figures
and citations, in the page's language (yearbook.pages.fill). After the build, `downloads/`
receives every CSV (with a UTF-8 BOM), its schema and `datapackage.json`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from yearbook.cache.outputs import PageInputs, write_if_changed
from yearbook.cache.reads import DatasetReads
from yearbook.charts import CHARTS
from yearbook.charts.render import figures_missing, place_figures
from yearbook.data.downloads import CHART_FOLDER, FOLDER, write_downloads
from yearbook.pages.entities import (
    entity_description,
    entity_ids,
    entity_markdown,
    entity_of,
    entity_src_uri,
    related_naming,
)
from yearbook.pages.fill import PagePlace, chart_figure, fill_page
from yearbook.pages.fragments import place_fragments
from yearbook.pages.markers import MarkerError
from yearbook.pages.references import UnknownReference
from yearbook.site.languages import published_dest_uri
from yearbook.state import BuildState, build_state, cache_dir, extra_settings

ABBREVIATIONS = "includes/abbreviations.{language}.md"
"""Abbreviations (`*[ADC]: …`) appended to every page of a language, explained on hover."""
ENTITY_SOURCES = "entities"
"""The generated Markdown of entity pages, under the cache folder."""
DATA_PAGE = "data.md"
"""Each language's data chapter, where tables link for companies, clusters and sources."""


def on_files(files: Files, config: MkDocsConfig) -> Files:
    # A page per company, cluster and event in every language, outside the navigation.
    state = build_state(config)
    if state.data is None:
        return files
    for name, ids in entity_ids(state.data).items():
        rows = {str(row.values["id"]): row.values for row in state.data.tables[name].rows}
        naming = related_naming(state.data, name)
        for language in state.languages:
            for row_id in ids:
                src_uri = entity_src_uri(language.code, name, row_id)
                row = rows[row_id]
                description = entity_description(
                    state.data, name, row, naming, language.code, language.site_name
                )
                # Kept as a file, not in memory: dirty builds (hooks/serve.py) can then skip
                # an entity page whose Markdown has not changed since it was written.
                source = write_if_changed(
                    cache_dir(config) / ENTITY_SOURCES / src_uri,
                    entity_markdown(name, row, language.code, description),
                )
                file = File.generated(
                    config, src_uri, abs_src_path=str(source), inclusion=InclusionLevel.NOT_IN_NAV
                )
                file.dest_uri = published_dest_uri(src_uri, file.dest_uri, state.languages)
                files.append(file)
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    state = build_state(config)
    language_code = state.language_of(page.file.src_uri).code
    abbreviations = Path(config.docs_dir, ABBREVIATIONS.format(language=language_code))
    # Generated entity pages have no prose to explain (their tables are put in after Markdown).
    if abbreviations.is_file() and entity_of(page.file.src_uri) is None:
        markdown = markdown.rstrip("\n") + "\n\n" + abbreviations.read_text(encoding="utf-8")
    place = _place(page, state, config)
    try:
        filled = fill_page(markdown, state.datasets(), CHARTS, state.templates(config), place)
    except (MarkerError, UnknownReference) as error:
        raise PluginError(str(error)) from None
    # Its charts' data is published beside them (hooks/charts.py).
    state.made_from[page.file.src_uri] = PageInputs(set(filled.reads), frozenset(filled.charts))
    if filled.charts:
        page.meta["yearbook_charts"] = True  # main.html then loads the Vega bundle
    state.fragments[page.file.src_uri] = filled
    return filled.markdown


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    # Searchable fragments now; tables, charts and entity bodies once search has indexed the
    # page (on_post_page), so search does not parse thousands of rows it leaves out anyway.
    filled = build_state(config).fragments.get(page.file.src_uri)
    if filled is None:
        return html
    early = (number for number in range(len(filled.fragments)) if number not in filled.late)
    try:
        return place_fragments(html, filled.fragments, early)
    except LookupError as error:  # e.g. a marker placed inside a list or a blockquote
        raise PluginError(f"{config.docs_dir}/{page.file.src_uri}: {error}") from None


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    state = build_state(config)
    filled = state.fragments.pop(page.file.src_uri, None)
    if filled is None:
        return output
    output = place_fragments(output, filled.fragments, filled.late)
    if filled.charts:  # made meanwhile in a second process (hooks/charts.py)
        place = _place(page, state, config)
        output = place_figures(output, _figures(state, config, page, place, wait=False))
        if figures_missing(output):  # placed once made, rather than holding up the other pages
            state.figures_pending.append((page, place))
    return output


def on_post_build(config: MkDocsConfig) -> None:
    state = build_state(config)
    for page, place in state.figures_pending:  # hooks/charts.py has stored every chart
        written = Path(page.file.abs_dest_path)
        html = written.read_text(encoding="utf-8")
        html = place_figures(html, _figures(state, config, page, place, wait=True))
        written.write_text(html, encoding="utf-8")
    if state.data is not None:
        title = " / ".join(language.site_name for language in state.languages)
        write_downloads(state.data, config.site_dir, title)


def _place(page: Page, state: BuildState, config: MkDocsConfig) -> PagePlace:
    """Where `page` is published: its language and the relative links its content needs."""
    language = state.language_of(page.file.src_uri)
    data_file = state.site_files().get_file_from_path(f"{language.code}/{DATA_PAGE}")
    data_page = ""
    if data_file is not None and data_file.url != page.url:
        data_page = get_relative_url(data_file.url, page.url)
    return PagePlace(
        file=f"{Path(config.docs_dir).name}/{page.file.src_uri}",
        language=language.code,
        # The absolute URL: citations quote it, and it differs between local and published builds.
        url=page.canonical_url or page.url,
        data_page=data_page,
        downloads=get_relative_url(f"{FOLDER}/", page.url),
        chart_downloads=get_relative_url(f"{CHART_FOLDER}/", page.url),
        yearbook=language.site_name,
        edition=str(extra_settings(config)["yearbook"].get("edition", "")),
        root=get_relative_url(language.url_prefix or ".", page.url).rstrip("/") + "/",
    )


def _figures(
    state: BuildState, config: MkDocsConfig, page: Page, place: PagePlace, *, wait: bool
) -> Callable[[str, str], str | None]:
    """Each chart as placed on `page` (published at `place`); None while it is still being
    made, unless `wait`. What its caption reads of the data is noted among the page's inputs."""
    cache = state.chart_cache()
    datasets = DatasetReads(state.datasets())

    def figure(name: str, language: str) -> str | None:
        chart = cache.get(name, language) if wait else cache.made(name, language)
        if chart is None:
            return None
        html = chart_figure(chart, datasets, state.templates(config), place)
        state.made_from[page.file.src_uri].reads.update(datasets.read)
        return html

    return figure
