"""Problems in the data as records with stable rule names, printed like compiler messages:
`data/deals.csv:14:total_usd_m: value "-5" breaks rule minimum: must be at least 0. Hint: ...`"""

from collections.abc import Iterable
from dataclasses import dataclass

# Every rule an error can name, with what breaks it. Names are stable: tests and docs use them.
RULES: dict[str, str] = {
    "data-dir": "the data directory is missing, not a directory or holds no datasets",
    "read": "a file exists but cannot be read (permissions, I/O error)",
    "missing-schema": "a CSV file has no <name>.schema.json beside it",
    "missing-csv": "a schema file has no <name>.csv beside it",
    "schema": "a schema file is not valid JSON or not a usable yearbook Table Schema",
    "encoding": "a CSV file is not UTF-8 (e.g. GBK or UTF-16 saved by Excel/WPS)",
    "csv": "broken CSV quoting (e.g. text after a closing quote, a quote never closed)",
    "header": "the header line does not list exactly the schema's columns in its order",
    "blank-row": "an empty line, or a row whose cells are all empty",
    "cell-count": "a row has more or fewer cells than the header",
    "whitespace": "spaces/tabs/ideographic spaces before or after a value or list item",
    "type": "a value is not a whole number (integer) or decimal number (number)",
    "required": "a required cell is empty",
    "enum": "a value is not one of the allowed values",
    "pattern": "a value does not match the field's pattern",
    "minimum": "a number is below the field's minimum",
    "maximum": "a number is above the field's maximum",
    "min-length": "a text is shorter than the field's minLength",
    "max-length": "a text is longer than the field's maxLength",
    "list-item": "a list cell has an empty item (e.g. `a;;b` or a trailing `;`)",
    "partial-date": "a date is not YYYY, YYYY-MM or YYYY-MM-DD, or not a real calendar date",
    "unique": "a value (or primary key) repeats an earlier row's",
    "foreign-key": "a value is not an id of the referenced dataset, or that dataset is missing",
    "row-rule": "two cells of one row contradict a rowRule (e.g. upfront > total)",
}


@dataclass(frozen=True)
class DataError:
    """One problem: `line` as an editor shows it (None for the whole file), `column` a CSV
    column, a schema field or a JSON character position, `value` the offending text."""

    file: str
    line: int | None
    column: str | None
    value: str | None
    rule: str
    message: str
    hint: str = ""

    def __post_init__(self) -> None:
        if self.rule not in RULES:
            raise ValueError(
                f"unknown rule name {self.rule!r}; add it to yearbook.data.errors.RULES"
            )

    def format(self) -> str:
        where = ":".join(
            str(part) for part in (self.file, self.line, self.column) if part is not None
        )
        value = f" value {quote(self.value)}" if self.value is not None else ""
        hint = f" Hint: {_sentence(self.hint)}" if self.hint else ""
        return f"{where}:{value} breaks rule {self.rule}: {_sentence(self.message)}{hint}"

    def sort_key(self) -> tuple[str, int]:  # a stable sort keeps the checks' order in a line
        return (self.file, self.line or 0)


def unreadable(file: str, exc: OSError) -> DataError:
    return DataError(file, None, None, None, "read", f"cannot read file: {exc.strerror}")


def quote(value: str) -> str:
    """`value` in double quotes, with what an editor does not show (tabs, ideographic and
    zero-width spaces, ...) as escapes; Chinese stays as it is."""
    value = value.replace("\\", "\\\\").replace('"', '\\"')
    shown = (c if c.isprintable() else c.encode("unicode_escape").decode() for c in value)
    return '"' + "".join(shown) + '"'


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "!", "?")) else text + "."


def plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def format_report(
    errors: Iterable[DataError], *, consequence: str = "the site was not built"
) -> str:
    """The errors in file and line order, then `3 errors in 2 files; <consequence>.`"""
    ordered = sorted(errors, key=DataError.sort_key)
    if not ordered:
        return ""
    files = {error.file for error in ordered}
    footer = f"{plural(len(ordered), 'error')} in {plural(len(files), 'file')}; {consequence}."
    return "\n".join([*(error.format() for error in ordered), footer])
