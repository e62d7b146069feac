"""A value of the data as a page shows it: a formatted cell, or a link to the row or source it
names (rows at `#<dataset>-<id>` of the page with the dataset's table, sources at
`#source-<id>` of the data chapter)."""

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup, escape

from yearbook.data.model import SOURCES, Dataset, text_of
from yearbook.data.schema import Field, Schema
from yearbook.formatting import (
    MONEY_UNITS,
    format_enum,
    format_partial_date,
    format_period,
    format_quantity,
    territory_name,
    text,
    undisclosed,
)
from yearbook.pages.entities import FOLDERS, entity_path

TERRITORY_FIELDS = ("country", "market")  # ISO 3166 codes, shown as the territory's name

_SINGLE_QUOTES = str.maketrans("\u201c\u201d", "\u2018\u2019")  # double quotes to single


@dataclass(frozen=True)
class Link:
    text: str
    href: str


@dataclass(frozen=True)
class DataPages:
    """Relative links from a page to the data chapter (its sources list) and to the pages that
    show each dataset's table, when the chapter has a page per dataset (`data/<dataset>.md`).
    An empty link points into the page itself."""

    chapter: str = ""
    tables: Mapping[str, str] = field(default_factory=dict)

    def table(self, dataset: str) -> str:
        return self.tables.get(dataset, self.chapter)


ON_THIS_PAGE = DataPages()
"""For the data chapter itself: every row and source is on the page."""


@dataclass(frozen=True)
class Cell:
    text: str
    sort: str | None = None
    """Machine sort key (`data-sort`): the number or the ISO date; None sorts by the text."""
    numeric: bool = False
    links: tuple[Link, ...] = ()
    """When set, the cell shows these links (joined by the list separator) instead of text."""
    code: bool = False

    def html(self, separator: str) -> Markup:
        """What the cell shows, as HTML: its links joined by `separator`, code, or its text;
        every text escaped. (Python, not a template macro: tables and cards show thousands.)"""
        if self.links:
            return escape(separator).join(
                Markup(f'<a href="{escape(link.href)}">{escape(link.text)}</a>')
                for link in self.links
            )
        if self.code:
            return Markup(f"<code>{escape(self.text)}</code>")
        return escape(self.text)


def row_anchor(dataset: str, row_id: object) -> str:
    """The HTML id of a row in a dataset's table, e.g. `companies-cspc`."""
    return f"{dataset}-{row_id}"


def source_anchor(source_id: str) -> str:
    """The HTML id of a source in the sources list, e.g. `source-xinhua-2026-05-27`."""
    return "source-" + source_id


def cell(
    field: Field,
    record: Mapping[str, Any],
    qualifier: str | None,
    language: str,
) -> Cell:
    """A value as text in `language`; a number with its `qualifier` and unit (the field's, or
    the row's `unit` for a `value`)."""
    value = record.get(field.name)
    if field.is_numeric:
        unit = record.get("unit") if field.name == "value" else None
        unit = field.unit if unit is None else unit
        if unit is None and field.name.endswith("_pct"):
            unit = "percent"
        shown = format_quantity(value, None if unit is None else str(unit), language, qualifier)
        return Cell(shown, sort=None if value is None else repr(value), numeric=True)
    if field.partial_date:
        return Cell(format_partial_date(value, language), sort=value or "")
    if value is None:
        return Cell("")
    if field.enum_labels:
        return Cell(format_enum(value, field, language), sort=str(value))
    if field.name in TERRITORY_FIELDS:
        return Cell(territory_name(str(value), language), sort=str(value))
    if field.name == "period":
        return Cell(format_period(str(value), language), sort=str(value))
    return Cell(str(value), code=field.name == "file")


def qualifier_targets(schema: Schema) -> dict[str, tuple[str, ...]]:
    """Qualifier fields and the numeric fields each qualifies. `robots_qualifier` qualifies
    `robots`; a bare `qualifier`/`value_qualifier` qualifies the money fields (or `value`)."""
    numeric = [f.name for f in schema.fields if f.is_numeric]
    money = tuple(f.name for f in schema.fields if f.is_numeric and f.unit in MONEY_UNITS)
    targets: dict[str, tuple[str, ...]] = {}
    for qualifier in schema.fields:
        if not qualifier.name.endswith("qualifier") or not qualifier.enum:
            continue
        base = qualifier.name.removesuffix("_qualifier")
        if base in numeric and base != "value":
            targets[qualifier.name] = (base,)
        else:
            targets[qualifier.name] = money or tuple(n for n in numeric if n == "value")
    return targets


def row_qualifiers(
    record: Mapping[str, Any], targets: Mapping[str, tuple[str, ...]]
) -> dict[str, str]:
    """Field → this row's qualifier. A qualifier of several fields (deals: upfront and total)
    applies to the last one with a value, as the schemas describe."""
    found: dict[str, str] = {}
    for qualifier, fields in targets.items():
        value = record.get(qualifier)
        filled = [name for name in fields if record.get(name) is not None]
        if value and filled:
            found[filled[-1]] = str(value)
    return found


def format_cell(schema: Schema, field: Field, row: Mapping[str, Any], language: str) -> str:
    """One cell as prose quotes it: as a table shows it, qualifier included, or undisclosed."""
    qualifier = row_qualifiers(row, qualifier_targets(schema)).get(field.name)
    return cell(field, row, qualifier, language).text or undisclosed(language)


def reference_link(
    target: Dataset, item: str, language: str, data_pages: DataPages, entity_root: str | None
) -> Link:
    """A row of `target` by its name, linked to its entity page (under `entity_root`) or its
    row in the data chapter; a source by its publisher and date."""
    if target.name == SOURCES:
        return source_link(target, item, language, data_pages)
    link = row_link(target, item, language, data_pages)
    if entity_root is not None and target.name in FOLDERS and item in target.by_id:
        return Link(link.text, entity_root + entity_path(target.name, item))
    return link


def row_link(dataset: Dataset, row_id: str, language: str, data_pages: DataPages) -> Link:
    """A row by its name (or title, or id), linked to it in its dataset's table."""
    record = dataset.by_id.get(row_id) or {}
    label = text_of(record, "name", language) or text_of(record, "title", language) or row_id
    return Link(label, f"{data_pages.table(dataset.name)}#{row_anchor(dataset.name, row_id)}")


def source_link(
    sources: Dataset, source_id: str, language: str, data_pages: DataPages, titled: bool = True
) -> Link:
    """A source as publisher and date, linked to its entry in the data chapter's sources list;
    unless not `titled` (a key figure's tile has no room), with its title where needed."""
    record = sources.by_id.get(source_id)
    label = source_id
    if record is not None:
        label = text_of(record, "publisher", language) or source_id
        if record.get("published"):
            date = format_partial_date(str(record["published"]), language)
            # Two items of one publisher on one day are told apart by their titles.
            same_day = ("publisher_zh", "publisher_en", "published")
            alike = titled and sources.count_alike(record, same_day)
            key = "sources.label_with_title" if alike > 1 else "sources.label"
            title = text_of(record, "title", language)
            if language == "en":  # quotes inside the quoted title become single
                title = title.translate(_SINGLE_QUOTES)
            label = text(language, key, publisher=label, date=date, title=title)
    return Link(label, f"{data_pages.chapter}#{source_anchor(source_id)}")


def punctuation(language: str) -> dict[str, str]:
    return {
        "colon": text(language, "punctuation.colon"),
        "separator": text(language, "punctuation.separator"),
        "list_separator": text(language, "value.list_separator"),
    }
