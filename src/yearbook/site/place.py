"""Where a page is published, as the page's content needs it: its language and the relative
links to the data chapter, the downloads, the front page and the chapters."""

from collections.abc import Iterable
from pathlib import Path

from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from yearbook.charts.downloads import CHART_FOLDER
from yearbook.data.downloads import FOLDER
from yearbook.pages.cells import DataPages
from yearbook.pages.cover import Chapter
from yearbook.pages.fill import PagePlace
from yearbook.site.languages import Language

DATA_CHAPTER = ("{code}/data.md", "{code}/data/index.md")
"""The data chapter: the sources list, and the tables of datasets without a page of their own."""
DATASET_PAGE = "{code}/data/{dataset}.md"
"""A page of the data chapter that shows one dataset's table."""


def page_place(
    page: Page,
    language: Language,
    files: Files,
    docs_dir: str,
    datasets: Iterable[str],
    *,
    edition: str,
    print_edition: Iterable[tuple[str, Path]],
    chapters: tuple[Chapter, ...],
) -> PagePlace:
    def link(url: str) -> str:
        return "" if url == page.url else get_relative_url(url, page.url)

    found = (files.get_file_from_path(path.format(code=language.code)) for path in DATA_CHAPTER)
    chapter = next((file.url for file in found if file is not None), page.url)
    tables = {}
    for dataset in datasets:
        file = files.get_file_from_path(DATASET_PAGE.format(code=language.code, dataset=dataset))
        if file is not None:
            tables[dataset] = link(file.url)
    return PagePlace(
        file=f"{Path(docs_dir).name}/{page.file.src_uri}",
        language=language.code,
        # The absolute URL: citations quote it, and it differs between local and published builds.
        url=page.canonical_url or page.url,
        data_pages=DataPages(link(chapter), tables),
        downloads=get_relative_url(f"{FOLDER}/", page.url),
        chart_downloads=get_relative_url(f"{CHART_FOLDER}/", page.url),
        yearbook=language.site_name,
        edition=edition,
        root=get_relative_url(language.url_prefix or ".", page.url).rstrip("/") + "/",
        print_edition=tuple(
            (code, get_relative_url(f"{FOLDER}/{pdf.name}", page.url))
            for code, pdf in print_edition
        ),
        chapters=chapters,
    )
