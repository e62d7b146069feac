"""The sources list: every source with the rows citing it (template:
partials/yearbook/sources.html)."""

from collections.abc import Mapping
from dataclasses import dataclass

from yearbook.data.model import SOURCES, Dataset, ids_in, references
from yearbook.pages.cells import (
    Link,
    count_text,
    punctuation,
    row_anchor,
    row_label,
    source_anchor,
    text_in,
)
from yearbook.pages.formatting import format_partial_date, text


@dataclass(frozen=True)
class Citation:
    text: str
    href: str
    rows: tuple[Link, ...] = ()
    """Each row of the dataset citing the source, linked to it in the dataset's table."""


@dataclass(frozen=True)
class SourceEntry:
    id: str
    anchor: str
    publisher: str
    published: str
    title: str
    file: str
    citations: tuple[Citation, ...]


def build_sources(
    datasets: Mapping[str, Dataset], language: str, data_page: str = ""
) -> tuple[SourceEntry, ...]:
    """Every source, in the order of sources.csv, with the rows of each dataset citing it
    (linked to the dataset's section `#<name>` and its rows on the data page `data_page`)."""
    citing: dict[str, dict[str, list[str]]] = {}  # source → dataset → ids of rows citing it
    for name, dataset in sorted(datasets.items()):
        for column, resource in references(dataset.schema).items():
            if resource != SOURCES:
                continue
            field = dataset.schema.get_field(column)
            for record in dataset.rows:
                for source_id in ids_in(record, field):
                    rows = citing.setdefault(source_id, {}).setdefault(name, [])
                    rows.append(str(record.get("id")))
    entries = []
    for record in datasets[SOURCES].rows:
        source_id = str(record["id"])
        cited = citing.get(source_id, {})
        citations = tuple(
            Citation(
                text(
                    language,
                    "sources.cited_rows",
                    dataset=datasets[name].title(language),
                    rows=count_text(len(cited[name]), "count.rows", language),
                ),
                f"{data_page}#{name}",
                tuple(
                    Link(
                        row_label(datasets[name], row_id, language),
                        f"{data_page}#{row_anchor(name, row_id)}",
                    )
                    for row_id in cited[name]
                ),
            )
            for name in sorted(cited)
        )
        entries.append(
            SourceEntry(
                source_id,
                source_anchor(source_id),
                text_in(record, "publisher", language),
                format_partial_date(record.get("published"), language),
                text(language, "sources.quoted_title", title=text_in(record, "title", language)),
                str(record.get("file") or ""),
                citations,
            )
        )
    return tuple(entries)


def sources_labels(language: str) -> dict[str, str]:
    """The fixed words of the sources list."""
    keys = ("published", "file", "cited_by", "not_cited", "rows")
    return {key: text(language, f"sources.{key}") for key in keys} | punctuation(language)
