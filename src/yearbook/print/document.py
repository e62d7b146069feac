"""The print document of one language: a cover, the contents and every chapter in order.

It is HTML for WeasyPrint, styled by `print.css` alone (not the site's theme): each chapter is
a `<section class="chapter">` carrying its navigation title (`data-title`) for the PDF outline
and the running header; the pages printed under a chapter (the directory's entries) follow it
as `<section class="entry">`.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass

from yearbook.print.article import PrintedPage

MAX_CONTENTS_SECTIONS = 12
"""A chapter with more sections (the glossary: one per term) lists only its title."""


@dataclass(frozen=True)
class Entry:
    """A page printed inside a chapter, e.g. a company's page after the directory."""

    anchor: str
    page: PrintedPage


@dataclass(frozen=True)
class Chapter:
    title: str
    """As in the navigation (`nav:` in mkdocs.yml)."""
    anchor: str
    page: PrintedPage
    entries: tuple[Entry, ...] = ()


@dataclass(frozen=True)
class Cover:
    title: str
    description: str
    edition: str
    language: str
    generated: str
    online: str
    copyright: str


def _text(value: str) -> str:
    return html.escape(value, quote=True)


def cover_html(cover: Cover) -> str:
    return (
        '<section class="cover">\n'
        f'<p class="cover__edition">{_text(cover.edition)}</p>\n'
        f'<p class="cover__title">{_text(cover.title)}</p>\n'
        f'<p class="cover__description">{_text(cover.description)}</p>\n'
        f'<p class="cover__language">{_text(cover.language)}</p>\n'
        '<div class="cover__colophon">\n'
        f"<p>{_text(cover.generated)}</p>\n"
        f"<p>{_text(cover.online)}</p>\n"
        f"<p>{_text(cover.copyright)}</p>\n"
        "</div>\n"
        "</section>\n"
    )


def contents_html(title: str, chapters: Sequence[Chapter]) -> str:
    """The table of contents: chapters and their sections, page numbers filled by the CSS
    (`target-counter`)."""
    items = []
    for chapter in chapters:
        headings = [h for h in chapter.page.headings if h.level == 2 and h.id]
        sections = "".join(
            f'<li><a href="#{_text(heading.id)}">{_text(heading.text)}</a></li>'
            for heading in headings
            if len(headings) <= MAX_CONTENTS_SECTIONS
        )
        items.append(
            f'<li><a href="#{_text(chapter.anchor)}">{_text(chapter.title)}</a>'
            + (f'<ol class="contents__sections">{sections}</ol>' if sections else "")
            + "</li>"
        )
    return (
        '<section class="contents">\n'
        f'<p class="contents__title">{_text(title)}</p>\n'
        '<ol class="contents__chapters">\n' + "\n".join(items) + "\n</ol>\n</section>\n"
    )


def chapter_html(chapter: Chapter) -> str:
    entries = "".join(
        f'<section class="entry" id="{_text(entry.anchor)}">\n{entry.page.html}\n</section>\n'
        for entry in chapter.entries
    )
    return (
        f'<section class="chapter" id="{_text(chapter.anchor)}" '
        f'data-title="{_text(chapter.title)}">\n{chapter.page.html}\n{entries}</section>\n'
    )


def print_document(
    *, language: str, title: str, cover: Cover, contents_title: str, chapters: Sequence[Chapter]
) -> str:
    """The whole print document of one language, as HTML."""
    body = (
        cover_html(cover)
        + contents_html(contents_title, chapters)
        + "".join(chapter_html(chapter) for chapter in chapters)
    )
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{_text(language)}">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{_text(title)}</title>\n"
        f'<meta name="description" content="{_text(cover.description)}">\n'
        f"</head>\n<body>\n{body}</body>\n</html>\n"
    )
