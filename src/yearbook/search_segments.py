"""Chinese word segmentation for Material's search, remembered across builds.

Material's search plugin cuts every Chinese title and section into words with jieba, on every
build: about 1.2 s for the yearbook, plus about 1 s loading jieba's model, even when no page
changed (and on every `mkdocs serve` rebuild). The words depend only on the text and on
jieba's dictionaries, so they are kept in `cache_dir/search/segments.json`, keyed by a hash of
the text, under a `dictionary` key that changes with jieba's version and the configured
dictionaries. A build that segmented every page keeps only the texts it used.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable
from importlib import metadata
from pathlib import Path

Segment = Callable[[str], str]


def dictionary_key(dictionaries: Iterable[str | None]) -> str:
    """What segmentation depends on besides the text: jieba's version and dictionary files."""
    digest = hashlib.blake2b(metadata.version("jieba").encode(), digest_size=16)
    for dictionary in dictionaries:
        digest.update(b"\0")
        if dictionary and Path(dictionary).is_file():
            digest.update(Path(dictionary).read_bytes())
    return digest.hexdigest()


def _text_key(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()


class SegmentCache:
    """`segment(text)` answered from the file at `path` when that text was seen before."""

    def __init__(self, path: Path, dictionary: str) -> None:
        self.path = path
        self.dictionary = dictionary
        self.hits = 0
        self.misses = 0
        self._used: dict[str, str] = {}
        self._known: dict[str, str] = {}
        try:
            stored = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):  # none yet, or unreadable: segment everything again
            return
        if isinstance(stored, dict) and stored.get("dictionary") == dictionary:
            segments = stored.get("segments")
            if isinstance(segments, dict):
                self._known = {str(key): str(words) for key, words in segments.items()}

    def wrap(self, segment: Segment) -> Segment:
        """`segment`, with its answers remembered."""

        def remembered(text: str) -> str:
            key = _text_key(text)
            words = self._used.get(key, self._known.get(key))
            if words is None:
                words = segment(text)
                self.misses += 1
            else:
                self.hits += 1
            self._used[key] = words
            return words

        return remembered

    def save(self, *, every_page: bool = True) -> None:
        """Keep what this build used, and nothing it no longer needs; or, when this build
        did not segment `every_page` (yearbook.search_entries remembered some), what it used
        and what it was given."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        segments = self._used if every_page else {**self._known, **self._used}
        stored = {"dictionary": self.dictionary, "segments": segments}
        temporary = self.path.with_suffix(".tmp")
        temporary.write_text(json.dumps(stored, ensure_ascii=False), encoding="utf-8")
        temporary.replace(self.path)
