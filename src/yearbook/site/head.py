"""What a page's <head> tells search engines and link previews, in the page's language.

Every page gets: its twins as hreflang alternates (absolute URLs, `x-default` → the default
language), a description, and Open Graph / Twitter card tags (`site-overrides/main.html`,
block `extrahead`). Material itself writes the canonical link (from `site_url`), the
`<title>` and the `<meta name="description">`, which hooks/i18n.py fills with the value
computed here. Chapters carry a written `description:` in their front matter; generated
entity pages get one built from their data row (`yearbook.pages.entities.entity_description`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from urllib.parse import urljoin

from babel import Locale
from babel.core import get_global
from mkdocs.utils.meta import get_data

from yearbook.site.languages import Language
from yearbook.ui import catalogue

X_DEFAULT = "x-default"
HREFLANG: Mapping[str, str] = {"zh": "zh-Hans"}
"""hreflang per language code where the code alone is not enough: Chinese names its script."""
WEBSITE = "website"
"""og:type of the front pages (and the 404 pages); chapters and entity pages are articles."""
ARTICLE = "article"


class DescriptionError(ValueError):
    """A chapter lacks its `description:` (or it is not one line of text)."""


@dataclass(frozen=True)
class Alternate:
    hreflang: str
    href: str


@dataclass(frozen=True)
class HeadMeta:
    """One page's search and sharing metadata (template: site-overrides/main.html)."""

    title: str
    description: str
    site_name: str
    url: str | None
    """The page's own absolute URL (og:url); None for the 404 pages, served at any address."""
    type: str
    locale: str
    alternate_locales: tuple[str, ...]
    alternates: tuple[Alternate, ...]


def hreflang(code: str) -> str:
    """The hreflang of a language code: `zh` → `zh-Hans`, `en` → `en`."""
    return HREFLANG.get(code, code)


@cache
def og_locale(code: str) -> str:
    """The Open Graph locale (language_TERRITORY) of a language code: `zh` → `zh_CN`."""
    # CLDR's likely subtags give each language its usual territory: zh → zh_Hans_CN.
    locale = Locale.parse(get_global("likely_subtags").get(code, code))
    return f"{locale.language}_{locale.territory}" if locale.territory else locale.language


def alternates(
    links: Mapping[str, str], languages: Sequence[Language], site_url: str
) -> tuple[Alternate, ...]:
    """The twins of a page as absolute hreflang links, one per language, then `x-default`.

    `links` maps each language code to the twin's URL relative to the site root. Without a
    `site_url` there are no absolute URLs, so no alternates (search engines require them)."""
    if not site_url:
        return ()
    default = next(language for language in languages if language.default)
    pairs = [(hreflang(language.code), links[language.code]) for language in languages]
    pairs.append((X_DEFAULT, links[default.code]))
    return tuple(Alternate(lang, urljoin(site_url, link)) for lang, link in pairs)


def head_meta(
    *,
    title: str,
    description: str,
    url: str | None,
    language: Language,
    languages: Sequence[Language],
    links: Mapping[str, str],
    site_url: str,
    og_type: str = ARTICLE,
) -> HeadMeta:
    """The metadata of one page in `language`, whose twins are at `links` (code → URL)."""
    return HeadMeta(
        title=title,
        description=description,
        site_name=language.site_name,
        url=url,
        type=og_type,
        locale=og_locale(language.code),
        alternate_locales=tuple(og_locale(other.code) for other in languages if other != language),
        alternates=alternates(links, languages, site_url),
    )


def not_found_head(language: Language, languages: Sequence[Language], site_url: str) -> HeadMeta:
    """The metadata of a language's 404 page: its strings come from the UI catalogue, and it
    has no URL of its own (hosts serve it for any missing address)."""
    strings = catalogue(language.code)
    return head_meta(
        title=strings["not_found.title"],
        description=strings["not_found.description"],
        url=None,
        language=language,
        languages=languages,
        links={other.code: f"{other.url_prefix}404.html" for other in languages},
        site_url=site_url,
        og_type=WEBSITE,
    )


def page_description(meta: Mapping[str, object], file: str) -> str:
    """A chapter's `description:` from its front matter, or DescriptionError naming `file`."""
    value = meta.get("description")
    if not isinstance(value, str) or not value.strip():
        raise DescriptionError(f"{file}: has no `description:` in its front matter")
    if "\n" in value.strip():
        raise DescriptionError(f"{file}: `description:` must be one line of text")
    return value.strip()


def missing_descriptions(sources: Mapping[str, str]) -> list[str]:
    """One message per chapter (shown path → its text) without a usable `description:`."""
    problems = []
    for file, text in sorted(sources.items()):
        try:
            page_description(get_data(text)[1], file)
        except DescriptionError as error:
            problems.append(str(error))
    return problems


def format_missing(problems: Sequence[str]) -> str:
    """The build's message for chapters without a description: each page, then the fix."""
    return (
        "Pages without a description (search engines and shared links show it):\n  "
        + "\n  ".join(problems)
        + "\nStart each page with one sentence on what it covers, in its language:\n"
        "  ---\n  description: ...\n  ---"
    )


def keep_line_numbers(source: str, markdown: str) -> str:
    """`markdown` (the page after MkDocs took its front matter off) preceded by one empty line
    per front-matter line, so messages about line N of the Markdown name line N of the file.
    Markdown ignores leading blank lines."""
    if not source.endswith(markdown):
        return markdown
    return "\n" * source[: len(source) - len(markdown)].count("\n") + markdown
