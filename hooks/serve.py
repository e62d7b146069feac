"""Build stage: `mkdocs serve --dirty` (as `make serve` runs it). A rebuild renders only the
pages whose output changes (yearbook.cache.outputs); the others still count (their charts are
published, links to their anchors checked, their search entries kept). Edits are looked for
every 0.1 s."""

import logging
from pathlib import Path
from typing import Any

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation

from yearbook.cache.outputs import PageInputs, Sessions, WrittenPage, output_key, site_keys_of
from yearbook.data.reads import fingerprints_of
from yearbook.site import internals
from yearbook.state import BuildState, build_state, required

log = logging.getLogger("mkdocs.hooks.serve")


def on_startup(command: str, dirty: bool) -> None:
    Sessions.dirty = dirty
    if dirty:  # added once: a logger keeps no filter twice
        logging.getLogger("mkdocs.commands.build").addFilter(internals.exact_dirty_builds)


def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    # All files are known (every hook's on_files has run) and no page has rendered yet.
    session = Sessions.of(config.site_dir)
    if session is None:
        return nav
    state = build_state(config)
    settings = [state.cache_key(config), config.site_url or "", *state.print_edition]
    state.site_keys = site_keys_of(settings, files, config.docs_dir, config.theme.custom_dir)
    for file in files.documentation_pages():
        written = session.pages.get(file.src_uri)
        if written is None or written.key != _output_key(state, file, written.inputs):
            internals.render_again(file)
    return nav


def on_env(env: jinja2.Environment, config: MkDocsConfig, files: Files) -> jinja2.Environment:
    # Pages MkDocs did not render keep what the rendered pages and the build's end need.
    session = Sessions.of(config.site_dir)
    if session is None or not session.pages:
        return env
    state = build_state(config)
    for file in files.documentation_pages():
        written = session.pages.get(file.src_uri)
        if file.page is not None and not internals.rendered(file.page) and written is not None:
            internals.keep_unrendered(file.page, written.title, written.meta, written.anchors)
            state.made_from[file.src_uri] = written.inputs
    return env


def on_post_build(config: MkDocsConfig) -> None:
    session = Sessions.of(config.site_dir)
    if session is None:
        return
    state = build_state(config)
    pages = state.site_files().documentation_pages()
    remade = [file for file in pages if internals.rendered(file.page)]  # the others' entries stand
    for file in remade:
        inputs = state.made_from.get(file.src_uri, PageInputs(set(), frozenset()))
        session.pages[file.src_uri] = WrittenPage.of(file, _output_key(state, file, inputs), inputs)
    for src_uri in set(session.pages) - {file.src_uri for file in pages}:  # pages removed
        Path(session.pages.pop(src_uri).output).unlink(missing_ok=True)
    log.info(f"serve: {len(remade)} pages rendered, {len(pages) - len(remade)} kept")


def on_build_error(error: Exception) -> None:
    # Pages may be half written: the next build renders them all (in every session: the site
    # folder is not known here)
    Sessions.forget_all()


def on_shutdown() -> None:
    Sessions.dirty = False
    Sessions.forget_all()


def on_serve(server: Any, config: MkDocsConfig, builder: Any) -> Any:
    # MkDocs watches content/ and mkdocs.yml already; it adds `watch:` folders after this.
    watched = [config.docs_dir, *config.theme.dirs, config.config_file_path or ""]
    internals.poll_every(server, 0.1, [path for path in watched if path])
    return server


def _output_key(state: BuildState, file: File, inputs: PageInputs) -> str:
    charts, source = state.chart_cache(), file.content_string
    return output_key(
        required(state.site_keys, "the site's keys (on_nav)").of(source),
        file.src_uri,
        source,
        fingerprints_of(inputs.reads, state.fingerprints()),
        {chart: charts.version(*chart) for chart in inputs.charts},
    )
