"""yearbook.cache.search_entries: each page's search entries remembered across builds."""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from yearbook.cache.search_entries import EntryCache


def _page(content: str = "<h1 id='a'>年鉴</h1>", **changes: Any) -> SimpleNamespace:
    anchor = SimpleNamespace(id="a", url="#a", children=[])
    page = {"content": content, "url": "zh/", "title": "年鉴", "toc": [anchor], "meta": {}}
    page["file"] = SimpleNamespace(src_uri="zh/index.md")
    return SimpleNamespace(**{**page, **changes})


class Index:
    """A stand-in for Material's search index: `add` appends one entry per call."""

    def __init__(self) -> None:
        self.entries: list[dict[str, Any]] = []
        self.added: list[str] = []

    def add(self, page: SimpleNamespace) -> None:
        self.added.append(page.content)
        self.entries.append({"location": page.url, "title": page.title, "text": page.content})


def test_a_page_is_indexed_once_and_remembered_by_the_next_build(tmp_path: Path) -> None:
    path = tmp_path / "entries.json"
    first, index = EntryCache(path, "d1"), Index()
    first.wrap(index.add, index)(_page())
    first.save()
    second, again = EntryCache(path, "d1"), Index()
    second.wrap(again.add, again)(_page())
    assert again.added == [] and (second.hits, second.misses) == (1, 0)
    assert again.entries == index.entries


def test_what_the_entries_are_made_of_makes_them_again(tmp_path: Path) -> None:
    path = tmp_path / "entries.json"
    first, index = EntryCache(path, "d1"), Index()
    first.wrap(index.add, index)(_page())
    first.save()
    anchor = SimpleNamespace(id="b", url="#b", children=[])
    changed = [
        _page("<h1 id='a'>年鉴 2026</h1>"),
        _page(url="en/"),
        _page(title="Yearbook"),
        _page(toc=[anchor]),
        _page(meta={"search": {"boost": 2}}),
    ]
    for page in changed:
        cache, index = EntryCache(path, "d1"), Index()
        cache.wrap(index.add, index)(page)
        assert cache.misses == 1, page
    other_words, index = EntryCache(path, "d2"), Index()
    other_words.wrap(index.add, index)(_page())
    assert other_words.misses == 1


def test_a_build_keeps_only_the_pages_it_indexed(tmp_path: Path) -> None:
    path = tmp_path / "entries.json"
    for content in ("旧页面", "新页面"):
        cache, index = EntryCache(path, "d1"), Index()
        cache.wrap(index.add, index)(_page(content))
        cache.save()
    stored = json.loads(path.read_text(encoding="utf-8"))
    assert [entries[0]["text"] for entries in stored["pages"].values()] == ["新页面"]


def test_an_unreadable_file_means_indexing_afresh(tmp_path: Path) -> None:
    path = tmp_path / "entries.json"
    path.write_text("{not json", encoding="utf-8")
    cache, index = EntryCache(path, "d1"), Index()
    cache.wrap(index.add, index)(_page())
    assert index.added == ["<h1 id='a'>年鉴</h1>"]
