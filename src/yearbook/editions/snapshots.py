"""A frozen edition's data snapshot (editions/<year>/data/), read for `{{ 2026:… }}` quotes."""

from pathlib import Path

from yearbook.data.model import Dataset, datasets_of
from yearbook.data.validate import validate_data_dir
from yearbook.editions.settings import FOLDER


def frozen_datasets(project: Path, edition: str) -> dict[str, Dataset] | None:
    """The datasets of frozen `edition`, or None when it is not frozen."""
    folder = project / FOLDER / edition / "data"
    if not folder.is_dir():
        return None
    result = validate_data_dir(folder)
    if not result.ok:  # frozen as valid: a rule tightened since, or the snapshot was edited
        raise ValueError(result.report(consequence=f"edition {edition} cannot be quoted"))
    return datasets_of(result)
