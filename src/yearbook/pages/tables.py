"""Datasets as page content: the full table, the dataset card and the list of sources.

`build_table`, `build_card` and `build_sources` turn validated datasets into plain models in
one language (headers and cells already formatted, links as data); `render` puts a model
through a Jinja template in `site-overrides/partials/yearbook/`, which escapes every text.

Columns: a page shows its own language's version of a column (`name_zh` on zh pages,
`name_en` or a bare `name` on en pages) and skips the other's. Qualifier columns
(`value_qualifier`, `robots_qualifier`, ...) and a per-row `unit` are folded into the number
they qualify. Ids referring to another dataset show that row's localized name and link to it;
source ids show the publisher and date and link to the sources section (`#source-<id>`).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from functools import cached_property
from typing import Any

import jinja2

from yearbook.cache.fingerprints import SCHEMA_KEY
from yearbook.cache.reads import row_key
from yearbook.data.checks import plain_rows
from yearbook.data.schema import LANGUAGES, Field, Schema, split_list
from yearbook.data.validate import ValidationResult
from yearbook.pages.entities import FOLDERS, naming_index
from yearbook.pages.formatting import (
    MONEY_UNITS,
    format_count,
    format_enum,
    format_number,
    format_partial_date,
    format_percent,
    format_period,
    format_quantity,
    locale,
    territory_name,
    text,
    undisclosed,
)

SOURCES = "sources"
"""The dataset every row cites (through its `source` column)."""
TEMPLATES = "partials/yearbook/"

TERRITORY_FIELDS = ("country", "market")
"""Fields holding ISO 3166 codes, shown as the territory's name."""
_SOURCE_ANCHOR = "source-"
_LONG_TEXT = 40
_LANGUAGE_NOTE = re.compile("\\s*[(\uff08](?:English|Chinese|\u82f1\u6587|\u4e2d\u6587)[)\uff09]$")


@dataclass(frozen=True)
class Dataset:
    """One validated dataset: its schema and its rows (see `plain_rows`). Pages and charts
    read rows, not DataFrames: filling pages never imports pandas."""

    name: str
    schema: Schema
    rows: tuple[dict[str, Any], ...]

    @cached_property
    def by_id(self) -> dict[str, dict[str, Any]]:
        """Rows by their (single-field) primary key, as text."""
        key = self.schema.primary_key[0] if len(self.schema.primary_key) == 1 else "id"
        return {str(row[key]): row for row in self.rows if row.get(key) is not None}

    def title(self, language: str) -> str:
        return _localized(self.schema.title, self.schema.title_zh, language)

    @cached_property
    def _positions(self) -> dict[str, int]:
        return {row_id: position for position, row_id in enumerate(self.by_id)}

    def subset(self, ids: Iterable[str]) -> Dataset:
        """The rows with primary key `ids`, in dataset order (entity pages show a few rows of
        big datasets: picked by position, without filtering all rows)."""
        positions = sorted({self._positions[row_id] for row_id in ids})
        return replace(self, rows=tuple(self.rows[position] for position in positions))

    @cached_property
    def _naming(self) -> dict[tuple[str, ...], dict[str, list[str]]]:
        return {}

    def ids_naming(self, columns: tuple[str, ...]) -> dict[str, list[str]]:
        """Row ids by each value in `columns` (lists split): which rows name an entity."""
        if columns not in self._naming:
            self._naming[columns] = naming_index(self.rows, columns)
        return self._naming[columns]

    def noted(self, note: Callable[[str], None]) -> Dataset:
        """This dataset, calling `note` with what is read of it (yearbook.cache.reads)."""
        return NotedDataset(self, note)

    def row_fingerprint(self, row_id: str) -> str:
        """A row's values and place in the dataset (the same while there is no such row)."""
        made_from = [self._positions.get(row_id), self.by_id.get(row_id)]
        text = json.dumps(made_from, ensure_ascii=False, sort_keys=True, default=str)
        return hashlib.blake2b(text.encode("utf-8"), digest_size=8).hexdigest()


class NotedDataset(Dataset):
    """A dataset calling `note` with what is read of it: a row looked up by id (`row_key`),
    or the rows picked by `subset` (with the schema, which they carry); its schema or title
    (`name + SCHEMA_KEY`); otherwise all of it (`name`): every row, or which rows name
    something."""

    _dataset: Dataset
    _note: Callable[[str], None]

    def __init__(self, dataset: Dataset, note: Callable[[str], None]) -> None:
        # Not the dataclass's __init__: schema and rows are read through the properties.
        object.__setattr__(self, "name", dataset.name)
        object.__setattr__(self, "_dataset", dataset)
        object.__setattr__(self, "_note", note)

    @property
    def schema(self) -> Schema:
        self._note(self.name + SCHEMA_KEY)
        return self._dataset.schema

    @property
    def rows(self) -> tuple[dict[str, Any], ...]:
        self._note(self.name)
        return self._dataset.rows

    @property
    def by_id(self) -> Mapping[str, dict[str, Any]]:  # type: ignore[override]
        return _NotedRows(self._dataset.by_id, self.name, self._note)

    def title(self, language: str) -> str:
        self._note(self.name + SCHEMA_KEY)
        return self._dataset.title(language)

    def subset(self, ids: Iterable[str]) -> Dataset:
        ids = list(ids)
        self._note(self.name + SCHEMA_KEY)
        for row_id in ids:
            self._note(row_key(self.name, row_id))
        return self._dataset.subset(ids)

    def ids_naming(self, columns: tuple[str, ...]) -> dict[str, list[str]]:
        self._note(self.name)
        return self._dataset.ids_naming(columns)

    def noted(self, note: Callable[[str], None]) -> Dataset:
        return NotedDataset(self._dataset, note)

    def row_fingerprint(self, row_id: str) -> str:
        return self._dataset.row_fingerprint(row_id)


class _NotedRows(Mapping[str, dict[str, Any]]):
    """A dataset's rows by id, noting each row looked up, or the whole dataset when listed."""

    def __init__(
        self, rows: Mapping[str, dict[str, Any]], name: str, note: Callable[[str], None]
    ) -> None:
        self._rows, self._name, self._note = rows, name, note

    def __getitem__(self, row_id: str) -> dict[str, Any]:
        self._note(row_key(self._name, row_id))
        return self._rows[row_id]

    def __iter__(self) -> Iterator[str]:
        self._note(self._name)
        return iter(self._rows)

    def __len__(self) -> int:
        self._note(self._name)
        return len(self._rows)


Datasets = Mapping[str, Dataset]


def datasets_of(result: ValidationResult) -> dict[str, Dataset]:
    """Every dataset of a clean validation run, by name."""
    if not result.ok:
        raise ValueError("datasets come from a validation run without errors")
    return {
        name: Dataset(name, table.schema, plain_rows(table))
        for name, table in sorted(result.tables.items())
    }


@dataclass(frozen=True)
class Link:
    text: str
    href: str


@dataclass(frozen=True)
class Column:
    name: str
    title: str
    numeric: bool = False
    wide: bool = False
    """Holds long texts (notes, titles): given room so rows do not grow very tall."""


@dataclass(frozen=True)
class Cell:
    text: str
    sort: str | None = None
    """Machine sort key (`data-sort`): the number or the ISO date; None sorts by the text."""
    numeric: bool = False
    links: tuple[Link, ...] = ()
    """When set, the cell shows these links (joined by the list separator) instead of text."""
    code: bool = False


@dataclass(frozen=True)
class TableRow:
    anchor: str
    cells: tuple[Cell, ...]


@dataclass(frozen=True)
class Table:
    name: str
    label: str
    columns: tuple[Column, ...]
    rows: tuple[TableRow, ...]
    separator: str


@dataclass(frozen=True)
class ColumnDoc:
    name: str
    title: str
    description: str
    type: str
    values: tuple[tuple[str, str], ...] = ()
    """Enum values with their labels."""


@dataclass(frozen=True)
class Card:
    name: str
    title: str
    description: str
    rows: str
    downloads: tuple[Link, ...]
    columns: tuple[ColumnDoc, ...]
    labels: Mapping[str, str]


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


def row_anchor(dataset: str, row_id: object) -> str:
    """The HTML id of a row in a dataset's table, e.g. `companies-cspc`."""
    return f"{dataset}-{row_id}"


def source_anchor(source_id: str) -> str:
    """The HTML id of a source in the sources list, e.g. `source-xinhua-2026-05-27`."""
    return _SOURCE_ANCHOR + source_id


def visible_fields(schema: Schema, language: str) -> tuple[Field, ...]:
    """The columns a page in `language` shows, in schema order. The primary key is not shown:
    it is each row's anchor (`<dataset>-<id>`) instead."""
    hidden = set(_qualifier_targets(schema)) | set(schema.primary_key[:1])
    if _row_unit(schema):
        hidden.add("unit")
    shown = []
    for field in schema.fields:
        base, variant = _language_variant(field.name, schema)
        if field.name in hidden or (base is not None and variant != language):
            continue
        shown.append(field)
    return tuple(shown)


def build_table(
    name: str,
    datasets: Mapping[str, Dataset],
    language: str,
    data_page: str = "",
    entity_root: str | None = None,
) -> Table:
    """Every row of dataset `name` in `language`. Links to other rows and to sources point to
    `data_page` (relative URL of the data page; empty when the table is on it); with
    `entity_root` (relative URL of the language's front page), companies, clusters and events
    link to their own pages instead."""
    dataset = datasets[name]
    schema = dataset.schema
    fields = visible_fields(schema, language)
    columns = tuple(Column(f.name, _header(f, schema, language), f.is_numeric) for f in fields)
    targets = _qualifier_targets(schema)
    references = _references(schema, datasets)
    key = schema.primary_key[0] if schema.primary_key else None
    rows = []
    for position, record in enumerate(dataset.rows):
        qualifiers = _row_qualifiers(schema, record, targets)
        cells = tuple(
            _cell(
                field,
                record,
                qualifiers.get(field.name),
                references.get(field.name),
                language,
                data_page,
                entity_root,
            )
            for field in fields
        )
        row_id = record.get(key) if key else position + 1
        if entity_root is not None and name in FOLDERS:
            # The entity's own name links to its page.
            href = f"{entity_root}{FOLDERS[name]}/{row_id}/"
            cells = tuple(
                replace(cell, links=(Link(cell.text, href),))
                if field.name.startswith("name_") and cell.text
                else cell
                for field, cell in zip(fields, cells, strict=True)
            )
        rows.append(TableRow(row_anchor(name, row_id), cells))
    columns = tuple(
        replace(column, wide=any(len(row.cells[i].text) > _LONG_TEXT for row in rows))
        for i, column in enumerate(columns)
    )
    label = text(language, "table.label", title=dataset.title(language))
    separator = text(language, "value.list_separator")
    return Table(name, label, columns, tuple(rows), separator)


def build_card(name: str, datasets: Mapping[str, Dataset], language: str, downloads: str) -> Card:
    """The card of dataset `name`: title, description, row count, download links (under the
    relative URL `downloads`, ending in `/`) and documentation of every column of the CSV."""
    dataset = datasets[name]
    schema = dataset.schema
    count = len(dataset.rows)
    references = {
        key.fields[0]: key.resource for key in schema.foreign_keys if len(key.fields) == 1
    }
    columns = []
    for field in schema.fields:
        resource = references.get(field.name)
        referenced = datasets.get(resource) if resource else None
        columns.append(
            ColumnDoc(
                field.name,
                _localized(field.title, field.title_zh, language) or field.name,
                _localized(field.description, field.description_zh, language),
                _type_text(field, referenced.title(language) if referenced else None, language),
                tuple(
                    (value, labels.get(language, value))
                    for value, labels in field.enum_labels.items()
                ),
            )
        )
    files = (f"{name}.csv", f"{name}.schema.json", "datapackage.json")
    keys = ("dataset.download_csv", "dataset.download_schema", "dataset.download_package")
    links = tuple(
        Link(text(language, key, file=file), downloads + file)
        for key, file in zip(keys, files, strict=True)
    )
    labels = {
        key: text(language, f"dataset.{key}")
        for key in ("file", "rows", "downloads", "columns", "column", "title", "description")
    }
    labels.update(_punctuation(language), type=text(language, "dataset.type"))
    labels["values"] = text(language, "type.values")
    return Card(
        name,
        dataset.title(language),
        _localized(schema.description, schema.description_zh, language),
        _count_text(count, "count.rows", language),
        links,
        tuple(columns),
        labels,
    )


def build_sources(
    datasets: Mapping[str, Dataset], language: str, data_page: str = ""
) -> tuple[SourceEntry, ...]:
    """Every source with what it is and how many rows of each dataset cite it (linking to the
    dataset's section `#<name>` of the data page `data_page`), in the order of sources.csv."""
    cited: dict[str, Counter[str]] = {}
    citing: dict[tuple[str, str], list[str]] = {}
    for name, dataset in sorted(datasets.items()):
        for key in dataset.schema.foreign_keys:
            if key.resource != SOURCES or len(key.fields) != 1:
                continue
            field = dataset.schema.get_field(key.fields[0])
            for record in dataset.rows:
                for source_id in _ids(record.get(field.name), field):
                    cited.setdefault(source_id, Counter())[name] += 1
                    citing.setdefault((source_id, name), []).append(str(record.get("id")))
    entries = []
    for record in datasets[SOURCES].rows:
        source_id = str(record["id"])
        counts = cited.get(source_id, Counter())
        citations = tuple(
            Citation(
                text(
                    language,
                    "sources.cited_rows",
                    dataset=datasets[name].title(language),
                    rows=_count_text(counts[name], "count.rows", language),
                ),
                f"{data_page}#{name}",
                tuple(
                    Link(
                        _row_label(datasets[name], row_id, language),
                        f"{data_page}#{row_anchor(name, row_id)}",
                    )
                    for row_id in citing[(source_id, name)]
                ),
            )
            for name in sorted(counts)
        )
        entries.append(
            SourceEntry(
                source_id,
                source_anchor(source_id),
                _text_in(record, "publisher", language),
                format_partial_date(record.get("published"), language),
                text(language, "sources.quoted_title", title=_text_in(record, "title", language)),
                str(record.get("file") or ""),
                citations,
            )
        )
    return tuple(entries)


def sources_labels(language: str) -> dict[str, str]:
    """The fixed words of the sources list."""
    keys = ("published", "file", "cited_by", "not_cited", "rows")
    return {key: text(language, f"sources.{key}") for key in keys} | _punctuation(language)


def _punctuation(language: str) -> dict[str, str]:
    return {
        "colon": text(language, "punctuation.colon"),
        "separator": text(language, "punctuation.separator"),
        "list_separator": text(language, "value.list_separator"),
    }


def render(env: jinja2.Environment, template: str, **context: object) -> str:
    """A model through `partials/yearbook/<template>`, as one HTML block without blank lines
    (so Markdown keeps it whole)."""
    html = env.get_template(TEMPLATES + template).render(**context)
    return "\n".join(line for line in html.splitlines() if line.strip())


# --- cells -------------------------------------------------------------------------------


def _cell(
    field: Field,
    record: Mapping[str, Any],
    qualifier: str | None,
    resource: Dataset | None,
    language: str,
    data_page: str,
    entity_root: str | None = None,
) -> Cell:
    value = record.get(field.name)
    if resource is not None:
        links = tuple(
            _reference_link(resource, item, language, data_page, entity_root)
            for item in _ids(value, field)
        )
        return Cell("", links=links)
    if field.is_numeric:
        if value is None:
            return Cell(undisclosed(language), numeric=True)
        unit = record.get("unit") if _row_unit_field(field, record) else field.unit
        if unit is not None:
            shown = format_quantity(value, str(unit), language, qualifier)
        elif field.name.endswith("_pct"):
            shown = format_percent(value, language, qualifier)
        else:
            shown = format_count(value, language, qualifier)
        return Cell(shown, sort=repr(value), numeric=True)
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
    if field.name == "file":
        return Cell(str(value), code=True)
    return Cell(str(value))


def _references(schema: Schema, datasets: Mapping[str, Dataset]) -> dict[str, Dataset]:
    """Field → the other dataset its ids refer to (single-field foreign keys only)."""
    return {
        key.fields[0]: datasets[key.resource]
        for key in schema.foreign_keys
        if len(key.fields) == 1 and key.resource != schema.name and key.resource in datasets
    }


def _reference_link(
    target: Dataset, item: str, language: str, data_page: str, entity_root: str | None
) -> Link:
    if target.name == SOURCES:
        return source_link(target, item, language, data_page)
    if entity_root is not None and target.name in FOLDERS and _find(target, item):
        href = f"{entity_root}{FOLDERS[target.name]}/{item}/"
        return Link(_row_label(target, item, language), href)
    return Link(_row_label(target, item, language), f"{data_page}#{row_anchor(target.name, item)}")


def _row_label(dataset: Dataset, row_id: str, language: str) -> str:
    record = _find(dataset, row_id)
    if record is None:
        return row_id
    for base in ("name", "title"):
        label = _text_in(record, base, language)
        if label:
            return label
    return row_id


def source_link(sources: Dataset, source_id: str, language: str, data_page: str) -> Link:
    """A source as publisher and date (`Xinhua News Agency, 27 May 2026`), linked to its entry in
    the sources list on the data page `data_page`."""
    return Link(
        _source_label(sources, source_id, language), f"{data_page}#{source_anchor(source_id)}"
    )


def _source_label(dataset: Dataset, source_id: str, language: str) -> str:
    record = _find(dataset, source_id)
    if record is None:
        return source_id
    publisher = _text_in(record, "publisher", language) or source_id
    published = record.get("published")
    if not published:
        return publisher
    date = format_partial_date(str(published), language)
    return text(language, "sources.label", publisher=publisher, date=date)


def _find(dataset: Dataset, row_id: str) -> dict[str, Any] | None:
    return dataset.by_id.get(row_id)


# --- columns -----------------------------------------------------------------------------


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
    """A column's title without the bracketed language (English, 中文) telling twins apart."""
    title = _localized(field.title, field.title_zh, language) or field.name
    if _language_variant(field.name, schema)[0] is None:
        return title
    return _LANGUAGE_NOTE.sub("", title) or title


def _qualifier_targets(schema: Schema) -> dict[str, tuple[str, ...]]:
    """Qualifier fields and the numeric fields each qualifies. `robots_qualifier` qualifies
    `robots`; a bare `qualifier`/`value_qualifier` qualifies the money fields (or `value`)."""
    numeric = [f.name for f in schema.fields if f.is_numeric]
    targets: dict[str, tuple[str, ...]] = {}
    for field in schema.fields:
        if not field.name.endswith("qualifier") or not field.enum:
            continue
        base = field.name.removesuffix("_qualifier")
        if base in numeric and base != "value":
            targets[field.name] = (base,)
            continue
        money = tuple(f.name for f in schema.fields if f.is_numeric and f.unit in MONEY_UNITS)
        targets[field.name] = money or tuple(n for n in numeric if n == "value")
    return targets


def _row_qualifiers(
    schema: Schema, record: Mapping[str, Any], targets: Mapping[str, tuple[str, ...]]
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


def _row_unit(schema: Schema) -> bool:
    """Whether the dataset gives each row's unit in a `unit` column (for its `value`)."""
    names = schema.field_names
    return "unit" in names and "value" in names


def _row_unit_field(field: Field, record: Mapping[str, Any]) -> bool:
    return field.name == "value" and record.get("unit") is not None


def _type_text(field: Field, referenced: str | None, language: str) -> str:
    if field.partial_date:
        parts = [text(language, "type.date")]
    else:
        parts = [text(language, f"type.{field.type}")]
    if field.list_separator:
        parts.append(text(language, "type.list", separator=field.list_separator))
    if isinstance(field.unit, str) and field.unit in MONEY_UNITS:
        parts.append(text(language, "type.unit", unit=text(language, f"unit_name.{field.unit}")))
    if referenced:
        parts.append(text(language, "type.reference", dataset=referenced))
    return text(language, "value.list_separator").join(parts)


# --- values ------------------------------------------------------------------------------


def _ids(value: object, field: Field) -> list[str]:
    if value is None or value == "":
        return []
    if field.list_separator:
        return split_list(value, field.list_separator)
    return [str(value)]


def _text_in(record: Mapping[str, Any], base: str, language: str) -> str:
    """A text column in `language`: `<base>_<language>`, else bare `<base>` (English)."""
    for name in (f"{base}_{language}", base if language == "en" else "", base):
        if name and record.get(name):
            return str(record[name])
    return ""


def _localized(english: str, chinese: str, language: str) -> str:
    return (chinese or english) if language == "zh" else (english or chinese)


def _count_text(count: int, key: str, language: str) -> str:
    one = locale(language).plural_form(count) == "one"
    return text(language, f"{key}.one" if one else key, count=format_number(count, language))
