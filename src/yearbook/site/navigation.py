"""One sidebar per language, split from the `nav:` of mkdocs.yml, which lists the pages once
per language under a top-level section named by its code (`- zh: [...]`, `- en: [...]`)."""

from collections.abc import Sequence

from mkdocs.structure.nav import Navigation, Section
from mkdocs.utils import get_relative_url

from yearbook.pages.cover import Chapter
from yearbook.site.languages import Language


class NavigationError(ValueError):
    """The `nav:` in mkdocs.yml does not have one matching section per language."""


def split_navigation(nav: Navigation, languages: Sequence[Language]) -> dict[str, Navigation]:
    """Each language's own Navigation; every language must list the same pages in order."""
    sections = {item.title: item for item in nav.items if isinstance(item, Section)}
    expected = [language.code for language in languages]
    found = [getattr(item, "title", None) for item in nav.items]
    if sorted(map(str, found)) != sorted(expected):
        raise NavigationError(
            f"mkdocs.yml: `nav` must have exactly one top-level section per language, "
            f"titled by its code {expected}; found {found}"
        )
    navigations: dict[str, Navigation] = {}
    listed: dict[str, list[str]] = {}
    for language in languages:
        children = list(sections[language.code].children)
        for child in children:
            child.parent = None  # the language section is not part of the reader's path
        pages = [page for page in nav.pages if page.file.src_uri.startswith(language.content_dir)]
        nexts = [*pages[1:], None]
        for page, previous, following in zip(pages, [None, *pages], nexts, strict=False):
            page.previous_page, page.next_page = previous, following
        paths = [page.file.src_uri.removeprefix(language.content_dir) for page in pages]
        listed[language.code] = paths
        if "index.md" not in paths:
            raise NavigationError(
                f"mkdocs.yml: the `{language.code}` navigation must include "
                f"{language.content_dir}index.md, the {language.name} front page"
            )
        navigations[language.code] = Navigation(children, pages)
        navigations[language.code].homepage = pages[paths.index("index.md")]
        first = languages[0].code
        if paths != listed[first]:
            raise NavigationError(
                f"mkdocs.yml: the `{language.code}` navigation lists {paths},"
                f" but the `{first}` navigation lists {listed[first]}; list the same pages in"
                " the same order in every language"
            )
    return navigations


def chapters_of(navigation: Navigation, language: Language, page_url: str) -> tuple[Chapter, ...]:
    """The pages of a language's navigation as key figures link to them from `page_url`."""
    return tuple(
        Chapter(
            name=page.file.src_uri.removeprefix(language.content_dir).removesuffix(".md"),
            title=str(page.title),
            href=get_relative_url(page.url, page_url),
        )
        for page in navigation.pages
    )
