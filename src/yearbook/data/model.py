"""The one data model: each validated dataset as its schema and plain rows, read by pages,
entity pages, charts and downloads (never pandas: filling pages does not import it)."""

import hashlib
import json
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from functools import cached_property
from typing import Any

from yearbook.data.checks import plain_rows
from yearbook.data.reads import SCHEMA_KEY, row_key
from yearbook.data.schema import Field, Schema, split_list
from yearbook.data.validate import ValidationResult

SOURCES = "sources"
"""The dataset every row cites (through its `source` column)."""


@dataclass(frozen=True)
class Dataset:
    """One validated dataset: its schema and its rows (`plain_rows`)."""

    name: str
    schema: Schema
    rows: tuple[dict[str, Any], ...]

    @cached_property
    def by_id(self) -> dict[str, dict[str, Any]]:
        """Rows by their (single-field) primary key, as text."""
        key = self.schema.primary_key[0] if len(self.schema.primary_key) == 1 else "id"
        return {str(row[key]): row for row in self.rows if row.get(key) is not None}

    def title(self, language: str) -> str:
        return localized(self.schema.title, self.schema.title_zh, language)

    @cached_property
    def _positions(self) -> dict[str, int]:
        return {row_id: position for position, row_id in enumerate(self.by_id)}

    def subset(self, ids: Iterable[str]) -> "Dataset":
        """The rows with primary key `ids`, in dataset order (picked by position)."""
        positions = sorted({self._positions[row_id] for row_id in ids})
        return replace(self, rows=tuple(self.rows[position] for position in positions))

    @cached_property
    def _naming(self) -> dict[tuple[str, ...], dict[str, list[str]]]:
        return {}

    def ids_naming(self, columns: tuple[str, ...]) -> dict[str, list[str]]:
        """Row ids by each id named in `columns` (lists split), indexed in one pass."""
        if columns not in self._naming:
            naming: dict[str, list[str]] = {}
            fields = [self.schema.get_field(column) for column in columns]
            for row in self.rows:
                for entity in dict.fromkeys(i for f in fields for i in ids_in(row, f)):
                    naming.setdefault(entity, []).append(str(row["id"]))
            self._naming[columns] = naming
        return self._naming[columns]

    @cached_property
    def _alike(self) -> dict[tuple[str, ...], Counter[tuple[Any, ...]]]:
        return {}

    def count_alike(self, row: Mapping[str, Any], fields: tuple[str, ...]) -> int:
        """How many rows share `row`'s values in `fields`, itself included."""
        if fields not in self._alike:
            self._alike[fields] = Counter(tuple(r.get(f) for f in fields) for r in self.rows)
        return self._alike[fields][tuple(row.get(f) for f in fields)]

    def noted(self, note: Callable[[str], None]) -> "Dataset":
        """This dataset, calling `note` with what is read of it (yearbook.data.reads)."""
        return NotedDataset(self, note)

    def row_fingerprint(self, row_id: str) -> str:
        """A row's values and place in the dataset (the same while there is no such row)."""
        made_from = [self._positions.get(row_id), self.by_id.get(row_id)]
        text = json.dumps(made_from, ensure_ascii=False, sort_keys=True, default=str)
        return hashlib.blake2b(text.encode("utf-8"), digest_size=8).hexdigest()


class NotedDataset(Dataset):
    """A dataset noting what is read of it: a row by id or the rows of `subset` (`row_key`,
    with the schema); its schema or title (`name + SCHEMA_KEY`); else all of it (`name`)."""

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

    def subset(self, ids: Iterable[str]) -> Dataset:
        ids = list(ids)
        self._note(self.name + SCHEMA_KEY)
        for row_id in ids:
            self._note(row_key(self.name, row_id))
        return self._dataset.subset(ids)

    def ids_naming(self, columns: tuple[str, ...]) -> dict[str, list[str]]:
        self._note(self.name)
        return self._dataset.ids_naming(columns)

    def count_alike(self, row: Mapping[str, Any], fields: tuple[str, ...]) -> int:
        self._note(self.name)
        return self._dataset.count_alike(row, fields)

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


def references(schema: Schema) -> dict[str, str]:
    """Field → the dataset its ids refer to (the schema's single-field foreign keys)."""
    return {key.fields[0]: key.resource for key in schema.foreign_keys if len(key.fields) == 1}


def naming_columns(datasets: Datasets, name: str) -> dict[str, tuple[str, ...]]:
    """Each other dataset whose rows name rows of `name`, with the columns that do."""
    related = {
        other: tuple(f for f, resource in references(dataset.schema).items() if resource == name)
        for other, dataset in datasets.items()
        if other != name
    }
    return {other: columns for other, columns in related.items() if columns}


def related_rows(datasets: Datasets, name: str, row_id: str) -> dict[str, Dataset]:
    """Of each dataset naming rows of `name`, the rows naming row `row_id`."""
    return {
        other: datasets[other].subset(datasets[other].ids_naming(columns).get(row_id, []))
        for other, columns in naming_columns(datasets, name).items()
    }


def ids_in(row: Mapping[str, Any], field: Field) -> list[str]:
    """The ids in a reference cell: one, or each item of a list cell; none when empty."""
    value = row.get(field.name)
    if value is None or value == "":
        return []
    return split_list(value, field.list_separator) if field.list_separator else [str(value)]


def text_of(row: Mapping[str, Any], column: str, language: str) -> str:
    """A text column in `language`: `<column>_<language>`, else `<column>`, else the other's."""
    other = "en" if language == "zh" else "zh"
    for name in (f"{column}_{language}", column, f"{column}_{other}"):
        if row.get(name):
            return str(row[name])
    return ""


def localized(english: str, chinese: str, language: str) -> str:
    """The text in `language`, else the other one's."""
    return (chinese or english) if language == "zh" else (english or chinese)
