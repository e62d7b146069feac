"""The one reading of a page's Markdown that markers, references and the translation checks
share: each line with its zone, so all three agree on what is code and what is prose."""

import html
import re
from functools import lru_cache
from typing import NamedTuple

PROSE, CODE, FRONT, MARKER = "prose", "code", "front", "marker"
MARKER_LINE = re.compile(r"[ ]{0,3}<!--\s*yearbook:(?P<body>.*?)-->\s*")  # body: `table deals`
REFERENCE = re.compile(r"\{\{\s*(?P<body>[^{}]*?)\s*\}\}")
# CommonMark: up to three spaces, then three or more backticks (no backtick after them) or tildes.
_FENCE = re.compile(r"[ ]{0,3}(?P<fence>`{3,}(?=[^`]*$)|~{3,})")
# Markdown would read these in a value as formatting or a reference; as entities they stay text.
_SPECIALS = str.maketrans({c: f"&#{ord(c)};" for c in "*_`[]\\#|~{}"})


class Line(NamedTuple):
    number: int
    text: str  # without its newline: `"\n".join` of a page's lines gives the page back
    zone: str


@lru_cache(maxsize=256)
def scan(markdown: str, front_matter: bool = False) -> tuple[Line, ...]:
    """Every line of `markdown` with its zone. A fence closes only on a line of the same
    character at least as long, indented at most three spaces; an unclosed one runs to the end.
    With `front_matter`, a first line `---` opens front matter, closed by `---` or `...`."""
    lines = []
    fence = ""
    front = front_matter and markdown.split("\n", 1)[0].rstrip() == "---"
    for number, text in enumerate(markdown.split("\n"), start=1):
        if front:
            front = number == 1 or text.rstrip() not in ("---", "...")
            zone = FRONT
        elif fence:
            if re.fullmatch(rf"[ ]{{0,3}}{fence[0]}{{{len(fence)},}}[ \t]*", text):
                fence = ""
            zone = CODE
        elif opening := _FENCE.match(text):
            fence = opening["fence"]
            zone = CODE
        else:
            zone = MARKER if MARKER_LINE.fullmatch(text) else PROSE
        lines.append(Line(number, text, zone))
    return tuple(lines)


def marker_words(line: str) -> list[str]:
    """The words of a marker line (`["table", "deals"]`); none for any other line."""
    match = MARKER_LINE.fullmatch(line)
    return match["body"].split() if match else []


def markdown_text(value: str) -> str:
    """`value`, from the data, as plain text in Markdown."""
    return html.escape(value, quote=False).translate(_SPECIALS)
