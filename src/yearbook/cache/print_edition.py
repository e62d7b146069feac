"""The print edition, cached by what it is made from, so that a page links only to PDFs the
site carries: `yearbook print` keeps the PDFs in `cache_dir/print/KEY/`, and a build whose
sources give the same KEY publishes them in `downloads/` (and its pages link to them); any
other build publishes and links none (yearbook.pages.fill.print_links).

KEY covers everything the PDFs are made from: mkdocs.yml (and the site address it resolves
to), the pages, the data, the theme overrides, the hooks, the yearbook package (print layout
included), the installed libraries' versions, and the day the cover prints.
"""

import datetime
import hashlib
import os
import shutil
import sys
from collections.abc import Iterator, Mapping
from importlib import resources
from pathlib import Path
from typing import Any

from mkdocs.utils.yaml import yaml_load

CACHE_VERSION = "1"
PRINT_CACHE_ENV = "YEARBOOK_PRINT_CACHE"
"""Where the print edition is cached instead of `cache_dir/print/` (the tests use their own)."""


def _settings(config_file: Path) -> dict[str, Any]:
    with config_file.open("rb") as file:
        settings = yaml_load(file)
    return settings if isinstance(settings, dict) else {}


def print_cache_dir(config_file: str | Path, caches: Path | None = None) -> Path:
    """`$YEARBOOK_PRINT_CACHE`, else `print/` in the build caches' folder (`caches`, or the
    `cache_dir` that `config_file` sets)."""
    if folder := os.environ.get(PRINT_CACHE_ENV):
        return Path(folder)
    if caches is not None:
        return caches / "print"
    config = Path(config_file).resolve()
    yearbook = (_settings(config).get("extra") or {}).get("yearbook") or {}
    return config.parent / str(yearbook.get("cache_dir") or ".cache") / "print"


def _sources(config_file: Path, settings: Mapping[str, Any]) -> Iterator[tuple[str, Path]]:
    """Every file the site is built from, named by a path that does not depend on where the
    project is: (`project/content/en/deals.md`, its path), (`package/print/print.css`, …)."""
    project = config_file.parent
    yearbook = (settings.get("extra") or {}).get("yearbook") or {}
    theme = settings.get("theme") or {}
    folders = [
        project / str(settings.get("docs_dir") or "docs"),
        project / str(yearbook.get("data_dir") or "data"),
    ]
    if isinstance(theme, Mapping) and theme.get("custom_dir"):
        folders.append(project / str(theme["custom_dir"]))
    roots = [(f"project/{folder.name}", folder) for folder in folders]
    roots.append(("package/", Path(str(resources.files("yearbook")))))
    yield "project/" + config_file.name, config_file
    for hook in settings.get("hooks") or []:
        yield f"project/{hook}", project / str(hook)
    for name, root in roots:
        for path in sorted(root.rglob("*")):
            below = path.relative_to(root)
            hidden = any(part.startswith(".") or part == "__pycache__" for part in below.parts)
            if path.is_file() and not hidden:
                yield f"{name}/{below.as_posix()}", path


def _libraries() -> list[str]:
    """Every installed distribution, as its `name-version.dist-info` folder: what turns the
    sources into pages (MkDocs, Material, Markdown, …) and pages into PDFs (WeasyPrint, its
    fonts and CSS libraries). Read from the folder names: importlib.metadata takes 0.1 s."""
    folders = {os.path.abspath(entry) for entry in sys.path if entry and os.path.isdir(entry)}
    return sorted(
        {name for folder in folders for name in os.listdir(folder) if name.endswith(".dist-info")}
    )


def edition_key(config_file: str | Path) -> str:
    """The print edition's key for the project of `config_file` as it is now."""
    config = Path(config_file).resolve()
    settings = _settings(config)
    digest = hashlib.sha256(f"{CACHE_VERSION}\0{settings.get('site_url') or ''}\0".encode())
    # What dates the cover (yearbook.print.edition.build_time): SOURCE_DATE_EPOCH, or today
    cover_day = os.environ.get("SOURCE_DATE_EPOCH") or datetime.date.today().isoformat()
    digest.update(f"{cover_day}\0".encode())
    digest.update("".join(f"{library}\0" for library in _libraries()).encode())
    for name, path in _sources(config, settings):
        contents = path.read_bytes() if path.is_file() else b"(missing)"
        digest.update(name.encode() + b"\0" + hashlib.sha256(contents).digest())
    return digest.hexdigest()[:20]


def cached_edition(cache: Path, key: str, names: Mapping[str, str]) -> dict[str, Path]:
    """The cached PDFs of `key`, by language, of those `names` lists (language → file name)."""
    folder = cache / key
    return {code: folder / name for code, name in names.items() if (folder / name).is_file()}


def store_edition(cache: Path, key: str, pdfs: Mapping[str, Path]) -> dict[str, Path]:
    """Move `pdfs` (language → file) into the cache as the edition of `key`, adding to the
    languages already there for it; editions of other keys are removed (one is kept)."""
    cache.mkdir(parents=True, exist_ok=True)
    for old in cache.iterdir():
        if old.is_dir() and old.name != key and not old.name.startswith("."):
            shutil.rmtree(old, ignore_errors=True)
    folder = cache / key
    folder.mkdir(exist_ok=True)
    for pdf in pdfs.values():
        os.replace(pdf, folder / pdf.name)  # in one step: a build never copies half a PDF
    return {code: folder / pdf.name for code, pdf in pdfs.items()}
