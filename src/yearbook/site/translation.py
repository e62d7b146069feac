"""Checks that twin pages (`content/zh/x.md`, `content/en/x.md`) are translations of each other.

Rules, each a `TranslationProblem.rule`:

    twin        a page exists in one language only
    heading-id  a heading lacks an explicit id (`## 交易模式 {#deal-models}`); twins share ids
    structure   the twins' headings (level + id) and marker lines (kind + name), taken together
                in page order, differ; the first differing position is reported
    han         CJK text (Han ideographs, CJK or full-width punctuation, kana) on an English page
    english     a run of 4 or more English words on a Chinese page (an untranslated sentence)
    references  a `{{ … }}` reference appears on one twin only (order and repetition may
                differ; `{{ cite:a;b }}` counts as one reference per source, and a column
                named for a language, `drug_zh`, as the column itself, `drug`)
    ui          a key of one interface catalogue (`src/yearbook/ui/<code>.json`) is missing in
                another, or a string is empty

The script rules (`han`, `english`) ignore front matter, fenced and inline code, `{{ … }}`
references, HTML comments (marker lines among them), HTML tags, link targets and reference
link definitions, bare URLs, snippet lines (`--8<--`), attribute lists (`{#id}`) and the
phrases of the allow-list `content/translation-allowlist.txt` (one phrase a line, `#` starts a
comment). A phrase is matched ignoring case and only as a whole word: not inside a longer
word, and a phrase starting or ending with a Han character not inside a longer run of Han
(`近` on its own is exempt, `近年` is not). An English word is a letter followed by letters or
digits, possibly joined by `'` or `-` (`GLP-1`, `out-licensing`: one word each); a run is a
stretch of a line without CJK characters or ignored text.

Everything here is pure apart from `check_twins` and `check_ui`, which read files; content
problems are returned, never raised.
"""

from __future__ import annotations

import json
import re
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

ALLOWLIST_NAME = "translation-allowlist.txt"
"""The allow-list's file name, in the docs dir (`content/`)."""

MIN_ENGLISH_WORDS = 4
"""An English run this long on a Chinese page is an untranslated sentence."""

_CJK = (
    "\u2e80-\u2fdf"  # radicals
    "\u3000-\u303f"  # CJK symbols and punctuation: 。、《》「」【】
    "\u3040-\u30ff"  # kana
    "\u3100-\u312f\u31a0-\u31ef"  # bopomofo, strokes
    "\u3200-\u33ff"  # enclosed and compatibility
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"  # Han ideographs
    "\ufe30-\ufe4f"  # CJK compatibility forms
    "\uff00-\uffef"  # full-width forms: comma, colon, parentheses
    "\U00020000-\U0003134f"  # Han extensions B-H
)
_CJK_RUN = re.compile(f"[{_CJK}]+")
_HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
_MASK = "\x00"
"""Stands in for ignored text: part of no word, so it also ends an English run."""
_NOT_ENGLISH = re.compile(f"[{_CJK}{_MASK}]+")
_WORD = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:['\u2019-][A-Za-z0-9]+)*")

_FENCE = re.compile(r"[ ]{0,3}(?P<fence>`{3,}|~{3,})")
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_MARKER = re.compile(r"[ ]{0,3}<!--\s*yearbook:(?P<body>.*?)-->\s*")
_REFERENCE = re.compile(r"\{\{\s*(?P<body>[^{}]*?)\s*\}\}")
_INLINE_CODE = re.compile(r"(?P<ticks>`+)(?!`)[^\n]+?(?<!`)(?P=ticks)(?!`)")
_LINK_TARGET = re.compile(r"\]\([^()\s]*(?:\([^()\s]*\)[^()\s]*)*(?:\s+\"[^\"]*\")?\)")
_LINK_DEFINITION = re.compile(r"^[ ]{0,3}\[(?!\^)[^\]\n]+\]:[ \t]*\S+.*$", re.MULTILINE)
_SNIPPET = re.compile(r"^[ ]{0,3}-{1,}8<-{1,}.*$", re.MULTILINE)
_URL = re.compile(rf"(?:(?:https?|ftp)://|mailto:)[^\s<>{_CJK}]+")
_HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")
_ATTRIBUTES = re.compile(r"\{:?\s*[#.][^{}\n]*\}")

_ATX = re.compile(r"[ ]{0,3}(?P<hashes>#{1,6})(?:[ \t]+(?P<text>.*?))?[ \t]*")
_SETEXT = re.compile(r"[ ]{0,3}(?P<rule>=+|-+)[ \t]*")
_CLOSING_HASHES = re.compile(r"[ \t]+#+$")
_BLOCK_START = re.compile(r"[ ]{0,3}(?:[-*+>|]|\d+[.)]|[ ])")
"""A line that starts a list item, quote, table row or indented block: no setext title."""
_HEADING_ID = re.compile(r"\{:?\s*(?P<body>[^{}]*)\}\s*$")
_IGNORED = (
    ("<!--", _COMMENT),
    ("`", _INLINE_CODE),
    ("{{", _REFERENCE),
    ("]:", _LINK_DEFINITION),
    ("8<", _SNIPPET),
    ("](", _LINK_TARGET),
    (":", _URL),
    ("<", _HTML_TAG),
    ("{", _ATTRIBUTES),
)
"""What the script rules ignore, masked in this order."""


@dataclass(frozen=True)
class TranslationProblem:
    """One problem: where it is, which rule it breaks, and what to do about it."""

    file: str
    """The file as shown to the author, e.g. `content/en/deals.md`."""
    line: int
    """1-based line in `file`."""
    rule: str
    message: str
    """What is wrong and, after `Fix:`, how to put it right."""

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.rule}: {self.message}"


@dataclass(frozen=True)
class Page:
    """One page's text and how it is named in problems."""

    file: str
    text: str
    language: str


@dataclass(frozen=True)
class _Landmark:
    """A heading or a marker line: what twins must share, in order."""

    key: str
    line: int
    source: str


def format_problems(problems: Iterable[TranslationProblem]) -> str:
    """The problems one per line, ready for an error message."""
    found = list(problems)
    lines = [str(problem) for problem in found]
    heading = f"{len(found)} translation problem{'s' if len(found) != 1 else ''}:"
    return "\n".join([heading, *(f"  {line}" for line in lines)])


def parse_allowlist(text: str) -> tuple[str, ...]:
    """The phrases of an allow-list: one a line, blank lines and `#` comments skipped."""
    phrases = (line.split("#", 1)[0].strip() for line in text.splitlines())
    return tuple(dict.fromkeys(phrase for phrase in phrases if phrase))


def load_allowlist(path: Path) -> tuple[str, ...]:
    """The allow-list at `path`; none if the file does not exist."""
    try:
        return parse_allowlist(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return ()


def check_twins(
    docs_dir: Path,
    languages: Sequence[str] = ("zh", "en"),
    allowlist: Sequence[str] | None = None,
) -> list[TranslationProblem]:
    """Every problem of the `*.md` twins under `docs_dir/<language>/`.

    The first language is the original each other language is compared against. `allowlist`
    defaults to `docs_dir/translation-allowlist.txt`. Files are named `content/en/x.md` (the
    docs dir's own name, the language, the page).
    """
    if allowlist is None:
        allowlist = load_allowlist(docs_dir / ALLOWLIST_NAME)
    pattern = _allowlist_pattern(allowlist)
    pages = find_twins(docs_dir, languages)
    problems: list[TranslationProblem] = []
    for name in sorted(pages):
        twins = pages[name]
        missing = [language for language in languages if language not in twins]
        if missing:
            for language in twins:
                problems.append(
                    TranslationProblem(
                        _shown(docs_dir, language, name),
                        1,
                        "twin",
                        f"no twin in {', '.join(missing)}. Fix: add "
                        + " and ".join(_shown(docs_dir, code, name) for code in missing)
                        + " with the same headings, markers and references, or remove this"
                        " page",
                    )
                )
            continue
        loaded = [
            Page(_shown(docs_dir, language, name), twins[language].read_text("utf-8"), language)
            for language in languages
        ]
        problems.extend(_check_loaded(loaded, pattern))
    return problems


def find_twins(
    docs_dir: Path, languages: Sequence[str] = ("zh", "en")
) -> dict[str, dict[str, Path]]:
    """Each page (`deals.md`, `sub/x.md`) with its file in every language that has it."""
    pages: dict[str, dict[str, Path]] = {}
    for language in languages:
        folder = docs_dir / language
        for path in sorted(folder.rglob("*.md")):
            pages.setdefault(path.relative_to(folder).as_posix(), {})[language] = path
    return dict(sorted(pages.items()))


def check_pages(pages: Sequence[Page], allowlist: Sequence[str] = ()) -> list[TranslationProblem]:
    """Every problem of one set of twins; `pages[0]` is the original."""
    return _check_loaded(pages, _allowlist_pattern(allowlist))


def _check_loaded(
    pages: Sequence[Page], allowed: re.Pattern[str] | None
) -> list[TranslationProblem]:
    problems: list[TranslationProblem] = []
    for page in pages:
        problems.extend(check_heading_ids(page))
        problems.extend(_check_script(page, allowed))
    original = pages[0]
    for twin in pages[1:]:
        problems.extend(check_structure(original, twin))
        problems.extend(check_references(original, twin))
    return sorted(problems, key=lambda problem: (problem.file, problem.line, problem.rule))


def check_heading_ids(page: Page) -> list[TranslationProblem]:
    """Headings without an explicit id."""
    return [
        TranslationProblem(
            page.file,
            landmark.line,
            "heading-id",
            f"heading without an explicit id: {landmark.source.strip()}. Fix: end it with"
            " {#some-id}, the same id as the twin page's heading",
        )
        for landmark in _landmarks(page.text)
        if landmark.key.startswith("heading") and landmark.key.endswith("#")
    ]


def check_structure(original: Page, twin: Page) -> list[TranslationProblem]:
    """The first position where the twins' headings and markers (in page order) differ."""
    ours = _landmarks(original.text)
    theirs = _landmarks(twin.text)
    for position in range(max(len(ours), len(theirs))):
        mine = ours[position] if position < len(ours) else None
        yours = theirs[position] if position < len(theirs) else None
        if mine is not None and yours is not None and mine.key == yours.key:
            continue
        number = position + 1
        if yours is None:
            assert mine is not None
            last = theirs[-1].line if theirs else 1
            return [
                _structure(
                    twin,
                    last,
                    f"{original.file}:{mine.line} has {_show(mine)} (heading/marker {number})"
                    f" but {twin.file} has nothing after line {last}. Fix: add the"
                    f" counterpart of {_show(mine)} to {twin.file}, or remove it from"
                    f" {original.file}",
                )
            ]
        if mine is None:
            return [
                _structure(
                    twin,
                    yours.line,
                    f"{twin.file}:{yours.line} has {_show(yours)} (heading/marker {number})"
                    f" but {original.file} has nothing more. Fix: remove it from {twin.file},"
                    f" or add its counterpart to {original.file}",
                )
            ]
        return [
            _structure(
                twin,
                yours.line,
                f"heading/marker {number} differs: {original.file}:{mine.line} has"
                f" {_show(mine)} but {twin.file}:{yours.line} has {_show(yours)}. Fix: give"
                " both twins the same headings (level and {#id}) and marker lines in the"
                " same order",
            )
        ]
    return []


def check_references(original: Page, twin: Page) -> list[TranslationProblem]:
    """References (figures, counts, cited sources) found on one twin only."""
    languages = {original.language, twin.language}
    mine = _references(original.text, languages)
    yours = _references(twin.text, languages)
    problems = []
    for page, have, other, lacks in (
        (original, mine, twin, yours),
        (twin, yours, original, mine),
    ):
        for reference, line in have.items():
            if reference in lacks:
                continue
            problems.append(
                TranslationProblem(
                    page.file,
                    line,
                    "references",
                    f"{{{{ {reference} }}}} is here but not in {other.file}; twins must quote"
                    f" the same figures and cite the same sources. Fix: add it to {other.file},"
                    " or remove it here",
                )
            )
    return problems


def check_script(page: Page, allowlist: Sequence[str] = ()) -> list[TranslationProblem]:
    """CJK text on an English page; English sentences on a Chinese page."""
    return _check_script(page, _allowlist_pattern(allowlist))


def _check_script(page: Page, allowed: re.Pattern[str] | None) -> list[TranslationProblem]:
    language = page.language.lower()
    chinese = language.startswith("zh")
    if not chinese and language != "en" and not language.startswith("en-"):
        return []
    find = _english_runs if chinese else _cjk_runs
    problems = []
    for number, line in enumerate(_masked(page.text).split("\n"), start=1):
        found = find(line)
        if found and allowed is not None:
            # The allow-list is consulted only for the few lines that would fail without it.
            found = find(_allow(line, allowed))
        if not found:
            continue
        shown = ", ".join(repr(run) for run in found)
        if chinese:
            message = (
                f"untranslated English on a Chinese page: {shown}. Fix: translate it, or if it"
                f" is a proper name or term, add it to content/{ALLOWLIST_NAME}"
            )
        else:
            message = (
                f"Chinese text or punctuation on an English page: {shown}. Fix: translate it"
                " and use ASCII punctuation, or if it is a name that must stay in Chinese, add"
                f" it to content/{ALLOWLIST_NAME}"
            )
        problems.append(
            TranslationProblem(page.file, number, "english" if chinese else "han", message)
        )
    return problems


def _english_runs(line: str) -> list[str]:
    """Stretches of `line` without CJK holding at least `MIN_ENGLISH_WORDS` English words."""
    if len(_WORD.findall(line)) < MIN_ENGLISH_WORDS:
        return []
    return [
        chunk.strip()
        for chunk in _NOT_ENGLISH.split(line)
        if len(_WORD.findall(chunk)) >= MIN_ENGLISH_WORDS
    ]


def _cjk_runs(line: str) -> list[str]:
    return _CJK_RUN.findall(line)


def check_catalogues(texts: Mapping[str, str]) -> list[TranslationProblem]:
    """Interface catalogues (`{code: JSON text}`): the same keys everywhere, none empty."""
    keys: dict[str, dict[str, int]] = {}
    problems = []
    for code, text in texts.items():
        file = f"src/yearbook/ui/{code}.json"
        try:
            strings = json.loads(text)
        except json.JSONDecodeError as error:
            problems.append(
                TranslationProblem(
                    file, error.lineno, "ui", f"not valid JSON: {error.msg}. Fix: correct it"
                )
            )
            continue
        if not isinstance(strings, dict):
            problems.append(
                TranslationProblem(
                    file, 1, "ui", 'not one JSON object. Fix: write {"dotted.key": "text", ...}'
                )
            )
            continue
        lines = {}
        for key, value in strings.items():
            lines[key] = _key_line(text, key)
            if not isinstance(value, str) or not value.strip():
                problems.append(
                    TranslationProblem(
                        file,
                        lines[key],
                        "ui",
                        f"{key!r} is empty or not a string. Fix: write the {code} text",
                    )
                )
        keys[code] = lines
    for code, lines in keys.items():
        for other, other_lines in keys.items():
            for key in other_lines.keys() - lines.keys():
                problems.append(
                    TranslationProblem(
                        f"src/yearbook/ui/{other}.json",
                        other_lines[key],
                        "ui",
                        f"{key!r} is missing in src/yearbook/ui/{code}.json. Fix: add it"
                        f" there in {code}, or remove it here",
                    )
                )
    return sorted(problems, key=lambda problem: (problem.file, problem.line))


def check_ui(languages: Sequence[str] = ("zh", "en")) -> list[TranslationProblem]:
    """`check_catalogues` over the package's own `ui/<code>.json`."""
    folder = resources.files("yearbook").joinpath("ui")
    texts = {}
    for code in languages:
        try:
            texts[code] = folder.joinpath(f"{code}.json").read_text("utf-8")
        except FileNotFoundError:
            texts[code] = "{}"
    return check_catalogues(texts)


def _shown(docs_dir: Path, language: str, name: str) -> str:
    return f"{docs_dir.name}/{language}/{name}"


def _structure(page: Page, line: int, message: str) -> TranslationProblem:
    return TranslationProblem(page.file, line, "structure", message)


def _show(landmark: _Landmark) -> str:
    return f"`{landmark.source.strip()}`"


def _key_line(text: str, key: str) -> int:
    found = re.search(
        rf"^\s*{re.escape(json.dumps(key, ensure_ascii=False))}\s*:", text, re.MULTILINE
    )
    return text.count("\n", 0, found.start()) + 1 if found else 1


def _allowlist_pattern(allowlist: Sequence[str]) -> re.Pattern[str] | None:
    """The phrases, longest first, case ignored; `_allow` checks their word boundaries."""
    phrases = sorted({phrase.strip() for phrase in allowlist if phrase.strip()}, key=len)
    if not phrases:
        return None
    return re.compile("|".join(re.escape(phrase) for phrase in reversed(phrases)), re.IGNORECASE)


def _allow(line: str, allowed: re.Pattern[str]) -> str:
    """`line` with the allow-listed phrases masked where they stand as whole words: never
    inside a longer word, and a phrase starting (or ending) with CJK never inside a longer run
    of Han (`近` on its own is exempt, `近年` is not)."""

    def blank(match: re.Match[str]) -> str:
        phrase, start, end = match[0], match.start(), match.end()
        before = line[start - 1] if start else ""
        after = line[end] if end < len(line) else ""
        if _joins(phrase[0], before) or _joins(phrase[-1], after):
            return phrase
        return _blank_text(phrase)

    return allowed.sub(blank, line)


def _joins(edge: str, neighbour: str) -> bool:
    """Whether `neighbour` continues the word that `edge` (a phrase's first or last character)
    belongs to."""
    if not neighbour:
        return False
    if neighbour.isascii():
        return neighbour.isalnum()
    return _HAN.match(edge) is not None and _HAN.match(neighbour) is not None


@lru_cache(maxsize=256)
def _lines(text: str) -> tuple[tuple[int, str, str], ...]:
    """Each line with its number and zone: `text`, `code` (fenced) or `front` (front matter)."""
    return tuple(_zones(text))


def _zones(text: str) -> Iterator[tuple[int, str, str]]:
    lines = text.split("\n")
    front = bool(lines) and lines[0].rstrip() == "---"
    fence = ""
    for number, line in enumerate(lines, start=1):
        if front:
            if number > 1 and line.rstrip() in ("---", "..."):
                front = False
            yield number, line, "front"
            continue
        opening = _FENCE.match(line)
        if fence:
            stripped = line.strip()
            if (
                opening
                and opening["fence"][0] == fence[0]
                and len(stripped) >= len(fence)
                and not stripped.strip(fence[0])
            ):
                fence = ""
            yield number, line, "code"
            continue
        if opening:
            fence = opening["fence"]
            yield number, line, "code"
            continue
        yield number, line, "text"


@lru_cache(maxsize=256)
def _landmarks(text: str) -> tuple[_Landmark, ...]:
    """Headings (`heading <level> #<id>`) and markers (`marker <kind> <name>`), in order."""
    landmarks: list[_Landmark] = []
    paragraph: tuple[int, str] | None = None
    """The first line number and the last line of the paragraph so far (a setext title)."""
    in_comment = False
    for number, line, zone in _lines(text):
        if zone != "text":
            paragraph = None
            continue
        if in_comment:
            in_comment = "-->" not in line
            paragraph = None
            continue
        if "<!--" in line:
            marker = _MARKER.fullmatch(line)
            if marker:
                words = marker["body"].split()
                landmarks.append(_Landmark(" ".join(["marker", *words]), number, line))
                paragraph = None
                continue
            if "<!--" in _COMMENT.sub("", line):
                in_comment = True
                paragraph = None
                continue
        first = line.lstrip(" ")[:1]
        atx = _ATX.fullmatch(line) if first == "#" else None
        if atx:
            level = len(atx["hashes"])
            title = _CLOSING_HASHES.sub("", atx["text"] or "")
            landmarks.append(_Landmark(f"heading {level} #{_heading_id(title)}", number, line))
            paragraph = None
            continue
        setext = _SETEXT.fullmatch(line) if first in ("=", "-") and paragraph else None
        if setext and paragraph:
            level = 1 if setext["rule"][0] == "=" else 2
            start, title = paragraph
            landmarks.append(_Landmark(f"heading {level} #{_heading_id(title)}", start, title))
            paragraph = None
            continue
        if not first or _BLOCK_START.match(line):
            paragraph = None
        else:
            paragraph = (paragraph[0] if paragraph else number, line)
    return tuple(landmarks)


def _heading_id(title: str) -> str:
    found = _HEADING_ID.search(title)
    if not found:
        return ""
    for word in found["body"].split():
        if word.startswith("#") and len(word) > 1:
            return word[1:]
    return ""


def _references(text: str, languages: Collection[str]) -> dict[str, int]:
    """Each reference and the line it first appears on: one per cited source, and a column
    named for a language (`drug_zh`) counted as the column itself (`drug`)."""
    found: dict[str, int] = {}
    for number, line, zone in _lines(text):
        if zone != "text" or "{{" not in line:
            continue
        for match in _REFERENCE.finditer(line):
            body = "".join(match["body"].split())
            kind, _, rest = body.partition(":")
            if kind == "cite":
                for source in rest.split(";"):
                    if source:
                        found.setdefault(f"cite:{source}", number)
                continue
            parts = body.split(":")
            if len(parts) == 3:
                column, _, suffix = parts[2].rpartition("_")
                if column and suffix in languages:
                    parts[2] = column
            found.setdefault(":".join(parts), number)
    return found


def _masked(text: str) -> str:
    """`text` with everything the script rules ignore replaced by `_MASK` (newlines kept)."""
    lines = [line if zone == "text" else _blank_text(line) for _, line, zone in _lines(text)]
    masked = "\n".join(lines)
    for needle, pattern in _IGNORED:
        if needle in masked:
            masked = pattern.sub(_blank, masked)
    return masked


def _blank(match: re.Match[str]) -> str:
    return _blank_text(match[0])


def _blank_text(text: str) -> str:
    if "\n" not in text:
        return _MASK * len(text)
    return "\n".join(_MASK * len(line) for line in text.split("\n"))
