"""What the translation checks report: one record per problem, and the build's message.

Rules (`TranslationProblem.rule`): `heading-id`, a heading without an explicit `{#id}`;
`structure`, twins whose headings (level, id) and marker lines differ in page order; `han`,
CJK text on an English page; `english`, an untranslated English sentence on a Chinese page;
`references`, a `{{ … }}` reference on one twin only; `ui`, interface catalogues that differ.
"""

from collections.abc import Iterable
from typing import NamedTuple


class TranslationProblem(NamedTuple):
    file: str  # as the author sees it, e.g. `content/en/deals.md`
    line: int
    rule: str
    message: str  # what is wrong and, after `Fix:`, how to put it right

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.rule}: {self.message}"


class Page(NamedTuple):
    file: str
    text: str
    language: str


def format_problems(problems: Iterable[TranslationProblem]) -> str:
    """The problems one per line, ready for an error message."""
    lines = [f"  {problem}" for problem in problems]
    return "\n".join([f"{len(lines)} translation problem{'s' * (len(lines) != 1)}:", *lines])
