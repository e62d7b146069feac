"""Build stage: the print edition (after hooks/i18n.py, before hooks/pages.py): the PDFs
`yearbook print` made from these very sources, published and linked, or none (the logic, and
why, in yearbook.cache.print_edition). `make pdf` builds, prints, then builds again."""

import logging
import shutil
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

from yearbook.cache.print_edition import cached_edition, edition_key, print_cache_dir
from yearbook.data.downloads import FOLDER, pdf_name
from yearbook.state import build_state, cache_dir

log = logging.getLogger("mkdocs.hooks.print_edition")


def _names(config: MkDocsConfig) -> dict[str, str]:
    """Each language's PDF file name in downloads/."""
    state = build_state(config)
    return {lang.code: pdf_name(state.edition[0], lang.code) for lang in state.languages}


def on_pre_build(config: MkDocsConfig) -> None:
    config_file = Path(config.config_file_path)
    cache = print_cache_dir(config_file, cache_dir(config))
    # Nothing to look up before the first `yearbook print` (a new clone, emptied caches): no
    # key, whose hashing of every source takes 0.1 s of a cold build.
    printed = cache.is_dir() and any(cache.iterdir())
    found = cached_edition(cache, edition_key(config_file), _names(config)) if printed else {}
    build_state(config).print_edition = found
    if found:
        log.info(f"print edition: publishing {', '.join(found)} (printed from these sources)")
    else:
        log.info("print edition: none printed from these sources, no page links it (make pdf)")


def on_post_build(config: MkDocsConfig) -> None:
    published = build_state(config).print_edition
    folder = Path(config.site_dir) / FOLDER
    for language, name in _names(config).items():
        if language in published:
            folder.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(published[language], folder / name)
        else:  # one a serve session published before an edit
            (folder / name).unlink(missing_ok=True)
