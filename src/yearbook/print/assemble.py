"""The print document of one language, from the built site (so the PDF says exactly what the
site says): a cover, the contents, then every chapter of the navigation in order.
"""

import datetime
from dataclasses import dataclass, replace
from pathlib import Path

import jinja2

from yearbook.formatting import format_partial_date
from yearbook.print.article import (
    LinkTargets,
    PrintEditionError,
    PrintedPage,
    linked_pages,
    page_anchor,
    rewrite_article,
)
from yearbook.print.settings import PrintSettings
from yearbook.print.tables import with_column_widths
from yearbook.site.languages import Language
from yearbook.ui import catalogue

CHART_FONT = "Noto Sans CJK SC"
"""The charts' text in print: the SVGs name a list of fonts for screens; paper has this one."""
DIRECTORY_CLASS = "yearbook-directory"
"""The pages linked from inside this element (the directory) are printed after its chapter."""
_TEMPLATES = jinja2.Environment(
    loader=jinja2.PackageLoader("yearbook.print"),
    autoescape=True,
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=True,
)


@dataclass(frozen=True)
class Entry:
    """A page printed inside a chapter, e.g. a company's page after the directory."""

    anchor: str
    page: PrintedPage


@dataclass(frozen=True)
class Chapter:
    title: str
    """As in the navigation (`nav:` in mkdocs.yml)."""
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


def _language_of(path: str, settings: PrintSettings) -> Language:
    """The language a site path belongs to: by its folder (`en/…`), else the default one."""
    for language in settings.languages:
        if language.url_prefix and path.startswith(language.url_prefix):
            return language
    return next(language for language in settings.languages if language.default)


def assemble(
    site_dir: str | Path, settings: PrintSettings, language: Language, day: datetime.date
) -> str:
    """The print document (HTML) of `language`, from the built site in `site_dir`."""
    site = Path(site_dir)
    navigation = settings.chapters[language.code]
    paths = [settings.page_path(chapter) for chapter in navigation]
    pages = {
        path: _read_page(site, path, f"the chapter “{chapter.title}” ({chapter.src_uri})")
        for chapter, path in zip(navigation, paths, strict=True)
    }
    entries: dict[str, list[str]] = {}
    for path in paths:
        entries[path] = []
        for linked in linked_pages(pages[path], page=path, container_class=DIRECTORY_CLASS):
            if _language_of(linked, settings) == language and linked not in pages:
                pages[linked] = _read_page(site, linked, f"the page {linked} listed on {path}")
                entries[path].append(linked)
    anchors = {path: page_anchor(path, language.url_prefix) for path in pages}
    by_anchor: dict[str, list[str]] = {}
    for path, anchor in anchors.items():
        by_anchor.setdefault(anchor, []).append(path)
    if shared := [group for group in by_anchor.values() if len(group) > 1]:
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
        return replace(page, html=with_column_widths(page.html))

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
