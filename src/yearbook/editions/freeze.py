"""`yearbook edition new YEAR` (the command's help says what it makes). The build is dated by
the last commit, so a frozen edition can be rebuilt from it (shown.py); its data is kept for
`{{ 2026:… }}` quotes and corrections, and edition.json lists every file as published."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

from yearbook.data.downloads import write_json
from yearbook.data.validate import CSV_SUFFIX, SCHEMA_SUFFIX
from yearbook.editions.assemble import file_hashes
from yearbook.editions.settings import (
    EDITION_LINE,
    FOLDER,
    STATUS_LINE,
    EditionError,
    read_current,
    site_pages,
)


def _git(project: Path, *args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=project, capture_output=True, text=True, check=True
    ).stdout.strip()


def _run(command: list[str], project: Path, env: dict[str, str]) -> None:
    done = subprocess.run(command, cwd=project, env={**os.environ, **env}, check=False)
    if done.returncode:
        raise EditionError(f"{' '.join(command[2:])} failed: the edition is not frozen")


def freeze(config_file: Path, year: str, site_url: str) -> Path:
    """Freeze the current edition of `config_file` into editions/ and open `year`; the folder."""
    project = config_file.resolve().parent
    current = read_current(config_file)
    settings = config_file.read_text(encoding="utf-8")
    if not year.isdigit() or int(year) != int(current.edition or 0) + 1:
        raise EditionError(f"the edition after {current.edition} is {int(current.edition) + 1}")
    if current.status != "published":
        raise EditionError(f"edition {current.edition} is a draft: publish it first (status)")
    if len(EDITION_LINE.findall(settings)) != 1 or len(STATUS_LINE.findall(settings)) != 1:
        raise EditionError(
            f'{config_file}: write `    edition: "{current.edition}"` and'
            " `    status: published` once each under extra.yearbook"
        )
    folder = project / FOLDER / current.edition
    if folder.exists():
        raise EditionError(f"{folder} exists: edition {current.edition} is frozen already")
    if _git(project, "status", "--porcelain"):
        raise EditionError("commit or stash your changes first: an edition is frozen from a commit")
    url = f"{site_url.rstrip('/')}/{current.edition}/"
    commit, epoch = _git(project, "rev-parse", "HEAD"), _git(project, "log", "-1", "--format=%ct")
    env = {"SITE_URL": url, "SOURCE_DATE_EPOCH": epoch}
    built = folder / "site"
    build = [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(config_file)]
    try:
        _run([*build, "-d", str(built)], project, env)
        printing = [sys.executable, "-m", "yearbook.cli", "print", str(built)]
        _run([*printing, "--config", str(config_file)], project, env)
        _run([*build, "-d", str(built)], project, env)
    except EditionError:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    data = project / current.data_dir
    (folder / "data").mkdir()
    for path in sorted(data.iterdir()):
        if path.name.endswith((CSV_SUFFIX, SCHEMA_SUFFIX)):
            shutil.copyfile(path, folder / "data" / path.name)
    manifest = {
        "format": 1,
        "edition": current.edition,
        "commit": commit,
        "source_date_epoch": int(epoch),
        "site_url": url,
        "data_dir": current.data_dir,
        "pages": site_pages(built),
        "files": file_hashes(built),
    }
    write_json(folder / "edition.json", manifest)
    settings = EDITION_LINE.sub(rf'\g<1>"{year}"', settings)
    config_file.write_text(STATUS_LINE.sub(r"\g<1>draft", settings), encoding="utf-8")
    print(
        f"yearbook edition new: edition {current.edition} frozen in {folder} as published at"
        f" {url}; mkdocs.yml now builds {year} as a draft. Review and commit both; set"
        " `status: published` when the new edition comes out."
    )
    return folder
