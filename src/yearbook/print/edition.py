"""The print edition: the whole yearbook as one PDF per language, made from the built site.

    yearbook print SITE_DIR       (after `mkdocs build`; `make pdf` runs both)

writes `SITE_DIR/downloads/china-innovation-yearbook-<edition>-<language>.pdf`: a cover, the
contents with page numbers, then every chapter of the language's navigation (`nav:` in
mkdocs.yml) in order, the directory followed by every company, cluster and event page it lists.
Pages are taken from the built HTML (their `<article>`), so the PDF says exactly what the
site says; charts are their static SVGs, drawn as vectors; Chinese is set in Noto Sans CJK SC
(Debian's fonts-noto-cjk), never the Japanese face fontconfig picks by default.
"""

from __future__ import annotations

import datetime
import multiprocessing
import os
import time
from collections.abc import Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from mkdocs.structure.files import File
from mkdocs.utils.yaml import yaml_load

from yearbook.data.downloads import FOLDER, PACKAGE_NAME
from yearbook.pages.formatting import format_partial_date
from yearbook.print.article import (
    LinkTargets,
    PrintEditionError,
    PrintedPage,
    linked_pages,
    page_anchor,
    page_url,
    rewrite_article,
)
from yearbook.print.document import Chapter, Cover, Entry, print_document
from yearbook.print.strings import print_strings
from yearbook.print.tables import with_column_widths
from yearbook.site.languages import Language, parse_languages, published_dest_uri

__all__ = [
    "PrintEditionError",
    "PrintSettings",
    "PrintedEdition",
    "assemble",
    "pdf_name",
    "print_editions",
    "read_settings",
    "write_print_editions",
]

STYLESHEET = Path(__file__).with_name("print.css")
CHART_FONT = "Noto Sans CJK SC"
"""The charts' text in print: the SVGs name a list of fonts for screens; paper has this one."""
DIRECTORY_CLASS = "yearbook-directory"
"""The pages linked from inside this element (the directory) are printed after its chapter."""


def pdf_name(edition: str, language: str) -> str:
    """`china-innovation-yearbook-2026-zh.pdf`: the file in `downloads/` of the site."""
    return f"{PACKAGE_NAME}-{edition}-{language}.pdf"


@dataclass(frozen=True)
class NavChapter:
    title: str
    src_uri: str
    """The page's Markdown file below the docs dir, e.g. `zh/deals.md`."""


@dataclass(frozen=True)
class PrintSettings:
    """What the print edition needs from mkdocs.yml."""

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
    """Each language's pages from `nav:` (one top-level section per language code), in order;
    pages inside sub-sections count as chapters too."""
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


def _language_of(path: str, languages: Sequence[Language]) -> Language:
    """The language a site path belongs to: by its folder (`en/…`), else the default one."""
    for language in languages:
        if language.url_prefix and path.startswith(language.url_prefix):
            return language
    return next(language for language in languages if language.default)


def build_day() -> datetime.date:
    """The day printed on the cover: SOURCE_DATE_EPOCH's (reproducible builds), else today."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return datetime.datetime.fromtimestamp(int(epoch), datetime.UTC).date()
    return datetime.date.today()


def assemble(
    site_dir: str | Path,
    settings: PrintSettings,
    language: Language,
    day: datetime.date,
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
            if _language_of(linked, settings.languages) == language and linked not in pages:
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
    strings = print_strings(language.code)
    cover = Cover(
        title=language.site_name,
        description=language.site_description,
        edition=strings.edition.format(edition=settings.edition),
        language=strings.language,
        generated=strings.generated.format(
            date=format_partial_date(day.isoformat(), language.code)
        ),
        online=strings.online.format(url=settings.site_url + language.url_prefix),
        copyright=language.copyright,
    )
    return print_document(
        language=language.code,
        title=f"{language.site_name} {settings.edition}",
        cover=cover,
        contents_title=strings.contents,
        chapters=chapters,
    )


@dataclass(frozen=True)
class PrintedEdition:
    language: str
    path: Path
    pages: int
    seconds: float


def render_pdf(document_html: str, site_dir: Path, target: Path) -> int:
    """Render the print document to `target`; the number of pages."""
    # Imported here: WeasyPrint takes a second to load, and only printing needs it.
    from weasyprint import CSS, HTML
    from weasyprint.urls import URLFetcher

    # Only files of the built site (and data: URLs) are read: printing never goes online.
    fetcher = URLFetcher(allowed_protocols=["file", "data"])
    document = HTML(
        string=document_html, base_url=site_dir.resolve().as_uri() + "/", url_fetcher=fetcher
    ).render(stylesheets=[CSS(filename=str(STYLESHEET), url_fetcher=fetcher)])
    target.parent.mkdir(parents=True, exist_ok=True)
    document.write_pdf(target)
    return len(document.pages)


def _render_timed(document_html: str, site_dir: Path, target: Path) -> tuple[int, float]:
    started = time.perf_counter()
    pages = render_pdf(document_html, site_dir, target)
    return pages, time.perf_counter() - started


def print_editions(
    site_dir: str | Path,
    config_path: str | Path = "mkdocs.yml",
    languages: Sequence[str] | None = None,
    jobs: int | None = None,
) -> list[PrintedEdition]:
    """Write the PDF of each language (or of `languages`) into `site_dir/downloads/`, in
    `jobs` processes at once (default: one per language, up to the number of CPUs)."""
    site = Path(site_dir)
    settings = read_settings(config_path)
    known = [language.code for language in settings.languages]
    if unknown := sorted(set(languages or ()) - set(known)):
        raise PrintEditionError(f"no language {', '.join(unknown)} in {config_path}: {known}")
    chosen = [lang for lang in settings.languages if languages is None or lang.code in languages]
    day = build_day()
    # Every document is assembled before any PDF is written: a page missing from the built
    # site stops the print with nothing half done.
    documents, assembly = [], []
    for language in chosen:
        started = time.perf_counter()
        documents.append(assemble(site, settings, language, day))
        assembly.append(time.perf_counter() - started)
    targets = [site / FOLDER / pdf_name(settings.edition, language.code) for language in chosen]
    workers = min(jobs or os.cpu_count() or 1, len(documents))
    if workers <= 1:
        rendered = [_render_timed(d, site, t) for d, t in zip(documents, targets, strict=True)]
    else:
        # Languages render in parallel: WeasyPrint uses one core per document. Spawned, not
        # forked, workers: the caller (pytest, a server) may run threads.
        context = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            rendered = list(pool.map(_render_timed, documents, [site] * len(targets), targets))
    return [
        PrintedEdition(language.code, target, pages, assembled + seconds)
        for language, target, (pages, seconds), assembled in zip(
            chosen, targets, rendered, assembly, strict=True
        )
    ]


def write_print_editions(
    site_dir: str | Path, config_path: str | Path = "mkdocs.yml", jobs: int | None = None
) -> list[Path]:
    """Write every language's PDF into `site_dir/downloads/`; the files written."""
    return [edition.path for edition in print_editions(site_dir, config_path, jobs=jobs)]
