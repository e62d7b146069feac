"""The yearbook's own interface strings, on the site and in print (Material translates its
own): one JSON catalogue per language with dotted keys, `ui/zh.json` and `ui/en.json`."""

import json
from functools import cache
from importlib import resources


@cache
def catalogue(code: str) -> dict[str, str]:
    """The interface strings of one language, e.g. `catalogue("zh")["not_found.home"]`."""
    text = resources.files("yearbook").joinpath("ui", f"{code}.json").read_text("utf-8")
    strings: dict[str, str] = json.loads(text)
    return strings
