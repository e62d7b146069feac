"""What pages and charts are noted to read of the datasets, and the fingerprints those reads
are checked against (yearbook.data.reads, yearbook.data.model.NotedDataset)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from yearbook.data.model import Dataset
from yearbook.data.reads import DataFingerprints, DatasetReads, fingerprints_of, still_valid
from yearbook.pages.entities import FOLDERS
from yearbook.pages.fill import RowIds


def test_a_row_looked_up_by_id_is_all_that_is_read(datasets: dict[str, Dataset]) -> None:
    reads = DatasetReads(datasets)
    assert reads["companies"].by_id["cspc"]["name_en"] == "CSPC Pharmaceutical Group"
    assert reads["companies"].by_id.get("no-such-company") is None
    assert "hengrui" in reads["companies"].by_id
    assert reads.read == {"companies/cspc", "companies/no-such-company", "companies/hengrui"}


@pytest.mark.parametrize(
    ("read", "noted"),
    [
        (lambda dataset: dataset.rows, {"companies"}),
        (lambda dataset: list(dataset.by_id), {"companies"}),
        (lambda dataset: len(dataset.by_id), {"companies"}),
        (lambda dataset: dataset.ids_naming(("country",)), {"companies"}),
        (lambda dataset: dataset.title("zh"), {"companies.schema"}),
        (lambda dataset: dataset.schema, {"companies.schema"}),
        (lambda dataset: dataset.subset(["cspc"]).rows, {"companies.schema", "companies/cspc"}),
        (lambda dataset: dataset.name, set()),
    ],
)
def test_what_is_read_of_a_dataset_is_noted(
    datasets: dict[str, Dataset], read: object, noted: set[str]
) -> None:
    reads = DatasetReads(datasets)
    read(reads["companies"])  # type: ignore[operator]
    assert reads.read == noted


def test_checking_an_entity_marker_reads_that_entity_only(datasets: dict[str, Dataset]) -> None:
    reads = DatasetReads(datasets)
    names = RowIds(reads, FOLDERS, prefixed=True)
    assert "companies/cspc" in names
    assert "clusters/no-such-cluster" not in names
    assert "deals/cspc-astrazeneca-2026" not in names  # deals have no pages
    assert reads.read == {"companies/cspc", "clusters/no-such-cluster"}
    assert "companies/hengrui" in list(names)  # listing them (for a message) reads them all
    assert {"companies", "clusters", "robotics_events"} <= reads.read


def _fingerprints(datasets: dict[str, Dataset]) -> DataFingerprints:
    return DataFingerprints({"companies": "all-companies"}, lambda: datasets)


def test_a_row_fingerprint_changes_with_that_row_only(datasets: dict[str, Dataset]) -> None:
    stored = fingerprints_of(["companies/cspc", "companies/hengrui"], _fingerprints(datasets))
    companies = datasets["companies"]
    edited_rows = tuple(
        {**row, "note_en": "Edited."} if row["id"] == "hengrui" else row for row in companies.rows
    )
    edited = {**datasets, "companies": replace(companies, rows=edited_rows)}
    current = _fingerprints(edited)
    assert current["companies/cspc"] == stored["companies/cspc"]
    assert current["companies/hengrui"] != stored["companies/hengrui"]
    assert not still_valid(stored, current)
    assert still_valid({"companies/cspc": stored["companies/cspc"]}, current)


def test_fingerprints_given_absent_rows_and_unknown_datasets(
    datasets: dict[str, Dataset],
) -> None:
    fingerprints = _fingerprints(datasets)
    assert fingerprints["companies"] == "all-companies"
    # A row looked up but absent keeps one fingerprint, until such a row is added.
    assert fingerprints["companies/no-such"] == _fingerprints(datasets)["companies/no-such"]
    assert fingerprints["companies/no-such"] != fingerprints["companies/cspc"]
    assert fingerprints.get("no-such-dataset/row") is None
    assert fingerprints.get("deals") is None  # not given
    assert list(fingerprints) == ["companies"]
