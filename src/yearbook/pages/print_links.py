"""The print edition on a page (`<!-- yearbook:print-edition -->`): a sentence linking the PDFs
the build publishes, the page's language first; nothing when the build publishes none, so a
page never links a PDF the site lacks (yearbook.cache.print_edition decides which)."""

from collections.abc import Sequence
from dataclasses import dataclass

from yearbook.data.downloads import PACKAGE_NAME
from yearbook.ui import catalogue


def pdf_name(edition: str, language: str) -> str:
    """`china-innovation-yearbook-2026-zh.pdf`: the print edition's file in `downloads/`."""
    return f"{PACKAGE_NAME}-{edition}-{language}.pdf"


@dataclass(frozen=True)
class PrintLink:
    language: str
    """The PDF's language, e.g. `en`."""
    label: str
    href: str


@dataclass(frozen=True)
class PrintLinks:
    before: str
    links: tuple[PrintLink, ...]
    after: str


def print_links(published: Sequence[tuple[str, str]], language: str) -> PrintLinks | None:
    """The sentence for a page in `language`, from the `published` PDFs as (language, relative
    link) pairs; None when there are none."""
    if not published:
        return None
    ui = catalogue(language)
    ordered = sorted(published, key=lambda pdf: pdf[0] != language)  # stable: config order
    links = tuple(PrintLink(code, ui[f"print_edition.{code}"], href) for code, href in ordered)
    before, _, after = ui["print_edition.text"].partition("{links}")
    return PrintLinks(before, links, after)
