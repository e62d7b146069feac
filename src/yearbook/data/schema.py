"""A dataset's schema as the yearbook uses it once `schema_reader` has read and checked its
`<name>.schema.json`: fields, keys, row rules and the types of cells, partial dates included."""

import calendar
import functools
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, NamedTuple

Scalar = str | int | float  # a typed cell value

LANGUAGES = ("zh", "en")
TEXTS = ("title", "title_zh", "description", "description_zh")  # each a non-empty text
_INTEGER = re.compile(r"[+-]?[0-9]+")
_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")
_PARTIAL_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
PartialDate = tuple[int, ...]  # (year,), (year, month) or (year, month, day)


def cast_value(field_type: str, text: str) -> Scalar | None:
    """Non-empty `text` as the field type's value, or None. Numbers are plain ASCII decimals
    (`-3`, `12.5`, `1e3`): no thousands separators, units, NaN or INF."""
    if field_type == "integer":
        return int(text) if _INTEGER.fullmatch(text) else None
    if field_type == "number":
        number = float(text) if _NUMBER.fullmatch(text) else math.nan
        return number if math.isfinite(number) else None
    return text


@functools.lru_cache(maxsize=4096)
def parse_partial_date(text: str) -> PartialDate | str:
    """The parts of `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (a real calendar date), or an English
    message saying why `text` is not one."""
    match = _PARTIAL_DATE.fullmatch(text)
    if match is None:
        return "must be written YYYY, YYYY-MM or YYYY-MM-DD"
    parts = tuple(int(part) for part in match.groups() if part is not None)
    if len(parts) >= 2 and not 1 <= parts[1] <= 12:
        return f"month {parts[1]:02d} does not exist (months are 01 to 12)"
    if len(parts) == 3:
        year, month, day = parts
        days = calendar.monthrange(year, month)[1]
        if not 1 <= day <= days:
            name = calendar.month_name[month]
            return f"is not a real calendar date ({name} {year} has {days} days)"
    return parts


def split_list(value: object, separator: str = ";") -> list[str]:
    """The items of a list cell (`"a;b"` → `["a", "b"]`); `[]` for NA/empty."""
    if not isinstance(value, str) or not value:
        return []
    return [item.strip() for item in value.split(separator)]


@dataclass(frozen=True)
class Field:
    """One column of a dataset."""

    name: str
    type: str = "string"
    title: str = ""
    title_zh: str = ""
    description: str = ""
    description_zh: str = ""
    required: bool = False
    unique: bool = False
    enum: tuple[Scalar, ...] | None = None
    pattern: str | None = None
    minimum: float | None = None
    maximum: float | None = None
    min_length: int | None = None
    max_length: int | None = None
    partial_date: bool = False
    list_separator: str | None = None
    enum_labels: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    unit: Any = None
    display: str = "column"  # a table shows it as a column, or in each row's detail

    @property
    def is_numeric(self) -> bool:
        return self.type in ("integer", "number")


class ForeignKey(NamedTuple):
    fields: tuple[str, ...]
    resource: str  # the referenced dataset (`""` in the file means this one)
    reference_fields: tuple[str, ...]


class RowRule(NamedTuple):
    rule: str
    fields: tuple[str, str]


@dataclass(frozen=True)
class Schema:
    """A dataset's schema; `file` is its path as errors show it."""

    name: str
    file: str
    fields: tuple[Field, ...]
    title: str = ""
    title_zh: str = ""
    description: str = ""
    description_zh: str = ""
    primary_key: tuple[str, ...] = ()
    foreign_keys: tuple[ForeignKey, ...] = ()
    row_rules: tuple[RowRule, ...] = ()
    foreign_keys_line: int | None = None  # for errors about them

    @property
    def field_names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)

    @cached_property
    def by_name(self) -> dict[str, Field]:
        return {f.name: f for f in self.fields}

    def get_field(self, name: str) -> Field:
        return self.by_name[name]


def label_key(value: Scalar) -> str:
    """An enum value as written in a CSV cell: the key of its `enumLabels` entry."""
    return str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)
