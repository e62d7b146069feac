"""Reading a *.schema.json: a standard Table Schema with bilingual texts, every problem named."""

import json
import re
from pathlib import Path

import pytest
from data_fixture import GOOD, copy_good, found, line_of, replace_text
from frictionless import Schema as FrictionlessSchema

from yearbook.data.validate import validate_data_dir


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return copy_good(tmp_path)


def test_fixture_schemas_are_standard_table_schemas() -> None:
    for path in GOOD.glob("*.schema.json"):
        report = FrictionlessSchema.validate_descriptor(json.loads(path.read_text("utf-8")))
        assert report.valid, (path.name, [e.message for e in report.errors])


def test_field_without_chinese_title_is_a_schema_error(data: Path) -> None:
    path = data / "companies.schema.json"
    replace_text(path, '"title_zh": "城市",\n', "")
    assert found(data) == [
        ("data/companies.schema.json", line_of(path, '"name": "city"'), "city", "schema")
    ]


SCHEMA_CASES = [
    # (old text in companies.schema.json, new text, column of the expected schema error)
    ('"description_zh": "交易中出现的企业。",', "", None),
    ('"description_zh": "企业的主要业务。",', '"description_zh": " ",', "kind"),
    ('"type": "integer"', '"type": "int"', "founded"),
    ('"minimum": 1800', '"minimun": 1800', "founded"),
    ('"robotics": {"zh": "机器人", "en": "Robotics"}', '"robotics": {"zh": "机器人"}', "kind"),
    ('"biotech": {', '"robot": {"zh": "机", "en": "R"}, "biotech": {', "kind"),
    ('"name": "companies"', '"name": "company"', None),
    ('"primaryKey": "id",', '"primaryKey": "code",', None),
    ('"pattern": "[a-z0-9]+(-[a-z0-9]+)*"', '"pattern": "[a-z"', "id"),
]  # fmt: skip


@pytest.mark.parametrize(("old", "new", "column"), SCHEMA_CASES)
def test_schema_sanity(data: Path, old: str, new: str, column: str | None) -> None:
    path = data / "companies.schema.json"
    replace_text(path, old, new)
    errors = found(data)
    assert [(e[0], e[2], e[3]) for e in errors] == [
        ("data/companies.schema.json", column, "schema")
    ]


def test_enum_field_needs_enum_labels(data: Path) -> None:
    path = data / "companies.schema.json"
    text = path.read_text(encoding="utf-8")
    text = re.sub(r',\s*"enumLabels": \{[^}]*\}[^}]*\}[^}]*\}\s*\}', "", text)
    path.write_text(text, encoding="utf-8")
    assert "enumLabels" not in text
    assert found(data) == [
        ("data/companies.schema.json", line_of(path, '"kind"'), "kind", "schema")
    ]


def test_broken_json_is_reported_with_position(data: Path) -> None:
    path = data / "companies.schema.json"
    replace_text(path, '"title": "Companies",', '"title": "Companies"')
    result = validate_data_dir(data, root=data.parent)
    # the schema is unusable, so its CSV is not checked and no follow-up errors appear
    assert [(e.file, e.line, e.column, e.rule) for e in result.errors] == [
        ("data/companies.schema.json", 4, "3", "schema")
    ]
    expected = "data/companies.schema.json:4:3: breaks rule schema: invalid JSON: Expecting ','"
    assert result.errors[0].format().startswith(expected)


def test_every_problem_of_a_field_is_named_in_order(data: Path) -> None:
    path = data / "companies.schema.json"
    schema = json.loads(path.read_text("utf-8"))
    field = next(f for f in schema["fields"] if f["name"] == "name")
    field.update(format="x", title="", partialDate=1, listSeparator="", enumLabels={})
    field.update(display="hidden")
    field["constraints"] = {"zzz": 1, "required": None, "enum": [], "pattern": "(", "minimum": 1}
    field["constraints"] |= {"minLength": -1, "maxLength": "x"}
    path.write_text(json.dumps(schema, ensure_ascii=False, indent=2), "utf-8")
    errors = validate_data_dir(data, root=data.parent).errors
    assert {(e.file, e.line, e.column, e.rule) for e in errors} == {
        ("data/companies.schema.json", line_of(path, '"name": "name"'), "name", "schema")
    }
    assert [(e.message.removeprefix('field "name": '), e.value) for e in errors] == [
        ('"format" is not supported; remove it', "x"),
        ('"title" must be a non-empty text', ""),
        ('"partialDate" must be true or false', "1"),
        ('"listSeparator" must be a non-empty text such as ";"', ""),
        ('"display" must be "column" or "detail"', "hidden"),
        (
            '"constraints" names an unknown constraint (known: required, unique, enum, pattern, '
            "minimum, maximum, minLength, maxLength)",
            "zzz",
        ),
        ('"constraints.required" must be true or false', "null"),
        ('"constraints.enum" must be a non-empty list', None),
        ('"constraints.minLength" must be a whole number >= 0', "-1"),
        ('"constraints.maxLength" must be a whole number >= 0', "x"),
        ('"constraints.minimum" needs "type": "integer" or "number"', "1"),
    ]


def test_what_the_contract_cannot_say_is_checked_once_it_allows_the_schema(data: Path) -> None:
    path = data / "companies.schema.json"
    schema = json.loads(path.read_text("utf-8"))
    fields = {field["name"]: field for field in schema["fields"]}
    fields["name"]["constraints"] = {"pattern": "("}
    fields["name"]["enumLabels"] = {"x": {"zh": "甲", "en": "X"}}
    fields["kind"]["enumLabels"]["other"] = fields["kind"]["enumLabels"].pop("pharma")
    path.write_text(json.dumps(schema, ensure_ascii=False, indent=2), "utf-8")
    errors = validate_data_dir(data, root=data.parent).errors
    name, kind = line_of(path, '"name": "name"'), line_of(path, '"name": "kind"')
    assert [(e.line, e.column, e.message) for e in errors] == [
        (
            name,
            "name",
            'field "name": constraint "pattern" is not a valid regular expression: '
            "missing ), unterminated subpattern at position 0",
        ),
        (name, "name", 'field "name": "enumLabels" needs a constraint "enum"'),
        (kind, "kind", 'field "kind": "enumLabels" needs "pharma": {"zh": "...", "en": "..."}'),
        (kind, "kind", 'field "kind": "enumLabels" has "other", which is not an enum value'),
    ]


def test_a_wrong_type_is_named_once(data: Path) -> None:
    path = data / "companies.schema.json"
    replace_text(path, '"type": "integer"', '"type": "year", "partialDate": true')
    replace_text(path, '"minimum": 1800', '"minimum": 1800, "minLength": -3')
    messages = [e.message for e in validate_data_dir(data, root=data.parent).errors]
    assert messages == [
        'field "founded": "type" must be one of string, integer, number',
        'field "founded": "constraints.minLength" must be a whole number >= 0',
    ]
