"""Material's search entries of each page, remembered across builds.

Material's search plugin parses the HTML of every page into sections on every build (about
0.23 s for the yearbook's 130 pages, on every `mkdocs serve` rebuild too). A page's entries
depend only on its HTML, address, title, table of contents and front matter, and on how
Chinese text is cut into words (yearbook.search_segments), so they are kept in
`cache_dir/search/entries.json`, keyed by a hash of those. Each build keeps only the pages it
indexed.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, Protocol

Entries = list[dict[str, Any]]
META = ("title", "tags", "search")
"""Front matter keys Material's search reads."""


class Anchor(Protocol):
    id: str
    url: str
    children: Iterable[Anchor]


class IndexedPage(Protocol):
    content: str | None
    url: str
    title: str | None
    toc: Iterable[Anchor]
    meta: dict[str, Any]


class Index(Protocol):
    entries: Entries


def page_key(page: IndexedPage, dictionary: str) -> str:
    """What a page's search entries are made from."""
    made_from = {
        "content": page.content,
        "url": page.url,
        "title": page.title,
        "toc": _anchors(page.toc),
        "meta": {key: page.meta[key] for key in META if key in page.meta},
        "dictionary": dictionary,
    }
    text = json.dumps(made_from, ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()


def _anchors(toc: Iterable[Anchor]) -> list[Any]:
    return [[anchor.id, anchor.url, _anchors(anchor.children)] for anchor in toc]


class EntryCache:
    """`add(page)` answered from the file at `path` for a page indexed before."""

    def __init__(self, path: Path, dictionary: str) -> None:
        self.path = path
        self.dictionary = dictionary
        self.hits = 0
        self.misses = 0
        self._used: dict[str, Entries] = {}
        self._known: dict[str, Entries] = {}
        try:
            stored = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):  # none yet, or unreadable: index every page again
            return
        if isinstance(stored, dict) and isinstance(stored.get("pages"), dict):
            self._known = stored["pages"]

    def wrap(self, add: Callable[[Any], None], index: Index) -> Callable[[Any], None]:
        """`add`, which appends a page's entries to `index.entries`, with its work remembered."""

        def remembered(page: IndexedPage) -> None:
            key = page_key(page, self.dictionary)
            entries = self._used.get(key, self._known.get(key))
            if entries is None:
                before = len(index.entries)
                add(page)
                entries = index.entries[before:]
                self.misses += 1
            else:
                index.entries.extend(entries)
                self.hits += 1
            self._used[key] = entries

        return remembered

    def save(self) -> None:
        """Keep the pages this build indexed, and nothing else."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.path.with_suffix(".tmp")
        stored = {"pages": self._used}
        temporary.write_text(json.dumps(stored, ensure_ascii=False, default=str), "utf-8")
        temporary.replace(self.path)
