"""Which pages of a frozen edition showed a cell: the edition's commit built twice, from its
data snapshot as frozen and with the correction made (throwaway builds, never published); the
pages that differ are those that showed the cell, in a table, a chart, a quote, a count or a
total made from it. Remembered in the project's .cache/editions/ by what they were made from."""

import io
import json
import os
import subprocess
import sys
import tarfile
import tempfile
from collections.abc import Sequence
from hashlib import sha256
from pathlib import Path

from yearbook.editions.corrections import Correction, corrected_copy
from yearbook.editions.settings import FOLDER, EditionError, manifest, site_pages

CACHE = Path(".cache") / "editions"
SET_UP = ("vega", "fonts")  # what `make` set up in .cache/ once (not build caches)


def pages_showing(
    project: Path, edition: str, corrections: Sequence[Correction]
) -> dict[str, list[str]]:
    """For each of `corrections` (all of frozen `edition`), the pages of the edition that
    showed its cell ("" the front page, "deals/", "en/deals/")."""
    frozen = manifest(project, edition)
    cached: dict[str, Path] = {}
    shown: dict[str, list[str]] = {}
    for c in corrections:
        key = sha256(json.dumps([frozen["commit"], *c[3:9]]).encode()).hexdigest()[:20]
        cached[c.id] = project / CACHE / f"{key}.json"
        if cached[c.id].is_file():
            shown[c.id] = json.loads(cached[c.id].read_text(encoding="utf-8"))
    missing = [c for c in corrections if c.id not in shown]
    if not missing:
        return shown
    with tempfile.TemporaryDirectory(prefix="yearbook-shown-") as folder:
        tree = _checkout(project, frozen["commit"], Path(folder) / "tree")
        data = tree / frozen.get("data_dir", "data")
        snapshot = project / FOLDER / edition / "data"
        env = {
            **os.environ,
            "SITE_URL": frozen["site_url"],
            "SOURCE_DATE_EPOCH": str(frozen["source_date_epoch"]),
            "YEARBOOK_PRINT_CACHE": str(Path(folder) / "print"),  # no PDFs: the same in both
            "PYTHONPATH": os.pathsep.join([str(tree / "src"), os.environ.get("PYTHONPATH", "")]),
        }
        build = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(tree / "mkdocs.yml")]
        built: list[dict[str, bytes]] = []
        for made in ([], *([c] for c in missing)):
            corrected_copy(snapshot, made, data)
            site = Path(folder) / f"site-{len(built)}"
            done = subprocess.run(
                [*build, "-d", str(site)], cwd=tree, env=env, capture_output=True, text=True
            )
            if done.returncode:
                raise EditionError(
                    f"edition {edition} did not build with its corrections:\n{done.stderr}"
                )
            built.append({p: (site / p / "index.html").read_bytes() for p in site_pages(site)})
        (project / CACHE).mkdir(parents=True, exist_ok=True)
        for correction, pages in zip(missing, built[1:], strict=True):
            changed = sorted(
                p for p in built[0].keys() | pages.keys() if built[0].get(p) != pages.get(p)
            )
            shown[correction.id] = changed
            cached[correction.id].write_text(json.dumps(changed), encoding="utf-8")
    return shown


def _checkout(project: Path, commit: str, tree: Path) -> Path:
    """The files of `commit` in `tree`, with what `make` set up once in the project's .cache/."""
    archive = subprocess.run(
        ["git", "archive", commit], cwd=project, capture_output=True, check=True
    )
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(tree, filter="data")
    for name in SET_UP:
        if (project / ".cache" / name).exists():
            (tree / ".cache").mkdir(exist_ok=True)
            (tree / ".cache" / name).symlink_to((project / ".cache" / name).resolve())
    return tree
