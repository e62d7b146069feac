"""Filling a page: its `<!-- yearbook:… -->` markers and `{{ … }}` references, in its language;
each marker's HTML waits in a placeholder (yearbook.pages.fragments)."""

from collections.abc import Collection, Iterable, Iterator, Mapping
from functools import partial
from typing import NamedTuple

import jinja2

from yearbook.data.model import Dataset, Datasets, related_rows
from yearbook.data.reads import DatasetReads
from yearbook.formatting import catalogue
from yearbook.pages.cards import build_card
from yearbook.pages.cells import DataPages
from yearbook.pages.cover import COVER_KINDS, INDICATORS, Chapter, cover_html
from yearbook.pages.entities import FOLDERS, related_key
from yearbook.pages.entity_content import build_entity, directory_links
from yearbook.pages.fragments import figure_placeholder, fragment_placeholder
from yearbook.pages.markers import Marker, find_markers, replace_markers
from yearbook.pages.references import fill_references
from yearbook.pages.sources import build_sources, sources_labels
from yearbook.pages.tables import build_table

LATE = frozenset({"table", "chart", "entity"})  # put in after search indexed the page


class PagePlace(NamedTuple):
    """Where a page is published: its language and the relative links it needs."""

    file: str  # as errors name it, e.g. `content/zh/data.md`
    language: str
    url: str
    data_pages: DataPages
    downloads: str
    chart_downloads: str
    yearbook: str
    edition: str
    root: str  # the language's front page (`./`, `../`, `../../`)
    print_edition: tuple[tuple[str, str], ...] = ()  # published PDFs: (language, link)
    chapters: tuple[Chapter, ...] = ()  # the language's navigation, which key figures link to


class FilledPage(NamedTuple):
    markdown: str  # each marker replaced by `fragment_placeholder`
    fragments: tuple[str, ...]
    charts: tuple[tuple[str, str], ...]  # (chart name, language)
    late: tuple[int, ...]
    reads: tuple[str, ...]  # what the page read of the data (its charts' captions go in later)


class PrintLinks(NamedTuple):
    before: str
    links: tuple[tuple[str, str, str], ...]  # (language, label, href) of each PDF
    after: str


class RowIds(Collection[str]):
    """The rows of datasets `names` a marker may name, by id (`companies/cspc` if `prefixed`):
    checking one reads only its row; listing them, for a message, reads them all."""

    def __init__(self, datasets: Mapping[str, Dataset], names: Iterable[str], prefixed: bool):
        self._datasets, self._names, self._prefixed = datasets, tuple(names), prefixed

    def __contains__(self, name: object) -> bool:
        if self._prefixed:
            dataset, _, row_id = str(name).partition("/")
        else:
            dataset, row_id = self._names[0], str(name)
        datasets = self._datasets
        return dataset in self._names and dataset in datasets and row_id in datasets[dataset].by_id

    def __iter__(self) -> Iterator[str]:
        for dataset in (name for name in self._names if name in self._datasets):
            prefix = f"{dataset}/" if self._prefixed else ""
            yield from (prefix + row_id for row_id in self._datasets[dataset].by_id)

    def __len__(self) -> int:
        return sum(1 for _ in self)


def fill_page(
    markdown: str,
    all_datasets: Datasets,
    chart_names: Collection[str],
    env: jinja2.Environment,
    place: PagePlace,
) -> FilledPage:
    """The page with every marker and reference filled; raises MarkerError / UnknownReference."""
    datasets = DatasetReads(all_datasets)
    choices = {"dataset": datasets.keys(), "chart": chart_names}
    choices["entity"] = RowIds(datasets, FOLDERS, prefixed=True)
    choices["indicator"] = RowIds(datasets, [INDICATORS], prefixed=False)
    choices["chapter"] = [chapter.name for chapter in place.chapters]
    markers = find_markers(markdown, choices, place.file)
    language = place.language
    markdown = fill_references(
        markdown, datasets, language, place.file, place.data_pages.chapter, place.root
    )
    charts: list[tuple[str, str]] = []
    fragments: list[str] = []
    late: list[int] = []

    def placeholder(marker: Marker) -> str:
        if marker.kind in LATE:
            late.append(len(fragments))
        fragments.append(html(marker))
        return fragment_placeholder(len(fragments) - 1)

    def html(marker: Marker) -> str:
        name = marker.name or ""
        if marker.kind == "chart":
            charts.append((name, language))
            return figure_placeholder(name, language)
        if marker.kind == "table":
            table = build_table(name, datasets, language, place.data_pages, place.root)
            return render(env, "table.html", table=table)
        if marker.kind == "entity":
            dataset, _, row_id = name.partition("/")
            # Of each related dataset, the page reads only the rows naming the entity.
            related = related_rows(all_datasets, dataset, row_id)
            datasets.read.update(related_key(other, dataset, row_id) for other in related)
            pages, root = place.data_pages, place.root
            entity = build_entity(dataset, row_id, datasets, related, language, pages, root)
            return render(env, "entity.html", entity=entity)
        if marker.kind == "directory":
            groups = directory_links(datasets, language, place.root)
            return render(env, "directory.html", groups=groups)
        if marker.kind in COVER_KINDS:
            cover = (datasets, language, place.edition, place.chapters, place.data_pages.chapter)
            return cover_html(marker, markers, *cover, partial(render, env))
        if marker.kind == "print-edition":
            edition = print_links(place.print_edition, language)
            return render(env, "print-edition.html", edition=edition) if edition else ""
        if marker.kind == "dataset":
            card = build_card(name, datasets, language, place.downloads)
            return render(env, "dataset.html", card=card, labels=card.labels)
        sources = build_sources(datasets, language, place.data_pages)
        return render(env, "sources.html", sources=sources, labels=sources_labels(language))

    markdown = replace_markers(markdown, markers, placeholder)
    reads = tuple(sorted(datasets.read))
    return FilledPage(markdown, tuple(fragments), tuple(charts), tuple(late), reads)


def render(env: jinja2.Environment, template: str, **context: object) -> str:
    """A model through `partials/yearbook/<template>`, without blank lines: one Markdown block."""
    html = env.get_template("partials/yearbook/" + template).render(**context)
    return "\n".join(line for line in html.splitlines() if line.strip())


def print_links(published: Iterable[tuple[str, str]], language: str) -> PrintLinks | None:
    """The sentence linking the `published` PDFs, (language, relative link), the page's
    language first; None without any, so a page never links a PDF the site lacks."""
    ui = catalogue(language)
    ordered = sorted(published, key=lambda pdf: pdf[0] != language)  # stable: config order
    links = tuple((code, ui[f"print_edition.{code}"], href) for code, href in ordered)
    before, _, after = ui["print_edition.text"].partition("{links}")
    return PrintLinks(before, links, after) if links else None
