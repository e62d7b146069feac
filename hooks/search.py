"""Build stage: search. Material's Chinese word segmentation, remembered across builds.

Material's search plugin segments every Chinese text with jieba on every build; the words are
kept under `.cache/search/` (yearbook.search_segments), so a rebuild segments only new text.
Should a Material upgrade rename the method this relies on, the build goes on with Material's
own segmentation and says so.
"""

from __future__ import annotations

import logging
import threading
from typing import Any

from mkdocs.config.defaults import MkDocsConfig

from yearbook.search_segments import SegmentCache, dictionary_key
from yearbook.state import build_state, cache_dir

log = logging.getLogger("mkdocs.hooks.search")

SEGMENTER = "_segment_chinese"
"""The method of Material's search index (9.x) that cuts Chinese text into words."""


def on_pre_build(config: MkDocsConfig) -> None:
    # After every on_config: Material's search plugin makes its index there.
    plugin = next((p for p in config.plugins.values() if hasattr(p, "search_index")), None)
    index = getattr(plugin, "search_index", None)
    if plugin is None or index is None:
        return
    segment = getattr(index, SEGMENTER, None)
    if segment is None:
        log.warning(f"search: Material's search index has no {SEGMENTER}; segmenting afresh")
        return
    dictionaries = (plugin.config.get("jieba_dict"), plugin.config.get("jieba_dict_user"))
    path = cache_dir(config) / "search" / "segments.json"
    cache = SegmentCache(path, dictionary_key(dictionaries))
    setattr(index, SEGMENTER, cache.wrap(segment))
    build_state(config).segments = cache


def on_post_build(config: MkDocsConfig) -> None:
    cache = build_state(config).segments
    if cache is not None:
        cache.save()
        log.info(f"search: {cache.hits} texts segmented before, {cache.misses} now")


def on_serve(server: Any, config: MkDocsConfig, builder: Any) -> Any:
    # Remembered words spare a rebuild jieba's model, until an edit brings new Chinese text:
    # load it (about 1 s) now, while the editor reads the first build, not during that rebuild.
    try:
        import jieba
    except ImportError:
        return server
    threading.Thread(target=jieba.initialize, name="jieba", daemon=True).start()
    return server
