"""Build stage: `mkdocs serve --dirty` (as `make serve` runs it). A rebuild renders only the
pages whose output changes, and edits are looked for every 0.1 s instead of every 0.5 s.

MkDocs' dirty builds skip a page whose output is newer than its Markdown, so after a CSV edit
they would keep every page showing the old figures. Here each page written in the session is
remembered with a key of all it is made from (yearbook.cache.outputs); before pages render, the
output of every page whose key changed is removed, and MkDocs renders exactly those again.
Pages left alone still count for the rest of the build: their charts are published, links to
their anchors are checked, and hooks/search.py indexes them with their remembered entries.

MkDocs watches content/ and mkdocs.yml (and the theme with --watch-theme) before this hook
runs; the folders under `watch:` in mkdocs.yml are added after it, to the faster observer
(yearbook.site.internals).
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation

from yearbook.cache.outputs import (
    PageInputs,
    Sessions,
    SiteKeys,
    WrittenPage,
    output_key,
    site_keys,
)
from yearbook.cache.reads import fingerprints_of
from yearbook.pages.entities import entity_of
from yearbook.site.internals import (
    exact_dirty_builds,
    keep_unrendered,
    poll_every,
    render_again,
    rendered,
)
from yearbook.state import BuildState, build_state

log = logging.getLogger("mkdocs.hooks.serve")

if TYPE_CHECKING:  # imported by every build; only `mkdocs serve` needs it
    import jinja2
    from mkdocs.livereload import LiveReloadServer
    from mkdocs.structure.files import File

POLL_SECONDS = 0.1


def on_startup(command: str, dirty: bool) -> None:
    Sessions.dirty = dirty
    builds = logging.getLogger("mkdocs.commands.build")
    if dirty and exact_dirty_builds not in builds.filters:
        builds.addFilter(exact_dirty_builds)


def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    # All files are known (every hook's on_files has run) and no page has rendered yet.
    session = Sessions.of(config.site_dir)
    if session is None:
        return nav
    state = build_state(config)
    state.site_keys = _site_keys(config, files)
    for file in files.documentation_pages():
        written = session.pages.get(file.src_uri)
        if written is None or written.key != _output_key(state, file, written.inputs):
            render_again(file)
    return nav


def on_env(env: jinja2.Environment, config: MkDocsConfig, files: Files) -> jinja2.Environment:
    # Pages MkDocs did not render keep what the rendered pages and the build's end need.
    session = Sessions.of(config.site_dir)
    if session is None:
        return env
    state = build_state(config)
    for file in files.documentation_pages():
        page, written = file.page, session.pages.get(file.src_uri)
        if page is None or rendered(page) or written is None:
            continue
        keep_unrendered(page, written.title, written.meta, written.anchors)
        state.made_from[file.src_uri] = written.inputs
    return env


def on_post_build(config: MkDocsConfig) -> None:
    session = Sessions.of(config.site_dir)
    if session is None:
        return
    state = build_state(config)
    pages = state.site_files().documentation_pages()
    remade = 0
    for file in pages:
        page = file.page
        if page is None or not rendered(page):  # not rendered again: its entry stands
            continue
        remade += 1
        inputs = state.made_from.get(file.src_uri, PageInputs(set(), frozenset()))
        session.pages[file.src_uri] = WrittenPage(
            key=_output_key(state, file, inputs),
            output=file.abs_dest_path,
            inputs=inputs,
            title=page.title,
            meta=dict(page.meta),
            anchors=frozenset(page.present_anchor_ids or ()),
        )
    current = {file.src_uri for file in pages}
    for src_uri in [src_uri for src_uri in session.pages if src_uri not in current]:
        Path(session.pages.pop(src_uri).output).unlink(missing_ok=True)  # a page removed
    log.info(f"serve: {remade} pages rendered, {len(pages) - remade} kept")


def on_build_error(error: Exception) -> None:
    # Some pages may be half written: the next build renders them all. (The site folder is
    # not known here, so every session of the process is forgotten.)
    Sessions.forget_all()


def on_shutdown() -> None:
    Sessions.dirty = False
    Sessions.forget_all()


def on_serve(server: LiveReloadServer, config: MkDocsConfig, builder: object) -> LiveReloadServer:
    watched = [config.docs_dir, *config.theme.dirs]
    if config.config_file_path:
        watched.append(config.config_file_path)
    poll_every(server, POLL_SECONDS, watched)
    return server


def _site_keys(config: MkDocsConfig, files: Files) -> SiteKeys:
    pages = {Path(file.abs_src_path or "") for file in files.documentation_pages()}
    beside_pages = [path for path in Path(config.docs_dir).rglob("*") if path not in pages]
    custom = config.theme.custom_dir
    templates = list(Path(custom).rglob("*")) if custom else []
    entities = {file.src_uri for file in files if entity_of(file.src_uri) is not None}
    return site_keys(
        settings=[build_state(config).cache_key(config), config.site_url or ""],
        published=[
            f"{file.src_uri} {file.url} {file.inclusion.name}"
            for file in files
            if file.src_uri not in entities
        ],
        entity_pages=sorted(entities),
        sources=[path for path in [*beside_pages, *templates] if path.is_file()],
    )


def _output_key(state: BuildState, file: File, inputs: PageInputs) -> str:
    if state.site_keys is None:
        raise LookupError("the site's keys are made in on_nav, before pages render")
    charts = state.chart_cache()
    source = file.content_string
    return output_key(
        state.site_keys.of(source),
        file.src_uri,
        source,
        fingerprints_of(inputs.reads, state.fingerprints()),
        {chart: charts.version(*chart) for chart in inputs.charts},
    )
