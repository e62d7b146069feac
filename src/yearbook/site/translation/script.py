"""Each page in its own script: no CJK text on an English page (rule `han`), no untranslated
English sentence on a Chinese page (rule `english`).

Ignored: front matter, code, `{{ … }}` references, HTML comments and tags, link targets and
definitions, bare URLs, snippet lines (`--8<--`), attribute lists (`{#id}`) and the phrases of
the allow-list `content/translation-allowlist.txt` (one a line, `#` starts a comment), matched
ignoring case and only as whole words: `近` on its own is exempt, `近年` is not. An English
word is a letter then letters or digits, maybe joined by `'` or `-` (`GLP-1`: one word).
"""

import re
from collections.abc import Sequence
from pathlib import Path

from yearbook.pages.markdown import CODE, FRONT, REFERENCE, scan
from yearbook.site.translation.problems import Page, TranslationProblem

ALLOWLIST_NAME = "translation-allowlist.txt"
"""The allow-list's file name, in the docs dir (`content/`)."""
MIN_ENGLISH_WORDS = 4  # an English run this long on a Chinese page is an untranslated sentence

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
_MASK = "\x00"  # stands in for ignored text: part of no word, so it also ends an English run
_NOT_ENGLISH = re.compile(f"[{_CJK}{_MASK}]+")
_WORD = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:['\u2019-][A-Za-z0-9]+)*")
_IGNORED = (  # masked in this order, each only where its needle occurs
    ("<!--", re.compile(r"<!--.*?-->", re.DOTALL)),
    ("`", re.compile(r"(?P<ticks>`+)(?!`)[^\n]+?(?<!`)(?P=ticks)(?!`)")),
    ("{{", REFERENCE),
    ("]:", re.compile(r"^[ ]{0,3}\[(?!\^)[^\]\n]+\]:[ \t]*\S+.*$", re.MULTILINE)),
    ("8<", re.compile(r"^[ ]{0,3}-{1,}8<-{1,}.*$", re.MULTILINE)),
    ("](", re.compile(r"\]\([^()\s]*(?:\([^()\s]*\)[^()\s]*)*(?:\s+\"[^\"]*\")?\)")),
    (":", re.compile(rf"(?:(?:https?|ftp)://|mailto:)[^\s<>{_CJK}]+")),
    ("<", re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")),
    ("{", re.compile(r"\{:?\s*[#.][^{}\n]*\}")),
)


def load_allowlist(docs_dir: Path) -> tuple[str, ...]:
    """The phrases of the allow-list in `docs_dir`, if any: one a line, `#` starts a comment."""
    path = docs_dir / ALLOWLIST_NAME
    lines = path.read_text("utf-8").splitlines() if path.is_file() else []
    return tuple(dict.fromkeys(filter(None, (line.split("#", 1)[0].strip() for line in lines))))


def allowlist_pattern(phrases: Sequence[str]) -> re.Pattern[str] | None:
    """The phrases, longest first, case ignored; `_allow` checks their word boundaries."""
    found = sorted({phrase.strip() for phrase in phrases if phrase.strip()}, key=len)
    if not found:
        return None
    return re.compile("|".join(re.escape(phrase) for phrase in reversed(found)), re.IGNORECASE)


def check_script(page: Page, allowed: re.Pattern[str] | None) -> list[TranslationProblem]:
    """CJK text on an English page; English sentences on a Chinese page."""
    language = page.language.lower()
    chinese = language.startswith("zh")
    if not chinese and language != "en" and not language.startswith("en-"):
        return []
    find = _english_runs if chinese else _CJK_RUN.findall
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


def _allow(line: str, allowed: re.Pattern[str]) -> str:
    """`line` with the allow-listed phrases masked where they stand as whole words."""

    def blank(match: re.Match[str]) -> str:
        (start, end), phrase = match.span(), match[0]
        if _joins(phrase[0], line[start - 1 : start]) or _joins(phrase[-1], line[end : end + 1]):
            return phrase
        return _blank(phrase)

    return allowed.sub(blank, line)


def _joins(edge: str, neighbour: str) -> bool:
    """Whether `neighbour` continues the word of `edge`, a phrase's first or last character:
    a Latin letter or digit always does, Han only next to Han."""
    if neighbour.isascii():  # "" too: the phrase's edge is the line's
        return neighbour.isalnum()
    return _HAN.match(edge) is not None and _HAN.match(neighbour) is not None


def _masked(text: str) -> str:
    """`text` with everything the script rules ignore replaced by `_MASK` (newlines kept)."""
    masked = "\n".join(
        _blank(line) if zone in (CODE, FRONT) else line
        for _, line, zone in scan(text, front_matter=True)
    )
    for needle, pattern in _IGNORED:
        if needle in masked:
            masked = pattern.sub(lambda match: _blank(match[0]), masked)
    return masked


def _blank(text: str) -> str:
    return "\n".join(_MASK * len(line) for line in text.split("\n"))
