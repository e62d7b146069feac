"""Checking the cells of one column against its field: type, required, enum, pattern, range,
partial dates and list items."""

import re

from yearbook.data.errors import DataError
from yearbook.data.schema import Field, Scalar, cast_value, parse_partial_date

Cell = Scalar | tuple[Scalar, ...] | None  # None when empty or invalid; a tuple for a list

SPACE_HINT = (
    "delete the spaces before/after the value; spreadsheets hide them, and they make ids and "
    "numbers differ from what they look like"
)


class CellCheck:
    """Checks the cells of one field, appending to `errors`; a key field is always required."""

    def __init__(self, field: Field, file: str, errors: list[DataError], required: bool) -> None:
        self.field = field
        self.file = file
        self.errors = errors
        self.required = field.required or required
        self.pattern = re.compile(field.pattern) if field.pattern is not None else None
        self.line = 0

    def error(self, value: str, rule: str, message: str, hint: str) -> None:
        self.errors.append(
            DataError(self.file, self.line, self.field.name, value, rule, message, hint)
        )

    def cell(self, raw: str, line: int) -> Cell:
        """The cell's typed value, reporting every rule it breaks."""
        self.line = line
        text = raw.replace("\r\n", "\n").replace("\r", "\n")
        if text != text.strip():
            self.error(raw, "whitespace", "has spaces before or after it", SPACE_HINT)
            text = text.strip()
        if not text:
            if self.required:
                about = self.field.description.rstrip(".")
                hint = f"every row needs a value here ({about})" if about else "fill in a value"
                self.error(raw, "required", "must not be empty", hint)
            return None
        separator = self.field.list_separator
        if separator is None:
            return self.scalar(text)
        items: list[Scalar] = []
        for item in text.split(separator):
            stripped = item.strip()
            if item != stripped:
                message = "list item has spaces before or after it"
                hint = f'write items like "a{separator}b", without spaces'
                self.error(item, "whitespace", message, hint)
            if not stripped:
                message = f'has an empty item; items are separated by "{separator}"'
                hint = f'remove the doubled or trailing "{separator}"'
                self.error(raw, "list-item", message, hint)
            elif (value := self.scalar(stripped)) is not None:
                items.append(value)
        return tuple(items)

    def scalar(self, text: str) -> Scalar | None:
        field = self.field
        value = cast_value(field.type, text)
        if value is None:
            self.type_error(text)
            return None
        count = len(self.errors)
        if field.partial_date and isinstance(message := parse_partial_date(text), str):
            hint = "write 2025, 2025-08 or 2025-08-14; the date must exist on the calendar"
            self.error(text, "partial-date", message, hint)
        if field.enum is not None and value not in field.enum:
            allowed = ", ".join(str(v) for v in field.enum)
            hint = (
                "spelling and case must match exactly; to add a value, add it to the "
                "schema's enum and enumLabels"
            )
            self.error(text, "enum", f"must be one of: {allowed}", hint)
        if self.pattern is not None and self.pattern.fullmatch(text) is None:
            hint = field.description.rstrip(".") or "see the field's description in its schema"
            self.error(text, "pattern", f"must match the pattern {field.pattern}", hint)
        self.bounds(text, value)
        return value if len(self.errors) == count else None

    def type_error(self, text: str) -> None:
        unit = self.field.unit
        if isinstance(unit, dict):
            unit = unit.get("en") or unit.get("zh") or unit
        in_unit = f" (the unit is {unit})" if unit else ""
        if self.field.type == "integer":
            message = "must be a whole number"
            hint = "write digits only, e.g. 2024 — no decimals, thousands separators or units"
        else:
            message = "must be a number"
            hint = (
                "write a plain number with a dot for decimals, e.g. 1250.5 — no thousands "
                "separators, currency signs or units"
            )
        self.error(text, "type", message, hint + in_unit)

    def bounds(self, text: str, value: Scalar) -> None:
        field = self.field
        about = f"{field.title}: {field.description.rstrip('.')}" if field.description else ""
        if isinstance(value, int | float):
            unknown = "" if self.required else "; leave the cell empty if the value is not known"
            if field.minimum is not None and value < field.minimum:
                message = f"must be at least {_number(field.minimum)}"
                self.error(text, "minimum", message, about + unknown)
            if field.maximum is not None and value > field.maximum:
                message = f"must be at most {_number(field.maximum)}"
                self.error(text, "maximum", message, about + unknown)
        if field.min_length is not None and len(text) < field.min_length:
            message = f"must be at least {field.min_length} characters long"
            self.error(text, "min-length", message, about)
        if field.max_length is not None and len(text) > field.max_length:
            message = f"must be at most {field.max_length} characters long"
            self.error(text, "max-length", message, about)


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)
