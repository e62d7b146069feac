"""A page's marker HTML put back after Markdown (yearbook.pages.fragments)."""

import pytest

from yearbook.pages.fragments import fragment_placeholder, place_fragments


def test_fragments_replace_their_placeholders() -> None:
    html = "<h1>交易</h1>\n" + fragment_placeholder(0) + "\n" + fragment_placeholder(1)
    assert place_fragments(html, ("<table>a</table>", "<figure>b</figure>")) == (
        "<h1>交易</h1>\n<table>a</table>\n<figure>b</figure>"
    )


def test_a_lost_placeholder_is_an_error_not_a_silent_omission() -> None:
    with pytest.raises(LookupError, match="fragment 0"):
        place_fragments("<p>Markdown ate it</p>", ("<table></table>",))


def test_fragments_can_be_placed_in_two_steps() -> None:
    html = fragment_placeholder(0) + fragment_placeholder(1)
    fragments = ("<ul>sources</ul>", "<table>rows</table>")
    early = place_fragments(html, fragments, [0])
    assert early == "<ul>sources</ul>" + fragment_placeholder(1)
    assert place_fragments(early, fragments, [1]) == "<ul>sources</ul><table>rows</table>"
