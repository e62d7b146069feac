"""The type readers see, in Chromium: Chinese body text sized and spaced for long reading, and
Chinese set in a Simplified Chinese face, punctuation included, on both languages' pages."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.browser

SIMPLIFIED_CHINESE = "Noto Sans CJK SC"
"""The Simplified Chinese face of the test machine (Debian's fonts-noto-cjk)."""


def _platform_fonts(page: Any, selector: str) -> dict[str, int]:
    """The faces Chromium drew the text of the first `selector` with: family → glyphs."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument")["root"]["nodeId"]
    node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
    assert node, f"no {selector}"
    fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    return {font["familyName"]: font["glyphCount"] for font in fonts}


def test_chinese_pages_read_at_17_px_with_loose_lines_in_a_chinese_face(
    browser: Any, site_url: str
) -> None:
    page = browser.new_page(viewport={"width": 1366, "height": 900})
    page.goto(site_url + "/deals/")
    size, line_height = page.eval_on_selector(
        ".md-content .md-typeset > p",
        "p => [getComputedStyle(p).fontSize, getComputedStyle(p).lineHeight]",
    )
    assert (size, line_height) == ("17px", "29.75px")  # 1.75
    # A paragraph quoting with “ ”, which Latin faces have too, in narrow Latin forms.
    quoting = page.evaluate(
        """() => [...document.querySelectorAll('.md-content .md-typeset > p')]
        .findIndex(p => [...p.childNodes].some(n => n.nodeType === 3 && n.data.includes('“')))"""
    )
    assert quoting >= 0
    fonts = _platform_fonts(page, f".md-content .md-typeset > p:nth-of-type({quoting + 1})")
    assert set(fonts) == {SIMPLIFIED_CHINESE}, fonts
    page.close()


def test_chinese_on_english_pages_is_set_in_a_simplified_chinese_face(
    browser: Any, site_url: str
) -> None:
    page = browser.new_page(viewport={"width": 1366, "height": 900})
    page.goto(site_url + "/en/approvals/")
    span = '.md-content .md-typeset p span[lang="zh-Hans"]'
    family = page.eval_on_selector(span, "span => getComputedStyle(span).fontFamily")
    assert family.startswith('"PingFang SC"'), family  # the Simplified Chinese faces first
    assert set(_platform_fonts(page, span)) == {SIMPLIFIED_CHINESE}
    size = page.eval_on_selector(".md-content .md-typeset > p", "p => getComputedStyle(p).fontSize")
    assert size == "16px"  # English text keeps Material's size
    page.close()
