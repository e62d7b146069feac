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
from collections.abc import Callable, Iterable
from importlib import metadata
from pathlib import Path

from yearbook.cache.store import Remembered

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


class SegmentCache(Remembered[str]):
    """`segment(text)` answered from the file at `path` when that text was seen before."""

    def __init__(self, path: Path, dictionary: str) -> None:
        super().__init__(path, dictionary, "segments")

    def wrap(self, segment: Segment) -> Segment:
        """`segment`, with its answers remembered."""

        def remembered(text: str) -> str:
            key = _text_key(text)
            words = self.recall(key)
            if words is None:
                words = segment(text)
                self.remember(key, words)
            return words

        return remembered
