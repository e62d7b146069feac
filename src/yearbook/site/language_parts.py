"""The language of parts (WCAG 3.1.2): Chinese quoted on an English page, and English words on
a Chinese page, marked with `lang` so that screen readers voice them and browsers choose fonts
for the right language, without editors marking each one. Editors mark anything else with
`<span lang="…">` in Markdown; text already inside an element of that language is left as it is.
"""

import re
from collections.abc import Iterator

from yearbook.site.head import hreflang

# Character references and web addresses inside text are kept whole.
_KEPT_WHOLE = re.compile(r"(&#?\w+;|(?:https?|ftp)://[^\s<]*)")
# An opening tag whose text is left alone: not prose (code, scripts, chart graphics, the
# document's title), an abbreviation the page explains (content/includes/abbreviations.*.md),
# or an element with a `lang` of its own (self-closing tags hold no text).
_NAMED = re.compile(r"<(?:script|style|svg|code|pre|kbd|title|textarea|math|abbr)\b", re.I)
_LEFT_ALONE = re.compile(
    r"<(?P<name>script|style|svg|code|pre|kbd|title|textarea|math|abbr)\b[^>]*?(?<!/)>"
    r"""|<(?P<tagged>[a-zA-Z][\w:-]*)\b[^>]*?\blang\s*=\s*["']?(?P<lang>[a-zA-Z]+)[^>]*?(?<!/)>""",
    re.IGNORECASE,
)
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

# Text between two tags holding a letter of the language (the only text worth reading).
_SEGMENTS = {
    "zh": re.compile(rf"(?<=>)[^<]*?[{_HAN}][^<]*"),
    "en": re.compile(r"(?<=>)[^<]*?[A-Za-z][^<]*"),
}


def mark_language_of_parts(html: str, page_language: str) -> str:
    """`html` of a page in `page_language` with each run of the other language in a span.

    Only the page's content (<article>) is read when it has one: the header, navigation and
    footer come from the theme and the UI catalogues, in the page's language. Elements left
    alone are passed over to their end tag; in the rest, only text between tags that holds a
    letter of the other language is read (long data tables hold little of it)."""
    start, end = html.find("<article"), html.rfind("</article>")
    if start < 0 or end < start:
        start, end = 0, len(html)
    other = "en" if page_language == "zh" else "zh"
    runs, tag = (_ENGLISH if other == "en" else _CHINESE), hreflang(other)

    def wrap(run: re.Match[str]) -> str:
        if other == "en" and run[0] == run[0].upper():  # an abbreviation: see _ENGLISH
            return run[0]
        return f'<span lang="{tag}">{run[0]}</span>'

    def mark(segment: re.Match[str]) -> str:
        parts = _KEPT_WHOLE.split(segment[0])
        parts[::2] = [runs.sub(wrap, part) for part in parts[::2]]
        return "".join(parts)

    segments = _SEGMENTS[other]
    out, done = [html[:start]], start
    # Each piece starts after a tag: the ">" put before it lets its first text be found.
    for left_start, left_end in _left_alone(html, start, end, other):
        out += [segments.sub(mark, ">" + html[done:left_start])[1:], html[left_start:left_end]]
        done = left_end
    return "".join([*out, segments.sub(mark, ">" + html[done:end])[1:], html[end:]])


def _left_alone(html: str, start: int, end: int, other: str) -> Iterator[tuple[int, int]]:
    """The elements between `start` and `end` whose text is left alone, each up to its end tag
    (counting elements of the same name inside it)."""
    position, named = start, _NAMED.search(html, start, end)

    def next_opening() -> re.Match[str] | None:
        """The first opening tag from `position` that _LEFT_ALONE matches. Found by looking for
        its names and for "lang" in plain text first: trying the pattern at every tag is slow;
        and the next name is looked for again only once passed (a page of marked runs, when
        charts are placed after the build, was quadratic: 8 s at 100x data)."""
        nonlocal named
        at = position
        while True:
            if named and named.start() < at:
                named = _NAMED.search(html, at, end)
            lang = html.find("lang", at, named.start() if named else end)
            if lang < 0:
                return _LEFT_ALONE.match(html, named.start(), end) if named else None
            tag = html.rfind("<", at, lang)
            if tag >= 0 and html.rfind(">", tag, lang) < 0:
                found = _LEFT_ALONE.match(html, tag, end)
                if found and found["lang"]:
                    return found
            at = lang + 4

    while opening := next_opening():
        name = opening["name"] or opening["tagged"]
        lang = opening["lang"]
        if (lang and lang.lower() != other) or name.lower() in _VOID:
            position = opening.end()
            continue
        depth, close = 1, opening.end()
        same = re.compile(rf"<(/?){re.escape(name)}\b[^>]*?(/?)>", re.IGNORECASE)
        for tag in same.finditer(html, opening.end(), end):
            depth += -1 if tag[1] else (0 if tag[2] else 1)
            close = tag.end()
            if not depth:
                break
        yield opening.start(), close
        position = close
