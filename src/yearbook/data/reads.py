"""What a chart or a page was made from, so that editing one CSV remakes only what read it.

Datasets note what is read of them (rows by id, the schema, or all of it), so a page naming
one company depends on that company's row, not on every company. Listing the datasets' names
is not a read: the names are part of every cache key (yearbook.cache.fingerprints.build_key).
"""

from collections import ChainMap
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Protocol, Self, TypeVar

Fingerprints = Mapping[str, str]
"""Dataset name, or a finer part (schema, `row_key`, related rows) → its fingerprint."""


class Notable(Protocol):
    def noted(self, note: Callable[[str], None]) -> Self:
        """The same data, calling `note` with what is read of it."""
        ...


V = TypeVar("V", bound=Notable)

SCHEMA_KEY = ".schema"
"""`name + SCHEMA_KEY`: the part of the data that is a dataset's schema alone."""


def row_key(dataset: str, row_id: str) -> str:
    """The dependency on one row of a dataset, by its id."""
    return f"{dataset}/{row_id}"


class DatasetReads(Mapping[str, V]):
    """`datasets`, noting in `read` what is read of every dataset taken from it."""

    def __init__(self, datasets: Mapping[str, V]) -> None:
        self._datasets = datasets
        self.read: set[str] = set()

    def __getitem__(self, name: str) -> V:
        return self._datasets[name].noted(self.read.add)

    def __iter__(self) -> Iterator[str]:
        return iter(self._datasets)

    def __len__(self) -> int:
        return len(self._datasets)


class RowFingerprints(Protocol):
    def row_fingerprint(self, row_id: str) -> str:
        """A fingerprint of the row `row_id` (also of its absence)."""
        ...


class DataFingerprints(Mapping[str, str]):
    """The fingerprints `given`, and that of any single row (`row_key`) when first asked."""

    def __init__(
        self, given: Mapping[str, str], datasets: Callable[[], Mapping[str, RowFingerprints]]
    ) -> None:
        self._given = given
        self._datasets = datasets
        self._rows: dict[str, str | None] = {}

    def __getitem__(self, key: str) -> str:
        fingerprint = self._given.get(key)
        if fingerprint is None:
            if key not in self._rows:
                name, _, row_id = key.partition("/")
                dataset = self._datasets().get(name) if row_id else None
                self._rows[key] = dataset.row_fingerprint(row_id) if dataset is not None else None
            fingerprint = self._rows[key]
        if fingerprint is None:
            raise KeyError(key)
        return fingerprint

    def __iter__(self) -> Iterator[str]:
        return iter(self._given)  # rows are fingerprinted only when asked for

    def __len__(self) -> int:
        return len(self._given)


def overlay(datasets: Mapping[str, V], replaced: Mapping[str, V]) -> Mapping[str, V]:
    """`datasets` with some `replaced`; the others looked up when asked, so reads are noted."""
    return ChainMap(dict(replaced), datasets)  # type: ignore[arg-type]  # only ever read


def fingerprints_of(names: Iterable[str], current: Fingerprints) -> dict[str, str]:
    """What to store with a cache entry; a name without a fingerprint never matches again."""
    return {name: current.get(name, "") for name in sorted(set(names))}


def still_valid(stored: object, current: Fingerprints) -> bool:
    """Whether an entry made from the datasets fingerprinted in `stored` is still up to date."""
    return isinstance(stored, dict) and all(current.get(k) == v for k, v in stored.items())
