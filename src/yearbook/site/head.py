"""What a page's <head> tells search engines and link previews, in the page's language: its
twins as hreflang links, its description and Open Graph tags (`site-overrides/main.html`).
Material writes the canonical link, `<title>` and `<meta name="description">` itself."""

from collections.abc import Mapping, Sequence
from functools import cache
from typing import NamedTuple
from urllib.parse import urljoin

from babel import Locale
from babel.core import get_global
from mkdocs.utils.meta import get_data

from yearbook.site.languages import Language

WEBSITE, ARTICLE = "website", "article"  # og:type of the front and 404 pages; of the others


class Alternate(NamedTuple):
    hreflang: str
    href: str


def hreflang(code: str) -> str:
    """The hreflang of a language code: `zh` → `zh-Hans` (Chinese names its script), `en`."""
    return {"zh": "zh-Hans"}.get(code, code)


@cache
def og_locale(code: str) -> str:
    """The Open Graph locale (language_TERRITORY) of a language code: `zh` → `zh_CN`."""
    # CLDR's likely subtags give each language its usual territory: zh → zh_Hans_CN.
    locale = Locale.parse(get_global("likely_subtags").get(code, code))
    return f"{locale.language}_{locale.territory}" if locale.territory else locale.language


def alternates(
    links: Mapping[str, str], languages: Sequence[Language], site_url: str
) -> tuple[Alternate, ...]:
    """The twins (`links`: code → URL from the site root) as absolute hreflang links, then
    `x-default`; none without a `site_url`, as search engines want absolute URLs."""
    if not site_url:
        return ()
    default = next(language for language in languages if language.default)
    pairs = [(hreflang(language.code), links[language.code]) for language in languages]
    pairs.append(("x-default", links[default.code]))
    return tuple(Alternate(lang, urljoin(site_url, link)) for lang, link in pairs)


class HeadMeta(NamedTuple):  # template: site-overrides/main.html
    """The metadata of one page in `language`, whose twins are at `links` (code → URL)."""

    title: str
    description: str
    url: str | None  # og:url; None for the 404 pages, served at any address
    language: Language
    languages: Sequence[Language]
    links: Mapping[str, str]
    site_url: str
    type: str = ARTICLE

    @property
    def site_name(self) -> str:
        return self.language.site_name

    @property
    def locale(self) -> str:
        return og_locale(self.language.code)

    @property
    def alternate_locales(self) -> tuple[str, ...]:
        return tuple(og_locale(other.code) for other in self.languages if other != self.language)

    @property
    def alternates(self) -> tuple[Alternate, ...]:
        return alternates(self.links, self.languages, self.site_url)


def missing_descriptions(sources: Mapping[str, str]) -> list[str]:
    """One message per chapter (shown path → its text) without a `description:` of one line."""
    problems = []
    for file, text in sorted(sources.items()):
        value = get_data(text)[1].get("description")
        if not isinstance(value, str) or not value.strip():
            problems.append(f"{file}: has no `description:` in its front matter")
        elif "\n" in value.strip():
            problems.append(f"{file}: `description:` must be one line of text")
    return problems


def keep_line_numbers(source: str, markdown: str) -> str:
    """`markdown` after a blank line per front-matter line: line N is line N of the file."""
    if not source.endswith(markdown):
        return markdown
    return "\n" * source[: len(source) - len(markdown)].count("\n") + markdown
