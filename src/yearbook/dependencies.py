"""Which datasets a chart or a page was made from, so that editing one CSV remakes only what
read it (under `mkdocs serve` and in every later build).

A chart function or a page filler gets the datasets through `DatasetReads`, which notes each
dataset it takes. Its cache entry keeps the fingerprint of each of those datasets, and stays
valid while they all still match (`still_valid`). Listing the datasets' names is not a read:
the names are part of every cache key (yearbook.fingerprints.build_key).
"""

from __future__ import annotations

from collections import ChainMap
from collections.abc import Iterable, Iterator, Mapping
from typing import TypeVar

V = TypeVar("V")

Fingerprints = Mapping[str, str]
"""Dataset name → fingerprint of its CSV and schema (yearbook.fingerprints); also finer
parts of the data, e.g. the rows naming one entity (yearbook.entities.related_key)."""


class DatasetReads(Mapping[str, V]):
    """`datasets`, noting in `read` the name of every dataset taken from it (also through
    `values()`, `items()` and `get()`, which take every dataset or the one asked for)."""

    def __init__(self, datasets: Mapping[str, V]) -> None:
        self._datasets = datasets
        self.read: set[str] = set()

    def __getitem__(self, name: str) -> V:
        dataset = self._datasets[name]
        self.read.add(name)
        return dataset

    def __iter__(self) -> Iterator[str]:
        return iter(self._datasets)

    def __len__(self) -> int:
        return len(self._datasets)


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
