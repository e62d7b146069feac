"""Build stage: finished pages (after hooks/pages.py). Charts go in, a chart not made yet after
the build, so that no page waits for a chart while other pages could render; then Chinese on
English pages and English on Chinese pages is marked with `lang` (yearbook.site.language_parts),
in prose and data alike."""

from collections.abc import Callable
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

from yearbook.data.reads import DatasetReads
from yearbook.pages.figures import chart_figure
from yearbook.pages.fragments import figures_missing, place_figures
from yearbook.site.language_parts import mark_language_of_parts
from yearbook.state import BuildState, build_state


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    state = build_state(config)
    inputs = state.made_from.get(page.file.src_uri)
    if inputs is not None and inputs.charts:
        output = place_figures(output, _figures(state, config, page.file.src_uri, wait=False))
        if figures_missing(output):
            state.figures_pending.append(page)
    return mark_language_of_parts(output, state.language_of(page.file.src_uri).code)


def on_post_build(config: MkDocsConfig) -> None:
    state = build_state(config)
    for page in state.figures_pending:  # hooks/charts.py has stored every chart
        written = Path(page.file.abs_dest_path)
        html = written.read_text(encoding="utf-8")
        html = place_figures(html, _figures(state, config, page.file.src_uri, wait=True))
        language = state.language_of(page.file.src_uri).code
        written.write_text(mark_language_of_parts(html, language), encoding="utf-8")


def _figures(
    state: BuildState, config: MkDocsConfig, src_uri: str, *, wait: bool
) -> Callable[[str, str], str | None]:
    """Each chart as placed on the page `src_uri`; None while it is still being made, unless
    `wait`. What its caption reads of the data is noted among the page's inputs."""
    cache, place, env = state.chart_cache(), state.places[src_uri], state.templates(config)
    datasets = DatasetReads(state.datasets())

    def figure(name: str, language: str) -> str | None:
        chart = cache.get(name, language) if wait else cache.made(name, language)
        if chart is None:
            return None
        html = chart_figure(chart, datasets, env, place)
        state.made_from[src_uri].reads.update(datasets.read)
        return html

    return figure
