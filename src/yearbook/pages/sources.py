"""The sources list: every source with the rows citing it (partials/yearbook/sources.html)."""

from collections.abc import Mapping
from typing import NamedTuple

from yearbook.data.downloads import citation_rows
from yearbook.data.model import SOURCES, Dataset, text_of
from yearbook.formatting import count_text, format_partial_date, text
from yearbook.pages.cells import (
    ON_THIS_PAGE,
    DataPages,
    Link,
    punctuation,
    row_link,
    source_anchor,
)


class Citation(NamedTuple):
    text: str
    href: str
    rows: tuple[Link, ...] = ()  # each row of the dataset citing the source, linked


class SourceEntry(NamedTuple):
    anchor: str
    publisher: str
    published: str
    title: str
    file: str
    citations: tuple[Citation, ...]


def build_sources(
    datasets: Mapping[str, Dataset], language: str, data_pages: DataPages = ON_THIS_PAGE
) -> tuple[SourceEntry, ...]:
    """Every source, in the order of sources.csv, with the rows of each dataset citing it
    (linked to the dataset's heading `#<name>` and its rows in its table)."""
    citing: dict[str, dict[str, list[str]]] = {}  # source → dataset → ids of rows citing it
    for name, row_id, source_id in citation_rows(datasets):
        citing.setdefault(source_id, {}).setdefault(name, []).append(row_id)
    entries = []
    for record in datasets[SOURCES].rows:
        source_id = str(record["id"])
        citations = []
        for name, ids in sorted(citing.get(source_id, {}).items()):
            count = count_text(len(ids), "count.rows", language)
            title = datasets[name].title(language)
            label = text(language, "sources.cited_rows", dataset=title, rows=count)
            links = tuple(row_link(datasets[name], row_id, language, data_pages) for row_id in ids)
            citations.append(Citation(label, f"{data_pages.table(name)}#{name}", links))
        entries.append(
            SourceEntry(
                source_anchor(source_id),
                text_of(record, "publisher", language),
                format_partial_date(record.get("published"), language),
                text(language, "sources.quoted_title", title=text_of(record, "title", language)),
                str(record.get("file") or ""),
                tuple(citations),
            )
        )
    return tuple(entries)


def sources_labels(language: str) -> dict[str, str]:
    """The fixed words of the sources list."""
    keys = ("published", "file", "cited_by", "not_cited", "rows")
    return {key: text(language, f"sources.{key}") for key in keys} | punctuation(language)
