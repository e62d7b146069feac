"""`yearbook site`: every edition under `<edition>/` (a frozen one checked against its manifest,
with its corrections) and at the root what leads to them: the front pages to the newest, the
first edition's older unversioned URLs to it, editions.json, the sitemap index, 404 pages."""

import hashlib
import shutil
from pathlib import Path
from typing import Any

from yearbook.data.downloads import FOLDER as DOWNLOADS
from yearbook.data.downloads import write_json
from yearbook.data.model import datasets_of
from yearbook.data.validate import validate_data_dir
from yearbook.editions.corrections import check_corrections, frozen_datasets, read_corrections
from yearbook.editions.notices import TEMPLATES, Snapshots, publish_corrections
from yearbook.editions.settings import (
    FOLDER,
    Current,
    EditionError,
    frozen_editions,
    manifest,
    site_pages,
)
from yearbook.editions.shown import pages_showing
from yearbook.formatting import text
from yearbook.site.languages import language_at


def file_hashes(folder: Path) -> dict[str, str]:
    """Every file below `folder` by its path there, with its SHA-256."""
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def copy_frozen(project: Path, edition: str, base: str, out: Path) -> list[str]:
    """Frozen `edition` copied to `out` once it is checked to be as published; its pages."""
    published = manifest(project, edition)
    if published["site_url"] != f"{base}{edition}/":
        raise EditionError(
            f"{FOLDER}/{edition} was published at {published['site_url']}, not under {base}"
        )
    folder = project / FOLDER / edition / "site"
    changed = sorted(set(file_hashes(folder).items()) ^ set(published["files"].items()))
    if changed:
        paths = ", ".join(dict.fromkeys(path for path, _ in changed))
        raise EditionError(
            f"{folder}: differs from edition {edition} as published ({paths}); a frozen"
            " edition changes only through editions/corrections.csv"
        )
    shutil.copytree(folder, out)
    return list(published["pages"])


def assemble(project: Path, current: Current, site: Path, out: Path) -> list[str]:
    """The site of every edition in `out` (emptied first); the editions, newest first."""
    if not current.site_url.endswith(f"/{current.edition}/"):
        raise EditionError(
            f"the current edition was built at {current.site_url}, not under /{current.edition}/:"
            " build it with SITE_URL=<base>/<edition>/ (make site SITE_BASE=…)"
        )
    base = current.site_url.removesuffix(f"{current.edition}/")
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(site, out / current.edition)
    pages = {current.edition: site_pages(out / current.edition)}
    status = {current.edition: current.status}
    corrections = read_corrections(project)
    data_dir = project / current.data_dir
    if problems := check_corrections(corrections, project, data_dir):
        raise EditionError("\n".join(problems))
    for edition in frozen_editions(project):
        if edition == current.edition:
            raise EditionError(f"{FOLDER}/{edition} is frozen, but mkdocs.yml still builds it")
        pages[edition] = copy_frozen(project, edition, base, out / edition)
        status[edition] = "published"
        made = [correction for correction in corrections if correction.edition == edition]
        if made:
            shown = pages_showing(project, edition, made)
            # check_corrections found the snapshot of each dataset corrected: never None
            data = Snapshots(
                frozen_datasets(project, edition, []) or {},
                frozen_datasets(project, edition, made) or {},
                datasets_of(validate_data_dir(data_dir)),
            )
            publish_corrections(out / edition, made, shown, data, current.languages)
    editions = sorted(pages, reverse=True)
    published = [edition for edition in editions if status[edition] == "published"]
    if not published:
        raise EditionError("no edition is published yet: set extra.yearbook.status: published")
    newest, oldest = published[0], published[-1]
    label = {"published": "edition.label", "draft": "edition.draft_label"}
    labels = {
        edition: {
            lang.code: text(lang.code, label[status[edition]], edition=edition)
            for lang in current.languages
        }
        for edition in editions
    }
    index: dict[str, Any] = {
        "format": 1,
        "current": newest,
        "languages": [{"code": lang.code, "prefix": lang.url_prefix} for lang in current.languages],
        "editions": [
            {
                "edition": edition,
                "status": status[edition],
                "path": f"{edition}/",
                "label": labels[edition],
                "pages": pages[edition],
            }
            for edition in editions
        ],
    }
    write_json(out / "editions.json", index)
    # Links made before there were editions lead to the first one; the front pages to the newest.
    redirect = TEMPLATES.get_template("redirect.html")
    for page in pages[oldest]:
        language = language_at(page, current.languages)
        leads_to = newest if page == language.url_prefix else oldest
        stub = out / page / "index.html"
        if not stub.exists():
            stub.parent.mkdir(parents=True, exist_ok=True)
            title = f"{language.site_name} · {labels[leads_to][language.code]}"
            url = f"{base}{leads_to}/{page}"
            stub.write_text(redirect.render(lang=language.code, title=title, url=url), "utf-8")
    # A file cannot redirect: the downloads once at unversioned URLs (data, charts, PDFs) stay
    # there, as the first edition publishes them.
    shutil.copytree(out / oldest / DOWNLOADS, out / DOWNLOADS)
    for language in current.languages:  # hosts answer a missing path with the root's
        not_found = Path(language.url_prefix, "404.html")
        (out / not_found).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(out / newest / not_found, out / not_found)
    sitemaps = TEMPLATES.get_template("sitemap-index.xml").render(base=base, editions=published)
    (out / "sitemap.xml").write_text(sitemaps, encoding="utf-8")
    return editions
