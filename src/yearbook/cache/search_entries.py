"""Material's search entries of each page, remembered across builds.

Material's search plugin parses the HTML of every page into sections on every build (about
0.23 s for the yearbook's 130 pages, on every `mkdocs serve` rebuild too). A page's entries
depend only on its HTML, address, title, table of contents and front matter, and on how
Chinese text is cut into words (yearbook.cache.search_words), so they are kept in
`cache_dir/search/entries.json`, keyed by a hash of those. Each build keeps only the pages it
indexed.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, Protocol

from yearbook.cache.store import Remembered

Entries = list[dict[str, Any]]
META = ("title", "tags", "search")
"""Front matter keys Material's search reads."""


class Anchor(Protocol):
    id: str
    url: str
    children: Iterable[Anchor]


class SourceFile(Protocol):
    src_uri: str


class IndexedPage(Protocol):
    file: SourceFile
    content: str | None
    url: str
    title: str | None
    toc: Iterable[Anchor]
    meta: dict[str, Any]


class Index(Protocol):
    entries: Entries


def page_key(page: IndexedPage) -> str:
    """What a page's search entries are made from (besides jieba's dictionary: see
    yearbook.cache.store)."""
    made_from = {
        "content": page.content,
        "url": page.url,
        "title": page.title,
        "toc": _anchors(page.toc),
        "meta": {key: page.meta[key] for key in META if key in page.meta},
    }
    text = json.dumps(made_from, ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()


def _anchors(toc: Iterable[Anchor]) -> list[Any]:
    return [[anchor.id, anchor.url, _anchors(anchor.children)] for anchor in toc]


class EntryCache(Remembered[Entries]):
    """`add(page)` answered from the file at `path` for a page indexed before."""

    def __init__(self, path: Path, dictionary: str) -> None:
        super().__init__(path, dictionary, "pages")
        self.indexed: dict[str, Entries] = {}
        """The entries of each page indexed in this build, by its source path."""

    def wrap(self, add: Callable[[Any], None], index: Index) -> Callable[[Any], None]:
        """`add`, which appends a page's entries to `index.entries`, with its work remembered."""

        def remembered(page: IndexedPage) -> None:
            key = page_key(page)
            entries = self.recall(key)
            if entries is None:
                before = len(index.entries)
                add(page)
                entries = index.entries[before:]
                self.remember(key, entries)
            else:
                index.entries.extend(entries)
            self.indexed[page.file.src_uri] = entries

        return remembered
