"""Reading one dataset's Table Schema (`<name>.schema.json`) and the cell types it declares.

The subset of Frictionless Table Schema the yearbook uses, with standard semantics: field types
`string`, `integer`, `number`; constraints `required`, `unique`, `enum`, `pattern` (whole value),
`minimum`, `maximum`, `minLength`, `maxLength`; `primaryKey` (implies required + unique);
`foreignKeys` (resource `""` = this dataset); empty cell = missing value. Project keys:
`title_zh`, `description_zh`, `rowRules`, and per field `partialDate`, `listSeparator`,
`enumLabels`, `unit`. Anything the validator would otherwise ignore (an unknown constraint, a
`format`, other `missingValues`) is reported, never silently skipped.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from yearbook.data.errors import DataError

Scalar = str | int | float
"""A typed cell value."""

FIELD_TYPES = ("string", "integer", "number")
ROW_RULES = ("less-or-equal",)
TEXT_KEYS = ("title", "title_zh", "description", "description_zh")
LANGUAGES = ("zh", "en")
_CONSTRAINTS = (
    "required",
    "unique",
    "enum",
    "pattern",
    "minimum",
    "maximum",
    "minLength",
    "maxLength",
)
_INTEGER = re.compile(r"[+-]?[0-9]+")
_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")


def cast_value(field_type: str, text: str) -> Scalar | None:
    """`text` as the field type's value, or None if it is not one. `text` is never empty.

    integer: optional sign and ASCII digits (`2024`, `-3`). number: decimal notation with a dot
    and optional exponent (`12.5`, `1e3`). No thousands separators, units, spaces, NaN or INF.
    """
    if field_type == "integer":
        return int(text) if _INTEGER.fullmatch(text) else None
    if field_type == "number":
        number = float(text) if _NUMBER.fullmatch(text) else math.nan
        return number if math.isfinite(number) else None
    return text


@dataclass(frozen=True)
class Field:
    """One column of a dataset, as declared in its schema."""

    name: str
    type: str
    title: str = ""
    title_zh: str = ""
    description: str = ""
    description_zh: str = ""
    required: bool = False
    unique: bool = False
    enum: tuple[Scalar, ...] | None = None
    pattern: str | None = None
    minimum: float | None = None
    maximum: float | None = None
    min_length: int | None = None
    max_length: int | None = None
    partial_date: bool = False
    list_separator: str | None = None
    enum_labels: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    unit: Any = None
    line: int | None = None
    """Line of the field's `"name"` in the schema file, for error messages."""

    @property
    def is_numeric(self) -> bool:
        return self.type in ("integer", "number")


@dataclass(frozen=True)
class ForeignKey:
    fields: tuple[str, ...]
    resource: str
    """The referenced dataset's name (already resolved: `""` becomes this dataset's name)."""
    reference_fields: tuple[str, ...]


@dataclass(frozen=True)
class RowRule:
    rule: str
    fields: tuple[str, str]


@dataclass(frozen=True)
class Schema:
    """A dataset's schema: its bilingual descriptor, fields, keys and row rules."""

    name: str
    file: str
    """The schema file's path as shown in error messages."""
    fields: tuple[Field, ...]
    title: str = ""
    title_zh: str = ""
    description: str = ""
    description_zh: str = ""
    primary_key: tuple[str, ...] = ()
    foreign_keys: tuple[ForeignKey, ...] = ()
    row_rules: tuple[RowRule, ...] = ()
    lines: Mapping[str, int] = field(default_factory=dict)
    """Line in the schema file of top-level keys (`foreignKeys`, ...), for error messages."""

    @property
    def field_names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)

    def get_field(self, name: str) -> Field:
        for candidate in self.fields:
            if candidate.name == name:
                return candidate
        raise KeyError(name)


def read_schema(path: Path, file: str, name: str) -> tuple[Schema | None, list[DataError]]:
    """Read and check `path` (shown as `file`) for dataset `name`.

    Returns the schema (None when it is unusable: unreadable, broken JSON, no usable field
    list) and every problem found in it.
    """
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return None, [
            DataError(file, None, None, None, "read", f"cannot read file: {exc.strerror}")
        ]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        message = "schema file is not valid UTF-8"
        return None, [DataError(file, line, None, None, "encoding", message, _UTF8_HINT)]
    try:
        descriptor = json.loads(text)
    except json.JSONDecodeError as exc:
        message = f"invalid JSON: {exc.msg}"
        hint = "look just before this position for a missing comma, quote or bracket"
        return None, [DataError(file, exc.lineno, str(exc.colno), None, "schema", message, hint)]
    return _Reader(file, name, text).read(descriptor)


_UTF8_HINT = "save the file as UTF-8 in your editor"


class _Reader:
    """Turns one parsed descriptor into a Schema, collecting every problem on the way."""

    def __init__(self, file: str, name: str, text: str) -> None:
        self.file = file
        self.name = name
        self.text = text
        self.errors: list[DataError] = []

    def error(self, message: str, *, column: str | None = None, line: int | None = None) -> None:
        hint = "see the dataset contract in the editors' guide"
        self.errors.append(DataError(self.file, line, column, None, "schema", message, hint))

    def line_of(self, key: str, value: str | None = None) -> int | None:
        pattern = re.escape(json.dumps(key)) + r"\s*:"
        if value is not None:
            pattern += r"\s*" + re.escape(json.dumps(value, ensure_ascii=False))
        match = re.search(pattern, self.text)
        return self.text.count("\n", 0, match.start()) + 1 if match else None

    def read(self, descriptor: object) -> tuple[Schema | None, list[DataError]]:
        if not isinstance(descriptor, dict):
            self.error("the schema must be a JSON object")
            return None, self.errors
        raw_fields = descriptor.get("fields")
        if not isinstance(raw_fields, list) or not raw_fields:
            self.error('"fields" must be a non-empty list of field objects', line=1)
            return None, self.errors
        fields = [self.read_field(position, raw) for position, raw in enumerate(raw_fields)]
        if any(f is None for f in fields):
            return None, self.errors
        usable = tuple(f for f in fields if f is not None)
        names = [f.name for f in usable]
        for repeated in sorted({n for n in names if names.count(n) > 1}):
            line = self.line_of("name", repeated)
            self.error(f'field name "{repeated}" is used twice', column=repeated, line=line)
        if len(set(names)) != len(names):
            return None, self.errors

        declared = descriptor.get("name")
        if declared != self.name:
            self.error(
                f'"name" is {json.dumps(declared, ensure_ascii=False)} but the file name says '
                f'"{self.name}"; they must be the same',
                line=self.line_of("name", declared) if isinstance(declared, str) else 1,
            )
        texts = {key: self.text_key(descriptor, key, None, 1) for key in TEXT_KEYS}
        missing = descriptor.get("missingValues", [""])
        if missing != [""]:
            self.error('"missingValues" is not supported: an empty cell is the only missing value')
        schema = Schema(
            name=self.name,
            file=self.file,
            fields=usable,
            primary_key=self.read_primary_key(descriptor.get("primaryKey"), names),
            foreign_keys=self.read_foreign_keys(descriptor.get("foreignKeys", []), usable),
            row_rules=self.read_row_rules(descriptor.get("rowRules", []), usable),
            lines={
                key: line
                for key in ("primaryKey", "foreignKeys", "rowRules")
                if (line := self.line_of(key)) is not None
            },
            **texts,
        )
        return schema, self.errors

    def text_key(
        self, obj: Mapping[str, Any], key: str, column: str | None, line: int | None
    ) -> str:
        value = obj.get(key)
        if not isinstance(value, str) or not value.strip():
            where = f'field "{column}"' if column else "the schema"
            self.error(f'{where} needs a non-empty "{key}"', column=column, line=line)
            return ""
        return value

    def read_field(self, position: int, raw: object) -> Field | None:
        if not isinstance(raw, dict) or not isinstance(raw.get("name"), str) or not raw["name"]:
            self.error(f'fields[{position}] must be an object with a non-empty "name"')
            return None
        name: str = raw["name"]
        line = self.line_of("name", name)

        def problem(message: str) -> None:
            self.error(f'field "{name}": {message}', column=name, line=line)

        field_type = raw.get("type", "string")
        type_known = field_type in FIELD_TYPES
        if not type_known:
            problem(f'"type" must be one of {", ".join(FIELD_TYPES)}, not {json.dumps(field_type)}')
            field_type = "string"
        if raw.get("format", "default") != "default":
            problem('"format" is not supported; remove it')
        texts = {key: self.text_key(raw, key, name, line) for key in TEXT_KEYS}

        partial_date = raw.get("partialDate", False)
        if not isinstance(partial_date, bool):
            problem('"partialDate" must be true or false')
            partial_date = False
        if partial_date and field_type != "string" and type_known:
            problem('"partialDate" needs "type": "string"')
            partial_date = False
        separator = raw.get("listSeparator")
        if separator is not None and (not isinstance(separator, str) or not separator.strip()):
            problem('"listSeparator" must be a non-empty text such as ";"')
            separator = None

        constraints = raw.get("constraints", {})
        if not isinstance(constraints, dict):
            problem('"constraints" must be an object')
            constraints = {}
        for key in constraints:
            if key not in _CONSTRAINTS:
                problem(f'unknown constraint "{key}" (known: {", ".join(_CONSTRAINTS)})')
        flags = {}
        for key in ("required", "unique"):
            flags[key] = constraints.get(key, False)
            if not isinstance(flags[key], bool):
                problem(f'constraint "{key}" must be true or false')
                flags[key] = False

        enum: tuple[Scalar, ...] | None = None
        if "enum" in constraints:
            values = constraints["enum"]
            if not isinstance(values, list) or not values:
                problem('constraint "enum" must be a non-empty list')
            else:
                cast = [_cast_json(field_type, v) for v in values]
                if any(v is None for v in cast):
                    problem(f'every "enum" value must be a valid {field_type}')
                else:
                    enum = tuple(v for v in cast if v is not None)
        labels = self.read_enum_labels(raw.get("enumLabels"), enum, problem)

        pattern = constraints.get("pattern")
        if pattern is not None:
            try:
                re.compile(pattern)
            except (re.error, TypeError) as exc:
                problem(f'constraint "pattern" is not a valid regular expression: {exc}')
                pattern = None

        bounds: dict[str, float | None] = {}
        for key in ("minimum", "maximum"):
            bound = constraints.get(key)
            bounds[key] = None
            if bound is None:
                continue
            if field_type == "string":
                if type_known:  # else the type is already reported
                    problem(f'constraint "{key}" needs "type": "integer" or "number"')
            elif isinstance(bound, bool) or not isinstance(bound, int | float):
                problem(f'constraint "{key}" must be a number')
            else:
                bounds[key] = bound
        lengths: dict[str, int | None] = {}
        for key in ("minLength", "maxLength"):
            length = constraints.get(key)
            lengths[key] = None
            if length is None:
                continue
            if isinstance(length, bool) or not isinstance(length, int) or length < 0:
                problem(f'constraint "{key}" must be a whole number >= 0')
            else:
                lengths[key] = length

        return Field(
            name=name,
            type=field_type,
            required=flags["required"],
            unique=flags["unique"],
            enum=enum,
            pattern=pattern,
            minimum=bounds["minimum"],
            maximum=bounds["maximum"],
            min_length=lengths["minLength"],
            max_length=lengths["maxLength"],
            partial_date=partial_date,
            list_separator=separator,
            enum_labels=labels,
            unit=raw.get("unit"),
            line=line,
            **texts,
        )

    def read_enum_labels(
        self, raw: object, enum: tuple[Scalar, ...] | None, problem: Callable[[str], None]
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
        keys = [_label_key(v) for v in enum]
        labels: dict[str, dict[str, str]] = {}
        for key in keys:
            entry = raw.get(key)
            texts = entry if isinstance(entry, dict) else {}
            found = {lang: texts.get(lang) for lang in LANGUAGES}
            if all(isinstance(t, str) and t.strip() for t in found.values()):
                labels[key] = {lang: str(text) for lang, text in found.items()}
            else:
                problem(f'"enumLabels" needs {json.dumps(key)}: {{"zh": "...", "en": "..."}}')
        for key in raw:
            if key not in keys:
                problem(f'"enumLabels" has {json.dumps(key)}, which is not an enum value')
        return labels

    def read_primary_key(self, raw: object, names: list[str]) -> tuple[str, ...]:
        line = self.line_of("primaryKey") or 1
        if raw is None:
            self.error('the schema needs "primaryKey", e.g. "primaryKey": "id"', line=line)
            return ()
        key = (raw,) if isinstance(raw, str) else raw
        if not isinstance(key, list | tuple) or not key or not all(isinstance(k, str) for k in key):
            self.error('"primaryKey" must be a field name or a list of field names', line=line)
            return ()
        unknown = [k for k in key if k not in names]
        if unknown:
            self.error(f'"primaryKey" names unknown field(s): {", ".join(unknown)}', line=line)
            return ()
        return tuple(key)

    def read_foreign_keys(self, raw: object, fields: tuple[Field, ...]) -> tuple[ForeignKey, ...]:
        line = self.line_of("foreignKeys")
        if not isinstance(raw, list):
            self.error('"foreignKeys" must be a list', line=line)
            return ()
        by_name = {f.name: f for f in fields}
        keys = []
        for position, entry in enumerate(raw):
            where = f"foreignKeys[{position}]"
            reference = entry.get("reference") if isinstance(entry, dict) else None
            if not isinstance(entry, dict) or not isinstance(reference, dict):
                self.error(f'{where} must be {{"fields": ..., "reference": {{...}}}}', line=line)
                continue
            own = _names(entry.get("fields"))
            other = _names(reference.get("fields"))
            resource = reference.get("resource")
            if own is None or other is None or not isinstance(resource, str):
                self.error(
                    f'{where} must name "fields", "reference.resource" and "reference.fields"',
                    line=line,
                )
                continue
            if len(own) != len(other):
                self.error(f"{where}: fields and reference.fields differ in length", line=line)
                continue
            unknown = [n for n in own if n not in by_name]
            if unknown:
                self.error(f"{where} names unknown field(s): {', '.join(unknown)}", line=line)
                continue
            if len(own) > 1 and any(by_name[n].list_separator for n in own):
                self.error(f"{where}: a list field can only be a single-field key", line=line)
                continue
            keys.append(ForeignKey(own, resource or self.name, other))
        return tuple(keys)

    def read_row_rules(self, raw: object, fields: tuple[Field, ...]) -> tuple[RowRule, ...]:
        line = self.line_of("rowRules")
        if not isinstance(raw, list):
            self.error('"rowRules" must be a list', line=line)
            return ()
        by_name = {f.name: f for f in fields}
        rules = []
        for position, entry in enumerate(raw):
            where = f"rowRules[{position}]"
            if not isinstance(entry, dict) or entry.get("rule") not in ROW_RULES:
                self.error(f'{where} needs "rule": one of {", ".join(ROW_RULES)}', line=line)
                continue
            names = _names(entry.get("fields"))
            if names is None or len(names) != 2 or any(n not in by_name for n in names):
                self.error(f'{where} needs "fields": two field names of this schema', line=line)
                continue
            first, second = (by_name[n] for n in names)
            comparable = (first.is_numeric and second.is_numeric) or (
                first.partial_date and second.partial_date
            )
            if not comparable or first.list_separator or second.list_separator:
                self.error(
                    f"{where}: needs two number/integer or two partialDate fields", line=line
                )
                continue
            rules.append(RowRule(entry["rule"], (names[0], names[1])))
        return tuple(rules)


def _names(raw: object) -> tuple[str, ...] | None:
    if isinstance(raw, str) and raw:
        return (raw,)
    if isinstance(raw, list) and raw and all(isinstance(n, str) and n for n in raw):
        return tuple(raw)
    return None


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


def _label_key(value: Scalar) -> str:
    """The `enumLabels` key for an enum value: the value as written in a CSV cell."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def split_list(value: object, separator: str = ";") -> list[str]:
    """The items of a list cell (`"a;b"` → `["a", "b"]`); `[]` for NA/empty."""
    if not isinstance(value, str) or not value:
        return []
    return [item.strip() for item in value.split(separator)]
