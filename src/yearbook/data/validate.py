"""Validating a whole data directory: file pairs, schemas, every table and foreign keys.

A dataset is a `<name>.csv` with its `<name>.schema.json` directly in the directory; other,
hidden and office lock files (`~$...`) are ignored. Every problem is returned, none raised.
"""

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from yearbook.data.cell_checks import Cell
from yearbook.data.checks import Table, check_table
from yearbook.data.csvfile import read_csv
from yearbook.data.errors import DataError, format_report, plural
from yearbook.data.schema import ForeignKey, Schema
from yearbook.data.schema_reader import read_schema

SCHEMA_SUFFIX = ".schema.json"
CSV_SUFFIX = ".csv"


@dataclass(frozen=True)
class ValidationResult:
    """What one validation run found: the errors (sorted) and the tables it could read."""

    data_dir: Path
    shown_dir: str
    errors: tuple[DataError, ...]
    tables: Mapping[str, Table] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.errors

    def report(self, consequence: str = "the site was not built") -> str:
        """The errors, one per line, and a footer; empty when there are none."""
        return format_report(self.errors, consequence=consequence)

    def summary(self) -> str:
        """One line naming each dataset with its row count."""
        counts = ", ".join(f"{name} {len(t.rows)}" for name, t in sorted(self.tables.items()))
        rows = sum(len(t.rows) for t in self.tables.values())
        datasets = plural(len(self.tables), "dataset")
        return f"{self.shown_dir}/ is valid: {datasets}, {rows} rows ({counts})."


def shown_path(path: Path, root: Path) -> str:
    """`path` relative to `root` (POSIX style) when it lies inside it, else as given."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def validate_data_dir(
    data_dir: str | os.PathLike[str], *, root: str | os.PathLike[str] | None = None
) -> ValidationResult:
    """Validate every dataset in `data_dir`; errors show file names relative to `root`."""
    directory = Path(data_dir)
    base = Path(root) if root is not None else Path.cwd()
    shown_dir = shown_path(directory, base)

    def fail(message: str, hint: str) -> ValidationResult:
        error = DataError(shown_dir, None, None, None, "data-dir", message, hint)
        return ValidationResult(directory, shown_dir, (error,))

    where = "run `yearbook check` from the project root, or pass the data directory's path"
    if not directory.exists():
        return fail("data directory not found", where)
    if not directory.is_dir():
        return fail("is not a directory", where)
    try:  # hidden files and office lock files are not datasets
        files = [p.name for p in directory.iterdir() if p.is_file()]
    except OSError as exc:
        return fail(f"cannot list the directory: {exc.strerror}", "check its permissions")
    files = sorted(name for name in files if not name.startswith((".", "~$")))
    schema_names = [n.removesuffix(SCHEMA_SUFFIX) for n in files if n.endswith(SCHEMA_SUFFIX)]
    csv_names = [n.removesuffix(CSV_SUFFIX) for n in files if n.endswith(CSV_SUFFIX)]
    if not schema_names and not csv_names:
        return fail(
            "holds no datasets (no <name>.csv with <name>.schema.json)",
            "each dataset is a pair of files, e.g. deals.csv and deals.schema.json",
        )

    errors: list[DataError] = []

    def shown(name: str, suffix: str) -> str:
        return shown_path(directory / (name + suffix), base)

    def missing(name: str, suffix: str, rule: str, message: str, hint: str) -> None:
        errors.append(DataError(shown(name, suffix), None, None, None, rule, message, hint))

    for name in csv_names:
        if name not in schema_names:
            message = f"has no schema: {shown(name, SCHEMA_SUFFIX)} is missing"
            hint = "every CSV needs a Table Schema beside it; copy one of the others and edit it"
            missing(name, CSV_SUFFIX, "missing-schema", message, hint)
    schemas: dict[str, Schema] = {}
    for name in schema_names:
        path = directory / (name + SCHEMA_SUFFIX)
        schema, problems = read_schema(path, shown(name, SCHEMA_SUFFIX), name)
        errors += problems
        if schema is not None:
            schemas[name] = schema
        if name not in csv_names:
            message = f"has no data: {shown(name, CSV_SUFFIX)} is missing"
            hint = "add the CSV, or delete the schema if the dataset is gone"
            missing(name, SCHEMA_SUFFIX, "missing-csv", message, hint)

    tables: dict[str, Table] = {}
    for name, schema in schemas.items():
        if name not in csv_names:
            continue
        file = shown(name, CSV_SUFFIX)
        parsed, problems = read_csv(directory / (name + CSV_SUFFIX), file)
        errors += problems
        if parsed is not None:
            tables[name], problems = check_table(schema, parsed, file)
            errors += problems

    known = set(schema_names) | set(csv_names)
    for table in tables.values():
        for key in table.schema.foreign_keys:
            errors += _check_foreign_key(table, key, schemas, tables, known)

    ordered = tuple(sorted(errors, key=DataError.sort_key))
    return ValidationResult(directory, shown_dir, ordered, tables)


def _check_foreign_key(
    table: Table,
    key: ForeignKey,
    schemas: Mapping[str, Schema],
    tables: Mapping[str, Table],
    known: set[str],
) -> list[DataError]:
    """Every value of `key` in `table` that its dataset does not have (nothing when that
    dataset's own problems are reported already)."""
    schema, column, own = table.schema, key.fields[0], ", ".join(key.fields)
    line = schema.foreign_keys_line
    if key.resource not in known:
        message = (
            f'foreign key on {own} refers to dataset "{key.resource}", which does not exist '
            f"(no {key.resource}.csv / {key.resource}.schema.json)"
        )
        hint = "fix the reference's resource name, or add the referenced dataset"
        return [DataError(schema.file, line, column, None, "foreign-key", message, hint)]
    target_schema, target = schemas.get(key.resource), tables.get(key.resource)
    if target_schema is None:
        return []
    missing = [n for n in key.reference_fields if n not in target_schema.field_names]
    if missing:
        message = (
            f"foreign key on {own} refers to {', '.join(missing)} "
            f'of "{key.resource}", which has no such field'
        )
        hint = f"the fields of {key.resource} are: {', '.join(target_schema.field_names)}"
        return [DataError(schema.file, line, column, None, "schema", message, hint)]
    if target is None or not target.complete or set(key.reference_fields) - set(target.columns):
        return []
    keys = (tuple(row.values.get(n) for n in key.reference_fields) for row in target.rows)
    valid = {k for k in keys if all(v is not None and not isinstance(v, tuple) for v in k)}
    listed = len(key.fields) == 1 and schema.get_field(column).list_separator is not None
    names = ", ".join(f'"{n}"' for n in key.reference_fields)
    plural = "s" if len(key.reference_fields) > 1 else ""
    problem = (
        "foreign-key",
        f"not found in column{plural} {names} of {target.file}",
        "ids are case-sensitive: correct the spelling, or first add a row with this "
        f"value to {target.file}",
    )
    errors = []
    for row in table.good_rows:
        values = tuple(row.values.get(n) for n in key.fields)
        candidates: list[tuple[Cell, ...]]
        if listed:
            candidates = [(item,) for item in values[0]] if isinstance(values[0], tuple) else []
        else:
            candidates = [values] if all(v is not None for v in values) else []
        for candidate in candidates:
            if candidate not in valid:
                line, value = row.cell_lines[column], ";".join(map(str, candidate))
                errors.append(DataError(table.file, line, column, value, *problem))
    return errors
