"""What the print edition prints, and where from: the edition, languages and each language's
chapters, read from mkdocs.yml."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mkdocs.structure.files import File
from mkdocs.utils.yaml import yaml_load

from yearbook.print.article import PrintEditionError, page_url
from yearbook.site.languages import Language, parse_languages, published_dest_uri


@dataclass(frozen=True)
class NavChapter:
    title: str
    src_uri: str
    """The page's Markdown file below the docs dir, e.g. `zh/deals.md`."""


@dataclass(frozen=True)
class PrintSettings:
    site_url: str
    edition: str
    languages: tuple[Language, ...]
    chapters: Mapping[str, tuple[NavChapter, ...]]
    """Each language's chapters, in navigation order."""
    use_directory_urls: bool = True

    def page_path(self, chapter: NavChapter) -> str:
        """Where the chapter is published, as a site path (`deals/`, `en/deals/`)."""
        dest_uri = File(
            chapter.src_uri, src_dir=None, dest_dir="", use_directory_urls=self.use_directory_urls
        ).dest_uri
        return page_url(published_dest_uri(chapter.src_uri, dest_uri, self.languages))


def nav_chapters(
    nav: Sequence[Any], languages: Sequence[Language]
) -> dict[str, tuple[NavChapter, ...]]:
    """Each language's pages from `nav:`, in order; pages in sub-sections are chapters too."""
    sections = {
        title: items
        for entry in nav
        if isinstance(entry, Mapping)
        for title, items in entry.items()
    }
    chapters = {}
    for language in languages:
        items = sections.get(language.code)
        if not isinstance(items, list):
            raise PrintEditionError(
                f"mkdocs.yml: `nav` has no section `{language.code}` listing the "
                f"{language.name} pages"
            )
        chapters[language.code] = tuple(_pages(items))
    return chapters


def _pages(items: Sequence[Any]) -> list[NavChapter]:
    pages = []
    for item in items:
        if isinstance(item, Mapping):
            for title, value in item.items():
                if isinstance(value, str):
                    pages.append(NavChapter(str(title), value))
                elif isinstance(value, list):
                    pages += _pages(value)
    return pages


def read_settings(config_path: str | Path) -> PrintSettings:
    """The print settings from mkdocs.yml (`site_url` honours `SITE_URL`, as in the build)."""
    with open(config_path, "rb") as file:
        config = yaml_load(file)
    extra = config.get("extra") or {}
    languages = parse_languages(extra)
    edition = str((extra.get("yearbook") or {}).get("edition") or "")
    if not edition:
        raise PrintEditionError(f'{config_path}: set `extra.yearbook.edition` (e.g. "2026")')
    site_url = str(config.get("site_url") or "")
    if site_url and not site_url.endswith("/"):
        site_url += "/"
    return PrintSettings(
        site_url=site_url,
        edition=edition,
        languages=languages,
        chapters=nav_chapters(config.get("nav") or [], languages),
        use_directory_urls=bool(config.get("use_directory_urls", True)),
    )
