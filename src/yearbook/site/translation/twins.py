"""Twin pages (`content/zh/x.md`, `content/en/x.md`) translate each other: the same headings
and markers in the same order (rules `heading-id`, `structure`), the same references (rule
`references`: order and repetition may differ, `{{ cite:a;b }}` counts once per source, and a
column named for a language, `drug_zh`, as the column itself), each in its own script; and
so do the interface catalogues (`ui/<code>.json`: the same keys, none empty; rule `ui`)."""

import json
import re
from collections.abc import Collection, Mapping, Sequence
from functools import lru_cache
from importlib import resources
from itertools import zip_longest
from pathlib import Path
from typing import NamedTuple

from yearbook.data.schema_reader import key_line
from yearbook.pages.markdown import CODE, FRONT, MARKER, REFERENCE, marker_words, scan
from yearbook.site.translation.problems import Page, TranslationProblem
from yearbook.site.translation.script import allowlist_pattern, check_script, load_allowlist

_COMMENT = re.compile(r"<!--.*?-->")
_ATX = re.compile(r"[ ]{0,3}(?P<hashes>#{1,6})(?:[ \t]+(?P<text>.*?))?[ \t]*")
_SETEXT = re.compile(r"[ ]{0,3}(?P<rule>=+|-+)[ \t]*")
_CLOSING_HASHES = re.compile(r"[ \t]+#+$")
_BLOCK_START = re.compile(r"[ ]{0,3}(?:[-*+>|]|\d+[.)]|[ ])")
"""A line that starts a list item, quote, table row or indented block: no setext title."""
_HEADING_ID = re.compile(r"\{:?\s*(?P<body>[^{}]*)\}\s*$")


class _Landmark(NamedTuple):
    """A heading (`heading 2 #deal-models`) or marker line (`marker table deals`)."""

    key: str
    line: int
    source: str


def check_twins(docs_dir: Path, languages: Sequence[str]) -> list[TranslationProblem]:
    """Every problem of the twins under `docs_dir/<language>/`, the first language the original.
    A page without its twin is `languages.missing_twins`' to report: it stops the build first."""
    allowed = allowlist_pattern(load_allowlist(docs_dir))
    folder = docs_dir / languages[0]
    problems = []
    for name in sorted(path.relative_to(folder).as_posix() for path in folder.rglob("*.md")):
        files = {code: docs_dir / code / name for code in languages}
        if all(file.is_file() for file in files.values()):
            texts = {code: file.read_text("utf-8") for code, file in files.items()}
            pages = [Page(f"{docs_dir.name}/{code}/{name}", texts[code], code) for code in texts]
            problems.extend(check_pages(pages, allowed))
    return problems


def check_pages(
    pages: Sequence[Page], allowed: re.Pattern[str] | None = None
) -> list[TranslationProblem]:
    """Every problem of one set of twins; `pages[0]` is the original."""
    problems: list[TranslationProblem] = []
    for page in pages:
        problems.extend(check_heading_ids(page))
        problems.extend(check_script(page, allowed))
    for twin in pages[1:]:
        problems.extend(check_structure(pages[0], twin))
        problems.extend(check_references(pages[0], twin))
    return sorted(problems, key=lambda problem: (problem.file, problem.line, problem.rule))


def check_heading_ids(page: Page) -> list[TranslationProblem]:
    """Headings without an explicit id."""
    fix = "Fix: end it with {#some-id}, the same id as the twin page's heading"
    problems = []
    for mark in _landmarks(page.text):
        if mark.key.startswith("heading") and mark.key.endswith("#"):
            message = f"heading without an explicit id: {mark.source.strip()}. {fix}"
            problems.append(TranslationProblem(page.file, mark.line, "heading-id", message))
    return problems


def check_structure(original: Page, twin: Page) -> list[TranslationProblem]:
    """The first position where the twins' headings and markers (in page order) differ."""
    ours, theirs = _landmarks(original.text), _landmarks(twin.text)
    for number, (mine, yours) in enumerate(zip_longest(ours, theirs), start=1):
        if mine and yours and mine.key == yours.key:
            continue
        if yours is None:
            line = theirs[-1].line if theirs else 1
            message = (
                f"{original.file}:{mine.line} has {_show(mine)} (heading/marker {number})"
                f" but {twin.file} has nothing after line {line}. Fix: add the counterpart"
                f" of {_show(mine)} to {twin.file}, or remove it from {original.file}"
            )
        elif mine is None:
            line = yours.line
            message = (
                f"{twin.file}:{line} has {_show(yours)} (heading/marker {number}) but"
                f" {original.file} has nothing more. Fix: remove it from {twin.file}, or add"
                f" its counterpart to {original.file}"
            )
        else:
            line = yours.line
            message = (
                f"heading/marker {number} differs: {original.file}:{mine.line} has"
                f" {_show(mine)} but {twin.file}:{line} has {_show(yours)}. Fix: give both"
                " twins the same headings (level and {#id}) and marker lines in the same order"
            )
        return [TranslationProblem(twin.file, line, "structure", message)]
    return []


def check_references(original: Page, twin: Page) -> list[TranslationProblem]:
    """References (figures, counts, cited sources) found on one twin only."""
    languages = {original.language, twin.language}
    mine, yours = _references(original.text, languages), _references(twin.text, languages)
    problems = []
    for page, have, other, lacks in [(original, mine, twin, yours), (twin, yours, original, mine)]:
        for reference, line in have.items():
            if reference not in lacks:
                message = (
                    f"{{{{ {reference} }}}} is here but not in {other.file}; twins must quote"
                    f" the same figures and cite the same sources. Fix: add it to {other.file},"
                    " or remove it here"
                )
                problems.append(TranslationProblem(page.file, line, "references", message))
    return problems


def _show(landmark: _Landmark) -> str:
    return f"`{landmark.source.strip()}`"


@lru_cache(maxsize=256)
def _landmarks(text: str) -> tuple[_Landmark, ...]:
    """Headings (`heading <level> #<id>`) and markers (`marker <kind> <name>`), in order."""
    landmarks: list[_Landmark] = []
    paragraph: tuple[int, str] | None = None
    """The first line number and the last line of the paragraph so far (a setext title)."""
    in_comment = False
    for number, line, zone in scan(text, front_matter=True):
        first = line.lstrip(" ")[:1]
        atx = _ATX.fullmatch(line) if first == "#" else None
        setext = _SETEXT.fullmatch(line) if first in ("=", "-") and paragraph else None
        if zone in (CODE, FRONT):
            pass  # no headings, markers or comments in code
        elif in_comment:
            in_comment = "-->" not in line
        elif zone == MARKER:
            landmarks.append(_Landmark(" ".join(["marker", *marker_words(line)]), number, line))
        elif "<!--" in line and "<!--" in _COMMENT.sub("", line):
            in_comment = True
        elif atx:
            title = _CLOSING_HASHES.sub("", atx["text"] or "")
            key = f"heading {len(atx['hashes'])} #{_heading_id(title)}"
            landmarks.append(_Landmark(key, number, line))
        elif setext and paragraph:
            level = 1 if setext["rule"][0] == "=" else 2
            start, title = paragraph
            landmarks.append(_Landmark(f"heading {level} #{_heading_id(title)}", start, title))
        elif first and not _BLOCK_START.match(line):
            paragraph = (paragraph[0] if paragraph else number, line)
            continue
        paragraph = None
    return tuple(landmarks)


def _heading_id(title: str) -> str:
    found = _HEADING_ID.search(title)
    words = found["body"].split() if found else []
    return next((word[1:] for word in words if word.startswith("#") and len(word) > 1), "")


def _references(text: str, languages: Collection[str]) -> dict[str, int]:
    """Each reference and the line it first appears on."""
    found: dict[str, int] = {}
    for number, line, zone in scan(text, front_matter=True):
        if zone in (CODE, FRONT) or "{{" not in line:
            continue
        for match in REFERENCE.finditer(line):
            body = "".join(match["body"].split())
            kind, _, rest = body.partition(":")
            if kind == "cite":
                for source in filter(None, rest.split(";")):
                    found.setdefault(f"cite:{source}", number)
                continue
            parts = body.split(":")
            if len(parts) == 3:
                column, _, suffix = parts[2].rpartition("_")
                if column and suffix in languages:
                    parts[2] = column
            found.setdefault(":".join(parts), number)
    return found


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
        keys[code] = {key: key_line(text, key) or 1 for key in strings}
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
