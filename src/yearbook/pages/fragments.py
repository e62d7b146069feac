"""The HTML of a page's markers, put in after Markdown rendered the page (and `late` ones after
search indexed it), as parsing and indexing big tables would cost most of the build's time.
"""

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class FilledPage:
    markdown: str
    """The page's Markdown, each marker replaced by a placeholder (`fragment_placeholder`)."""
    fragments: tuple[str, ...]
    charts: tuple[tuple[str, str], ...]
    """(chart name, language) of each chart on the page."""
    late: tuple[int, ...]
    reads: tuple[str, ...]
    """What the page read of the data (not its charts': they go in once made)."""


def fragment_placeholder(number: int) -> str:
    return f'<div data-yearbook-fragment="{number}"></div>'


def place_fragments(
    html: str, fragments: tuple[str, ...], numbers: Iterable[int] | None = None
) -> str:
    """`html` with the placeholder of each fragment (or of those `numbers`) replaced by it."""
    for number in range(len(fragments)) if numbers is None else numbers:
        placeholder = fragment_placeholder(number)
        if placeholder not in html:
            raise LookupError(f"fragment {number} lost its place in the page")
        html = html.replace(placeholder, fragments[number], 1)
    return html
