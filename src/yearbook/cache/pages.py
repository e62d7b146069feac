"""Pages whose markers and references are already filled, cached across builds.

A page's filled Markdown depends only on its own text, where it is published, the code
(yearbook.cache.fingerprints) and what it read of the data (yearbook.cache.reads), so a
rebuild reuses it while those are unchanged.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from yearbook.cache.reads import Fingerprints, fingerprints_of, still_valid


@dataclass(frozen=True)
class FilledPage:
    markdown: str
    """The page's Markdown, each marker replaced by a placeholder (see `place_fragments`)."""
    fragments: tuple[str, ...]
    """The HTML of each marker: put in after Markdown, which then need not parse big tables."""
    charts: tuple[tuple[str, str], ...]
    """(chart name, language) of each chart on the page."""
    late: tuple[int, ...] = ()
    """Fragments put in only after search has indexed the page: tables, charts and entity
    bodies, which search leaves out anyway and which would cost it most of its time."""
    reads: tuple[str, ...] = ()
    """The datasets the page was filled from (not its charts': they go in once made)."""


def fragment_placeholder(number: int) -> str:
    return f'<div data-yearbook-fragment="{number}"></div>'


def place_fragments(
    html: str, fragments: tuple[str, ...], numbers: Iterable[int] | None = None
) -> str:
    """The page's HTML with the placeholder of each fragment (or of those `numbers`) replaced
    by the fragment."""
    for number in range(len(fragments)) if numbers is None else numbers:
        fragment = fragments[number]
        placeholder = fragment_placeholder(number)
        if placeholder not in html:
            raise LookupError(f"fragment {number} lost its place in the page")
        html = html.replace(placeholder, fragment, 1)
    return html


class PageCache:
    def __init__(self, cache_dir: Path, key: str, fingerprints: Fingerprints) -> None:
        self.folder = cache_dir / "pages"
        self.key = key
        self.fingerprints = fingerprints
        self.hits = 0
        self.misses = 0

    def _path(self, markdown: str, src_uri: str, url: str) -> Path:
        page = hashlib.sha256(f"{self.key}\0{src_uri}\0{url}\0{markdown}".encode()).hexdigest()
        return self.folder / f"{page[:32]}.json"

    def get(self, markdown: str, src_uri: str, url: str) -> FilledPage | None:
        """The page as filled before, unless data it read has changed since."""
        try:
            stored = json.loads(self._path(markdown, src_uri, url).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            stored = {}
        if not stored or not still_valid(stored.get("reads"), self.fingerprints):
            self.misses += 1
            return None
        self.hits += 1
        return FilledPage(
            stored["markdown"],
            tuple(stored["fragments"]),
            tuple(tuple(pair) for pair in stored["charts"]),
            tuple(stored["late"]),
            tuple(stored["reads"]),
        )

    def put(self, markdown: str, src_uri: str, url: str, filled: FilledPage) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        stored = {
            "markdown": filled.markdown,
            "fragments": list(filled.fragments),
            "charts": [list(pair) for pair in filled.charts],
            "late": list(filled.late),
            "reads": fingerprints_of(filled.reads, self.fingerprints),
        }
        self._path(markdown, src_uri, url).write_text(
            json.dumps(stored, ensure_ascii=False), "utf-8"
        )
