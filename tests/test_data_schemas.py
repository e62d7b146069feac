"""The REAL data/ directory: bilingual schemas, labelled enums, standard Table Schema, valid data.

These tests fail (never skip) when data/ holds no datasets: the yearbook needs its data.
"""

from __future__ import annotations

import json
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
