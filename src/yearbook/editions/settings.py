"""Which editions there are: the current one (mkdocs.yml `extra.yearbook.edition` and `status`)
and the frozen ones (`editions/<year>/edition.json`, written by `yearbook edition new`)."""

import json
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any, NamedTuple, cast
from urllib.parse import urlsplit

from mkdocs.utils.yaml import yaml_load

from yearbook.site.languages import Language, parse_languages

FOLDER = "editions"
EDITION_LINE = re.compile(r'^(    edition: )"(\d{4})"$', re.MULTILINE)
STATUS_LINE = re.compile(r"^(    status: )(published|draft)$", re.MULTILINE)


class EditionError(ValueError):
    """A setting, command or folder that does not fit the editions; the message says the fix."""


class Current(NamedTuple):  # the edition these sources build
    edition: str
    status: str  # published or draft
    site_url: str
    languages: tuple[Language, ...]
    data_dir: str


def edition_settings(extra: Mapping[str, Any], site_url: str) -> tuple[str, str]:
    """(edition, status) from `extra.yearbook`; a site URL ending in another year is refused."""
    settings = extra.get("yearbook") or {}
    edition, status = str(settings.get("edition", "")), str(settings.get("status", "published"))
    if status not in ("published", "draft"):
        raise EditionError(f"extra.yearbook.status: {status!r}; write published or draft")
    last = urlsplit(site_url).path.rstrip("/").rpartition("/")[2]
    if re.fullmatch(r"\d{4}", last) and last != edition:
        raise EditionError(
            f"site_url {site_url} is under edition {last}, but this is edition {edition}:"
            " build it under its own year (make site sets SITE_URL=$SITE_BASE<edition>/)"
        )
    return edition, status


def read_current(config_file: str | Path) -> Current:
    """The current edition of mkdocs.yml (`site_url` honours SITE_URL, as in the build)."""
    with open(config_file, "rb") as file:
        config = yaml_load(file)
    extra, site_url = config.get("extra") or {}, str(config.get("site_url") or "")
    edition, status = edition_settings(extra, site_url)
    data_dir = str((extra.get("yearbook") or {}).get("data_dir") or "data")
    return Current(edition, status, site_url.rstrip("/") + "/", parse_languages(extra), data_dir)


def frozen_editions(project: Path) -> list[str]:
    """The years frozen in `project`/editions/, oldest first."""
    return sorted(path.parent.name for path in (project / FOLDER).glob("*/edition.json"))


def manifest(project: Path, edition: str) -> dict[str, Any]:
    path = project / FOLDER / edition / "edition.json"
    return cast(dict[str, Any], json.loads(path.read_text(encoding="utf-8")))


def site_pages(site: Path) -> list[str]:
    """The pages of a built site as paths below its root ("", "deals/", "en/deals/")."""
    pages = (path.parent.relative_to(site).as_posix() for path in site.rglob("index.html"))
    return sorted(
        "" if page == "." else page + "/"
        for page in pages
        if page.partition("/")[0] not in ("assets", "downloads", "search")
    )
