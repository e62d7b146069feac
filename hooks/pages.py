"""Build stage: datasets on the pages and as downloads (runs after hooks/data.py and i18n.py).

`<!-- yearbook:table NAME -->`, `<!-- yearbook:dataset NAME -->` and `<!-- yearbook:sources -->`
lines in a page become the dataset's table, its card and the list of sources, in the page's
language (see yearbook.markers and yearbook.tables). After the build, `downloads/` receives
every CSV (with a UTF-8 BOM), its schema and `datapackage.json` (yearbook.downloads).
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from yearbook.charts import CHARTS
from yearbook.charts.figure import DOWNLOADS as CHART_DOWNLOADS
from yearbook.charts.figure import build_figure
from yearbook.charts.render import MissingFontError
from yearbook.downloads import FOLDER, write_downloads
from yearbook.markers import Marker, MarkerError, find_markers, replace_markers
from yearbook.references import UnknownReference, fill_references
from yearbook.state import build_state, draw_chart, extra_settings
from yearbook.tables import (
    build_card,
    build_sources,
    build_table,
    render,
    sources_labels,
)

DATA_PAGE = "data.md"
"""Each language's data chapter, where tables link for companies, clusters and sources."""


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    state = build_state(config)
    if state.data is None:
        raise PluginError("hooks/pages.py needs hooks/data.py listed before it in mkdocs.yml")
    file = f"{Path(config.docs_dir).name}/{page.file.src_uri}"
    try:
        choices = {"dataset": state.data.tables.keys(), "chart": CHARTS.keys()}
        markers = find_markers(markdown, choices, file)
    except MarkerError as error:
        raise PluginError(str(error)) from None
    if not markers and "{{" not in markdown:
        return markdown
    language = state.language_of(page.file.src_uri).code
    datasets = state.datasets()
    env = state.templates(config)
    data_file = files.get_file_from_path(f"{language}/{DATA_PAGE}")
    data_page = ""
    if data_file is not None and data_file.url != page.url:
        data_page = get_relative_url(data_file.url, page.url)
    downloads = get_relative_url(f"{FOLDER}/", page.url)
    try:
        markdown = fill_references(markdown, datasets, language, file, data_page)
    except UnknownReference as error:
        raise PluginError(str(error)) from None

    def html(marker: Marker) -> str:
        name = marker.name or ""
        if marker.kind == "chart":
            page.meta["yearbook_charts"] = True  # main.html then loads the Vega bundle
            try:
                chart = draw_chart(state, name, language)
            except MissingFontError as error:
                raise PluginError(str(error)) from None
            figure = build_figure(
                chart,
                datasets,
                data_page=data_page,
                downloads=get_relative_url(f"{CHART_DOWNLOADS}/", page.url),
                page_url=page.canonical_url or page.url,
                yearbook=state.language(language).site_name,
                edition=str(extra_settings(config)["yearbook"].get("edition", "")),
            )
            return render(env, "chart.html", figure=figure)
        if marker.kind == "table":
            table = build_table(name, datasets, language, data_page)
            return render(env, "table.html", table=table)
        if marker.kind == "dataset":
            card = build_card(name, datasets, language, downloads)
            return render(env, "dataset.html", card=card, labels=card.labels)
        sources = build_sources(datasets, language, data_page)
        return render(env, "sources.html", sources=sources, labels=sources_labels(language))

    return replace_markers(markdown, markers, html)


def on_post_build(config: MkDocsConfig) -> None:
    state = build_state(config)
    if state.data is not None:
        title = " / ".join(language.site_name for language in state.languages)
        write_downloads(state.data, config.site_dir, title)
