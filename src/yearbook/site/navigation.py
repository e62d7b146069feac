"""One navigation per language, split from the `nav:` of mkdocs.yml.

mkdocs.yml lists the navigation once per language, under a top-level section named by the
language code (`- zh: [...]`, `- en: [...]`). Each page is rendered with its language's part
only, so readers never see the other language's titles in the sidebar.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from yearbook.site.languages import Language


class NavigationError(ValueError):
    """The `nav:` in mkdocs.yml does not have one matching section per language."""


def _pages_in(items: Iterable[object]) -> list[Page]:
    pages: list[Page] = []
    for item in items:
        if isinstance(item, Page):
            pages.append(item)
        elif isinstance(item, Section):
            pages.extend(_pages_in(item.children))
    return pages


def _link_previous_and_next(pages: Sequence[Page]) -> None:
    for previous, page in zip([None, *pages], pages, strict=False):
        page.previous_page = previous
        if previous is not None:
            previous.next_page = page
    if pages:
        pages[-1].next_page = None


def _page_path(page: Page, language: Language) -> str:
    return page.file.src_uri.removeprefix(language.content_dir)


def split_navigation(nav: Navigation, languages: Sequence[Language]) -> dict[str, Navigation]:
    """Return each language's own Navigation; every language must list the same pages in order."""
    sections = {item.title: item for item in nav.items if isinstance(item, Section)}
    expected = [language.code for language in languages]
    found = [getattr(item, "title", None) for item in nav.items]
    if sorted(map(str, found)) != sorted(expected):
        raise NavigationError(
            f"mkdocs.yml: `nav` must have exactly one top-level section per language, "
            f"titled by its code {expected}; found {found}"
        )
    navigations: dict[str, Navigation] = {}
    for language in languages:
        section = sections[language.code]
        children = list(section.children)
        for child in children:
            child.parent = None  # the language section is not part of the reader's path
        pages = _pages_in(children)
        _link_previous_and_next(pages)
        navigation = Navigation(children, pages)
        navigation.homepage = next(
            (page for page in pages if _page_path(page, language) == "index.md"), None
        )
        if navigation.homepage is None:
            raise NavigationError(
                f"mkdocs.yml: the `{language.code}` navigation must include "
                f"{language.content_dir}index.md, the {language.name} front page"
            )
        navigations[language.code] = navigation

    reference, *others = languages
    reference_paths = [_page_path(p, reference) for p in navigations[reference.code].pages]
    for language in others:
        paths = [_page_path(p, language) for p in navigations[language.code].pages]
        if paths != reference_paths:
            raise NavigationError(
                f"mkdocs.yml: the `{language.code}` navigation lists {paths}, but the "
                f"`{reference.code}` navigation lists {reference_paths}; list the same pages "
                "in the same order in every language"
            )
    return navigations
