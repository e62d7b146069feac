"""The print document of one language, from the built site (so the PDF says exactly what the
site says): a cover, the contents, then every chapter of mkdocs.yml's navigation in order."""

import datetime
from collections import Counter
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, NamedTuple

import jinja2
from mkdocs.structure.files import File
from mkdocs.utils.yaml import yaml_load

from yearbook.formatting import catalogue, format_partial_date
from yearbook.print.article import (
    LinkTargets,
    PrintEditionError,
    PrintedPage,
    linked_pages,
    page_anchor,
    page_url,
    rewrite_article,
)
from yearbook.print.tables import with_column_widths
from yearbook.site.languages import Language, language_at, parse_languages, published_dest_uri

CHART_FONT = "Noto Sans CJK SC"  # the SVGs name a list of fonts for screens; paper has this one
DIRECTORY_CLASS = "yearbook-directory"  # the pages it links are printed after its chapter
_TEMPLATES = jinja2.Environment(
    loader=jinja2.PackageLoader("yearbook.print"),
    autoescape=True,
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=True,
)


class NavChapter(NamedTuple):
    title: str
    src_uri: str  # the page's Markdown file below the docs dir, e.g. `zh/deals.md`
    parts: tuple[str, ...] = ()  # the section's other pages, printed after this first one


class PrintSettings(NamedTuple):
    site_url: str
    edition: str
    languages: tuple[Language, ...]
    chapters: Mapping[str, tuple[NavChapter, ...]]  # each language's, in navigation order
    use_directory_urls: bool = True

    def page_path(self, src_uri: str) -> str:
        """Where a page is published, as a site path (`deals/`, `en/deals/`)."""
        dest_uri = File(
            src_uri, src_dir=None, dest_dir="", use_directory_urls=self.use_directory_urls
        ).dest_uri
        return page_url(published_dest_uri(src_uri, dest_uri, self.languages))


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
    return PrintSettings(
        site_url=site_url if not site_url or site_url.endswith("/") else site_url + "/",
        edition=edition,
        languages=languages,
        chapters=nav_chapters(config.get("nav") or [], languages),
        use_directory_urls=bool(config.get("use_directory_urls", True)),
    )


def nav_chapters(
    nav: Sequence[Any], languages: Sequence[Language]
) -> dict[str, tuple[NavChapter, ...]]:
    """Each language's chapters from `nav:`, in order. A section whose first page has no title
    (`- Data: [zh/data/index.md, …]`) is one chapter, its other pages printed after the first;
    the pages of other sections are chapters of their own."""
    sections = dict(_entries(nav))
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


def _entries(items: Sequence[Any]) -> list[tuple[Any, Any]]:
    """The (title, page or section) pairs of a `nav:` list."""
    return [pair for item in items if isinstance(item, Mapping) for pair in item.items()]


def _pages(items: Sequence[Any]) -> list[NavChapter]:
    pages = []
    for title, value in _entries(items):
        if isinstance(value, str):
            pages.append(NavChapter(str(title), value))
        elif isinstance(value, list) and value and isinstance(value[0], str):
            parts = tuple(page.src_uri for page in _pages(value[1:]))
            pages.append(NavChapter(str(title), value[0], parts))
        elif isinstance(value, list):
            pages += _pages(value)
    return pages


class Entry(NamedTuple):  # a page printed inside a chapter, e.g. a company's after the directory
    anchor: str
    page: PrintedPage


class Chapter(NamedTuple):
    title: str  # as in the navigation
    anchor: str
    page: PrintedPage
    entries: tuple[Entry, ...] = ()


def _page_file(site_dir: Path, path: str) -> Path:
    return site_dir / (path + "index.html" if path == "" or path.endswith("/") else path)


def _read_page(site_dir: Path, path: str, what: str) -> str:
    file = _page_file(site_dir, path)
    if not file.is_file():
        raise PrintEditionError(
            f"{file}: missing: {what} is not in the built site; build it first "
            "(`make pdf` builds the site, then prints it)"
        )
    return file.read_text(encoding="utf-8")


def assemble(
    site_dir: str | Path, settings: PrintSettings, language: Language, day: datetime.date
) -> str:
    """The print document (HTML) of `language`, from the built site in `site_dir`."""
    site = Path(site_dir)
    navigation = settings.chapters[language.code]
    paths = [settings.page_path(chapter.src_uri) for chapter in navigation]
    pages = {
        path: _read_page(site, path, f"the chapter “{chapter.title}” ({chapter.src_uri})")
        for chapter, path in zip(navigation, paths, strict=True)
    }
    entries: dict[str, list[str]] = {}
    for chapter, path in zip(navigation, paths, strict=True):
        entries[path] = [settings.page_path(part) for part in chapter.parts]
        for part in entries[path]:
            pages[part] = _read_page(site, part, f"the page {part} of “{chapter.title}”")
        for linked in linked_pages(pages[path], page=path, container_class=DIRECTORY_CLASS):
            if language_at(linked, settings.languages) == language and linked not in pages:
                pages[linked] = _read_page(site, linked, f"the page {linked} listed on {path}")
                entries[path].append(linked)
    anchors = {path: page_anchor(path, language.url_prefix) for path in pages}
    counts = Counter(anchors.values())
    if shared := sorted(path for path, anchor in anchors.items() if counts[anchor] > 1):
        raise PrintEditionError(f"pages would share an anchor in the print: {shared}")
    targets = LinkTargets(anchors, settings.site_url)

    def printed(path: str) -> PrintedPage:
        page = rewrite_article(
            pages[path],
            page=path,
            anchor=anchors[path],
            targets=targets,
            chart_font=CHART_FONT,
            source=str(_page_file(site, path)),
        )
        return page._replace(html=with_column_widths(page.html))

    chapters = [
        Chapter(
            title=chapter.title,
            anchor=anchors[path],
            page=printed(path),
            entries=tuple(Entry(anchors[entry], printed(entry)) for entry in entries[path]),
        )
        for chapter, path in zip(navigation, paths, strict=True)
    ]
    return _TEMPLATES.get_template("document.html").render(
        language=language,
        ui=catalogue(language.code),
        edition=settings.edition,
        date=format_partial_date(day.isoformat(), language.code),
        url=settings.site_url + language.url_prefix,
        chapters=chapters,
    )
