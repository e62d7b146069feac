"""Reading a dataset CSV as a text editor shows it: UTF-8 only (a BOM and CRLF are fine), line
numbers counting physical lines, so a cell spanning lines shifts later rows as in the editor."""

import csv
import io
import re
from pathlib import Path
from typing import NamedTuple

from yearbook.data.errors import DataError, unreadable

_LINE_BREAK = re.compile(r"\r\n|\r|\n")


class Record(NamedTuple):  # one CSV row: its cells and the editor line each cell starts on
    line: int
    cells: tuple[str, ...]
    cell_lines: tuple[int, ...]


class CsvFile(NamedTuple):
    header: Record
    records: tuple[Record, ...]
    complete: bool  # False when broken quoting stopped the reading: later rows are unknown


def decode(raw: bytes, file: str) -> str | DataError:
    """The file's text without a BOM, or an `encoding` error saying how to fix it."""
    hint = (
        'save it again as "CSV UTF-8": in Excel, File > Save As > "CSV UTF-8 (Comma '
        'delimited) (*.csv)"; in WPS, 另存为 (Save As) > "CSV UTF-8"; or convert it with '
        f"`iconv -f GBK -t UTF-8 {file} > converted.csv && mv converted.csv {file}`"
    )
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        message = 'file is UTF-16 (Excel\'s "Unicode Text"), not UTF-8'
        return DataError(file, 1, None, None, "encoding", message, hint)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        try:
            raw.decode("gb18030")
            guess = " (it looks like GBK/GB18030, the default of Chinese Excel and WPS)"
        except UnicodeDecodeError:
            guess = ""
        message = f"file is not valid UTF-8{guess}; first bad byte on this line"
        return DataError(file, line, None, None, "encoding", message, hint)


def read_csv(path: Path, file: str) -> tuple[CsvFile | None, list[DataError]]:
    """Parse the CSV at `path` (shown as `file`); None when not even a header could be read.
    Blank lines and rows of empty cells are `blank-row` errors, not records."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return None, [unreadable(file, exc)]
    text = decode(raw, file)
    if isinstance(text, DataError):
        return None, [text]
    errors: list[DataError] = []
    records: list[Record] = []
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    complete, next_line = True, 1
    try:
        for cells in reader:
            start, next_line = next_line, reader.line_num + 1
            if not any(cells):
                hint = "delete this line (in a spreadsheet: delete the empty row)"
                message = "empty line" if not cells else "row has only empty cells"
                errors.append(DataError(file, start, None, None, "blank-row", message, hint))
                continue
            lines = [start]
            for cell in cells[:-1]:
                lines.append(lines[-1] + len(_LINE_BREAK.findall(cell)))
            records.append(Record(start, tuple(cells), tuple(lines)))
    except csv.Error as exc:
        message = f"broken CSV quoting ({exc}); the rest of the file was not read"
        hint = (
            "a value containing a quote must be wrapped in quotes with the inner quote "
            'doubled, e.g. "the ""best"" deal"; every opening quote needs a closing one'
        )
        errors.append(DataError(file, next_line, None, None, "csv", message, hint))
        complete = False
    if not records:
        if complete:
            message = "file has no header line"
            hint = "the first line must list the column names, separated by commas"
            errors.append(DataError(file, 1, None, None, "header", message, hint))
        return None, errors
    return CsvFile(records[0], tuple(records[1:]), complete), errors
