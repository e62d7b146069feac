"""Chinese words for Material's search, remembered across builds: cutting them with jieba
takes over 2 s a build, and they depend only on the text, the dictionaries and the versions."""

import hashlib
import json
from collections.abc import Callable, Iterable
from importlib import metadata
from pathlib import Path

Segment = Callable[[str], str]


def dictionary_key(dictionaries: Iterable[str | None]) -> str:
    """What the words depend on besides the text."""
    versions = f"jieba={metadata.version('jieba')} material={metadata.version('mkdocs-material')}"
    digest = hashlib.blake2b(versions.encode(), digest_size=16)
    for dictionary in dictionaries:
        digest.update(b"\0")
        if dictionary and Path(dictionary).is_file():
            digest.update(Path(dictionary).read_bytes())
    return digest.hexdigest()


class SegmentCache:
    """`segment(text)` answered from the file at `path` when that text was seen before."""

    def __init__(self, path: Path, dictionary: str) -> None:
        self.path, self.dictionary = path, dictionary
        self.hits = self.misses = 0
        self._used: dict[str, str] = {}
        self._known: dict[str, str] = {}
        try:
            stored = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):  # none yet, or unreadable: segment everything again
            return
        if isinstance(stored, dict) and stored.get("dictionary") == dictionary:
            segments = stored.get("segments")
            self._known = segments if isinstance(segments, dict) else {}

    def wrap(self, segment: Segment) -> Segment:
        """`segment`, with its answers remembered."""

        def remembered(text: str) -> str:
            key = hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()
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
        """Keep the words this build used; a dirty build (not `every_page`) keeps all."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        segments = self._used if every_page else {**self._known, **self._used}
        stored = {"dictionary": self.dictionary, "segments": segments}
        temporary = self.path.with_suffix(".tmp")
        temporary.write_text(json.dumps(stored, ensure_ascii=False), "utf-8")
        temporary.replace(self.path)
