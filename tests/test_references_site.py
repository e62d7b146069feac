"""Citations in the built site: every link to a source reaches its entry in the sources list."""

from __future__ import annotations

import re
from pathlib import Path

from built_html import resolve, yearbook_pages
from conftest import ROOT


def test_every_source_link_reaches_the_sources_list(site: Path) -> None:
    checked = 0
    for page in yearbook_pages(site):
        html = (site / page).read_text(encoding="utf-8")
        for href in set(re.findall(r'href="([^"]*#source-[\w-]+)"', html)):
            target, anchor = href.split("#")
            text = resolve(site, page, target).read_text("utf-8") if target else html
            assert f'id="{anchor}"' in text, f"{page}: {href}"
            checked += 1
    assert checked > 0


def test_cited_sources_become_footnotes_on_chapter_pages(site: Path) -> None:
    """Pages citing sources in prose list them as footnotes (Material's footnote block)."""
    cited = [page for page in yearbook_pages(site) if "{{ cite:" in _source_markdown(page)]
    citing = [
        path
        for language in ("zh", "en")
        for path in (ROOT / "content" / language).rglob("*.md")
        if "{{ cite:" in path.read_text("utf-8")
    ]
    assert len(cited) == len(citing) > 0  # every page citing a source is built
    for page in cited:
        html = (site / page).read_text(encoding="utf-8")
        assert '<div class="footnote">' in html, page
        assert "{{" not in html, page


def _source_markdown(page: str) -> str:
    """The Markdown a built page comes from: `en/deals/index.html` → content/en/deals.md."""
    parts = [part for part in page.removesuffix("index.html").split("/") if part]
    language = "en" if parts[:1] == ["en"] else "zh"
    name = "/".join(parts[1:] if language == "en" else parts) or "index"
    path = ROOT / "content" / language / f"{name}.md"
    return path.read_text(encoding="utf-8") if path.exists() else ""  # "" for generated pages
