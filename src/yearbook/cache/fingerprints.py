"""What build caches are keyed by: the code and templates that turn data into pages, and the
data, dataset by dataset, so an edit redraws what depends on it, and only that.
"""

import hashlib
from functools import cache
from importlib import metadata, resources
from pathlib import Path

from yearbook.data.reads import SCHEMA_KEY
from yearbook.data.validate import SCHEMA_SUFFIX

CACHE_VERSION = "4"
_LIBRARIES = ("altair", "vl-convert-python", "babel", "pandas", "mkdocs", "mkdocs-material")
_NOT_IN_PAGES = ("print/", "cli.py")
"""Package code that runs after or beside the build, never while it fills pages or charts."""


@cache
def code_fingerprint(templates: Path | None = None) -> str:
    """The yearbook package's code and UI strings, the partial templates, library versions."""
    digest = hashlib.sha256(CACHE_VERSION.encode())
    package = Path(str(resources.files("yearbook")))
    # Each file by its name in its folder, not by where the folder is: a project moved or
    # copied elsewhere keeps its caches.
    files = {
        f"yearbook/{name}": path
        for path in [*package.rglob("*.py"), *package.rglob("*.json")]
        if not (name := path.relative_to(package).as_posix()).startswith(_NOT_IN_PAGES)
    }
    if templates is not None and templates.is_dir():
        files |= {
            f"templates/{p.relative_to(templates).as_posix()}": p for p in templates.rglob("*.html")
        }
    for name, path in sorted(files.items()):
        digest.update(name.encode() + b"\0" + path.read_bytes())
    for library in _LIBRARIES:
        digest.update(f"{library}={metadata.version(library)}".encode())
    return digest.hexdigest()


def dataset_fingerprints(data_dir: Path) -> dict[str, str]:
    """Each dataset's fingerprint (CSV and schema), and its schema's alone (name + SCHEMA_KEY)."""
    fingerprints = {}
    for csv_file in sorted(data_dir.glob("*.csv")):
        schema_file = csv_file.with_name(csv_file.stem + SCHEMA_SUFFIX)
        schema = hashlib.sha256(schema_file.read_bytes() if schema_file.is_file() else b"")
        digest = hashlib.sha256(csv_file.read_bytes())
        digest.update(b"\0" + schema.digest())
        fingerprints[csv_file.stem] = digest.hexdigest()[:16]
        fingerprints[csv_file.stem + SCHEMA_KEY] = schema.hexdigest()[:16]
    return fingerprints


def build_key(data_dir: Path, templates: Path | None = None, settings: bytes = b"") -> str:
    """One short key for code + the data's layout (+ the site's settings, e.g. mkdocs.yml)."""
    # The datasets' names (each CSV is one), and any JSON file in the data folder that is not
    # one dataset's schema: every page may depend on those.
    datasets = {path.stem for path in data_dir.glob("*.csv")}
    shared = hashlib.sha256("\0".join(sorted(datasets)).encode())
    for path in sorted(data_dir.glob("*.json")):
        if path.name.removesuffix(SCHEMA_SUFFIX) not in datasets:
            shared.update(path.name.encode() + path.read_bytes())
    digest = hashlib.sha256((code_fingerprint(templates) + shared.hexdigest()).encode())
    digest.update(settings)
    return digest.hexdigest()[:16]
