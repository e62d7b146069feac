"""Inline references in prose: figures from the data, formatted per language; citations."""

from __future__ import annotations

import pytest
from conftest import FIXTURES

from yearbook.data.model import Dataset, datasets_of
from yearbook.data.validate import validate_data_dir
from yearbook.pages.references import UnknownReference, fill_references

FILE = "content/zh/deals.md"


def _fill(datasets: dict[str, Dataset], markdown: str, language: str) -> str:
    return fill_references(markdown, datasets, language, FILE, "../data/")


@pytest.mark.parametrize(
    ("reference", "zh", "en"),
    [
        ("deals:cspc-astrazeneca-2026:total_usd_m", "185亿美元", "US$18.5 billion"),
        (
            "deals:innovent-lilly-2026:total_usd_m",
            "最高约88.5亿美元",
            "up to about US$8.85 billion",
        ),
        ("deals:cspc-astrazeneca-2026:upfront_usd_m", "未披露", "undisclosed"),
        (
            "indicators:cn-out-licensing-total-2025:value",
            "超1300亿美元",
            "more than US$130 billion",
        ),
        ("robotics_events:world-robot-conference-2025:robots", "1500余", "over 1,500"),
        ("deals:cspc-astrazeneca-2026:announced", "2026年1月", "January 2026"),
        ("robotics_events:world-robot-conference-2025:start", "2025年8月8日", "8 August 2025"),
        ("companies:cspc:name", "石药集团", "CSPC Pharmaceutical Group"),
        # The deal's "about" qualifies its value, not its count of programmes.
        ("deals:hengrui-bain-kailera-2024:programs", "3", "3"),
        ("deals:hengrui-bain-kailera-2024:total_usd_m", "约60亿美元", "about US$6 billion"),
        ("indicators:cn-out-licensing-total-2025-h1:period", "2025年上半年", "H1 2025"),
    ],
)
def test_a_cell_is_written_as_each_language_writes_it(
    datasets: dict[str, Dataset], reference: str, zh: str, en: str
) -> None:
    assert _fill(datasets, f"A {{{{ {reference} }}}} B\n", "zh") == f"A {zh} B\n"
    assert _fill(datasets, f"A {{{{{reference}}}}} B\n", "en") == f"A {en} B\n"


def test_entity_names_link_to_their_pages(datasets: dict[str, Dataset]) -> None:
    filled = fill_references("{{ companies:cspc:name }}\n", datasets, "zh", FILE, "", "../")
    assert filled == '<a href="../companies/cspc/">石药集团</a>\n'


def test_count_is_the_number_of_rows(datasets: dict[str, Dataset]) -> None:
    rows = len(datasets["approvals"].rows)
    assert _fill(datasets, "{{ count:approvals }}\n", "en") == f"{rows}\n"


def test_citations_become_footnotes_linking_to_the_sources_list(
    datasets: dict[str, Dataset],
) -> None:
    markdown = (
        "Deal.{{ cite:xinhua-2026-05-27;wuxi-lecture-2025 }}\nAgain.{{ cite:xinhua-2026-05-27 }}\n"
    )
    filled = _fill(datasets, markdown, "en")
    assert "Deal.[^xinhua-2026-05-27][^wuxi-lecture-2025]\nAgain.[^xinhua-2026-05-27]\n" in filled
    assert filled.count('[^xinhua-2026-05-27]: <a href="../data/#source-xinhua-2026-05-27">') == 1
    assert "Xinhua News Agency, 27 May 2026" in filled
    assert filled.count("]: <a href=") == 2


def test_code_blocks_are_left_as_written(datasets: dict[str, Dataset]) -> None:
    markdown = "```\n{{ count:approvals }}\n```\n"
    assert _fill(datasets, markdown, "zh") == markdown


@pytest.mark.parametrize(
    ("markdown", "message"),
    [
        ("x\n{{ dealz:a:b }}\n", f"{FILE}:2: unknown dataset 'dealz'"),
        (
            "{{ deals:no-such-deal:total_usd_m }}\n",
            f"{FILE}:1: no row 'no-such-deal' in data/deals.csv",
        ),
        (
            "{{ deals:cspc-astrazeneca-2026:totl }}\n",
            f"{FILE}:1: data/deals.csv has no column 'totl'",
        ),
        (
            "\n\n{{ cite:nowhere }}\n",
            f"{FILE}:3: {{{{ cite:nowhere }}}} cites unknown source nowhere",
        ),
        ("{{ deals }}\n", f"{FILE}:1: cannot read {{{{ deals }}}}"),
    ],
)
def test_a_bad_reference_names_page_line_and_fix(
    datasets: dict[str, Dataset], markdown: str, message: str
) -> None:
    with pytest.raises(UnknownReference) as caught:
        _fill(datasets, markdown, "zh")
    assert str(caught.value).startswith(message)


def test_text_from_data_is_escaped() -> None:
    datasets = datasets_of(validate_data_dir(FIXTURES / "data_pages" / "data"))
    scripted = next(
        row["id"] for row in datasets["companies"].rows if "<script>" in str(row["name_en"])
    )
    filled = fill_references(f"{{{{ companies:{scripted}:name }}}}\n", datasets, "en", FILE, "")
    assert "<script>" not in filled and "&lt;script&gt;" in filled
