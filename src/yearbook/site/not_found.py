"""A "page not found" page per language. Hosts serve the root `404.html` for any missing path,
however deep, so these pages use absolute URLs, and the root one sends readers of another
language's part of the site on to that language's 404 page."""

from collections.abc import Mapping, Sequence
from pathlib import Path
from urllib.parse import urlsplit

import jinja2
from markupsafe import escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation

from yearbook.site.head import not_found_head
from yearbook.site.internals import template_context, with_search_base
from yearbook.site.languages import Language
from yearbook.site.localize import apply_language, language_root_links
from yearbook.ui import catalogue


def site_root_path(config: MkDocsConfig) -> str:
    """The absolute path the site is served under, e.g. `/china-innovation-yearbook/`."""
    path = urlsplit(config.site_url or "/").path or "/"
    return path if path.endswith("/") else path + "/"


def render_not_found_pages(
    config: MkDocsConfig,
    files: Files,
    env: jinja2.Environment,
    languages: Sequence[Language],
    navigations: Mapping[str, Navigation],
) -> list[Path]:
    """Write `404.html` for the default language and `<code>/404.html` for the others."""
    template = env.get_template("404.html")
    root = site_root_path(config)
    # Browser storage (the reader's palette) is kept under the site's root, as on every page;
    # not under the scope the last page rendered left in the config (`../..`), which under a
    # project site's path (`/<repo>/`) is the host's root.
    config["extra"]["scope"] = root
    written = []
    for language in languages:
        apply_language(config, language)
        context = template_context(config, navigations[language.code], files, root)
        context["alternates"] = language_root_links(languages, root)
        context["ui"] = catalogue(language.code)
        head = not_found_head(language, languages, config.site_url or "")
        context["head"] = head
        # Material's <meta name="description"> on a page-less template: the site description.
        config["site_description"] = escape(head.description)
        context["language_404_pages"] = {
            root + other.url_prefix: root + other.url_prefix + "404.html"
            for other in languages
            if language.default and not other.default
        }
        html = template.render(context)
        if not language.default:
            # Assets stay under the site root, but search must use this language's index.
            html = with_search_base(html, root, root + language.url_prefix)
        path = Path(config.site_dir, language.url_prefix, "404.html")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(html, encoding="utf-8")
        written.append(path)
    return written
