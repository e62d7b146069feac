"""Build stage: a page per company, cluster and robotics event in every language, outside the
navigation (yearbook.pages.entities; their bodies are filled by hooks/pages.py)."""

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel

from yearbook.cache.outputs import write_if_changed
from yearbook.pages.entities import entity_pages
from yearbook.site.languages import published_dest_uri
from yearbook.state import build_state, cache_dir


def on_files(files: Files, config: MkDocsConfig) -> Files:
    state = build_state(config)
    sites = {language.code: language.site_name for language in state.languages}
    for src_uri, markdown in entity_pages(state.datasets(), sites):
        # A file, not kept in memory: dirty builds (hooks/serve.py) then skip an entity page
        # whose Markdown has not changed since it was written.
        source = write_if_changed(cache_dir(config) / "entities" / src_uri, markdown)
        file = File.generated(
            config, src_uri, abs_src_path=str(source), inclusion=InclusionLevel.NOT_IN_NAV
        )
        file.dest_uri = published_dest_uri(src_uri, file.dest_uri, state.languages)
        files.append(file)
    return files
