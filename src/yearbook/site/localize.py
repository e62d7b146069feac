"""What a page renders with in its language: strings, selector links, head metadata. MkDocs
renders every page from one shared `config`, so each page sets all of them anew."""

from collections.abc import Sequence
from pathlib import Path

from markupsafe import escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from yearbook.site.head import (
    ARTICLE,
    WEBSITE,
    Alternate,
    HeadMeta,
    alternates,
    head_meta,
    page_description,
)
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


def twin_links(src_uri: str, languages: Sequence[Language], files: Files) -> dict[str, str]:
    """The page's twins by language code, as URLs relative to the site root."""
    return {link["lang"]: link["link"] for link in alternate_links(src_uri, languages, files)}


def twin_urls(
    files: Files, languages: Sequence[Language], site_url: str
) -> dict[str, tuple[Alternate, ...]]:
    """Every page's hreflang alternates (absolute URLs), keyed by source path: for sitemap.xml."""
    return {
        file.src_uri: alternates(twin_links(file.src_uri, languages, files), languages, site_url)
        for file in files.documentation_pages()
    }


def page_head(
    page: Page,
    language: Language,
    languages: Sequence[Language],
    files: Files,
    site_url: str,
) -> HeadMeta:
    """A page's search and sharing metadata: its twins, canonical URL, title, description."""
    front_page = page.file.src_uri == f"{language.content_dir}index.md"
    return head_meta(
        title=language.site_name if front_page else str(page.title or ""),
        description=page_description(
            page.meta, f"{Path(page.file.src_dir or '').name}/{page.file.src_uri}"
        ),
        url=page.canonical_url,
        language=language,
        languages=languages,
        links=twin_links(page.file.src_uri, languages, files),
        site_url=site_url,
        og_type=WEBSITE if front_page else ARTICLE,
    )


def escape_page_meta(page: Page, description: str) -> None:
    """Hand Material the page's title and description escaped: its templates write them
    unescaped, and entity pages take their title from the data."""
    page.meta["description"] = escape(description)
    if isinstance(page.meta.get("title"), str):
        page.meta["title"] = escape(page.meta["title"])


def language_root_links(languages: Sequence[Language], root: str) -> list[dict[str, str]]:
    """Selector entries pointing at each language's front page, for pages that have no twin."""
    return [
        {"name": language.name, "link": root + language.url_prefix, "lang": language.code}
        for language in languages
    ]
