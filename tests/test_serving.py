"""`mkdocs serve` looks for edits every 0.1 s (yearbook.site.serving)."""

from __future__ import annotations

from pathlib import Path

from mkdocs.livereload import LiveReloadServer

from yearbook.site.serving import poll_every


def test_watched_folders_move_to_a_faster_observer_that_sees_edits(tmp_path: Path) -> None:
    docs, data, site = tmp_path / "docs", tmp_path / "data", tmp_path / "site"
    for folder in (docs, data, site):
        folder.mkdir()
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(site))
    server.watch(str(docs))
    moved = poll_every(server, 0.1, [str(docs), str(tmp_path / "not-watched")])
    assert moved == [str(docs)]
    server.watch(str(data))  # as MkDocs adds `watch:` folders after on_serve
    emitters = {Path(emitter.watch.path): emitter.timeout for emitter in server.observer.emitters}
    assert emitters == {docs: 0.1, data: 0.1}
