"""Abbreviations explained on hover, also where Chinese runs straight into them."""

from __future__ import annotations

import markdown


def _html(text: str) -> str:
    return markdown.markdown(text, extensions=["yearbook.pages.abbreviations"])


def test_abbreviations_next_to_chinese_characters_are_explained() -> None:
    html = _html(
        "实行MAH制度，PD-1抑制剂获批。\n\n*[MAH]: 上市许可持有人\n*[PD-1]: 程序性死亡受体1"
    )
    assert '<abbr title="上市许可持有人">MAH</abbr>制度' in html
    assert '<abbr title="程序性死亡受体1">PD-1</abbr>抑制剂' in html


def test_abbreviations_inside_latin_words_are_not() -> None:
    html = _html("MAHJONG and NEVs, not NEV.\n\n*[MAH]: holder\n*[NEV]: vehicle\n*[NEVs]: vehicles")
    assert "MAHJONG" in html and 'title="holder"' not in html
    assert '<abbr title="vehicles">NEVs</abbr>' in html
    assert '<abbr title="vehicle">NEV</abbr>.' in html
