"""The yearbook's own interface strings: one JSON catalogue per language, dotted keys.

Material translates its own interface; these catalogues hold what the yearbook's templates
and hooks add. Every language must define the same keys (tests/test_ui.py checks it).
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources


@cache
def catalogue(code: str) -> dict[str, str]:
    """The interface strings of one language, e.g. `catalogue("zh")["not_found.home"]`."""
    text = resources.files("yearbook").joinpath("ui", f"{code}.json").read_text("utf-8")
    strings: dict[str, str] = json.loads(text)
    return strings


def catalogue_codes() -> list[str]:
    """Languages that have a catalogue."""
    folder = resources.files("yearbook").joinpath("ui")
    return sorted(
        entry.name.removesuffix(".json")
        for entry in folder.iterdir()
        if entry.name.endswith(".json")
    )
