"""Filled pages cached across builds, and their fragments put back after Markdown."""

from __future__ import annotations

from pathlib import Path

import pytest

from yearbook.cache.pages import FilledPage, PageCache, fragment_placeholder, place_fragments

FILLED = FilledPage(
    "# 交易\n\n" + fragment_placeholder(0) + "\n",
    ("<table></table>",),
    (("x", "zh"),),
    (0,),
    ("companies", "deals"),
)
FINGERPRINTS = {"companies": "c1", "deals": "d1", "clusters": "k1"}


def test_a_page_is_found_again_only_for_the_same_text_place_and_key(tmp_path: Path) -> None:
    cache = PageCache(tmp_path, "key", FINGERPRINTS)
    assert cache.get("# 交易\n", "zh/deals.md", "deals/") is None
    cache.put("# 交易\n", "zh/deals.md", "deals/", FILLED)
    assert cache.get("# 交易\n", "zh/deals.md", "deals/") == FILLED
    assert cache.get("# 交易!\n", "zh/deals.md", "deals/") is None
    assert cache.get("# 交易\n", "zh/deals.md", "https://example.org/deals/") is None
    assert (
        PageCache(tmp_path, "other-key", FINGERPRINTS).get("# 交易\n", "zh/deals.md", "deals/")
        is None
    )


def test_a_page_is_filled_again_only_when_a_dataset_it_read_changed(tmp_path: Path) -> None:
    PageCache(tmp_path, "key", FINGERPRINTS).put("# 交易\n", "zh/deals.md", "deals/", FILLED)
    clusters_edited = {**FINGERPRINTS, "clusters": "k2"}
    deals_edited = {**FINGERPRINTS, "deals": "d2"}
    assert (
        PageCache(tmp_path, "key", clusters_edited).get("# 交易\n", "zh/deals.md", "deals/")
        == FILLED
    )
    assert PageCache(tmp_path, "key", deals_edited).get("# 交易\n", "zh/deals.md", "deals/") is None


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
