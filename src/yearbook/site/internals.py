"""Every use of MkDocs' or Material's private or undocumented internals, in one place.

Written for mkdocs 1.6.1 and mkdocs-material 9.8.2; tests/test_internals.py checks each still
has the shape used, so an upgrade breaks loudly.
"""

import json
import logging
from collections.abc import Callable, Iterable, Mapping
from contextlib import suppress
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.commands.build import get_context
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File
from mkdocs.structure.pages import Page

if TYPE_CHECKING:  # imported by every build; only `mkdocs serve` needs it
    from mkdocs.livereload import LiveReloadServer

MKDOCS, MATERIAL = "1.6.1", "9.8.2"
SEGMENTER = "_segment_chinese"
"""The method of Material's search index that cuts Chinese text into words."""
INDEXER = "add_entry_from_context"
"""The method of Material's search index that appends a page's entries to `entries`."""
SEARCH_TEMPLATE_SHA256 = "bfd556535abcddb99396ab2a7e3acc2ebcd3f36756007d3969396caa4126be30"
"""Material's `partials/search.html`, of which site-overrides/ holds a copy with one change."""
DIRTY_WARNING = "A 'dirty' build is being performed"
"""The start of MkDocs' warning before each dirty build."""

# Material's search plugin


def search_plugin(config: MkDocsConfig) -> Any:
    """Material's search plugin, once its index is made (in on_config); else None."""
    plugins = config.plugins.values()
    return next((p for p in plugins if getattr(p, "search_index", None) is not None), None)


def wrap_segmenter(
    plugin: Any, wrap: Callable[[Callable[[str], str]], Callable[[str], str]]
) -> str:
    """Wrap Material's `SEGMENTER`; returns the name of a method it lacks (then wraps none)."""
    index = plugin.search_index
    for method in (SEGMENTER, INDEXER):
        if not callable(getattr(index, method, None)):
            return method
    setattr(index, SEGMENTER, wrap(getattr(index, SEGMENTER)))
    return ""


def index_by_page(plugin: Any, entries: dict[str, list[dict[str, Any]]]) -> None:
    """Note each page's search entries as Material's `INDEXER` adds them; and unset its
    `search_index_prev`, whose merge assumes a dirty build rendered one page."""
    index = plugin.search_index
    add = getattr(index, INDEXER)

    def add_and_note(page: Page) -> None:
        before = len(index.entries)
        add(page)
        entries[page.file.src_uri] = index.entries[before:]

    setattr(index, INDEXER, add_and_note)
    plugin.search_index_prev = None


# MkDocs' dirty builds (`mkdocs serve --dirty`)


def render_again(file: File) -> None:
    """Have a dirty build render `file`'s page (File.is_modified: the output is missing)."""
    Path(file.abs_dest_path).unlink(missing_ok=True)


def rendered(page: Page | None) -> bool:
    """Whether this build rendered `page`; a dirty build leaves the others unread."""
    return page is not None and page.content is not None


def keep_unrendered(
    page: Page, title: str | None, meta: Mapping[str, Any], anchors: Iterable[str]
) -> None:
    """Give a page a dirty build did not render what other pages and the build's end read."""
    page.title = title  # a weak_property, which MkDocs lets plugins set
    page.meta = dict(meta)
    page.present_anchor_ids = set(anchors)


def exact_dirty_builds(record: logging.LogRecord) -> bool:
    """A log filter against MkDocs' `DIRTY_WARNING`, untrue here (hooks/serve.py renders every
    page whose output changes) and fatal under `strict`."""
    return not str(record.msg).startswith(DIRTY_WARNING)


# Templates rendered outside a page


def template_context(config: MkDocsConfig, nav: Any, files: Any, base_url: str) -> dict[str, Any]:
    """MkDocs' `get_context` for a template that belongs to no page (e.g. `404.html`)."""
    return dict(get_context(nav, files, config, base_url=base_url))


def with_search_base(html: str, base: str, new_base: str) -> str:
    """A page of Material's with the search index looked up under `new_base`, not `base`."""
    before = f'"base": {json.dumps(base)}'
    if before not in html:
        raise RuntimeError(f"Material's base.html no longer carries its base URL ({before})")
    return html.replace(before, f'"base": {json.dumps(new_base)}', 1)


# The live-reload server


def poll_every(server: "LiveReloadServer", seconds: float, paths: Iterable[str]) -> list[str]:
    """Replace `server.observer` by one polling every `seconds`, not 0.5 s; in `on_serve`.
    Returns those of `paths` the server watched, now watched by the new observer."""
    from watchdog.observers.polling import PollingObserver

    moved = []
    for path in paths:
        with suppress(KeyError):  # not watched
            server.unwatch(path)
            moved.append(path)
    server.observer = PollingObserver(timeout=seconds)
    for path in moved:
        server.watch(path)
    return moved
