"""The REAL data/ directory: bilingual schemas, labelled enums, standard Table Schema, valid data.

These tests fail (never skip) when data/ holds no datasets: the yearbook needs its data.
"""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path
from typing import Any

import pytest
from frictionless import Schema as FrictionlessSchema

from yearbook.cli import main

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
TEXTS = ("title", "title_zh", "description", "description_zh")


def schemas() -> dict[str, dict[str, Any]]:
    found = {
        path.name: json.loads(path.read_text("utf-8-sig")) for path in DATA.glob("*.schema.json")
    }
    assert len(found) > 0, f"no *.schema.json in {DATA}: the yearbook has no datasets"
    return found


def is_text(value: object) -> bool:
    return isinstance(value, str) and bool(value.strip())


def test_data_dir_has_datasets() -> None:
    assert DATA.is_dir(), f"{DATA} is missing"
    assert len(schemas()) > 0
    assert len(list(DATA.glob("*.csv"))) > 0


def test_every_schema_and_field_has_zh_and_en_title_and_description() -> None:
    problems = []
    for file, schema in schemas().items():
        problems += [f"{file}: {key}" for key in TEXTS if not is_text(schema.get(key))]
        for field in schema.get("fields", []):
            name = field.get("name")
            problems += [f"{file}: field {name}: {k}" for k in TEXTS if not is_text(field.get(k))]
    assert problems == []


def test_every_enum_value_has_zh_and_en_labels() -> None:
    problems = []
    for file, schema in schemas().items():
        for field in schema.get("fields", []):
            enum = field.get("constraints", {}).get("enum")
            if enum is None:
                continue
            labels = field.get("enumLabels") or {}
            for value in enum:
                label = labels.get(str(value)) or {}
                for language in ("zh", "en"):
                    if not is_text(label.get(language)):
                        problems.append(f"{file}: {field['name']}: {value!r} lacks {language}")
    assert problems == []


def test_schemas_are_standard_table_schemas() -> None:
    problems = []
    for file, schema in schemas().items():
        report = FrictionlessSchema.validate_descriptor(schema)
        problems += [f"{file}: {error.message}" for error in report.errors]
    assert problems == []


def test_yearbook_check_data_passes(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    status = main(["check", "data"])
    out = capsys.readouterr().out
    assert status == 0, out
    assert out.startswith("data/ is valid:")


# --- policies.csv (issue 14): facts about policy in a dataset, not only in prose ------------

POLICY_COLUMNS = (
    "id",
    "date",
    "title_zh",
    "title_en",
    "issuer_zh",
    "issuer_en",
    "level",
    "what_zh",
    "what_en",
    "source",
    "note_zh",
    "note_en",
)


def policies() -> list[dict[str, str]]:
    with (DATA / "policies.csv").open(encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


def test_the_policies_schema_is_like_the_others() -> None:
    schema = schemas()["policies.schema.json"]
    fields = {field["name"]: field for field in schema["fields"]}
    assert tuple(fields) == POLICY_COLUMNS
    assert schema["primaryKey"] == "id"
    assert schema["foreignKeys"] == [
        {"fields": "source", "reference": {"resource": "sources", "fields": "id"}}
    ]
    assert fields["date"]["partialDate"] is True
    assert fields["source"]["listSeparator"] == ";"
    assert set(fields["level"]["enumLabels"]) == set(fields["level"]["constraints"]["enum"])
    for name in ("id", "title_zh", "title_en", "what_zh", "what_en", "source"):
        assert fields[name]["constraints"]["required"] is True, name
    for name in ("date", "issuer_zh", "issuer_en", "level"):  # empty when the source is silent
        assert not fields[name].get("constraints", {}).get("required"), name


def test_every_policy_says_why_a_date_or_issuer_is_missing() -> None:
    """Dates keep the source's precision and are never filled in: a row without a date, or
    without an issuer, explains in both notes what the source does give."""
    rows = policies()
    assert len(rows) >= 11
    for row in rows:
        if not row["date"] or not row["issuer_zh"]:
            assert row["note_zh"] and row["note_en"], row["id"]
        assert bool(row["issuer_zh"]) == bool(row["issuer_en"]), row["id"]
        assert row["date"] == "" or re.fullmatch(r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?", row["date"])


def test_the_policies_issue_14_lists_are_rows() -> None:
    ids = {row["id"]: row for row in policies()}
    expected = {
        "state-council-drug-device-regulation-opinion": ("", "xinhua-2025-08-16-drugs"),
        "nhsa-first-launch-price-mechanism": ("2025-07", "xinhua-2025-08-16-drugs"),
        "drug-price-registration-system": ("", "xinhua-2026-05-27"),
        "breakthrough-therapy-faster-review": ("", "xinhua-2026-05-27"),
        "third-plenum-decision": ("", "study-times-2025-09-29"),
        "fifteenth-five-year-plan-outline": ("", "xinhua-2026-05-27"),
        "beijing-robotics-three-year-action-plans": ("2019", "xinhua-2025-08-16-robotics"),
        "beijing-etown-embodied-ai-robot-ten-measures": ("", "xinhua-2025-08-16-robotics"),
        "government-work-report-2025-future-industries": ("2025", "xinhua-2025-08-16-robotics"),
        "smes-matchmaking-2026": ("2026-05", "xinhua-2026-05-27-smes"),
    }
    assert {name: (ids[name]["date"], ids[name]["source"]) for name in expected} == expected


def test_the_binhai_cluster_is_named_as_printed_and_holds_wenjis_project() -> None:
    with (DATA / "clusters.csv").open(encoding="utf-8", newline="") as file:
        clusters = {row["id"]: row for row in csv.DictReader(file)}
    with (DATA / "investments.csv").open(encoding="utf-8", newline="") as file:
        investments = {row["id"]: row for row in csv.DictReader(file)}
    binhai = clusters["tianjin-binhai-htz"]
    assert binhai["name_zh"] == "滨海高新区"  # the source prints no "天津" before it
    assert binhai["source"] == "tianjin-local-2026-05"
    assert investments["wenji-binhai-ai-glasses"]["cluster"] == "tianjin-binhai-htz"


def test_the_data_guide_gives_each_datasets_row_count() -> None:
    guide = (DATA / "README.md").read_text(encoding="utf-8")
    found = re.findall(r"行数 Rows: (\d+)\. 结构 Schema: `([a-z_]+)\.schema\.json`", guide)
    stated = {name: int(rows) for rows, name in found}
    actual = {}
    for path in sorted(DATA.glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as file:
            actual[path.stem] = sum(1 for _ in csv.DictReader(file))
    assert stated == actual
