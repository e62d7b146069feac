"""Validated datasets as pandas DataFrames, typed per schema, for analysis in Python (the build
itself reads rows: `yearbook.pages.tables.Dataset`, `yearbook.data.checks.plain_rows`).

Columns follow the schema's field order. Types: `string` fields → pandas "string" dtype,
`integer` → nullable "Int64", `number` → "Float64"; an empty cell is `pd.NA`. List fields
(`listSeparator`) stay one string per cell, e.g. "a;b"; use `split_list` to get the items.
Loading refuses data with any validation error, so nothing downstream sees unchecked data.
"""

from __future__ import annotations

import os

import pandas as pd

from yearbook.data.checks import Table, plain_rows
from yearbook.data.validate import ValidationResult, validate_data_dir

_DTYPES = {"string": "string", "integer": "Int64", "number": "Float64"}


class DataValidationError(Exception):
    """The data directory has errors; `str(error)` is the full report."""

    def __init__(self, result: ValidationResult) -> None:
        super().__init__(result.report())
        self.result = result


def table_frame(table: Table) -> pd.DataFrame:
    """One checked table as a typed DataFrame (one row per CSV row, in file order)."""
    rows = plain_rows(table)
    columns = {
        field.name: pd.array(
            [row[field.name] for row in rows],
            dtype="string" if field.list_separator is not None else _DTYPES[field.type],
        )
        for field in table.schema.fields
    }
    return pd.DataFrame(columns, index=pd.RangeIndex(len(rows)))


def frames(result: ValidationResult) -> dict[str, pd.DataFrame]:
    """All tables of a validation run as DataFrames; raises DataValidationError on any error."""
    if not result.ok:
        raise DataValidationError(result)
    return {name: table_frame(table) for name, table in sorted(result.tables.items())}


def load_datasets(
    data_dir: str | os.PathLike[str], *, root: str | os.PathLike[str] | None = None
) -> dict[str, pd.DataFrame]:
    """Validate `data_dir` and return every dataset by name; raises DataValidationError."""
    return frames(validate_data_dir(data_dir, root=root))


def load_dataset(
    data_dir: str | os.PathLike[str], name: str, *, root: str | os.PathLike[str] | None = None
) -> pd.DataFrame:
    """Validate `data_dir` (foreign keys need all datasets) and return dataset `name`."""
    datasets = load_datasets(data_dir, root=root)
    if name not in datasets:
        raise KeyError(f"no dataset {name!r} in {data_dir}; known: {', '.join(datasets)}")
    return datasets[name]
