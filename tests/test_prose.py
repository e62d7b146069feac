"""House rules for the chapters' prose that a machine can hold (issue 14): English months in
full, and no percentage that stands for a fraction the sources printed. Figures themselves come
from the data through references (test_references_site.py)."""

import re
from pathlib import Path

import pytest

CONTENT = Path(__file__).resolve().parent.parent / "content"
ABBREVIATED_MONTH = re.compile(r"\b(Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.? \d{4}\b")
# 33.3%, 66.7%, 16.7% …: a third, two thirds, a sixth, written as a rounded percentage.
FRACTION_AS_PERCENT = re.compile(r"(?<![\d.])(16\.7|33\.3|66\.7|83\.3|14\.3|28\.6)\s?%")


def _pages(language: str) -> list[Path]:
    pages = sorted((CONTENT / language).rglob("*.md"))
    assert pages, f"no pages in content/{language}"
    return pages


def _found(pattern: re.Pattern[str], pages: list[Path]) -> list[str]:
    return [
        f"{page.parent.name}/{page.name}:{number}: {match.group(0)}"
        for page in pages
        for number, line in enumerate(page.read_text(encoding="utf-8").splitlines(), 1)
        for match in pattern.finditer(line)
    ]


def test_english_prose_writes_months_in_full() -> None:
    assert _found(ABBREVIATED_MONTH, _pages("en")) == []


@pytest.mark.parametrize("language", ["zh", "en"])
def test_no_fraction_is_written_as_a_rounded_percentage(language: str) -> None:
    assert _found(FRACTION_AS_PERCENT, _pages(language)) == []


def test_the_rules_find_what_they_forbid(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text("Signed in Jan 2026; about 33.3% of drugs; 2025年约66.7%。\n", "utf-8")
    assert len(_found(ABBREVIATED_MONTH, [page])) == 1
    assert len(_found(FRACTION_AS_PERCENT, [page])) == 2
