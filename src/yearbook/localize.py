"""Per-page language settings: which strings, selector links and navigation a page renders with.

MkDocs renders every page from one shared `config`, so each page sets all of its
language-dependent settings explicitly; nothing is left over from the page rendered before.
"""

from __future__ import annotations

from collections.abc import Sequence
from urllib.parse import urljoin

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

from yearbook.languages import Language, language_of, twin_src_uri
from yearbook.state import extra_settings


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
    # Truthy but not a list: Material shows its language selector (rendered from the page's
    # `alternates` by site-overrides/partials/alternate.html) but writes no <link rel=alternate>
    # into the head. Its script would fetch `sitemap.xml` below every such link; the hreflang
    # pairs are published in sitemap.xml instead.
    extra_settings(config)["alternate"] = True


def alternate_links(
    src_uri: str, languages: Sequence[Language], files: Files
) -> list[dict[str, str]]:
    """Material's language selector entries: the same page in each language (site-relative URLs)."""
    source = language_of(src_uri, languages)
    if source is None:
        return []
    links = []
    for target in languages:
        twin = files.get_file_from_path(twin_src_uri(src_uri, source, target))
        if twin is None:  # missing_twins() stops the build before this can happen
            raise LookupError(f"{src_uri} has no {target.code} twin")
        links.append({"name": target.name, "link": twin.url, "lang": target.code})
    return links


def twin_urls(
    files: Files, languages: Sequence[Language], site_url: str
) -> dict[str, list[dict[str, str]]]:
    """Every page's twins with absolute URLs, keyed by source path: the sitemap's hreflang pairs."""
    return {
        file.src_uri: [
            {**link, "link": urljoin(site_url, link["link"])}
            for link in alternate_links(file.src_uri, languages, files)
        ]
        for file in files.documentation_pages()
    }


def language_root_links(languages: Sequence[Language], root: str) -> list[dict[str, str]]:
    """Selector entries pointing at each language's front page, for pages that have no twin."""
    return [
        {"name": language.name, "link": root + language.url_prefix, "lang": language.code}
        for language in languages
    ]
