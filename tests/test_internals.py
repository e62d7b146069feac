"""What yearbook.site.internals relies on in MkDocs and Material is still there, as it was in
the versions it was written for; a failure names those versions and what changed."""

import hashlib
import inspect
import logging
from importlib import metadata
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import mkdocs.commands.build
import pytest
from conftest import ROOT
from material.plugins.search.plugin import SearchIndex, SearchPlugin
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.livereload import LiveReloadServer
from mkdocs.structure.files import File
from mkdocs.structure.pages import Page

from yearbook.site import internals
from yearbook.site.internals import (
    DIRTY_WARNING,
    INDEXER,
    MATERIAL,
    MKDOCS,
    SEARCH_TEMPLATE_SHA256,
    SEGMENTER,
    exact_dirty_builds,
    index_by_page,
    keep_unrendered,
    poll_every,
    render_again,
    rendered,
    with_search_base,
    wrap_segmenter,
)

MATERIAL_TEMPLATES = Path(inspect.getfile(SearchPlugin)).parents[2] / "templates"


def changed(what: str) -> str:
    """The failure message: what an upgrade changed, and the versions the code was written for."""
    installed = ", ".join(
        f"{name} {metadata.version(name)}" for name in ("mkdocs", "mkdocs-material")
    )
    return (
        f"{what}: yearbook.site.internals was written for mkdocs {MKDOCS} and mkdocs-material"
        f" {MATERIAL}, installed: {installed}; adapt it and this test"
    )


def parameters(function: Any) -> list[str]:
    return list(inspect.signature(function).parameters)


def test_material_search_index_methods_keep_their_names_and_parameters() -> None:
    assert parameters(getattr(SearchIndex, SEGMENTER)) == ["self", "data"], changed(SEGMENTER)
    assert parameters(getattr(SearchIndex, INDEXER)) == ["self", "page"], changed(INDEXER)
    assert SearchIndex().entries == [], changed("SearchIndex.entries")
    assert SearchPlugin().search_index_prev is None, changed("SearchPlugin.search_index_prev")
    merge = inspect.getsource(SearchPlugin.on_post_build)
    assert "self.search_index_prev" in merge, changed("SearchPlugin.on_post_build")


def _plugin() -> SimpleNamespace:
    class Index:
        def __init__(self) -> None:
            self.entries: list[dict[str, str]] = []

        def _segment_chinese(self, data: str) -> str:
            return "\u200b".join(data)

        def add_entry_from_context(self, page: Any) -> None:
            self.entries += [{"location": page.url, "text": self._segment_chinese(page.text)}]

    return SimpleNamespace(search_index=Index(), search_index_prev=object())


def test_the_segmenter_is_wrapped_and_each_page_s_entries_noted() -> None:
    plugin, seen, entries = _plugin(), [], {}

    def wrap(segment: Any) -> Any:
        return lambda text: seen.append(text) or segment(text)

    assert wrap_segmenter(plugin, wrap) == ""
    index_by_page(plugin, entries)
    for src_uri, url in (("zh/index.md", ""), ("zh/deals.md", "deals/")):
        page = SimpleNamespace(file=SimpleNamespace(src_uri=src_uri), url=url, text="年鉴")
        getattr(plugin.search_index, INDEXER)(page)
    assert seen == ["年鉴", "年鉴"] and plugin.search_index_prev is None
    assert entries == {
        "zh/index.md": [{"location": "", "text": "年\u200b鉴"}],
        "zh/deals.md": [{"location": "deals/", "text": "年\u200b鉴"}],
    }


def test_a_missing_method_is_named_and_nothing_is_wrapped() -> None:
    plugin = SimpleNamespace(search_index=SimpleNamespace(add_entry_from_context=print))
    assert wrap_segmenter(plugin, lambda segment: segment) == SEGMENTER


def test_the_copied_search_template_follows_material_s_original() -> None:
    original = (MATERIAL_TEMPLATES / "partials" / "search.html").read_bytes()
    assert hashlib.sha256(original).hexdigest() == SEARCH_TEMPLATE_SHA256, changed(
        "Material's partials/search.html changed: copy it to site-overrides/ again, with the"
        " dialog's aria-label, and update SEARCH_TEMPLATE_SHA256"
    )
    copy = (ROOT / "site-overrides" / "partials" / "search.html").read_text(encoding="utf-8")
    body = copy.split("-#}\n", 1)[1].replace(" aria-label=\"{{ lang.t('search') }}\">", ">", 1)
    assert body == original.decode("utf-8").split("-#}\n", 1)[1]


def test_dirty_builds_render_exactly_the_pages_whose_output_is_gone(tmp_path: Path) -> None:
    source = tmp_path / "docs" / "a.md"
    source.parent.mkdir()
    source.write_text("# A\n", encoding="utf-8")
    file = File("a.md", str(source.parent), str(tmp_path / "site"), use_directory_urls=True)
    Path(file.abs_dest_path).parent.mkdir(parents=True)
    Path(file.abs_dest_path).write_text("<h1>A</h1>", encoding="utf-8")
    assert not file.is_modified(), changed("File.is_modified")
    render_again(file)
    assert file.is_modified(), changed("File.is_modified")
    build_source = inspect.getsource(mkdocs.commands.build)
    assert "dirty and not page.file.is_modified()" in build_source, changed("dirty builds")
    assert DIRTY_WARNING in build_source, changed("the dirty build's warning")
    record = logging.LogRecord("mkdocs", logging.WARNING, "", 0, DIRTY_WARNING + ", …", (), None)
    assert not exact_dirty_builds(record)


def test_an_unrendered_page_takes_what_it_had() -> None:
    file = File("a.md", "docs", "site", use_directory_urls=True)
    page = Page(None, file, MkDocsConfig())
    assert not rendered(page) and not rendered(None), changed("Page.content")
    keep_unrendered(page, "A", {"description": "a"}, ["top"])
    assert (page.title, page.meta, page.present_anchor_ids) == ("A", {"description": "a"}, {"top"})


def test_template_context_and_search_base() -> None:
    expected = ["nav", "files", "config", "page", "base_url"]
    assert parameters(mkdocs.commands.build.get_context) == expected, changed("get_context")
    base = (MATERIAL_TEMPLATES / "base.html").read_text(encoding="utf-8")
    assert '"base": base_url,' in base, changed("base.html's __config")
    html = '<script>{"base": "/", "features": []}</script>'
    assert (
        with_search_base(html, "/", "/en/") == '<script>{"base": "/en/", "features": []}</script>'
    )
    with pytest.raises(RuntimeError, match="base URL"):
        with_search_base("<html></html>", "/", "/en/")


def test_watched_folders_move_to_a_faster_observer_that_sees_edits(tmp_path: Path) -> None:
    docs, data, site = tmp_path / "docs", tmp_path / "data", tmp_path / "site"
    for folder in (docs, data, site):
        folder.mkdir()
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(site))
    server.watch(str(docs))
    moved = poll_every(server, 0.1, [str(docs), str(tmp_path / "not-watched")])
    assert moved == [str(docs)], changed("LiveReloadServer.unwatch")
    server.watch(str(data))  # as MkDocs adds `watch:` folders after on_serve
    emitters = {Path(emitter.watch.path): emitter.timeout for emitter in server.observer.emitters}
    assert emitters == {docs: 0.1, data: 0.1}, changed("LiveReloadServer.observer")


def test_the_module_names_the_versions_it_was_written_for() -> None:
    assert internals.__doc__ and f"mkdocs {MKDOCS}" in internals.__doc__
    assert f"mkdocs-material {MATERIAL}" in internals.__doc__
