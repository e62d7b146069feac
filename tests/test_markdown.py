"""One reading of Markdown for markers, references and the translation checks: fences follow
CommonMark (yearbook.pages.markdown)."""

import pytest

from yearbook.pages.markdown import CODE, FRONT, MARKER, PROSE, marker_words, scan
from yearbook.pages.markers import charts_placed, find_markers
from yearbook.pages.references import fill_references
from yearbook.site.translation.problems import Page
from yearbook.site.translation.script import check_script


def zones(markdown: str, front_matter: bool = False) -> list[str]:
    return [line.zone for line in scan(markdown, front_matter)]


@pytest.mark.parametrize(
    ("markdown", "expected"),
    [
        # A shorter fence or one of the other character does not close.
        ("````\n```\n{{ x }}\n````\nafter", [CODE, CODE, CODE, CODE, PROSE]),
        ("~~~\n```\n~~~\nafter", [CODE, CODE, CODE, PROSE]),
        ("~~~~\n~~~\n~~~~~  \nafter", [CODE, CODE, CODE, PROSE]),
        # Up to three spaces of indent open and close a fence; four make no fence.
        ("   ```python\ncode\n   ```\nafter", [CODE, CODE, CODE, PROSE]),
        ("    ```\nnot code", [PROSE, PROSE]),
        ("```\ncode\n    ```\nstill code", [CODE, CODE, CODE, CODE]),
        # A closing fence carries nothing after it; a backtick opening no backtick.
        ("```\n``` x\n```", [CODE, CODE, CODE]),
        ("```a`b\nprose", [PROSE, PROSE]),
        # An unclosed fence runs to the end.
        ("text\n```\n\n<!-- yearbook:sources -->", [PROSE, CODE, CODE, CODE]),
        ("<!-- yearbook:table deals -->\n x <!-- yearbook:sources -->", [MARKER, PROSE]),
    ],
)
def test_zones(markdown: str, expected: list[str]) -> None:
    assert zones(markdown) == expected
    assert "\n".join(line.text for line in scan(markdown)) == markdown
    assert [line.number for line in scan(markdown)] == list(range(1, len(expected) + 1))


def test_front_matter_only_when_asked_for() -> None:
    markdown = "---\ndescription: x\n---\n# Title"
    assert zones(markdown, front_matter=True) == [FRONT, FRONT, FRONT, PROSE]
    assert zones(markdown) == [PROSE, PROSE, PROSE, PROSE]
    assert zones("---\na: 1\n...\n---", front_matter=True) == [FRONT, FRONT, FRONT, PROSE]


def test_marker_words() -> None:
    assert marker_words("  <!--yearbook:table  deals -->  ") == ["table", "deals"]
    assert marker_words("<!-- a comment -->") == []


def test_markers_references_and_script_skip_the_same_code() -> None:
    # A ``` line inside a ```` fence used to end the fence for references only.
    markdown = "````\n```\n{{ count:nope }}\n<!-- yearbook:chart x -->\n人民币\n````\n"
    assert fill_references(markdown, {}, "en", "content/en/x.md", "../data/") == markdown
    assert find_markers(markdown, {}, "content/en/x.md") == []
    assert charts_placed(markdown) == set()
    assert check_script(Page("content/en/x.md", markdown, "en"), None) == []
