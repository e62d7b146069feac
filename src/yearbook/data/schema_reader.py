"""Reading and checking one dataset's `<name>.schema.json`, collecting every problem in it.

The schema is the subset of Frictionless Table Schema the yearbook uses, with its standard
meaning, plus project keys (`title_zh`, `description_zh`, `rowRules`; per field `partialDate`,
`listSeparator`, `enumLabels`, `unit`, `display`). Anything the checks would otherwise ignore
(an unknown constraint, a `format`, other `missingValues`) is reported, never silently skipped.
"""

import json
import re
from functools import partial
from pathlib import Path
from typing import Any

from yearbook.data.errors import DataError, unreadable
from yearbook.data.field_reader import read_field, read_text
from yearbook.data.schema import ROW_RULES, TEXT_KEYS, Field, ForeignKey, RowRule, Schema


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
    reader = _Reader(file, name, text)
    return reader.read(descriptor), reader.errors


class _Reader:
    def __init__(self, file: str, name: str, text: str) -> None:
        self.file = file
        self.name = name
        self.text = text
        self.errors: list[DataError] = []

    def error(self, message: str, *, column: str | None = None, line: int | None = None) -> None:
        hint = "see the dataset contract in the editors' guide"
        self.errors.append(DataError(self.file, line, column, None, "schema", message, hint))

    def line_of(self, key: str, value: str | None = None) -> int | None:
        """The line where `"key":` (followed by `value`) first appears in the file."""
        pattern = re.escape(json.dumps(key)) + r"\s*:"
        if value is not None:
            pattern += r"\s*" + re.escape(json.dumps(value, ensure_ascii=False))
        match = re.search(pattern, self.text)
        return self.text.count("\n", 0, match.start()) + 1 if match else None

    def read(self, descriptor: object) -> Schema | None:
        if not isinstance(descriptor, dict):
            self.error("the schema must be a JSON object")
            return None
        raw_fields = descriptor.get("fields")
        if not isinstance(raw_fields, list) or not raw_fields:
            self.error('"fields" must be a non-empty list of field objects', line=1)
            return None
        fields = [self.read_field(position, raw) for position, raw in enumerate(raw_fields)]
        usable = tuple(f for f in fields if f is not None)
        if len(usable) < len(fields):
            return None
        names = [f.name for f in usable]
        for repeated in sorted({n for n in names if names.count(n) > 1}):
            line = self.line_of("name", repeated)
            self.error(f'field name "{repeated}" is used twice', column=repeated, line=line)
        if len(set(names)) != len(names):
            return None

        declared = descriptor.get("name")
        if declared != self.name:
            self.error(
                f'"name" is {json.dumps(declared, ensure_ascii=False)} but the file name says '
                f'"{self.name}"; they must be the same',
                line=self.line_of("name", declared) if isinstance(declared, str) else 1,
            )
        report = partial(self.error, line=1)
        texts = {key: read_text(descriptor, key, "the schema", report) for key in TEXT_KEYS}
        if descriptor.get("missingValues", [""]) != [""]:
            self.error('"missingValues" is not supported: an empty cell is the only missing value')
        by_name = {f.name: f for f in usable}
        return Schema(
            name=self.name,
            file=self.file,
            fields=usable,
            primary_key=self.read_primary_key(descriptor.get("primaryKey"), names),
            foreign_keys=self.read_foreign_keys(descriptor.get("foreignKeys", []), by_name),
            row_rules=self.read_row_rules(descriptor.get("rowRules", []), by_name),
            foreign_keys_line=self.line_of("foreignKeys"),
            **texts,
        )

    def read_field(self, position: int, raw: object) -> Field | None:
        if not isinstance(raw, dict) or not isinstance(raw.get("name"), str) or not raw["name"]:
            self.error(f'fields[{position}] must be an object with a non-empty "name"')
            return None
        line = self.line_of("name", raw["name"])
        return read_field(raw, partial(self.error, column=raw["name"], line=line))

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

    def read_foreign_keys(self, raw: object, by_name: dict[str, Field]) -> tuple[ForeignKey, ...]:
        error = partial(self.error, line=self.line_of("foreignKeys"))
        if not isinstance(raw, list):
            error('"foreignKeys" must be a list')
            return ()
        keys = []
        for position, entry in enumerate(raw):
            where = f"foreignKeys[{position}]"
            reference = entry.get("reference") if isinstance(entry, dict) else None
            if not isinstance(entry, dict) or not isinstance(reference, dict):
                error(f'{where} must be {{"fields": ..., "reference": {{...}}}}')
                continue
            own, other = _names(entry.get("fields")), _names(reference.get("fields"))
            resource = reference.get("resource")
            if own is None or other is None or not isinstance(resource, str):
                error(f'{where} must name "fields", "reference.resource" and "reference.fields"')
            elif len(own) != len(other):
                error(f"{where}: fields and reference.fields differ in length")
            elif unknown := [n for n in own if n not in by_name]:
                error(f"{where} names unknown field(s): {', '.join(unknown)}")
            elif len(own) > 1 and any(by_name[n].list_separator for n in own):
                error(f"{where}: a list field can only be a single-field key")
            else:
                keys.append(ForeignKey(own, resource or self.name, other))
        return tuple(keys)

    def read_row_rules(self, raw: object, by_name: dict[str, Field]) -> tuple[RowRule, ...]:
        error = partial(self.error, line=self.line_of("rowRules"))
        if not isinstance(raw, list):
            error('"rowRules" must be a list')
            return ()
        rules = []
        for position, entry in enumerate(raw):
            where = f"rowRules[{position}]"
            names = _names(entry.get("fields")) if isinstance(entry, dict) else None
            if not isinstance(entry, dict) or entry.get("rule") not in ROW_RULES:
                error(f'{where} needs "rule": one of {", ".join(ROW_RULES)}')
            elif names is None or len(names) != 2 or any(n not in by_name for n in names):
                error(f'{where} needs "fields": two field names of this schema')
            elif entry["rule"] == "less-or-equal" and not _comparable(
                by_name[names[0]], by_name[names[1]]
            ):
                error(f"{where}: needs two number/integer or two partialDate fields")
            else:
                rules.append(RowRule(entry["rule"], (names[0], names[1])))
        return tuple(rules)


def _names(raw: Any) -> tuple[str, ...] | None:
    """A field name or a non-empty list of them, as a tuple."""
    names = [raw] if isinstance(raw, str) else raw
    usable = isinstance(names, list) and names and all(isinstance(n, str) and n for n in names)
    return tuple(names) if usable else None


def _comparable(first: Field, second: Field) -> bool:
    """Whether a row rule can compare the two fields' cells."""
    same = (first.is_numeric and second.is_numeric) or (first.partial_date and second.partial_date)
    return same and not first.list_separator and not second.list_separator
