"""Build stage: pages filled from the data (after hooks/data.py, i18n.py, charts.py, entities.py):
markers and `{{ … }}` references in the page's language (yearbook.pages.fill); then downloads/.
"""

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from yearbook.cache.outputs import PageInputs
from yearbook.charts import CHARTS
from yearbook.data.downloads import write_downloads
from yearbook.pages.entities import entity_of
from yearbook.pages.fill import fill_page
from yearbook.pages.fragments import place_fragments
from yearbook.pages.markers import MarkerError
from yearbook.pages.references import UnknownReference
from yearbook.site.head import keep_line_numbers
from yearbook.site.navigation import chapters_of
from yearbook.site.place import page_place
from yearbook.state import build_state, required

# Abbreviations (`*[ADC]: …`) appended to every page of a language, explained on hover
ABBREVIATIONS = "includes/abbreviations.{language}.md"


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    # Messages naming a line of the page count from the top of the file, front matter included.
    markdown = keep_line_numbers(page.file.content_string, markdown)
    state = build_state(config)
    language = state.language_of(page.file.src_uri)
    abbreviations = Path(config.docs_dir, ABBREVIATIONS.format(language=language.code))
    # Generated entity pages have no prose to explain (their tables are put in after Markdown).
    if abbreviations.is_file() and entity_of(page.file.src_uri) is None:
        markdown = markdown.rstrip("\n") + "\n\n" + abbreviations.read_text(encoding="utf-8")
    place = state.places[page.file.src_uri] = page_place(
        page,
        language,
        files,
        config.docs_dir,
        state.datasets().keys(),
        edition=state.edition[0],
        print_edition=state.print_edition.items(),
        chapters=chapters_of(state.navigation(language), language, page.url),
    )
    try:
        filled = fill_page(markdown, state.datasets(), CHARTS, state.templates(config), place)
    except (MarkerError, UnknownReference) as error:
        raise PluginError(str(error)) from None
    state.made_from[page.file.src_uri] = PageInputs(set(filled.reads), frozenset(filled.charts))
    if filled.charts:
        page.meta["yearbook_charts"] = True  # main.html then loads the Vega bundle
    state.fragments[page.file.src_uri] = filled
    return filled.markdown


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    # Searchable fragments now; tables, charts and entity bodies once search has indexed the
    # page (on_post_page), so search does not parse thousands of rows it leaves out anyway.
    filled = build_state(config).fragments[page.file.src_uri]  # from on_page_markdown
    early = (number for number in range(len(filled.fragments)) if number not in filled.late)
    try:
        return place_fragments(html, filled.fragments, early)
    except LookupError as error:  # e.g. a marker placed inside a list or a blockquote
        raise PluginError(f"{config.docs_dir}/{page.file.src_uri}: {error}") from None


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    filled = build_state(config).fragments.pop(page.file.src_uri)
    return place_fragments(output, filled.fragments, filled.late)


def on_post_build(config: MkDocsConfig) -> None:
    state = build_state(config)
    data_dir = required(state.data_dir, "the data folder (hooks/data.py)")
    try:
        write_downloads(state.datasets(), data_dir, config.site_dir, *state.labels())
    except ValueError as error:  # a schema the standard form cannot express
        raise PluginError(str(error)) from None
