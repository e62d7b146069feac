"""Build stage: two languages from one MkDocs build. Pages in `content/<code>/` are published
under `/<code>/` (the first language's at the root) and render with their language's interface
strings, navigation, language selector, head metadata and search index; a 404 page for each."""

from typing import Any

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from yearbook.formatting import catalogue
from yearbook.site import localize
from yearbook.site.languages import LanguageConfigError, parse_languages, published_dest_uri
from yearbook.site.localize import render_not_found_pages
from yearbook.site.navigation import NavigationError, split_navigation
from yearbook.state import build_state, required


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    try:
        build_state(config).languages = parse_languages(config.extra)
    except LanguageConfigError as error:
        raise PluginError(str(error)) from None
    config.theme.static_templates.discard("404.html")  # one per language, in on_post_build
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    state = build_state(config)
    for file in files:  # before anything reads a URL, which MkDocs derives from dest_uri
        file.dest_uri = published_dest_uri(file.src_uri, file.dest_uri, state.languages)
    state.files = files
    return files


def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    state = build_state(config)
    try:
        state.navigations = split_navigation(nav, state.languages)
    except NavigationError as error:
        raise PluginError(str(error)) from None
    return nav


def on_env(env: jinja2.Environment, config: MkDocsConfig, files: Files) -> jinja2.Environment:
    # Pages and the 404 pages render with the environment the partials already use, so
    # Material's templates are compiled once per build, not twice.
    return build_state(config).templates(config)


def on_page_context(
    context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Navigation
) -> dict[str, Any]:
    state = build_state(config)
    language, files = state.language_of(page.file.src_uri), state.site_files()
    localize.apply_language(config, language)
    # `head`: site-overrides/main.html, block extrahead
    context |= localize.page_context(page, language, state.languages, files, config.site_url or "")
    # Browser storage (palette choice) stays shared by all languages ...
    config.extra["scope"] = context["base_url"]
    # ... while Material's `base` is the language root, so search loads that language's index.
    context["base_url"] = get_relative_url(language.url_prefix or ".", page.url) or "."
    context["nav"] = state.navigation(language)
    context["ui"] = catalogue(language.code)
    return context


def on_template_context(
    context: dict[str, Any], template_name: str, config: MkDocsConfig
) -> dict[str, Any]:
    if template_name == "sitemap.xml":
        state = build_state(config)
        context["twins"] = localize.twin_urls(
            state.site_files(), state.languages, config.site_url or ""
        )
    return context


def on_post_build(config: MkDocsConfig) -> None:
    state = build_state(config)
    env, navigations = state.templates(config), required(state.navigations, "navigation")
    render_not_found_pages(config, state.site_files(), env, state.languages, navigations)
