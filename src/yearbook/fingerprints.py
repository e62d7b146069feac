"""What build caches are keyed by: the data, and the code and templates that turn it into pages.

A cached chart or page is valid exactly while both fingerprints are unchanged, so editing a CSV,
a schema, a chart function, a UI string or a partial template redraws what depends on it.
"""

from __future__ import annotations

import hashlib
from functools import cache
from importlib import metadata, resources
from pathlib import Path

CACHE_VERSION = "2"
_LIBRARIES = ("altair", "vl-convert-python", "babel", "pandas", "mkdocs", "mkdocs-material")
_NOT_IN_PAGES = ("print_edition.py", "print/", "cli.py")
"""Package code that runs after or beside the build, never while it fills pages or charts."""


@cache
def code_fingerprint(templates: Path | None = None) -> str:
    """The yearbook package's code and UI strings, the partial templates, library versions."""
    digest = hashlib.sha256(CACHE_VERSION.encode())
    package = Path(str(resources.files("yearbook")))
    files = [
        path
        for path in [*package.rglob("*.py"), *package.rglob("*.json")]
        if not path.relative_to(package).as_posix().startswith(_NOT_IN_PAGES)
    ]
    if templates is not None and templates.is_dir():
        files += list(templates.rglob("*.html"))
    for path in sorted(files):
        digest.update(str(path.relative_to(path.anchor)).encode() + path.read_bytes())
    for library in _LIBRARIES:
        digest.update(f"{library}={metadata.version(library)}".encode())
    return digest.hexdigest()


def data_fingerprint(data_dir: Path) -> str:
    """Every dataset and schema."""
    digest = hashlib.sha256()
    for path in sorted(data_dir.glob("*")):
        if path.suffix in (".csv", ".json"):
            digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()


def build_key(data_dir: Path, templates: Path | None = None, settings: bytes = b"") -> str:
    """One short key for data + code (+ the site's settings, e.g. mkdocs.yml), for cache files."""
    digest = hashlib.sha256((code_fingerprint(templates) + data_fingerprint(data_dir)).encode())
    digest.update(settings)
    return digest.hexdigest()[:16]
