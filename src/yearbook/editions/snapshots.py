"""A frozen edition's data snapshot (editions/<year>/data/) with its corrections made: what
`{{ 2026:… }}` quotes read, and what correction notices show."""

import tempfile
from collections.abc import Iterable
from pathlib import Path

from yearbook.data.model import Dataset, datasets_of
from yearbook.data.validate import validate_data_dir
from yearbook.editions.corrections import Correction, corrected_copy, read_corrections
from yearbook.editions.settings import FOLDER


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
