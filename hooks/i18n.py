"""Build stage: two languages from one MkDocs build.

Pages live in `content/<code>/`; the first configured language is published at the site root,
the others under `/<code>/`. Each page renders with its own language's interface strings,
navigation, language selector (pointing at its twin) and search index (split by
hooks/search.py).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from yearbook.site.head import format_missing, keep_line_numbers, missing_descriptions
from yearbook.site.languages import (
    LanguageConfigError,
    missing_twins,
    parse_languages,
    published_dest_uri,
)
from yearbook.site.localize import (
    alternate_links,
    apply_language,
    escape_page_meta,
    page_head,
    twin_urls,
)
from yearbook.site.navigation import NavigationError, split_navigation
from yearbook.site.not_found import render_not_found_pages
from yearbook.site.translation.problems import format_problems
from yearbook.site.translation.twins import check_twins
from yearbook.state import build_state, extra_settings
from yearbook.ui import catalogue
from yearbook.ui_check import check_ui


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    try:
        build_state(config).languages = parse_languages(extra_settings(config))
    except LanguageConfigError as error:
        raise PluginError(str(error)) from None
    # One 404 page per language is written in on_post_build instead.
    config.theme.static_templates.discard("404.html")
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    state = build_state(config)
    pages = [file.src_uri for file in files.documentation_pages()]
    problems = missing_twins(pages, state.languages, Path(config.docs_dir).name)
    if problems:
        raise PluginError("Pages without a twin:\n  " + "\n  ".join(problems))
    codes = [language.code for language in state.languages]
    if mistranslated := check_twins(Path(config.docs_dir), codes) + check_ui(codes):
        raise PluginError(format_problems(mistranslated))
    docs = Path(config.docs_dir).name
    chapters = {
        f"{docs}/{file.src_uri}": file.content_string for file in files.documentation_pages()
    }
    if undescribed := missing_descriptions(chapters):
        raise PluginError(format_missing(undescribed))
    published = Files([])
    for file in files:
        dest_uri = published_dest_uri(file.src_uri, file.dest_uri, state.languages)
        if dest_uri != file.dest_uri:
            file = File(
                file.src_uri,
                file.src_dir,
                file.dest_dir,
                file.use_directory_urls,
                dest_uri=dest_uri,
                inclusion=file.inclusion,
            )
        published.append(file)
    state.files = published
    return published


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


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    # Chapters start with front matter (`description:`): messages naming a line of the page
    # (markers, references) then count from the top of the file, as editors see it.
    return keep_line_numbers(page.file.content_string, markdown)


def on_page_context(
    context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Navigation
) -> dict[str, Any]:
    state = build_state(config)
    language = state.language_of(page.file.src_uri)
    apply_language(config, language)
    context["alternates"] = alternate_links(page.file.src_uri, state.languages, state.site_files())
    head = page_head(page, language, state.languages, state.site_files(), config.site_url or "")
    context["head"] = head  # site-overrides/main.html, block extrahead
    escape_page_meta(page, head.description)
    # Browser storage (palette choice) stays shared by all languages ...
    extra_settings(config)["scope"] = context["base_url"]
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
        context["twins"] = twin_urls(state.site_files(), state.languages, config.site_url or "")
    return context


def on_post_build(config: MkDocsConfig) -> None:
    state = build_state(config)
    template = state.templates(config).get_template("404.html")
    render_not_found_pages(config, state.site_files(), template, state.languages, state.navigation)
