"""Build stage: `mkdocs serve`. Edits are looked for every 0.1 s instead of every 0.5 s
(yearbook.serving), so an edited page or CSV starts its rebuild sooner.

MkDocs watches content/ and mkdocs.yml (and the theme with --watch-theme) before this hook
runs; the folders under `watch:` in mkdocs.yml are added after it, to the faster observer.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mkdocs.config.defaults import MkDocsConfig

from yearbook.serving import POLL_SECONDS, poll_every

if TYPE_CHECKING:  # imported by every build; only `mkdocs serve` needs it
    from mkdocs.livereload import LiveReloadServer


def on_serve(server: LiveReloadServer, config: MkDocsConfig, builder: object) -> LiveReloadServer:
    watched = [config.docs_dir, *config.theme.dirs]
    if config.config_file_path:
        watched.append(config.config_file_path)
    poll_every(server, POLL_SECONDS, watched)
    return server
