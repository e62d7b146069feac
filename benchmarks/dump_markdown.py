"""Benchmark-only MkDocs hook: writes each page's final Markdown (markers already replaced by
the yearbook's hooks) to $YEARBOOK_DUMP_DIR, for the plain-MkDocs baseline build."""

from __future__ import annotations

import os
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from yearbook.pages.fragments import place_fragments
from yearbook.state import build_state


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    path = Path(os.environ["YEARBOOK_DUMP_DIR"], page.file.src_uri)
    path.parent.mkdir(parents=True, exist_ok=True)
    # The yearbook puts its tables and charts in after Markdown; the baseline gets them inline.
    filled = build_state(config).fragments.get(page.file.src_uri)
    fragments = filled.fragments if filled else ()
    path.write_text(place_fragments(markdown, fragments), encoding="utf-8")
    return markdown
