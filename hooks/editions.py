"""Build stage: the edition these sources build (after hooks/i18n.py, before hooks/pages.py).
`extra.yearbook.edition` and `status` name it; `make site` builds it under `<base><edition>/`.
Pages get the edition selector's context, and `{{ 2026:… }}` references quote a frozen edition
from its data snapshot (editions/2026/data/), as corrected since."""

from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from yearbook.data.model import Dataset
from yearbook.editions.corrections import frozen_datasets
from yearbook.editions.settings import EditionError, edition_settings
from yearbook.pages.references import EDITION_REFERENCE, UnknownReference, fill_edition_references
from yearbook.site.head import keep_line_numbers
from yearbook.state import build_state, project_dir


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    try:
        edition = edition_settings(config.extra, config.site_url or "")
    except EditionError as error:
        raise PluginError(str(error)) from None
    build_state(config).edition = edition
    return config


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if not EDITION_REFERENCE.search(markdown):  # most pages quote no frozen edition
        return markdown
    state = build_state(config)

    def frozen(edition: str) -> dict[str, Dataset] | None:
        if edition not in state.frozen:
            state.frozen[edition] = frozen_datasets(project_dir(config), edition)
        return state.frozen[edition]

    language = state.language_of(page.file.src_uri).code
    where = f"{config.docs_dir}/{page.file.src_uri}"
    # Lines counted from the top of the file, as hooks/pages.py does (it cannot once changed).
    numbered = keep_line_numbers(page.file.content_string, markdown)
    try:
        filled = fill_edition_references(numbered, frozen, language, where)
    except UnknownReference as error:
        raise PluginError(str(error)) from None
    return markdown if filled == numbered else filled


def on_page_context(
    context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Navigation
) -> dict[str, Any]:
    edition, status = build_state(config).edition
    # The selector (partials/alternate.html, edition-selector.js) finds editions.json beside
    # this edition's root, and a reader's palette is kept for every edition alike.
    root = get_relative_url(".", page.url) or "."
    context["yearbook_edition"] = {"edition": edition, "status": status, "root": root + "/"}
    # Only a build under its edition's folder (`make site`) has editions beside it.
    if edition and (config.site_url or "").rstrip("/").endswith("/" + edition):
        context["yearbook_edition"]["index"] = root + "/../editions.json"
        config.extra["scope"] = root + "/.."
    return context
