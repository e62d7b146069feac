"""Column widths for the print's tables, estimated from their text: WeasyPrint's automatic
layout, measuring every possible line break of every cell, took half the rendering time.
"""

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from html.parser import HTMLParser

LINE_UNITS = 150  # a table's width in half-width characters of its type (A4 text width at 7pt)
WIDE_COLUMNS = 10
"""A table with this many columns is marked `data-print-wide`: print.css sets it smaller."""
WIDE_LINE_UNITS = 165  # a wide table's width in half-width characters of its smaller type
LONGEST_WORD = 12
"""A longer word (an id, a URL) may break anywhere rather than widen its column further."""
SHORT_LINE = 36
"""Up to this, a column asks for its longest line; beyond it for a quarter of the rest, up to
LONGEST_LINE, so that a column of notes (which wraps anyway) leaves the others their width."""
LONGEST_LINE = 80
HEADER_LINE = 8  # headers wrap before their column widens for them
CJK_WORD = 4
"""Two Chinese characters: no column narrower, though a line may break after any of them."""
CELL_PADDING = 3  # a cell's padding, in the same half-width characters
_WORD = re.compile(r"[^\s\-/]+[\-/]?")
_WIDE = frozenset("WF")
_LINE_BREAK = "\x00"


def text_units(text: str) -> float:
    """The width of `text` on one line, in half-width characters (a Chinese character is 2,
    a capital letter wider than the average)."""
    return sum(
        2.0 if unicodedata.east_asian_width(char) in _WIDE else 1.3 if char.isupper() else 1.0
        for char in text
    )


def longest_word_units(text: str) -> float:
    """The widest part of `text` that should not break: two Chinese characters, or a word
    (up to a space, or after a hyphen or slash), at most LONGEST_WORD."""
    widest = 0.0
    for word in _WORD.findall(text):
        if any(unicodedata.east_asian_width(char) in _WIDE for char in word):
            widest = max(widest, CJK_WORD)
            word = "".join(c for c in word if unicodedata.east_asian_width(c) not in _WIDE)
        widest = max(widest, min(text_units(word), LONGEST_WORD))
    return widest


@dataclass
class _Column:
    narrowest: float = 1.0
    widest: float = 1.0


def column_shares(
    narrowest: Sequence[float], widest: Sequence[float], line_units: float = LINE_UNITS
) -> list[float]:
    """Each column's share of the table width (summing to 1): its widest line if they all fit,
    else its longest word plus a share of the rest in proportion to what more it could use."""
    padded_min = [n + CELL_PADDING for n in narrowest]
    padded_max = [max(w, n) + CELL_PADDING for n, w in zip(narrowest, widest, strict=True)]
    spare = line_units - sum(padded_min)
    wanted = sum(padded_max) - sum(padded_min)
    if sum(padded_max) <= line_units or wanted <= 0:
        widths = padded_max
    elif spare <= 0:
        widths = padded_min
    else:
        widths = [n + (w - n) * spare / wanted for n, w in zip(padded_min, padded_max, strict=True)]
    total = sum(widths)
    return [width / total for width in widths]


def _asked(units: float, header: bool) -> float:
    """The width a cell's longest line asks of its column."""
    if header:
        return min(units, HEADER_LINE)
    if units <= SHORT_LINE:
        return units
    return min(SHORT_LINE + (units - SHORT_LINE) / 4, LONGEST_LINE)


class _TableMeasure(HTMLParser):
    """The text of every cell of every table, by column, in document order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: list[list[_Column]] = []
        self._open: list[list[_Column]] = []
        self._column = 0
        self._cell: list[str] | None = None
        self._span = 1
        self._header = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self.tables.append([])
            self._open.append(self.tables[-1])
        elif tag == "tr":
            self._column = 0
        elif tag in ("td", "th") and self._open:
            self._cell = []
            self._header = tag == "th"
            span = dict(attrs).get("colspan") or "1"
            self._span = int(span) if span.isdigit() else 1
        elif tag == "br" and self._cell is not None:
            self._cell.append(_LINE_BREAK)

    def handle_endtag(self, tag: str) -> None:
        if tag == "table" and self._open:
            self._open.pop()
        elif tag in ("td", "th") and self._open and self._cell is not None:
            table = self._open[-1]
            while len(table) < self._column + self._span:
                table.append(_Column())
            if self._span == 1:  # a spanning cell says little about one column
                lines = [" ".join(line.split()) for line in "".join(self._cell).split(_LINE_BREAK)]
                column = table[self._column]
                narrowest = max(map(longest_word_units, lines))
                longest = max(map(text_units, lines))
                if self._header:  # a header keeps a few characters a line
                    narrowest = max(narrowest, min(longest, HEADER_LINE))
                column.narrowest = max(column.narrowest, narrowest)
                column.widest = max(column.widest, _asked(longest, self._header))
            self._column += self._span
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


_TABLE_START = re.compile(r"<table\b[^>]*>")


def with_column_widths(fragment: str) -> str:
    """`fragment` (HTML written by the print's rewriter, attributes escaped) with a
    `<colgroup>` of percentage widths at the start of each table."""
    measure = _TableMeasure()
    measure.feed(fragment)
    measure.close()
    tables = iter(measure.tables)

    def colgroup(match: re.Match[str]) -> str:
        table = next(tables, None)
        if not table:
            return match.group(0)
        wide = len(table) >= WIDE_COLUMNS
        shares = column_shares(
            [c.narrowest for c in table],
            [c.widest for c in table],
            WIDE_LINE_UNITS if wide else LINE_UNITS,
        )
        cols = "".join(f'<col style="width: {share * 100:.2f}%">' for share in shares)
        start = match.group(0)
        if wide:
            start = start.removesuffix(">") + " data-print-wide>"
        return f"{start}<colgroup>{cols}</colgroup>"

    return _TABLE_START.sub(colgroup, fragment)
