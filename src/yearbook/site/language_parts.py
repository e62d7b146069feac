"""The language of parts (WCAG 3.1.2): Chinese quoted on an English page, and English words on
a Chinese page, marked with `lang` so that screen readers voice them and browsers choose fonts
for the right language, without editors marking each one. Editors mark anything else with
`<span lang="…">` in Markdown; text already inside an element of that language is left as it is.
"""

import re
from collections.abc import Callable

# Tags, comments, character references and web addresses are kept whole; only the text
# between them is read.
_TOKENS = re.compile(r"(<!--.*?-->|<[^>]*>|&#?\w+;|\b\w+://[^\s<]*)", re.S)
_TAG = re.compile(r"<(/?)([a-zA-Z][\w:-]*)([^>]*?)(/?)>", re.S)
_LANG = re.compile(r"""\blang\s*=\s*["']?([\w-]+)""")
# Text in these is not prose (code, scripts, chart graphics, the document's title) or is an
# abbreviation the page explains (content/includes/abbreviations.*.md).
_NOT_PROSE = {"script", "style", "svg", "code", "pre", "kbd", "title", "textarea", "math", "abbr"}
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
         "track", "wbr"}  # fmt: skip
_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# Chinese: Han characters, with the CJK punctuation and full-width forms between them.
_CHINESE = re.compile(f"[{_HAN}](?:[{_HAN}\u3000-\u303f\uff00-\uffef·]*[{_HAN}])?")
# English: words of Latin letters (with hyphens and apostrophes), spaced, that hold a
# lower-case letter; all-capital abbreviations (PD-1, ADC) are read letter by letter anyway,
# and identifiers, file names and addresses (xinhua-2026-05-27, deals.csv, https://…) are
# not words.
_WORD = "[A-Za-z][A-Za-z'\u2019-]*"
_ENGLISH = re.compile(rf"(?<![\w./:@-]){_WORD}(?: {_WORD})*(?![\w/:@-]|\.\w)", re.ASCII)

LANGUAGE_TAGS = {"zh": "zh-Hans", "en": "en"}
"""The BCP 47 tag `lang` takes for each language of the yearbook."""


def mark_language_of_parts(html: str, page_language: str) -> str:
    """`html` of a page in `page_language` with each run of the other language in a span.

    Only the page's content (<article>) is read when it has one: the header, navigation and
    footer come from the theme and the UI catalogues, in the page's language."""
    start, end = html.find("<article"), html.rfind("</article>")
    if start < 0 or end < start:
        start, end = 0, len(html)
    other = "en" if page_language == "zh" else "zh"
    runs, wrap = _runs_and_wrap(other)
    out: list[str] = [html[:start]]
    open_tags: list[tuple[str, bool]] = []  # (tag, whether text in it is left alone)
    # split() with one group alternates text (even places) and tags, comments, references and
    # addresses (odd places).
    for place, token in enumerate(_TOKENS.split(html[start:end])):
        if place % 2:
            tag = _TAG.match(token) if token.startswith("<") else None
            if tag:
                _track(tag, open_tags, other)
        elif token and not (open_tags and open_tags[-1][1]):
            token = runs.sub(wrap, token)
        out.append(token)
    out.append(html[end:])
    return "".join(out)


def _runs_and_wrap(language: str) -> tuple[re.Pattern[str], Callable[[re.Match[str]], str]]:
    tag = LANGUAGE_TAGS[language]

    def wrap(run: re.Match[str]) -> str:
        text = run.group(0)
        if language == "en" and text == text.upper():
            return text
        return f'<span lang="{tag}">{text}</span>'

    return (_ENGLISH if language == "en" else _CHINESE), wrap


def _track(tag: re.Match[str], open_tags: list[tuple[str, bool]], other: str) -> None:
    """Keep `open_tags` in step with a tag; an element is left alone when it is not prose,
    is already in the other language, or is inside such an element."""
    closing, name, attributes, self_closing = tag.groups()
    name = name.lower()
    if closing:
        while open_tags:
            if open_tags.pop()[0] == name:
                break
        return
    if self_closing or name in _VOID:
        return
    inherited = bool(open_tags) and open_tags[-1][1]
    lang = _LANG.search(attributes)
    in_other = lang is not None and lang.group(1).split("-")[0].lower() == other
    open_tags.append((name, inherited or name in _NOT_PROSE or in_other))
