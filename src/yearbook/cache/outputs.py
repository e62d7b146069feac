"""Exact rebuilds under `mkdocs serve --dirty`: only pages whose output changes are rendered.

MkDocs' dirty builds go by file times, blind to changed data, navigation, templates or settings;
so each written page is remembered with a key of everything its output is made from.
"""

import hashlib
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mkdocs.structure.files import File, Files

from yearbook.pages.entities import FOLDERS, entity_of

Chart = tuple[str, str]  # (chart name, language)


@dataclass
class PageInputs:
    """What a page rendered in this build was made from, besides its Markdown and the site."""

    reads: set[str]  # of the data (yearbook.data.reads), also for its charts' captions
    charts: frozenset[Chart]


@dataclass(frozen=True)
class WrittenPage:
    """A page as written, with what other pages need of it when it is not rendered again
    (its anchors: links from rendered pages to them are still checked)."""

    key: str
    output: str
    inputs: PageInputs
    title: str | None
    meta: Mapping[str, Any]
    anchors: frozenset[str]

    @classmethod
    def of(cls, file: File, key: str, inputs: PageInputs) -> "WrittenPage":
        """The page of `file`, just rendered."""
        page = file.page
        if page is None:
            raise LookupError(f"{file.src_uri} was not rendered")
        anchors = frozenset(page.present_anchor_ids or ())
        return cls(key, file.abs_dest_path, inputs, page.title, dict(page.meta), anchors)


@dataclass(frozen=True)
class SiteKeys:
    """What every page's output depends on; `with_entities` adds which entity pages exist,
    for pages that may link to them (they come and go with rows of the data)."""

    pages: str
    with_entities: str

    def of(self, source: str) -> str:
        """A page mentioning an entity folder (`companies/`) outside comments may link there."""
        text = _COMMENT.sub("", source)
        mentioned = any(f"{folder}/" in text for folder in FOLDERS.values())
        return self.with_entities if mentioned else self.pages


_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)


def site_keys(
    settings: Iterable[str],
    published: Iterable[str],
    entity_pages: Iterable[str],
    sources: Iterable[Path],
) -> SiteKeys:
    """`settings`, the `published` path of every file but entity pages and the bytes of
    `sources`; `entity_pages` only for pages that may link to them."""
    digest = hashlib.sha256()
    for part in [*settings, "\0published", *published, "\0sources"]:
        digest.update(part.encode("utf-8") + b"\0")
    for path in sorted(sources):
        digest.update(str(path).encode("utf-8") + b"\0" + path.read_bytes() + b"\0")
    pages = digest.hexdigest()
    digest.update("\0".join(["\0entities", *entity_pages]).encode("utf-8"))
    return SiteKeys(pages, digest.hexdigest())


def site_keys_of(
    settings: Iterable[str], files: Files, docs_dir: str, custom_dir: str | None
) -> SiteKeys:
    """`site_keys` of a build: files beside the pages and theme overrides are sources."""
    pages = {Path(file.abs_src_path or "") for file in files.documentation_pages()}
    beside_pages = [path for path in Path(docs_dir).rglob("*") if path not in pages]
    templates = list(Path(custom_dir).rglob("*")) if custom_dir else []
    entities = {file.src_uri for file in files if entity_of(file.src_uri) is not None}
    return site_keys(
        settings,
        published=[
            f"{file.src_uri} {file.url} {file.inclusion.name}"
            for file in files
            if file.src_uri not in entities
        ],
        entity_pages=sorted(entities),
        sources=[path for path in [*beside_pages, *templates] if path.is_file()],
    )


def output_key(
    site: str,
    src_uri: str,
    source: str,
    reads: Mapping[str, str],
    charts: Mapping[Chart, str | None],
) -> str:
    """What one page's output is made from; a chart version of None (not cached yet) makes
    the key new, so the page is rendered again with the chart."""
    made_from = {
        "site": site,
        "page": src_uri,
        "source": source,
        "reads": dict(sorted(reads.items())),
        "charts": sorted([*chart, version] for chart, version in charts.items()),
    }
    text = json.dumps(made_from, ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def write_if_changed(path: Path, text: str) -> Path:
    """`path`, written only if it held something else, so its time says when it changed."""
    try:
        if path.read_text(encoding="utf-8") == text:
            return path
    except OSError:
        path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@dataclass
class Session:
    """The pages (by source path) and search entries one `mkdocs serve --dirty` wrote."""

    pages: dict[str, WrittenPage] = field(default_factory=dict)
    entries: dict[str, list[dict[str, Any]]] = field(default_factory=dict)


class Sessions:
    """This process's serve sessions by site folder; none unless a build is `--dirty`."""

    dirty = False
    _by_site: dict[str, Session] = {}  # noqa: RUF012  # shared by every build of the process

    @classmethod
    def of(cls, site_dir: str) -> Session | None:
        """The session writing into `site_dir`, if builds skip unchanged pages."""
        if not cls.dirty:
            return None
        return cls._by_site.setdefault(str(Path(site_dir).resolve()), Session())

    @classmethod
    def forget_all(cls) -> None:
        """After a failed build, whose pages may be half written: the next renders all."""
        cls._by_site.clear()
