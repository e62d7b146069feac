"""Reading one field of a schema file, reporting every problem and keeping what is usable."""

import json
import re
from collections.abc import Callable, Mapping
from typing import Any

from yearbook.data.schema import (
    DISPLAYS,
    FIELD_TYPES,
    LANGUAGES,
    TEXT_KEYS,
    Field,
    Scalar,
    cast_value,
    label_key,
)

Report = Callable[[str], None]
Kind = tuple[Callable[[Any], bool], str]

# What a key's value must be: a test and the words that say it.
_BOOL: Kind = (lambda v: isinstance(v, bool), "must be true or false")
_TEXT: Kind = (lambda v: isinstance(v, str) and bool(v.strip()), "must be a non-empty text")
_NUMBER: Kind = (lambda v: type(v) in (int, float), "must be a number")  # JSON: not bool
_COUNT: Kind = (lambda v: type(v) is int and v >= 0, "must be a whole number >= 0")
_DISPLAY: Kind = (lambda v: v in DISPLAYS, "must be " + " or ".join(f'"{d}"' for d in DISPLAYS))
_BOUNDS, _LENGTHS = ("minimum", "maximum"), ("minLength", "maxLength")
_CONSTRAINTS = ("required", "unique", "enum", "pattern", *_BOUNDS, *_LENGTHS)


def read_field(raw: Mapping[str, Any], report: Report) -> Field:
    """The field `raw` describes; a wrong key is reported and read as if it were absent."""
    name: str = raw["name"]

    def problem(message: str) -> None:
        report(f'field "{name}": {message}')

    def checked(obj: Mapping[str, Any], key: str, kind: Kind, default: Any = None) -> Any:
        value = obj.get(key, default)
        if value is default or kind[0](value):
            return value
        problem(f'{"" if obj is raw else "constraint "}"{key}" {kind[1]}')
        return default

    field_type = raw.get("type", "string")
    if field_type not in FIELD_TYPES:
        problem(f'"type" must be one of {", ".join(FIELD_TYPES)}, not {json.dumps(field_type)}')
        field_type = None  # read as "string", without reporting constraints that need a type
    if raw.get("format", "default") != "default":
        problem('"format" is not supported; remove it')
    texts = {key: read_text(raw, key, f'field "{name}"', report) for key in TEXT_KEYS}
    partial_date = checked(raw, "partialDate", _BOOL, False)
    if partial_date and field_type not in ("string", None):
        problem('"partialDate" needs "type": "string"')
        partial_date = False
    separator = checked(raw, "listSeparator", (_TEXT[0], _TEXT[1] + ' such as ";"'))
    display = checked(raw, "display", _DISPLAY, "column")

    constraints = raw.get("constraints", {})
    if not isinstance(constraints, dict):
        problem('"constraints" must be an object')
        constraints = {}
    for key in constraints:
        if key not in _CONSTRAINTS:
            problem(f'unknown constraint "{key}" (known: {", ".join(_CONSTRAINTS)})')
    required, unique = (checked(constraints, key, _BOOL, False) for key in ("required", "unique"))
    enum = _read_enum(constraints, field_type or "string", problem)
    labels = _read_enum_labels(raw.get("enumLabels"), enum, problem)
    pattern = constraints.get("pattern")
    if pattern is not None:
        try:
            re.compile(pattern)
        except (re.error, TypeError) as exc:
            problem(f'constraint "pattern" is not a valid regular expression: {exc}')
            pattern = None
    bounds = {}
    for key in _BOUNDS:
        if field_type in ("integer", "number"):
            bounds[key] = checked(constraints, key, _NUMBER)
        elif field_type and constraints.get(key) is not None:
            problem(f'constraint "{key}" needs "type": "integer" or "number"')
    min_length, max_length = (checked(constraints, key, _COUNT) for key in _LENGTHS)
    return Field(
        name=name,
        type=field_type or "string",
        required=required,
        unique=unique,
        enum=enum,
        pattern=pattern,
        minimum=bounds.get("minimum"),
        maximum=bounds.get("maximum"),
        min_length=min_length,
        max_length=max_length,
        partial_date=partial_date,
        list_separator=separator,
        enum_labels=labels,
        unit=raw.get("unit"),
        display=display,
        **texts,
    )


def read_text(obj: Mapping[str, Any], key: str, where: str, report: Report) -> str:
    """A bilingual text (`title`, `description_zh`, ...), which must not be empty."""
    if _TEXT[0](value := obj.get(key)):
        return str(value)
    report(f'{where} needs a non-empty "{key}"')
    return ""


def _read_enum(
    constraints: Mapping[str, Any], field_type: str, problem: Report
) -> tuple[Scalar, ...] | None:
    if "enum" not in constraints:
        return None
    values = constraints["enum"]
    if not isinstance(values, list) or not values:
        problem('constraint "enum" must be a non-empty list')
        return None
    cast = [_cast_json(field_type, value) for value in values]
    if any(value is None for value in cast):
        problem(f'every "enum" value must be a valid {field_type}')
        return None
    return tuple(value for value in cast if value is not None)


def _cast_json(field_type: str, value: object) -> Scalar | None:
    if isinstance(value, str):
        return cast_value(field_type, value) if value else None
    if isinstance(value, bool):
        return None
    if field_type == "integer" and isinstance(value, int):
        return value
    if field_type == "number" and isinstance(value, int | float):
        return float(value)
    return None


def _read_enum_labels(
    raw: object, enum: tuple[Scalar, ...] | None, problem: Report
) -> dict[str, dict[str, str]]:
    if raw is None:
        if enum is not None:
            problem('needs "enumLabels" with a zh and en label for every enum value')
        return {}
    if enum is None:
        problem('"enumLabels" needs a constraint "enum"')
        return {}
    if not isinstance(raw, dict):
        problem('"enumLabels" must be an object: {"value": {"zh": "...", "en": "..."}}')
        return {}
    keys = [label_key(v) for v in enum]
    labels: dict[str, dict[str, str]] = {}
    for key in keys:
        entry = raw.get(key)
        if isinstance(entry, dict) and all(_TEXT[0](entry.get(lang)) for lang in LANGUAGES):
            labels[key] = {lang: str(entry[lang]) for lang in LANGUAGES}
        else:
            problem(f'"enumLabels" needs {json.dumps(key)}: {{"zh": "...", "en": "..."}}')
    for key in raw:
        if key not in keys:
            problem(f'"enumLabels" has {json.dumps(key)}, which is not an enum value')
    return labels
