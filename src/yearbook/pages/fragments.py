"""Placeholders: where HTML goes into a page once it exists. A marker's HTML goes in after
Markdown rendered the page (`late` ones after search indexed it, as parsing and indexing big
tables would cost most of the build); a chart's once the chart is made."""

import re
from collections.abc import Callable, Iterable

_FIGURE = re.compile(r"<!-- yearbook:figure ([a-z0-9-]+) ([a-z]+) -->")


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


def figure_placeholder(name: str, language: str) -> str:
    return f"<!-- yearbook:figure {name} {language} -->"


def place_figures(html: str, figure: Callable[[str, str], str | None]) -> str:
    """`html` with each chart placeholder replaced by `figure(...)`, unless None (being made)."""
    return _FIGURE.sub(lambda match: figure(match[1], match[2]) or match[0], html)


def figures_missing(html: str) -> bool:
    return _FIGURE.search(html) is not None
