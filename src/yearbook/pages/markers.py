"""Markers: where a page asks for generated content, an HTML comment alone on its line
(`<!-- yearbook:table deals -->`; the list is in README.md). Outside fenced code, any comment
starting `<!-- yearbook:` is a marker; a mistake in one is a `MarkerError` naming file and line."""

import re
from collections.abc import Callable, Collection, Mapping
from typing import NamedTuple

from yearbook.pages.markdown import CODE, MARKER, marker_words, scan

# Marker kinds and what each names, if anything: a dataset, a chart; an indicator and the
# chapter its key figure links to.
KINDS: dict[str, tuple[str, ...]] = {
    "table": ("dataset",),
    "dataset": ("dataset",),
    "sources": (),
    "chart": ("chart",),
    "entity": ("entity",),
    "directory": (),
    "print-edition": (),
    "edition": (),
    "key-figure": ("indicator", "chapter"),
}

_OPENING = re.compile(r"<!--\s*yearbook:", re.IGNORECASE)


class MarkerError(ValueError):
    """A marker the build cannot fill; the message names file, line and the valid choices."""


class Marker(NamedTuple):
    kind: str
    name: str | None  # the dataset, chart, entity or indicator it names
    line: int  # 1-based, in the Markdown source
    link: str | None = None  # the chapter a key figure links to (`deals`)


def find_markers(markdown: str, choices: Mapping[str, Collection[str]], file: str) -> list[Marker]:
    """Every marker of a page (`file`, as errors show it), checked: kinds from `KINDS`, names
    from `choices`, e.g. `{"dataset": ["deals", ...], "chart": ["deals-by-type", ...]}`."""
    markers = []
    kinds = ", ".join(KINDS)
    for number, line, zone in scan(markdown):
        if zone == CODE or not _OPENING.search(line):
            continue
        where = f"{file}:{number}"
        if zone != MARKER:
            raise MarkerError(
                f"{where}: a yearbook marker must stand alone on its line and end with -->,"
                f" e.g. <!-- yearbook:table deals -->"
            )
        words = marker_words(line)
        kind = words[0] if words else ""
        if kind not in KINDS:
            raise MarkerError(
                f"{where}: unknown marker kind {kind!r} in {line.strip()}; valid kinds: {kinds}"
            )
        arguments = words[1:]
        named = KINDS[kind]
        if not named:
            if arguments:
                raise MarkerError(
                    f"{where}: <!-- yearbook:{kind} --> takes no name,"
                    f" found {' '.join(arguments)!r}"
                )
            markers.append(Marker(kind, None, number))
            continue
        valid = choices.get(named[0], ())
        if len(arguments) != len(named):
            raise MarkerError(f"{where}: {_usage(kind, named)}; valid names: {_listed(valid)}")
        for argument, name in zip(arguments, named, strict=True):
            valid = choices.get(name, ())
            if argument not in valid:
                raise MarkerError(
                    f"{where}: unknown {name} {argument!r} in {line.strip()};"
                    f" valid names: {_listed(valid)}"
                )
        link = arguments[1] if len(arguments) > 1 else None
        markers.append(Marker(kind, arguments[0], number, link))
    return markers


def _usage(kind: str, named: tuple[str, ...]) -> str:
    if len(named) == 1:
        return f"<!-- yearbook:{kind} NAME --> needs exactly one {named[0]} name"
    names = " ".join(name.upper() for name in named)
    return f"<!-- yearbook:{kind} {names} --> needs {' and '.join(named)} names, in this order"


def _listed(names: Collection[str]) -> str:
    return ", ".join(sorted(names)) or "(none)"


def charts_placed(markdown: str) -> set[str]:
    """The chart names a page's chart markers ask for (unchecked: `find_markers` checks)."""
    placed = (marker_words(line.text) for line in scan(markdown) if line.zone == MARKER)
    return {words[1] for words in placed if len(words) == 2 and words[0] == "chart"}


def replace_markers(
    markdown: str, markers: Collection[Marker], render: Callable[[Marker], str]
) -> str:
    """`markdown` with each marker's line replaced by `render(marker)`, set apart by blank lines
    so Markdown passes the HTML through as one raw block."""
    lines = markdown.split("\n")
    for marker in markers:
        lines[marker.line - 1] = "\n" + render(marker).strip("\n") + "\n"
    return "\n".join(lines)
