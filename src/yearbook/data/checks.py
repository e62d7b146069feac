"""Checking one dataset's CSV against its schema: header, rows, unique keys and row rules.
Each cell is checked by `yearbook.data.cell_checks`; foreign keys by `yearbook.data.validate`."""

import re
from collections.abc import Mapping
from typing import Any, NamedTuple

from yearbook.data.cell_checks import SPACE_HINT, Cell, CellCheck
from yearbook.data.csvfile import CsvFile, Record
from yearbook.data.errors import DataError
from yearbook.data.schema import Field, PartialDate, Schema, cast_value, parse_partial_date


class Row(NamedTuple):
    line: int
    values: Mapping[str, Cell]
    cell_lines: Mapping[str, int]
    raw: Mapping[str, str]
    broken: bool = False  # wrong number of cells: values are guesses, kept for foreign keys


class Table(NamedTuple):
    """A dataset after checking: typed rows in file order; `complete` is False when the CSV
    could not be read to the end; `columns` are the schema's fields the header has."""

    schema: Schema
    file: str
    rows: tuple[Row, ...]
    complete: bool
    columns: tuple[str, ...] = ()

    @property
    def good_rows(self) -> tuple[Row, ...]:
        return tuple(row for row in self.rows if not row.broken)


def plain_rows(table: Table) -> tuple[dict[str, Any], ...]:
    """The rows as dicts in field order: int, float or text, a list cell as its text ("a;b"),
    None when empty."""
    fields = table.schema.fields
    return tuple(
        {field.name: _plain(field, row.values.get(field.name), row.raw) for field in fields}
        for row in table.rows
    )


def _plain(field: Field, value: object, raw: Mapping[str, str]) -> object:
    if value is None:
        return None
    return raw[field.name].strip() if field.list_separator is not None else value


def check_table(schema: Schema, csv_file: CsvFile, file: str) -> tuple[Table, list[DataError]]:
    """Check one parsed CSV against its schema; returns the typed rows and every problem."""
    errors: list[DataError] = []
    positions = _check_header(csv_file.header, schema, file, errors)
    width = len(csv_file.header.cells)
    checks = {
        name: CellCheck(schema.get_field(name), file, errors, name in schema.primary_key)
        for name in positions
    }
    rows = []
    for record in csv_file.records:
        raw = {name: record.cells[i] for name, i in positions.items() if i < len(record.cells)}
        if len(record.cells) != width:
            message = f"row has {len(record.cells)} cells but the header has {width}"
            hint = (
                "a value containing a comma must be wrapped in double quotes; look for a "
                "missing or extra comma in this row"
            )
            errors.append(DataError(file, record.line, None, None, "cell-count", message, hint))
            values = {name: _guess(schema.get_field(name), text) for name, text in raw.items()}
            rows.append(Row(record.line, values, {}, raw, broken=True))
            continue
        lines = {name: record.cell_lines[i] for name, i in positions.items()}
        values = {name: checks[name].cell(raw[name], lines[name]) for name in positions}
        row = Row(record.line, values, lines, raw)
        _check_row_rules(row, schema, file, errors)
        rows.append(row)
    table = Table(schema, file, tuple(rows), csv_file.complete, tuple(positions))
    _check_unique(table, errors)
    return table, errors


def _guess(field: Field, raw: str) -> Cell:
    """A cell's value in a row with the wrong number of cells, unchecked."""
    text = raw.strip()
    return cast_value(field.type, text) if text else None


def _check_header(
    header: Record, schema: Schema, file: str, errors: list[DataError]
) -> dict[str, int]:
    """Map each column name to its position, reporting every header problem."""

    def error(line: int, column: str | None, message: str) -> None:
        errors.append(DataError(file, line, column, None, "header", message, _HEADER_HINT))

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
            errors.append(DataError(file, line, name, raw, "whitespace", message, SPACE_HINT))
        if name in positions:
            where = f"columns {positions[name] + 1} and {index + 1}"
            error(line, name, f'column "{name}" appears twice ({where})')
        else:
            positions[name] = index
    expected, at = schema.field_names, header.line
    listing = ", ".join(expected)
    for name in expected:
        if name not in positions:
            error(at, name, f'column "{name}" is missing; the schema lists: {listing}')
    for index, name in enumerate(names):
        if name not in expected:
            label = f'column {index + 1} "{name}"' if name else f"column {index + 1} (no name)"
            error(at, name or None, f"{label} is not in the schema, which lists: {listing}")
    in_file = [n for n in dict.fromkeys(names) if n in expected]
    in_schema = [n for n in expected if n in positions]
    if in_file != in_schema:
        order = f"the file has {', '.join(in_file)}; the schema has {', '.join(in_schema)}"
        error(at, None, f"columns are out of order: {order}")
    return {name: positions[name] for name in expected if name in positions}


_HEADER_HINT = (
    "the first line must list exactly the schema's field names, in the schema's order; "
    "rename, add, remove or move columns (or change the .schema.json together with the data)"
)


# A percentage this close to a fraction of thirds, sixths, sevenths, ninths, elevenths or
# twelfths whose decimals never end (33.3, 66.7, 14.3) was converted from a printed fraction.
_FRACTION_DENOMINATORS = (3, 6, 7, 9, 11, 12)
_CONVERTED_CLOSER_THAN = 0.051


def _converted_fraction(percent: float) -> tuple[int, int] | None:
    """The fraction (numerator, denominator) that `percent` looks rounded from, if any."""
    for denominator in _FRACTION_DENOMINATORS:
        numerator = round(percent * denominator / 100)
        exact = 100 * numerator / denominator
        ends = (100 * numerator * 100) % denominator == 0  # two decimals or fewer
        close = abs(exact - percent) < _CONVERTED_CLOSER_THAN
        if 0 < numerator < denominator and not ends and close:
            return numerator, denominator
    return None


def _check_fraction(row: Row, fields: tuple[str, str], file: str, errors: list[DataError]) -> None:
    value_name, unit_name = fields
    value, unit = row.values.get(value_name), row.values.get(unit_name)
    if unit != "percent" or not isinstance(value, int | float):
        return
    fraction = _converted_fraction(float(value))
    if fraction:
        numerator, denominator = fraction
        message = f"looks converted from the fraction {numerator}/{denominator}"
        hint = (
            "record a fraction as the source prints it, never as a percentage: "
            f"e.g. value {numerator} with unit thirds for {numerator}/3 (see data/README.md, "
            "Fractions)"
        )
        line, raw = row.cell_lines[value_name], row.raw[value_name]
        errors.append(DataError(file, line, value_name, raw, "row-rule", message, hint))


def _is_before(later: PartialDate, earlier: PartialDate) -> bool:
    """Whether `later` is certainly before `earlier`: `2025-07` is before `2025-08-14`,
    `2025-08` is not (it may be the same day)."""
    precision = min(len(later), len(earlier))
    return later[:precision] < earlier[:precision]


def _check_row_rules(row: Row, schema: Schema, file: str, errors: list[DataError]) -> None:
    for rule in schema.row_rules:
        if rule.rule == "fraction-as-printed":
            _check_fraction(row, rule.fields, file, errors)
            continue
        first, second = rule.fields
        low, high = row.values.get(first), row.values.get(second)
        if low is None or high is None or isinstance(low, tuple) or isinstance(high, tuple):
            continue
        if schema.get_field(first).partial_date:
            start, end = parse_partial_date(str(low)), parse_partial_date(str(high))
            broken = isinstance(start, tuple) and isinstance(end, tuple) and _is_before(end, start)
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
    keys = [schema.primary_key] if schema.primary_key else []
    keys += [(f.name,) for f in schema.fields if f.unique and (f.name,) != schema.primary_key]
    for key in keys:
        seen: dict[tuple[Cell, ...], int] = {}
        for row in table.good_rows:
            values = tuple(row.values.get(name) for name in key)
            if any(v is None for v in values):
                continue
            if values not in seen:
                seen[values] = row.line
                continue
            line, raw = row.cell_lines[key[0]], ";".join(row.raw[n].strip() for n in key)
            first = f"line {seen[values]}"
            message = f"{', '.join(key)} must be unique; {first} already uses this value"
            hint = "give one of the two rows a different id, or delete the repeated row"
            errors.append(DataError(table.file, line, key[0], raw, "unique", message, hint))
