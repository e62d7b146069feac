"""Build stage: search. Chinese search words remembered across builds, one index per language.

Material's search segments every Chinese text with jieba on every build; the words
(yearbook.cache.search_words) are kept under `.cache/search/`, so a rebuild segments only new
text. Should a Material upgrade rename a method this relies on, the build goes on with
Material's own indexing and says so. After the build, the index is split into one per language
(yearbook.site.search); a dirty build (hooks/serve.py) first completes it with the entries of
the pages it did not render again.
"""

from __future__ import annotations

import json
import logging
import threading
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig

from yearbook.cache.outputs import Sessions
from yearbook.cache.search_words import SegmentCache, dictionary_key
from yearbook.site.search import split_search_index
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
    state = build_state(config)
    path = cache_dir(config) / "search" / "segments.json"
    state.segments = SegmentCache(path, dictionary_key(dictionaries))
    setattr(index, SEGMENTER, state.segments.wrap(segment))
    session = Sessions.of(config.site_dir)
    if session is not None:
        # Material carries the last index into a dirty build and merges it as if one page had
        # changed; on_post_build completes the index page by page instead.
        plugin.search_index_prev = None

        def add_and_keep(page: Any) -> None:
            before = len(index.entries)
            add(page)
            session.entries[page.file.src_uri] = index.entries[before:]

        setattr(index, INDEXER, add_and_keep)


def on_post_build(config: MkDocsConfig) -> None:
    state = build_state(config)
    index_path = Path(config.site_dir, "search", "search_index.json")
    if not index_path.exists():
        return
    index = json.loads(index_path.read_text(encoding="utf-8"))
    pages = state.site_files().documentation_pages()  # in the order Material indexes them
    session = Sessions.of(config.site_dir)
    if session is not None:
        # A dirty build indexed only the pages it rendered: the others' entries are those
        # of their last rendering. (Material's own merge assumes one page was rendered.)
        session.entries = {file.src_uri: session.entries.get(file.src_uri, []) for file in pages}
        index["docs"] = [entry for entries in session.entries.values() for entry in entries]
    for code, part in split_search_index(index, state.languages).items():
        path = Path(config.site_dir, state.language(code).url_prefix, "search", index_path.name)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(part, ensure_ascii=False, separators=(",", ":")), "utf-8")
    if state.segments is not None:
        rendered = all(file.page is not None and file.page.content is not None for file in pages)
        state.segments.save(every_page=rendered)
        log.info(
            f"search: {state.segments.hits} texts segmented before, {state.segments.misses} now"
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
