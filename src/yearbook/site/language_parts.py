"""The language of parts (WCAG 3.1.2): Chinese quoted on an English page, and English words on
a Chinese page, marked with `lang` so that screen readers voice them and browsers choose fonts
for the right language, without editors marking each one. Editors mark anything else with
`<span lang="…">` in Markdown; text already inside an element of that language is left as it is.
"""

import re
from collections.abc import Callable

# Tags, comments, character references and web addresses are kept whole; only the text
# between them is read.
_TOKENS = re.compile(r"(<!--.*?-->|<[^>]*>|&#?\w+;|(?:https?|ftp)://[^\s<]*)", re.S)
# An opening tag whose text is left alone: not prose (code, scripts, chart graphics, the
# document's title), an abbreviation the page explains (content/includes/abbreviations.*.md),
# or an element with a `lang` of its own.
_NOT_PROSE = re.compile(r"<(script|style|svg|code|pre|kbd|title|textarea|math|abbr)\b", re.I)
_WITH_LANG = re.compile(r"""<([a-zA-Z][\w:-]*)\b[^>]*?\blang\s*=\s*["']?([a-zA-Z]+)""")
_VOID = {"area", "br", "col", "embed", "hr", "img", "input", "source", "track", "wbr"}
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
    footer come from the theme and the UI catalogues, in the page's language. Text inside an
    element left alone is skipped up to that element's end tag (elements of the same name
    inside it counted), so that most tags need no more than a glance."""
    start, end = html.find("<article"), html.rfind("</article>")
    if start < 0 or end < start:
        start, end = 0, len(html)
    other = "en" if page_language == "zh" else "zh"
    runs, wrap = _runs_and_wrap(other)
    # split() with one group alternates text (even places) and tags, comments, references and
    # addresses (odd places).
    tokens = _TOKENS.split(html[start:end])
    skipped, depth = "", 0  # the element being skipped, and how deep in it
    for place, token in enumerate(tokens):
        if not place % 2:
            if not skipped and token:
                tokens[place] = runs.sub(wrap, token)
        elif skipped:
            if token.startswith("</" + skipped) and token[len(skipped) + 2] in "> \t\n":
                depth -= 1
                skipped = skipped if depth else ""
            elif token.startswith("<" + skipped) and token[len(skipped) + 1] in "> \t\n/":
                depth += not token.endswith("/>")
        elif token.endswith("/>"):
            continue
        elif not_prose := _NOT_PROSE.match(token):
            skipped, depth = not_prose[1], 1
        elif (
            "lang" in token
            and (tagged := _WITH_LANG.match(token))
            and tagged[2].lower() == other
            and tagged[1].lower() not in _VOID
        ):
            skipped, depth = tagged[1], 1
    return html[:start] + "".join(tokens) + html[end:]


def _runs_and_wrap(language: str) -> tuple[re.Pattern[str], Callable[[re.Match[str]], str]]:
    tag = LANGUAGE_TAGS[language]

    def wrap(run: re.Match[str]) -> str:
        text = run.group(0)
        if language == "en" and text == text.upper():
            return text
        return f'<span lang="{tag}">{text}</span>'

    return (_ENGLISH if language == "en" else _CHINESE), wrap
