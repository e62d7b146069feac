"""The print edition's own words (cover, contents), per language."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PrintStrings:
    contents: str
    edition: str
    """`{edition}`: the edition's year."""
    language: str
    """Which language edition this is, on the cover."""
    generated: str
    """`{date}`: the day the PDF was made."""
    online: str
    """`{url}`: the website."""


STRINGS: dict[str, PrintStrings] = {
    "zh": PrintStrings(
        contents="目录",
        edition="{edition}年版 · 印刷版",
        language="中文版",
        generated="生成于{date}",
        online="在线阅读：{url}",  # noqa: RUF001 (a Chinese colon, on purpose)
    ),
    "en": PrintStrings(
        contents="Contents",
        edition="{edition} edition · Print edition",
        language="English edition",
        generated="Generated on {date}",
        online="Read online: {url}",
    ),
}


def print_strings(language: str) -> PrintStrings:
    """The print strings of `language`; a clear error naming this file when it has none."""
    if language not in STRINGS:
        raise KeyError(
            f"no print-edition strings for language {language!r}: add them to "
            f"src/yearbook/print/strings.py (known: {', '.join(STRINGS)})"
        )
    return STRINGS[language]
