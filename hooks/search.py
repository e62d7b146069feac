"""Build stage: search. Chinese search words remembered across builds (a rebuild segments only
new text); one index per language; a dirty build's index completed with the pages it kept.
"""

import json
import logging
import threading
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig

from yearbook.cache.outputs import Sessions
from yearbook.cache.search_words import SegmentCache, dictionary_key
from yearbook.site.internals import index_by_page, rendered, search_plugin, wrap_segmenter
from yearbook.site.languages import split_search_index
from yearbook.state import build_state, cache_dir

log = logging.getLogger("mkdocs.hooks.search")


def on_pre_build(config: MkDocsConfig) -> None:
    plugin = search_plugin(config)
    if plugin is None:
        return
    dictionaries = (plugin.config.get("jieba_dict"), plugin.config.get("jieba_dict_user"))
    segments = SegmentCache(
        cache_dir(config) / "search" / "segments.json", dictionary_key(dictionaries)
    )
    if missing := wrap_segmenter(plugin, segments.wrap):
        log.warning(f"search: Material's search index has no {missing}; indexing afresh")
        return
    build_state(config).segments = segments
    session = Sessions.of(config.site_dir)
    if session is not None:
        index_by_page(plugin, session.entries)


def on_post_build(config: MkDocsConfig) -> None:
    state = build_state(config)
    index_path = Path(config.site_dir, "search", "search_index.json")
    if not index_path.exists():
        return
    index = json.loads(index_path.read_text(encoding="utf-8"))
    pages = state.site_files().documentation_pages()  # in the order Material indexes them
    session = Sessions.of(config.site_dir)
    if session is not None and state.segments is not None:  # else Material's own merge
        # A dirty build indexed only the pages it rendered: the others' entries are those
        # of their last rendering.
        session.entries = {file.src_uri: session.entries.get(file.src_uri, []) for file in pages}
        index["docs"] = [entry for entries in session.entries.values() for entry in entries]
    parts = split_search_index(index, state.languages)
    for language in state.languages:
        path = Path(config.site_dir, language.url_prefix, "search", index_path.name)
        path.parent.mkdir(parents=True, exist_ok=True)
        part = parts[language.code]
        path.write_text(json.dumps(part, ensure_ascii=False, separators=(",", ":")), "utf-8")
    if state.segments is not None:
        state.segments.save(every_page=all(rendered(file.page) for file in pages))
        hits, misses = state.segments.hits, state.segments.misses
        log.info(f"search: {hits} texts segmented before, {misses} now")


def on_serve(server: Any, config: MkDocsConfig, builder: Any) -> Any:
    # Remembered words spare a rebuild jieba's model, until an edit brings new Chinese text:
    # load it (about 1 s) now, while the editor reads the first build, not during that rebuild.
    import jieba

    threading.Thread(target=jieba.initialize, name="jieba", daemon=True).start()
    return server
