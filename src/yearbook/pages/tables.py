"""A dataset's full table in one language (template: partials/yearbook/table.html).

A page shows its own language's version of a column (`name_zh` on zh pages, `name_en` or a
bare `name` on en pages). Qualifier columns (`value_qualifier`, `robots_qualifier`, ...) and a
per-row `unit` are folded into the number they qualify; ids of other rows become links. Fields
the schema displays as `detail` (notes, sources) are not columns but each row's expandable
detail, so that a table fits the page's column.
"""

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from functools import cache
from typing import Any

from markupsafe import Markup, escape

from yearbook.data.model import Dataset, ids_in, localized, references
from yearbook.data.schema import LANGUAGES, Field, Schema
from yearbook.formatting import MONEY_UNITS, text
from yearbook.pages.cells import (
    ON_THIS_PAGE,
    Cell,
    DataPages,
    Link,
    cell,
    qualifier_targets,
    reference_link,
    row_anchor,
    row_qualifiers,
)
from yearbook.pages.entities import FOLDERS, entity_path

_LONG_TEXT = 40
LONG_TABLE_ROWS = 12
"""A table of more rows is laid out only as it nears the screen; a short one at once, so it
never stands in a space estimated for it (tables.css)."""
GROUP_ROWS = 8
"""A long table's rows come in <tbody> groups of this many: on a phone a group off the screen
is skipped whole (tables.css), so Material's start-up restyles of the page (its palette) do not
touch every card. Tablesort sorts across the groups (tablesort-init.js)."""
_BRACKETED = re.compile("\\s*[(\uff08][^()\uff08\uff09]*[)\uff09]$")
_LANGUAGE_NOTE = re.compile("\\s*[(\uff08](?:English|Chinese|\u82f1\u6587|\u4e2d\u6587)[)\uff09]$")


@dataclass(frozen=True)
class Column:
    name: str
    title: str
    numeric: bool = False
    wide: bool = False
    """Holds long texts (notes, titles): given room so rows do not grow very tall."""


@dataclass(frozen=True)
class TableRow:
    anchor: str
    cells: tuple[Cell, ...]
    details: tuple[tuple[str, Cell], ...] = ()
    """The row's detail: (title, cell) of each `detail` field with a value."""


@dataclass(frozen=True)
class Table:
    name: str
    label: str
    columns: tuple[Column, ...]
    rows: tuple[TableRow, ...]
    separator: str
    details: tuple[Column, ...] = ()
    """The fields each row's detail may hold (those with a value, in this order)."""
    detail_label: str = ""
    """What opens a row's detail."""
    title_column: int = 0
    """The column naming a row (its first text in the page's language): a card's heading."""
    sort_label: str = ""
    """Says that the headers sort, where a phone shows them apart from the rows."""

    def body_html(self) -> Markup:
        """The table's bodies: its rows, each cell labelled with its column's title
        (`data-label`: on a phone a row is a card of labelled values, tables.css), and a row's
        detail after it; a long table's rows in groups of GROUP_ROWS.
        Written here rather than in table.html: Jinja took seconds for a 100x-data build."""
        labels = [escape(column.title) for column in self.columns]
        opening = (
            f'<tr class="yearbook-detail"><td colspan="{len(labels)}"><details>'
            f"<summary>{escape(self.detail_label)}</summary><dl>"
        )
        lines = ["<tbody>"]
        for position, row in enumerate(self.rows):
            if position and position % self.group_rows == 0:
                lines.append("</tbody>\n<tbody>")
            lines.append(f'<tr id="{escape(row.anchor)}">')
            for label, shown in zip(labels, row.cells, strict=True):
                number = ' class="yearbook-number"' if shown.numeric else ""
                sort = f' data-sort="{escape(shown.sort)}"' if shown.sort else ""
                lines.append(
                    f'<td data-label="{label}"{number}{sort}>{shown.html(self.separator)}</td>'
                )
            lines.append("</tr>")
            if row.details:
                lines.append(f"{opening}{self._detail_html(row)}</dl></details></td></tr>")
        lines.append("</tbody>")
        return Markup("\n".join(lines))

    def cards_html(self) -> Markup:
        """The rows as Material's grid cards (an entity page's related rows): each headed by
        its title column, its other values labelled, its detail under a toggle. In Python for
        the reason body_html is: a company's page lists every deal naming it."""
        titles = [escape(column.title) for column in self.columns]
        opening = (
            '<div class="yearbook-detail"><details>'
            f"<summary>{escape(self.detail_label)}</summary><dl>"
        )
        lines = ['<div class="grid cards yearbook-related">', "<ul>"]
        for row in self.rows:
            anchor, heading = escape(row.anchor), row.cells[self.title_column].html(self.separator)
            lines += [f'<li id="{anchor}">', f"<p><strong>{heading}</strong></p>", "<dl>"]
            lines += [
                f"<dt>{title}</dt><dd>{shown.html(self.separator)}</dd>"
                for index, (title, shown) in enumerate(zip(titles, row.cells, strict=True))
                if index != self.title_column and (shown.text or shown.links)
            ]
            lines.append("</dl>")
            if row.details:
                lines += [opening, self._detail_html(row), "</dl></details></div>"]
            lines.append("</li>")
        lines += ["</ul>", "</div>"]
        return Markup("\n".join(lines))

    def _detail_html(self, row: TableRow) -> str:
        """A row's detail as the items of a description list, on one line."""
        return "".join(
            f"<dt>{escape(title)}</dt><dd>{shown.html(self.separator)}</dd>"
            for title, shown in row.details
        )

    @property
    def long(self) -> bool:
        """Laid out only as it nears the screen (tables.css): a long page opens faster."""
        return len(self.rows) > LONG_TABLE_ROWS

    @property
    def group_rows(self) -> int:
        """The rows of each <tbody>: GROUP_ROWS in a long table, all of them otherwise."""
        return GROUP_ROWS if self.long else len(self.rows)


def shown_fields(schema: Schema, language: str) -> tuple[Field, ...]:
    """The fields a page in `language` shows, in schema order, but the key (the row's anchor)."""
    hidden = set(qualifier_targets(schema)) | set(schema.primary_key[:1])
    if {"unit", "value"} <= set(schema.field_names):  # each row's unit of its value
        hidden.add("unit")
    return tuple(
        field
        for field in schema.fields
        if field.name not in hidden and _language_variant(field.name, schema)[1] in (None, language)
    )


def visible_fields(schema: Schema, language: str) -> tuple[Field, ...]:
    """The table's columns: the fields shown whose schema `display` is `column` (the default)."""
    return tuple(f for f in shown_fields(schema, language) if f.display == "column")


def detail_fields(schema: Schema, language: str) -> tuple[Field, ...]:
    """The fields shown in each row's expandable detail (schema `display`: `detail`)."""
    return tuple(f for f in shown_fields(schema, language) if f.display == "detail")


def build_table(
    name: str,
    datasets: Mapping[str, Dataset],
    language: str,
    data_pages: DataPages = ON_THIS_PAGE,
    entity_root: str | None = None,
) -> Table:
    """Every row of dataset `name` in `language`, linking other rows and sources in the data
    chapter (`data_pages`); with `entity_root` (the language's front page), companies,
    clusters and events link to their own pages instead."""
    dataset = datasets[name]
    schema = dataset.schema
    fields = visible_fields(schema, language)
    details = detail_fields(schema, language)
    targets = qualifier_targets(schema)
    linked = {
        field: datasets[resource]
        for field, resource in references(schema).items()
        if resource != name and resource in datasets
    }
    key = schema.primary_key[0] if schema.primary_key else None
    entity_pages = entity_root if name in FOLDERS else None  # names link to entity pages

    @cache  # one row or source is linked alike on every row
    def link(field: str, item: str) -> Link:
        return reference_link(linked[field], item, language, data_pages, entity_root)

    def value(field: Field, record: Mapping[str, Any], qualifiers: Mapping[str, str]) -> Cell:
        if field.name in linked:
            return Cell("", links=tuple(link(field.name, item) for item in ids_in(record, field)))
        return cell(field, record, qualifiers.get(field.name), language)

    titles = {field.name: _header(field, schema, language) for field in fields + details}
    rows = []
    for position, record in enumerate(dataset.rows):
        qualifiers = row_qualifiers(record, targets)
        row_id = record.get(key) if key else position + 1
        cells = []
        for field in fields:
            shown = value(field, record, qualifiers)
            if entity_pages is not None and field.name.startswith("name_") and shown.text:
                href = entity_pages + entity_path(name, str(row_id))
                shown = replace(shown, links=(Link(shown.text, href),))
            cells.append(shown)
        detail = ((titles[f.name], value(f, record, qualifiers)) for f in details)
        filled = tuple((title, c) for title, c in detail if c.text or c.links)
        rows.append(TableRow(row_anchor(name, row_id), tuple(cells), filled))
    wide = [any(len(row.cells[i].text) > _LONG_TEXT for row in rows) for i in range(len(fields))]
    columns = tuple(
        Column(f.name, titles[f.name], f.is_numeric, w) for f, w in zip(fields, wide, strict=True)
    )
    return Table(
        name,
        text(language, "table.label", title=dataset.title(language)),
        columns,
        tuple(rows),
        text(language, "value.list_separator"),
        details=tuple(Column(f.name, titles[f.name], f.is_numeric) for f in details),
        detail_label=text(language, "table.detail"),
        sort_label=text(language, "table.sort"),
        title_column=next(
            (i for i, f in enumerate(fields) if _language_variant(f.name, schema)[1]), 0
        ),
    )


def _language_variant(name: str, schema: Schema) -> tuple[str | None, str | None]:
    """(`base`, language) when the field is one language's version of a column: `name_zh` →
    (name, zh); a bare `name` beside `name_zh` without `name_en` is the English one."""
    for language in LANGUAGES:
        if name.endswith(f"_{language}"):
            return name.removesuffix(f"_{language}"), language
    names = schema.field_names
    if f"{name}_zh" in names and f"{name}_en" not in names:
        return name, "en"
    return None, None


def _header(field: Field, schema: Schema, language: str) -> str:
    """A column's title without the bracketed language (English, 中文) telling twins apart, or
    the bracketed unit of an amount (US$ m), which its cells print with their currency."""
    title = localized(field.title, field.title_zh, language) or field.name
    if field.name.endswith(MONEY_UNITS):
        return _BRACKETED.sub("", title) or title
    if _language_variant(field.name, schema)[0] is None:
        return title
    return _LANGUAGE_NOTE.sub("", title) or title
