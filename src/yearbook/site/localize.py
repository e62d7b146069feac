"""What a page renders with in its language: strings, selector links, head metadata; and a
"page not found" page per language. MkDocs renders every page from one shared `config`, so each
page sets all of them anew."""

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import jinja2
from markupsafe import escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from yearbook.formatting import catalogue
from yearbook.site.head import ARTICLE, WEBSITE, Alternate, HeadMeta, alternates
from yearbook.site.internals import template_context, with_search_base
from yearbook.site.languages import Language, language_of, twin_src_uri


def apply_language(config: MkDocsConfig, language: Language) -> None:
    """Point the shared config at one language: Material's UI strings, site name, footer."""
    config.theme["language"] = language.code
    config["site_name"] = language.site_name
    config["site_description"] = language.site_description
    config["copyright"] = language.copyright
    palette = config.theme.get("palette") or []
    for scheme, name in zip(palette, language.palette_toggles, strict=False):
        if "toggle" in scheme:
            scheme["toggle"]["name"] = name
    # Truthy but not a list: Material shows its language selector (from the page's `alternates`)
    # but writes no hreflang links of its own, which would point at the language roots.
    config["extra"]["alternate"] = True


def twin_links(src_uri: str, languages: Sequence[Language], files: Files) -> dict[str, str]:
    """The page's twins by language code, as URLs relative to the site root (every twin exists:
    missing_twins() stops the build before); none for a page of no language."""
    source = language_of(src_uri, languages)
    if source is None:
        return {}
    return {t.code: files.src_uris[twin_src_uri(src_uri, source, t)].url for t in languages}


def twin_urls(
    files: Files, languages: Sequence[Language], site_url: str
) -> dict[str, tuple[Alternate, ...]]:
    """Every page's hreflang alternates (absolute URLs), keyed by source path: for sitemap.xml."""
    return {
        file.src_uri: alternates(twin_links(file.src_uri, languages, files), languages, site_url)
        for file in files.documentation_pages()
    }


def page_context(
    page: Page, language: Language, languages: Sequence[Language], files: Files, site_url: str
) -> dict[str, Any]:
    """A page's language selector (`alternates`: its twins) and its search and sharing metadata
    (`head`: twins, canonical URL, title, description)."""
    links = twin_links(page.file.src_uri, languages, files)
    front_page = page.file.src_uri == f"{language.content_dir}index.md"
    head = HeadMeta(
        title=language.site_name if front_page else str(page.title or ""),
        description=str(page.meta["description"]).strip(),  # hooks/translation.py checked it
        url=page.canonical_url,
        language=language,
        languages=languages,
        links=links,
        site_url=site_url,
        type=WEBSITE if front_page else ARTICLE,
    )
    # Material writes the title and description unescaped; entity pages take titles from data.
    page.meta["description"] = escape(head.description)
    if isinstance(page.meta.get("title"), str):
        page.meta["title"] = escape(page.meta["title"])
    selector = [{"name": t.name, "link": links[t.code], "lang": t.code} for t in languages]
    return {"alternates": selector, "head": head}


def render_not_found_pages(
    config: MkDocsConfig,
    files: Files,
    env: jinja2.Environment,
    languages: Sequence[Language],
    navigations: Mapping[str, Navigation],
) -> None:
    """Write `404.html` for the default language and `<code>/404.html` for the others, with
    absolute URLs: hosts serve the root one for any missing path, however deep, and it sends
    readers of another language's part of the site on to that language's 404 page."""
    template = env.get_template("404.html")
    root = urlsplit(config.site_url or "/").path.rstrip("/") + "/"  # e.g. `/<repo>/`
    edition = str((config["extra"].get("yearbook") or {}).get("edition") or "")
    # Browser storage (the reader's palette) is kept under the site's root, as on every page;
    # not under the scope the last page rendered left in the config (`../..`), which under a
    # project site's path (`/<repo>/`) is the host's root.
    config["extra"]["scope"] = root
    for language in languages:
        apply_language(config, language)
        context = template_context(config, navigations[language.code], files, root)
        context["alternates"] = [  # each language's front page: the page has no twin
            {"name": other.name, "link": root + other.url_prefix, "lang": other.code}
            for other in languages
        ]
        context["ui"] = strings = catalogue(language.code)
        context["head"] = head = HeadMeta(
            title=strings["not_found.title"],
            description=strings["not_found.description"],
            url=None,
            language=language,
            languages=languages,
            links={other.code: f"{other.url_prefix}404.html" for other in languages},
            site_url=config.site_url or "",
            type=WEBSITE,
        )
        # Material's <meta name="description"> on a page-less template: the site description.
        config["site_description"] = escape(head.description)
        if language.default:  # the page hosts serve for a missing path anywhere on the site
            # It sends a reader on to the 404 page of the missing path's language and edition:
            # the site's base is above the editions' folders when built in one (/<repo>/2026/).
            editions = bool(edition) and root.endswith(f"/{edition}/")
            context["not_found_pages"] = {
                "base": root.removesuffix(f"{edition}/") if editions else root,
                "editions": editions,
                "prefixes": [other.url_prefix for other in languages if not other.default],
            }
        html = template.render(context)
        if not language.default:
            # Assets stay under the site root, but search must use this language's index.
            html = with_search_base(html, root, root + language.url_prefix)
        path = Path(config.site_dir, language.url_prefix, "404.html")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(html, encoding="utf-8")
