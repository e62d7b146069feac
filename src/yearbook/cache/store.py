"""Answers remembered across builds in one JSON file, by key: Chinese search words
(yearbook.cache.search_words) and each page's search entries (yearbook.cache.search_entries).

The file holds `{"dictionary": DICTIONARY, FIELD: {key: answer}}`. Answers stored under
another dictionary (jieba's version and dictionary files) are not used.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Generic, TypeVar

V = TypeVar("V")


class Remembered(Generic[V]):
    """Answers from the file at `path`, and those this build adds; `hits` and `misses` count
    the answers recalled and those that had to be worked out."""

    def __init__(self, path: Path, dictionary: str, field: str) -> None:
        self.path = path
        self.dictionary = dictionary
        self.field = field
        self.hits = 0
        self.misses = 0
        self._used: dict[str, V] = {}
        self._known: dict[str, V] = {}
        try:
            stored = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):  # none yet, or unreadable: work everything out again
            return
        if isinstance(stored, dict) and stored.get("dictionary") == dictionary:
            answers = stored.get(field)
            if isinstance(answers, dict):
                self._known = answers

    def recall(self, key: str) -> V | None:
        """The answer for `key`, if remembered."""
        answer = self._used.get(key, self._known.get(key))
        if answer is not None:
            self.hits += 1
            self._used[key] = answer
        return answer

    def remember(self, key: str, answer: V) -> None:
        """An answer this build worked out."""
        self.misses += 1
        self._used[key] = answer

    def save(self, *, every_page: bool = True) -> None:
        """Keep the answers this build used, and nothing it no longer needs; or, when this
        build did not ask about `every_page` (some were remembered whole elsewhere), also the
        answers it was given."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        answers = self._used if every_page else {**self._known, **self._used}
        stored = {"dictionary": self.dictionary, self.field: answers}
        temporary = self.path.with_suffix(".tmp")
        temporary.write_text(json.dumps(stored, ensure_ascii=False, default=str), "utf-8")
        temporary.replace(self.path)
