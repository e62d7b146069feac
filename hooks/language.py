"""Build stage: the language of parts (after hooks/pages.py and hooks/figures.py, which put in
the tables and charts): Chinese on English pages and English on Chinese pages marked with
`lang` (yearbook.site.language_parts), in prose and data alike."""

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

from yearbook.site.language_parts import mark_language_of_parts
from yearbook.state import build_state


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    language = build_state(config).language_of(page.file.src_uri)
    return mark_language_of_parts(output, language.code)


def on_post_build(config: MkDocsConfig) -> None:
    state = build_state(config)
    for page in state.figures_pending:  # their charts went in after on_post_page
        written = Path(page.file.abs_dest_path)
        language = state.language_of(page.file.src_uri)
        html = written.read_text(encoding="utf-8")
        written.write_text(mark_language_of_parts(html, language.code), encoding="utf-8")
