"""The front page's cover: the edition line (`<!-- yearbook:edition -->`) and key-figure tiles
(`<!-- yearbook:key-figure INDICATOR CHAPTER -->`, one line each; consecutive lines make one
set of tiles). A tile shows an indicator's value as its `{{ indicators:ID:value }}` reference
prints it, with what it counts, its area and period from the row, its sources and its chapter.
"""

from collections.abc import Callable, Mapping, Sequence
from typing import NamedTuple

from yearbook.data.model import Dataset, ids_in, text_of
from yearbook.formatting import format_period, text
from yearbook.pages.cells import DataPages, Link, format_cell, punctuation, source_link
from yearbook.pages.markers import Marker

COVER_KINDS = frozenset({"edition", "key-figure"})  # the marker kinds this module renders
INDICATORS = "indicators"  # has each figure's metric, area and period in both languages

Render = Callable[..., str]  # `render(template, **context)`, a partial of partials/yearbook/


class Chapter(NamedTuple):
    """A page of the language's navigation a key figure can link to."""

    name: str  # its file name without `.md` (`deals`), the same in every language
    title: str
    href: str  # relative to the page being filled


class KeyFigure(NamedTuple):
    value: str  # as `{{ indicators:ID:value }}` prints it, qualifier and unit included
    counts: str
    area: str
    period: str
    sources: tuple[Link, ...]
    chapter: Link


def cover_html(
    marker: Marker,
    markers: Sequence[Marker],
    datasets: Mapping[str, Dataset],
    language: str,
    edition: str,
    chapters: Sequence[Chapter],
    data_page: str,
    render: Render,
) -> str:
    """The HTML of a cover marker: the edition line, or, at the first line of consecutive
    key-figure markers, their tiles (nothing at the others)."""
    if marker.kind == "edition":
        return render("edition.html", edition=text(language, "cover.edition", edition=edition))
    lines = {other.line: other for other in markers if other.kind == "key-figure"}
    if marker.line - 1 in lines:
        return ""  # part of the tiles that the run's first line shows
    run = [marker]
    while run[-1].line + 1 in lines:
        run.append(lines[run[-1].line + 1])
    by_name = {chapter.name: chapter for chapter in chapters}
    figures = [
        key_figure(str(tile.name), by_name[str(tile.link)], datasets, language, data_page)
        for tile in run
    ]
    source = text(language, "cover.source")
    return render("key-figures.html", figures=figures, source=source, **punctuation(language))


def key_figure(
    indicator: str,
    chapter: Chapter,
    datasets: Mapping[str, Dataset],
    language: str,
    data_page: str,
) -> KeyFigure:
    """The tile of one indicator, linking to `chapter`."""
    dataset = datasets[INDICATORS]
    row = dataset.by_id[indicator]
    fields = dataset.schema.by_name
    sources = datasets["sources"]
    return KeyFigure(
        value=format_cell(dataset.schema, fields["value"], row, language),
        counts=text_of(row, "metric", language),
        area=text_of(row, "area", language),
        period=format_period(row.get("period"), language),
        sources=tuple(
            source_link(sources, source, language, DataPages(data_page), titled=False)
            for source in ids_in(row, fields["source"])
        ),
        chapter=Link(text(language, "cover.chapter", chapter=chapter.title), chapter.href),
    )
