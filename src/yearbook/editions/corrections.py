"""Corrections to frozen editions (editions/corrections.csv): each row changes one cell of a
frozen edition's data snapshot, with the day, what the cell was and is, why in both languages
and the source. They are checked against the snapshot and made on a copy of it (what quotes
and notices read: frozen_datasets; the pages that showed the cell: shown.py), then published in
the edition (notices.py)."""

import csv
import re
import shutil
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import NamedTuple

from yearbook.data.model import Dataset, datasets_of
from yearbook.data.validate import CSV_SUFFIX, validate_data_dir
from yearbook.editions.settings import FOLDER, frozen_editions

FILE = f"{FOLDER}/corrections.csv"
COLUMNS = ("id", "date", "edition", "dataset", "row", "column", "was", "is", "why_zh", "why_en")
SOURCE = "source"


class Correction(NamedTuple):
    line: int
    id: str
    date: str
    edition: str
    dataset: str
    row: str
    column: str
    was: str
    is_: str
    why_zh: str
    why_en: str
    sources: tuple[str, ...]


def _rows(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(encoding="utf-8-sig", newline="") as file:
        reader = csv.DictReader(file)
        return list(reader.fieldnames or ()), list(reader)


def read_corrections(project: Path) -> list[Correction]:
    """The rows of editions/corrections.csv (none without the file), by day."""
    path = project / FILE
    if not path.is_file():
        return []
    columns, rows = _rows(path)
    if tuple(columns) != (*COLUMNS, SOURCE):
        raise ValueError(f"{FILE}:1: write the columns {','.join(COLUMNS)},{SOURCE}")
    corrections = []
    for line, row in enumerate(rows, start=2):
        sources = tuple(filter(None, (row[SOURCE] or "").split(";")))
        corrections.append(Correction._make([line, *(row[c] or "" for c in COLUMNS), sources]))
    return sorted(corrections, key=lambda correction: (correction.date, correction.line))


def check_corrections(
    corrections: Sequence[Correction], project: Path, data_dir: Path
) -> list[str]:
    """What is wrong with `corrections`, each as `editions/corrections.csv:LINE: …`."""
    problems, seen, frozen = [], set(), set(frozen_editions(project))
    sources = {row["id"] for row in _rows(data_dir / f"sources{CSV_SUFFIX}")[1]}
    for c in corrections:
        where = f"{FILE}:{c.line}"
        if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", c.id) or c.id in seen:
            problems.append(f"{where}: id {c.id!r}: give each correction its own lowercase slug")
        seen.add(c.id)
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", c.date):
            problems.append(f"{where}: date {c.date!r}: write the day, e.g. 2027-01-20")
        if not (c.why_zh and c.why_en and c.sources):
            problems.append(f"{where}: say why in both languages and cite a source")
        problems += [
            f"{where}: no source {s!r} in data/sources.csv" for s in c.sources if s not in sources
        ]
        snapshot = project / FOLDER / c.edition / "data" / (c.dataset + CSV_SUFFIX)
        if c.edition not in frozen:
            problems.append(
                f"{where}: edition {c.edition!r} is not frozen ({', '.join(sorted(frozen))} are);"
                " correct the current edition in data/"
            )
        elif not snapshot.is_file():
            problems.append(f"{where}: edition {c.edition} has no dataset {c.dataset!r}")
        else:
            columns, rows = _rows(snapshot)
            row = next((row for row in rows if row.get("id") == c.row), None)
            if row is None or c.column not in columns:
                problems.append(
                    f"{where}: {c.edition}'s {c.dataset} has no row {c.row!r}"
                    f" or no column {c.column!r}"
                )
            elif row[c.column] != c.was:
                problems.append(
                    f"{where}: {c.dataset}/{c.row} {c.column} was {row[c.column]!r}"
                    f" in {c.edition}, not {c.was!r}"
                )
    return problems


def corrected_copy(snapshot: Path, corrections: Iterable[Correction], target: Path) -> Path:
    """The data snapshot `snapshot` copied to `target` with `corrections` made; `target`."""
    shutil.copytree(snapshot, target, dirs_exist_ok=True)
    for path in sorted(target.glob("*" + CSV_SUFFIX)):
        columns, rows = _rows(path)
        for c in corrections:
            for row in rows:
                if c.dataset + CSV_SUFFIX == path.name and row.get("id") == c.row:
                    row[c.column] = c.is_
        with path.open("w", encoding="utf-8", newline="") as file:
            writer = csv.DictWriter(file, columns, lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)
    return target


def frozen_datasets(
    project: Path, edition: str, corrections: Iterable[Correction] | None = None
) -> dict[str, Dataset] | None:
    """The datasets of frozen `edition` with `corrections` (default: all of editions/
    corrections.csv for it) made, or None when it is not frozen."""
    folder = project / FOLDER / edition / "data"
    if not folder.is_dir():
        return None
    if corrections is None:
        corrections = read_corrections(project)
    made = [correction for correction in corrections if correction.edition == edition]
    with tempfile.TemporaryDirectory(prefix="yearbook-edition-") as temporary:
        result = validate_data_dir(corrected_copy(folder, made, Path(temporary) / "data"))
        if not result.ok:  # frozen valid: a rule tightened since, or a correction breaks one
            raise ValueError(result.report(consequence=f"edition {edition} cannot be read"))
        return datasets_of(result)
