"""Build stage: search. Material's search entries and Chinese words, remembered across builds.

Material's search plugin parses every page into sections and segments every Chinese text with
jieba on every build. Each page's entries (yearbook.search_entries) and the words
(yearbook.search_segments) are kept under `.cache/search/`, so a rebuild indexes only changed
pages and segments only new text. Should a Material upgrade rename a method this relies on,
the build goes on with Material's own indexing and says so.
"""

from __future__ import annotations

import logging
import threading
from typing import Any

from mkdocs.config.defaults import MkDocsConfig

from yearbook.search_entries import EntryCache
from yearbook.search_segments import SegmentCache, dictionary_key
from yearbook.state import build_state, cache_dir

log = logging.getLogger("mkdocs.hooks.search")

SEGMENTER = "_segment_chinese"
"""The method of Material's search index (9.x) that cuts Chinese text into words."""
INDEXER = "add_entry_from_context"
"""The method of Material's search index (9.x) that adds a page's entries."""


def on_pre_build(config: MkDocsConfig) -> None:
    # After every on_config: Material's search plugin makes its index there.
    plugin = next((p for p in config.plugins.values() if hasattr(p, "search_index")), None)
    index = getattr(plugin, "search_index", None)
    if plugin is None or index is None:
        return
    segment, add = getattr(index, SEGMENTER, None), getattr(index, INDEXER, None)
    if segment is None or add is None:
        missing = SEGMENTER if segment is None else INDEXER
        log.warning(f"search: Material's search index has no {missing}; indexing afresh")
        return
    dictionaries = (plugin.config.get("jieba_dict"), plugin.config.get("jieba_dict_user"))
    dictionary = dictionary_key(dictionaries)
    folder = cache_dir(config) / "search"
    state = build_state(config)
    state.segments = SegmentCache(folder / "segments.json", dictionary)
    setattr(index, SEGMENTER, state.segments.wrap(segment))
    state.search_entries = EntryCache(folder / "entries.json", dictionary)
    setattr(index, INDEXER, state.search_entries.wrap(add, index))


def on_post_build(config: MkDocsConfig) -> None:
    state = build_state(config)
    segments, entries = state.segments, state.search_entries
    if segments is None or entries is None:
        return
    entries.save()
    segments.save(every_page=entries.hits == 0)
    log.info(
        f"search: {entries.hits} pages from cache, {entries.misses} indexed"
        f" ({segments.hits} texts segmented before, {segments.misses} now)"
    )


def on_serve(server: Any, config: MkDocsConfig, builder: Any) -> Any:
    # Remembered words spare a rebuild jieba's model, until an edit brings new Chinese text:
    # load it (about 1 s) now, while the editor reads the first build, not during that rebuild.
    try:
        import jieba
    except ImportError:
        return server
    threading.Thread(target=jieba.initialize, name="jieba", daemon=True).start()
    return server
