"""Inline references in prose (`{{ deals:ID:total_usd_m }}`, `{{ count:… }}`, `{{ cite:… }}`;
see README.md), filled in from the datasets: an edit to a CSV updates every page quoting it."""

import re
from collections.abc import Callable, Mapping
from functools import partial

from yearbook.data.model import Dataset, text_of
from yearbook.formatting import (
    format_count,
    format_partial_date,
    text,
    undisclosed,
)
from yearbook.pages.cells import format_cell, source_anchor
from yearbook.pages.entities import FOLDERS, entity_path
from yearbook.pages.markdown import CODE, REFERENCE, markdown_text, scan


class UnknownReference(ValueError):
    """A reference the build cannot fill; the message names the page, line and the fix."""


def fill_references(
    markdown: str,
    datasets: Mapping[str, Dataset],
    language: str,
    file: str,
    data_page: str,
    root: str | None = None,
) -> str:
    """`markdown` with every `{{ … }}` replaced, and footnotes for the cited sources. With
    `root` (relative URL of the language's front page), entity names link to their pages."""
    cited: dict[str, None] = {}
    filled = _fill_lines(markdown, file, partial(_fill, datasets, language, cited, root))
    if not cited:
        return filled
    # Raw HTML links: the sources list is put in after Markdown, where MkDocs cannot see its
    # anchors; tests/test_references_site.py checks these links in the built site instead.
    notes = [
        f'[^{source}]: <a href="{data_page}#{source_anchor(source)}">'
        f"{markdown_text(_source_note(datasets, source, language))}</a>"
        for source in cited
    ]
    return filled.rstrip("\n") + "\n\n" + "\n".join(notes) + "\n"


def _fill_lines(markdown: str, file: str, fill: Callable[[str, re.Match[str]], str]) -> str:
    """`markdown` with each `{{ … }}` outside code replaced by `fill(where, reference)`."""
    return "\n".join(
        REFERENCE.sub(partial(fill, f"{file}:{number}"), line)
        if zone != CODE and "{{" in line
        else line
        for number, line, zone in scan(markdown)
    )


def _fill(
    datasets: Mapping[str, Dataset],
    language: str,
    cited: dict[str, None],
    root: str | None,
    where: str,
    reference: re.Match[str] | str,
) -> str:
    body = reference if isinstance(reference, str) else reference["body"]
    parts = body.split(":")
    if parts[0] == "cite" and len(parts) == 2:
        sources = [source for source in parts[1].split(";") if source]
        unknown = [source for source in sources if source not in datasets["sources"].by_id]
        if not sources or unknown:
            raise UnknownReference(
                f"{where}: {{{{ {body} }}}} cites unknown source {', '.join(unknown) or '(none)'};"
                " use ids from data/sources.csv, separated by ;"
            )
        cited.update(dict.fromkeys(sources))
        return "".join(f"[^{source}]" for source in sources)
    if parts[0] == "count" and len(parts) == 2:
        dataset = _dataset(datasets, parts[1], body, where)
        return format_count(len(dataset.rows), language)
    if len(parts) != 3:
        raise UnknownReference(
            f"{where}: cannot read {{{{ {body} }}}}; write {{{{ dataset:row-id:column }}}},"
            " {{ count:dataset }} or {{ cite:source-id }}"
        )
    name, row_id, column = parts
    dataset = _dataset(datasets, name, body, where)
    row = dataset.by_id.get(row_id)
    if row is None:
        raise UnknownReference(f"{where}: no row {row_id!r} in data/{name}.csv ({{{{ {body} }}}})")
    fields = dataset.schema.by_name
    if column not in fields and f"{column}_{language}" in fields:
        value = markdown_text(text_of(row, column, language) or undisclosed(language))
        if column == "name" and name in FOLDERS and root is not None:
            return f'<a href="{root}{entity_path(name, row_id)}">{value}</a>'
        return value
    if column not in fields:
        raise UnknownReference(
            f"{where}: data/{name}.csv has no column {column!r} ({{{{ {body} }}}});"
            f" columns: {', '.join(fields)}"
        )
    return markdown_text(format_cell(dataset.schema, fields[column], row, language))


EDITION_REFERENCE = re.compile(r"\{\{\s*\d{4}:")  # `{{ 2026:… }}`, a frozen edition's figure


def fill_edition_references(
    markdown: str,
    editions: Callable[[str], Mapping[str, Dataset] | None],
    language: str,
    file: str,
) -> str:
    """`markdown` with each `{{ 2026:… }}` filled from the datasets of that frozen edition."""

    def fill(where: str, reference: re.Match[str]) -> str:
        edition, _, body = reference["body"].partition(":")
        if not re.fullmatch(r"\d{4}", edition) or not body:
            return reference[0]
        datasets = editions(edition)
        if datasets is None:
            raise UnknownReference(
                f"{where}: no frozen edition {edition} ({{{{ {reference['body']} }}}});"
                " `yearbook edition new` freezes one into editions/"
            )
        if body.startswith("cite:"):
            raise UnknownReference(f"{where}: cite sources of this edition ({{{{ {body} }}}})")
        return _fill(datasets, language, {}, None, where, body)

    return _fill_lines(markdown, file, fill)


def _dataset(datasets: Mapping[str, Dataset], name: str, body: str, where: str) -> Dataset:
    if name not in datasets:
        raise UnknownReference(
            f"{where}: unknown dataset {name!r} in {{{{ {body} }}}};"
            f" datasets: {', '.join(sorted(datasets))}"
        )
    return datasets[name]


def _source_note(datasets: Mapping[str, Dataset], source_id: str, language: str) -> str:
    source = datasets["sources"].by_id[source_id]
    publisher, title = text_of(source, "publisher", language), text_of(source, "title", language)
    date = format_partial_date(source["published"], language)
    return text(language, "reference.source", publisher=publisher, date=date, title=title)
