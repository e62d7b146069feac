"""Reading and checking one dataset's `<name>.schema.json`, collecting every problem in it.

The schema is the subset of Frictionless Table Schema the yearbook uses, with its standard
meaning, plus project keys (`title_zh`, `description_zh`, `rowRules`; per field `partialDate`,
`listSeparator`, `enumLabels`, `unit`, `display`): what each key may hold is the JSON Schema
`table-schema.json` beside this module, which names anything the checks would otherwise ignore
(an unknown constraint, a `format`, other `missingValues`). What it cannot say (names that
must exist, labels for each enum value, patterns that compile) is checked here after it.
"""

import json
import re
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator, ValidationError

from yearbook.data.errors import DataError, unreadable
from yearbook.data.schema import LANGUAGES, TEXTS, Field, ForeignKey, RowRule, Schema, label_key

_HINT = "see the dataset contract in the editors' guide"
# Field attributes by their keys in a schema file, for those read as written
_AS_WRITTEN = {
    **{key: key for key in ("type", *TEXTS, "unit", "display")},
    **{"partialDate": "partial_date", "listSeparator": "list_separator"},
}
_CONSTRAINTS = {
    **{key: key for key in ("required", "unique", "pattern", "minimum", "maximum")},
    **{"minLength": "min_length", "maxLength": "max_length"},
}


@cache
def _contract() -> Draft202012Validator:
    text = resources.files("yearbook.data").joinpath("table-schema.json").read_text("utf-8")
    return Draft202012Validator(json.loads(text))


def read_schema(path: Path, file: str, name: str) -> tuple[Schema | None, list[DataError]]:
    """The schema in `path` for dataset `name` (None when unusable), and every problem in it."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return None, [unreadable(file, exc)]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        message = "schema file is not valid UTF-8"
        hint = "save the file as UTF-8 in your editor"
        return None, [DataError(file, line, None, None, "encoding", message, hint)]
    try:
        descriptor = json.loads(text)
    except json.JSONDecodeError as exc:
        message = f"invalid JSON: {exc.msg}"
        hint = "look just before this position for a missing comma, quote or bracket"
        return None, [DataError(file, exc.lineno, str(exc.colno), None, "schema", message, hint)]
    reader = _Reader(file, text)
    for error in _contract().iter_errors(descriptor):
        reader.contract_error(error, descriptor)
    schema = None if reader.errors else reader.read(descriptor, name)
    return (None if reader.errors else schema), reader.errors


def key_line(text: str, key: str, value: str | None = None) -> int | None:
    """The line where `"key":` (followed by `value`) first appears in the JSON `text`."""
    pattern = re.escape(json.dumps(key)) + r"\s*:"
    if value is not None:
        pattern += r"\s*" + re.escape(json.dumps(value, ensure_ascii=False))
    match = re.search(pattern, text)
    return text.count("\n", 0, match.start()) + 1 if match else None


class _Reader:
    def __init__(self, file: str, text: str) -> None:
        self.file = file
        self.text = text
        self.errors: list[DataError] = []

    def error(
        self, message: str, column: str | None, line: int | None, value: str | None = None
    ) -> None:
        self.errors.append(DataError(self.file, line, column, value, "schema", message, _HINT))

    def line_of(self, key: str, value: str | None = None) -> int | None:
        return key_line(self.text, key, value)

    def contract_error(self, error: ValidationError, descriptor: Any) -> None:
        """A value `table-schema.json` does not allow, said with the message it gives."""
        path = list(error.absolute_path)
        where, column, line = "the schema", None, self.line_of(str(path[0])) if path else 1
        if path[:1] == ["fields"] and len(path) > 1:
            field = descriptor["fields"][path[1]]
            name = field.get("name") if isinstance(field, dict) else None
            where, path = f"fields[{path[1]}]", path[2:]
            if isinstance(name, str) and name:
                where, column, line = f'field "{name}"', name, self.line_of("name", name)
        key = "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in path)
        if error.validator == "required":
            missing = [k for k in error.validator_value if k not in error.instance]
            message = f"needs {', '.join(json.dumps(k) for k in missing)}"
        else:
            message = error.schema.get("message", error.message)
        value, subject = error.instance, f'{where}: "{key[1:]}"' if key else where
        if not isinstance(value, str):  # 1, true, null as JSON; an object or a list not at all
            value = None if isinstance(value, dict | list) else json.dumps(value)
        self.error(f"{subject} {message}", column, line, value)

    def read(self, descriptor: dict[str, Any], name: str) -> Schema:
        """The schema of a descriptor `table-schema.json` allows, checked for what it cannot say."""
        if (declared := descriptor["name"]) != name:
            message = f'"name" is {json.dumps(declared, ensure_ascii=False)} but the file name'
            message += f' says "{name}"; they must be the same'
            self.error(message, None, self.line_of("name", declared))
        fields = tuple(self.field(raw) for raw in descriptor["fields"])
        names = [field.name for field in fields]
        for repeated in sorted({n for n in names if names.count(n) > 1}):
            message = f'field name "{repeated}" is used twice'
            self.error(message, repeated, self.line_of("name", repeated))
        by_name = {field.name: field for field in fields}

        def known(key: str, listed: tuple[str, ...], where: str) -> bool:
            if unknown := [n for n in listed if n not in by_name]:
                message = f"{where} names unknown field(s): {', '.join(unknown)}"
                self.error(message, None, self.line_of(key))
            return not unknown

        primary_key = _names(descriptor["primaryKey"])
        known("primaryKey", primary_key, '"primaryKey"')
        foreign_keys = []
        for position, entry in enumerate(descriptor.get("foreignKeys", [])):
            where, line = f"foreignKeys[{position}]", self.line_of("foreignKeys")
            own, other = _names(entry["fields"]), _names(entry["reference"]["fields"])
            if len(own) != len(other):
                self.error(f"{where}: fields and reference.fields differ in length", None, line)
            elif not known("foreignKeys", own, where):
                continue
            elif len(own) > 1 and any(by_name[n].list_separator for n in own):
                self.error(f"{where}: a list field can only be a single-field key", None, line)
            else:
                resource = entry["reference"]["resource"] or name
                foreign_keys.append(ForeignKey(own, resource, other))
        row_rules = []
        for position, entry in enumerate(descriptor.get("rowRules", [])):
            where, pair = f"rowRules[{position}]", (entry["fields"][0], entry["fields"][1])
            if not known("rowRules", pair, where):
                continue
            first, second = by_name[pair[0]], by_name[pair[1]]
            numbers = first.is_numeric and second.is_numeric
            dates = first.partial_date and second.partial_date
            comparable = (numbers or dates) and not (first.list_separator or second.list_separator)
            if entry["rule"] == "less-or-equal" and not comparable:
                message = f"{where}: needs two number/integer or two partialDate fields"
                self.error(message, None, self.line_of("rowRules"))
            row_rules.append(RowRule(entry["rule"], pair))
        return Schema(
            name=name,
            file=self.file,
            fields=fields,
            primary_key=primary_key,
            foreign_keys=tuple(foreign_keys),
            row_rules=tuple(row_rules),
            foreign_keys_line=self.line_of("foreignKeys"),
            **{key: descriptor[key] for key in TEXTS},
        )

    def field(self, raw: dict[str, Any]) -> Field:
        """The field `raw` describes, with the problems `table-schema.json` cannot name."""
        name, given = raw["name"], raw.get("enumLabels", {})
        constraints, line = raw.get("constraints", {}), self.line_of("name", name)
        pattern, values = constraints.get("pattern"), None

        def problem(message: str, value: str | None = None) -> None:
            self.error(f'field "{name}": {message}', name, line, value)

        if pattern is not None:
            try:
                re.compile(pattern)
            except re.error as exc:
                problem(f'constraint "pattern" is not a valid regular expression: {exc}', pattern)
        if "enum" in constraints:
            values = tuple(
                float(v) if raw.get("type") == "number" else v for v in constraints["enum"]
            )
        keys = [label_key(value) for value in values or ()]
        if (values is not None) != ("enumLabels" in raw):
            labels = 'needs "enumLabels" with a zh and en label for every enum value'
            problem('"enumLabels" needs a constraint "enum"' if values is None else labels)
        else:
            for key in (k for k in keys if k not in given):
                problem(f'"enumLabels" needs {json.dumps(key)}: {{"zh": "...", "en": "..."}}')
            for key in (k for k in given if k not in keys):
                problem(f'"enumLabels" has {json.dumps(key)}, which is not an enum value')
        return Field(
            name=name,
            enum=values,
            enum_labels={
                k: {lang: given[k][lang] for lang in LANGUAGES} for k in keys if k in given
            },
            **{attr: raw[key] for key, attr in _AS_WRITTEN.items() if key in raw},
            **{attr: constraints[key] for key, attr in _CONSTRAINTS.items() if key in constraints},
        )


def _names(raw: str | list[str]) -> tuple[str, ...]:
    """A field name or a list of them, as a tuple."""
    return (raw,) if isinstance(raw, str) else tuple(raw)
