"""Checking one dataset's CSV against its schema: header, cells, unique keys and row rules.

Cross-dataset checks (foreign keys) live in `yearbook.data.validate`, which calls `check_table`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from yearbook.data.csvfile import CsvFile, Record
from yearbook.data.errors import DataError
from yearbook.data.partial_dates import is_before, parse_partial_date
from yearbook.data.schema import Field, Scalar, Schema, cast_value

Cell = Scalar | tuple[Scalar, ...] | None
"""A checked cell: None when empty or invalid; a tuple of items for list fields."""


@dataclass(frozen=True)
class Row:
    line: int
    values: Mapping[str, Cell]
    cell_lines: Mapping[str, int]
    raw: Mapping[str, str]
    broken: bool = False
    """The row has the wrong number of cells: its values are best guesses, used only so that
    other datasets' foreign keys still find its id."""


@dataclass(frozen=True)
class Table:
    """A dataset after checking: typed rows in file order."""

    schema: Schema
    file: str
    rows: tuple[Row, ...]
    complete: bool
    """False when the CSV could not be read to the end."""
    columns: tuple[str, ...] = ()
    """The schema's fields that the CSV header has (a missing one is a header error)."""

    @property
    def name(self) -> str:
        return self.schema.name

    @property
    def good_rows(self) -> tuple[Row, ...]:
        return tuple(row for row in self.rows if not row.broken)


def plain_rows(table: Table) -> tuple[dict[str, Any], ...]:
    """A checked table's rows as dicts in the schema's field order: `integer` cells as int,
    `number` cells as float, list fields as their text (e.g. "a;b": see `split_list`), other
    cells as text, None for an empty cell."""
    fields = table.schema.fields
    return tuple(
        {field.name: _plain(field, row.values.get(field.name), row.raw) for field in fields}
        for row in table.rows
    )


def _plain(field: Field, value: object, raw: Mapping[str, str]) -> object:
    if value is None:
        return None
    if field.list_separator is not None:
        return raw[field.name].strip()
    if field.type == "number":
        return float(value)  # type: ignore[arg-type]
    return value


def check_table(schema: Schema, csv_file: CsvFile, file: str) -> tuple[Table, list[DataError]]:
    """Check one parsed CSV against its schema; returns the typed rows and every problem."""
    errors: list[DataError] = []
    positions = _check_header(csv_file.header, schema, file, errors)
    width = len(csv_file.header.cells)
    checks = {
        name: _CellCheck(schema.get_field(name), file, errors, name in schema.primary_key)
        for name in positions
    }
    rows = []
    for record in csv_file.records:
        if len(record.cells) != width:
            errors.append(_cell_count_error(record, width, file))
            rows.append(_lenient_row(record, schema, positions))
            continue
        row = _check_row(record, positions, checks)
        _check_row_rules(row, schema, file, errors)
        rows.append(row)
    table = Table(schema, file, tuple(rows), csv_file.complete, tuple(positions))
    _check_unique(table, errors)
    return table, errors


def _check_header(
    header: Record, schema: Schema, file: str, errors: list[DataError]
) -> dict[str, int]:
    """Map each column name to its position, reporting every header problem."""
    if len(header.cells) == 1 and len(schema.fields) > 1 and re.search(r"[;\t]", header.cells[0]):
        message = "the header is a single column: the file is separated by semicolons or tabs"
        hint = 'save it as "CSV UTF-8 (Comma delimited)" so that commas separate the values'
        errors.append(DataError(file, header.line, None, header.cells[0], "header", message, hint))
        return {}
    positions: dict[str, int] = {}
    names = []
    for index, (raw, line) in enumerate(zip(header.cells, header.cell_lines, strict=True)):
        name = raw.strip()
        names.append(name)
        if raw != name:
            message = "column name has spaces before or after it"
            errors.append(DataError(file, line, name, raw, "whitespace", message, _SPACE_HINT))
        if name in positions:
            message = (
                f'column "{name}" appears twice (columns {positions[name] + 1} and {index + 1})'
            )
            errors.append(DataError(file, line, name, None, "header", message, _HEADER_HINT))
        else:
            positions[name] = index
    expected = schema.field_names
    listing = ", ".join(expected)
    line = header.line
    for name in expected:
        if name not in positions:
            message = f'column "{name}" is missing; the schema lists: {listing}'
            errors.append(DataError(file, line, name, None, "header", message, _HEADER_HINT))
    for index, name in enumerate(names):
        if name not in expected:
            label = f'column {index + 1} "{name}"' if name else f"column {index + 1} (no name)"
            message = f"{label} is not in the schema, which lists: {listing}"
            errors.append(
                DataError(file, line, name or None, None, "header", message, _HEADER_HINT)
            )
    in_file = [n for n in dict.fromkeys(names) if n in expected]
    in_schema = [n for n in expected if n in positions]
    if in_file != in_schema:
        message = (
            f"columns are out of order: the file has {', '.join(in_file)}; "
            f"the schema has {', '.join(in_schema)}"
        )
        errors.append(DataError(file, line, None, None, "header", message, _HEADER_HINT))
    return {name: positions[name] for name in expected if name in positions}


_HEADER_HINT = (
    "the first line must list exactly the schema's field names, in the schema's order; "
    "rename, add, remove or move columns (or change the .schema.json together with the data)"
)
_SPACE_HINT = (
    "delete the spaces before/after the value; spreadsheets hide them, and they make ids and "
    "numbers differ from what they look like"
)


def _cell_count_error(record: Record, width: int, file: str) -> DataError:
    count = len(record.cells)
    message = f"row has {count} cells but the header has {width}"
    hint = (
        "a value containing a comma must be wrapped in double quotes; look for a missing or "
        "extra comma in this row"
    )
    return DataError(file, record.line, None, None, "cell-count", message, hint)


def _lenient_row(record: Record, schema: Schema, positions: Mapping[str, int]) -> Row:
    values: dict[str, Cell] = {}
    raw: dict[str, str] = {}
    for name, index in positions.items():
        if index < len(record.cells):
            raw[name] = record.cells[index]
            text = record.cells[index].strip()
            values[name] = cast_value(schema.get_field(name).type, text) if text else None
    return Row(record.line, values, {}, raw, broken=True)


def _check_row(
    record: Record, positions: Mapping[str, int], checks: Mapping[str, _CellCheck]
) -> Row:
    values: dict[str, Cell] = {}
    lines: dict[str, int] = {}
    raw: dict[str, str] = {}
    for name, index in positions.items():
        raw[name] = record.cells[index]
        lines[name] = record.cell_lines[index]
        values[name] = checks[name].cell(raw[name], lines[name])
    return Row(record.line, values, lines, raw)


class _CellCheck:
    """Checks cells of one field, appending errors; a primary-key field is always required."""

    def __init__(
        self, field: Field, file: str, errors: list[DataError], in_primary_key: bool
    ) -> None:
        self.field = field
        self.file = file
        self.errors = errors
        self.required = field.required or in_primary_key
        self.pattern = re.compile(field.pattern) if field.pattern is not None else None
        self.line = 0

    def error(self, value: str, rule: str, message: str, hint: str) -> None:
        self.errors.append(
            DataError(self.file, self.line, self.field.name, value, rule, message, hint)
        )

    def cell(self, raw: str, line: int) -> Cell:
        self.line = line
        text = _normalise_breaks(raw)
        if text != text.strip():
            self.error(raw, "whitespace", "has spaces before or after it", _SPACE_HINT)
            text = text.strip()
        if not text:
            if self.required:
                about = self.field.description.rstrip(".")
                hint = f"every row needs a value here ({about})" if about else "fill in a value"
                self.error(raw, "required", "must not be empty", hint)
            return None
        separator = self.field.list_separator
        if separator is None:
            return self.scalar(text)
        items: list[Scalar] = []
        for item in text.split(separator):
            stripped = item.strip()
            if item != stripped:
                self.error(
                    item,
                    "whitespace",
                    "list item has spaces before or after it",
                    f'write items like "a{separator}b", without spaces',
                )
            if not stripped:
                message = f'has an empty item; items are separated by "{separator}"'
                hint = f'remove the doubled or trailing "{separator}"'
                self.error(raw, "list-item", message, hint)
                continue
            value = self.scalar(stripped)
            if value is not None:
                items.append(value)
        return tuple(items)

    def scalar(self, text: str) -> Scalar | None:
        field = self.field
        value = cast_value(field.type, text)
        if value is None:
            self.type_error(text)
            return None
        ok = True
        if field.partial_date:
            parsed = parse_partial_date(text)
            if isinstance(parsed, str):
                hint = "write 2025, 2025-08 or 2025-08-14; the date must exist on the calendar"
                self.error(text, "partial-date", parsed, hint)
                ok = False
        if field.enum is not None and value not in field.enum:
            allowed = ", ".join(str(v) for v in field.enum)
            hint = (
                "spelling and case must match exactly; to add a value, add it to the "
                "schema's enum and enumLabels"
            )
            self.error(text, "enum", f"must be one of: {allowed}", hint)
            ok = False
        if self.pattern is not None and self.pattern.fullmatch(text) is None:
            hint = field.description.rstrip(".") or "see the field's description in its schema"
            self.error(text, "pattern", f"must match the pattern {field.pattern}", hint)
            ok = False
        ok = self.bounds(text, value) and ok
        return value if ok else None

    def type_error(self, text: str) -> None:
        unit = f" (the unit is {_unit_text(self.field.unit)})" if self.field.unit else ""
        if self.field.type == "integer":
            message = "must be a whole number"
            hint = (
                f"write digits only, e.g. 2024 — no decimals, thousands separators or units{unit}"
            )
        else:
            message = "must be a number"
            hint = (
                "write a plain number with a dot for decimals, e.g. 1250.5 — no thousands "
                f"separators, currency signs or units{unit}"
            )
        self.error(text, "type", message, hint)

    def bounds(self, text: str, value: Scalar) -> bool:
        field = self.field
        ok = True
        if isinstance(value, int | float):
            if field.minimum is not None and value < field.minimum:
                message = f"must be at least {_number(field.minimum)}"
                self.error(text, "minimum", message, self.about(numeric=True))
                ok = False
            if field.maximum is not None and value > field.maximum:
                message = f"must be at most {_number(field.maximum)}"
                self.error(text, "maximum", message, self.about(numeric=True))
                ok = False
        if field.min_length is not None and len(text) < field.min_length:
            message = f"must be at least {field.min_length} characters long"
            self.error(text, "min-length", message, self.about())
            ok = False
        if field.max_length is not None and len(text) > field.max_length:
            message = f"must be at most {field.max_length} characters long"
            self.error(text, "max-length", message, self.about())
            ok = False
        return ok

    def about(self, *, numeric: bool = False) -> str:
        """The field's title and description, as a hint for range errors."""
        field = self.field
        text = f"{field.title}: {field.description.rstrip('.')}" if field.description else ""
        if numeric and not self.required:
            text += "; leave the cell empty if the value is not known"
        return text


def _normalise_breaks(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def _unit_text(unit: object) -> str:
    if isinstance(unit, dict):
        return str(unit.get("en") or unit.get("zh") or unit)
    return str(unit)


def _check_row_rules(row: Row, schema: Schema, file: str, errors: list[DataError]) -> None:
    for rule in schema.row_rules:
        first, second = rule.fields
        low, high = row.values.get(first), row.values.get(second)
        if low is None or high is None or isinstance(low, tuple) or isinstance(high, tuple):
            continue
        if schema.get_field(first).partial_date:
            start, end = parse_partial_date(str(low)), parse_partial_date(str(high))
            broken = isinstance(start, tuple) and isinstance(end, tuple) and is_before(end, start)
            message = f'must not be before {first} ("{low}")'
            hint = (
                "a partial date is compared at its own precision: 2025-08 is not before 2025-08-14"
            )
        else:
            broken = float(high) < float(low)
            message = f'must not be less than {first} ("{row.raw[first].strip()}")'
            hint = f"{first} must not be greater than {second}; check both cells of this row"
        if broken:
            line = row.cell_lines[second]
            errors.append(DataError(file, line, second, row.raw[second], "row-rule", message, hint))


def _check_unique(table: Table, errors: list[DataError]) -> None:
    schema = table.schema
    keys: list[tuple[str, ...]] = []
    if schema.primary_key:
        keys.append(schema.primary_key)
    keys += [(f.name,) for f in schema.fields if f.unique and (f.name,) != schema.primary_key]
    for key in keys:
        seen: dict[tuple[Cell, ...], int] = {}
        for row in table.good_rows:
            values = tuple(row.values.get(name) for name in key)
            if any(v is None for v in values):
                continue
            if values in seen:
                column = key[0]
                shown = ", ".join(key)
                message = f"{shown} must be unique; line {seen[values]} already uses this value"
                hint = "give one of the two rows a different id, or delete the repeated row"
                raw = ";".join(row.raw[name].strip() for name in key)
                errors.append(
                    DataError(
                        table.file, row.cell_lines[column], column, raw, "unique", message, hint
                    )
                )
            else:
                seen[values] = row.line
