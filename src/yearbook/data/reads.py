"""What a chart or a page was made from, so that editing one CSV remakes only what read it
(under `mkdocs serve` and in every later build).

A chart function or a page filler gets the datasets through `DatasetReads`, and each dataset
notes what is read of it (yearbook.data.model.NotedDataset): single rows by id (`row_key`), its
schema, or all of it (its name). Its cache entry keeps the fingerprint of each of those
(`DataFingerprints`), and stays valid while they all still match (`still_valid`). So a page
that names one company depends on that company's row, not on every company. Listing the
datasets' names is not a read: the names are part of every cache key
(yearbook.cache.fingerprints.build_key).
"""

from collections import ChainMap
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Protocol, Self, TypeVar

Fingerprints = Mapping[str, str]
"""Dataset name → fingerprint of its CSV and schema (yearbook.cache.fingerprints); also finer
parts of the data: a dataset's schema, one row (`row_key`), the rows naming one entity
(yearbook.pages.entities.related_key)."""


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
    """`datasets`, noting in `read` what is read of every dataset taken from it (also through
    `values()`, `items()` and `get()`)."""

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
    """The fingerprints `given` (datasets, schemas, related rows), and that of any single row
    (`row_key`) of the `datasets()`, worked out when first asked for."""

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
    """`datasets` with some of them `replaced` (e.g. by the rows an entity page shows). The
    others are looked up only when asked for, so reads are still noted one by one."""
    return ChainMap(dict(replaced), datasets)  # type: ignore[arg-type]  # only ever read


def fingerprints_of(names: Iterable[str], current: Fingerprints) -> dict[str, str]:
    """What to store with a cache entry made from the datasets `names`. A name without a
    fingerprint gets one that matches nothing: such an entry is never reused."""
    return {name: current.get(name, "") for name in sorted(set(names))}


def still_valid(stored: object, current: Fingerprints) -> bool:
    """Whether an entry made from the datasets fingerprinted in `stored` is still up to date."""
    if not isinstance(stored, dict):
        return False
    return all(current.get(name) == fingerprint for name, fingerprint in stored.items())
