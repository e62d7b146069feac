"""Markers in page Markdown: found, checked, replaced; mistakes name the page and line."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from yearbook.pages.markers import Marker, MarkerError, find_markers, replace_markers

DATASETS = ("deals", "sources", "companies")
CHOICES = {"dataset": DATASETS, "chart": ("deals-by-type",)}
FILE = "content/zh/data.md"


def test_finds_each_kind_with_its_line() -> None:
    markdown = (
        "# 数据\n"
        "\n"
        "<!-- yearbook:dataset deals -->\n"
        "\n"
        "   <!--yearbook:table  deals   -->  \n"
        "<!-- yearbook:sources -->\n"
        "<!-- an ordinary comment -->\n"
    )
    assert find_markers(markdown, CHOICES, FILE) == [
        Marker("dataset", "deals", 3),
        Marker("table", "deals", 5),
        Marker("sources", None, 6),
    ]


def test_markers_in_fenced_code_are_left_alone() -> None:
    markdown = "```html\n<!-- yearbook:table nope -->\n```\n\n~~~~\n<!-- yearbook:x -->\n~~~~\n"
    assert find_markers(markdown, CHOICES, FILE) == []


@pytest.mark.parametrize(
    ("line", "message"),
    [
        (
            "<!-- yearbook:chart deals -->",
            f"{FILE}:3: unknown chart 'deals' in <!-- yearbook:chart deals -->;"
            " valid names: deals-by-type",
        ),
        (
            "<!-- yearbook:table dealz -->",
            f"{FILE}:3: unknown dataset 'dealz' in <!-- yearbook:table dealz -->;"
            " valid names: companies, deals, sources",
        ),
        (
            "<!-- yearbook:table -->",
            f"{FILE}:3: <!-- yearbook:table NAME --> needs exactly one dataset name;"
            " valid names: companies, deals, sources",
        ),
        (
            "<!-- yearbook:dataset deals sources -->",
            f"{FILE}:3: <!-- yearbook:dataset NAME --> needs exactly one dataset name",
        ),
        ("<!-- yearbook:sources deals -->", f"{FILE}:3: <!-- yearbook:sources --> takes no"),
        ("See <!-- yearbook:table deals --> here", f"{FILE}:3: a yearbook marker must stand"),
        ("<!-- yearbook:table deals", f"{FILE}:3: a yearbook marker must stand alone"),
    ],
)
def test_mistakes_name_the_file_line_and_choices(line: str, message: str) -> None:
    with pytest.raises(MarkerError) as caught:
        find_markers(f"# 数据\n\n{line}\n", CHOICES, FILE)
    assert message in str(caught.value)


def test_replacement_is_a_raw_block_between_blank_lines() -> None:
    markdown = "# Data\nIntro.\n<!-- yearbook:table deals -->\nAfter.\n"
    markers = find_markers(markdown, CHOICES, FILE)
    result = replace_markers(markdown, markers, lambda m: f"<div>{m.kind} {m.name}</div>\n")
    assert result == "# Data\nIntro.\n\n<div>table deals</div>\n\nAfter.\n"


def test_no_markers_leaves_the_page_as_it_is() -> None:
    markdown = "# Data\n\nText.\n"
    assert replace_markers(markdown, [], str) == markdown


def test_valid_names_are_listed_only_for_a_message() -> None:
    # Listing every entity reads every entity's row (yearbook.pages.fill.RowIds).
    class Names(tuple[str, ...]):
        def __iter__(self) -> Iterator[str]:
            raise AssertionError("listed")

    choices = {"entity": Names(["companies/cspc"])}
    markers = find_markers("<!-- yearbook:entity companies/cspc -->\n", choices, FILE)
    assert markers == [Marker("entity", "companies/cspc", 1)]
    with pytest.raises(AssertionError, match="listed"):
        find_markers("<!-- yearbook:entity companies/other -->\n", choices, FILE)
