"""The interface catalogues (`ui/<code>.json`) agree: the same keys in every language, none
empty (rule `ui` of the translation checks)."""

import json
import re
from collections.abc import Mapping, Sequence
from importlib import resources

from yearbook.site.translation.problems import TranslationProblem


def check_catalogues(texts: Mapping[str, str]) -> list[TranslationProblem]:
    """Interface catalogues (`{code: JSON text}`): the same keys everywhere, none empty."""
    keys: dict[str, dict[str, int]] = {}
    problems = []
    for code, text in texts.items():
        file = f"src/yearbook/ui/{code}.json"
        try:
            strings = json.loads(text)
        except json.JSONDecodeError as error:
            message = f"not valid JSON: {error.msg}. Fix: correct it"
            problems.append(TranslationProblem(file, error.lineno, "ui", message))
            continue
        if not isinstance(strings, dict):
            message = 'not one JSON object. Fix: write {"dotted.key": "text", ...}'
            problems.append(TranslationProblem(file, 1, "ui", message))
            continue
        keys[code] = {key: _key_line(text, key) for key in strings}
        for key, value in strings.items():
            if not isinstance(value, str) or not value.strip():
                message = f"{key!r} is empty or not a string. Fix: write the {code} text"
                problems.append(TranslationProblem(file, keys[code][key], "ui", message))
    for code, lines in keys.items():
        for other, other_lines in keys.items():
            for key in other_lines.keys() - lines.keys():
                message = (
                    f"{key!r} is missing in src/yearbook/ui/{code}.json. Fix: add it there in"
                    f" {code}, or remove it here"
                )
                file = f"src/yearbook/ui/{other}.json"
                problems.append(TranslationProblem(file, other_lines[key], "ui", message))
    return sorted(problems, key=lambda problem: (problem.file, problem.line))


def check_ui(languages: Sequence[str]) -> list[TranslationProblem]:
    """`check_catalogues` over the package's own `ui/<code>.json`; a missing one is empty."""
    files = {code: resources.files("yearbook") / "ui" / f"{code}.json" for code in languages}
    texts = {
        code: file.read_text("utf-8") if file.is_file() else "{}" for code, file in files.items()
    }
    return check_catalogues(texts)


def _key_line(text: str, key: str) -> int:
    found = re.search(
        rf"^\s*{re.escape(json.dumps(key, ensure_ascii=False))}\s*:", text, re.MULTILINE
    )
    return text.count("\n", 0, found.start()) + 1 if found else 1
