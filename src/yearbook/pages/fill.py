"""Filling a page: its `<!-- yearbook:… -->` markers and `{{ … }}` references, in its language.
A chart marker becomes a placeholder, filled once the chart is made (`chart_figure`)."""

from collections.abc import Collection, Iterator
from dataclasses import dataclass
from functools import partial

import jinja2

from yearbook.charts.make import RenderedChart
from yearbook.data.model import Datasets, related_rows
from yearbook.data.reads import DatasetReads
from yearbook.pages.cards import build_card
from yearbook.pages.cells import DataPages
from yearbook.pages.cover import COVER_KINDS, Chapter, IndicatorIds, cover_html
from yearbook.pages.entities import FOLDERS, related_key
from yearbook.pages.entity_content import build_entity, directory_links
from yearbook.pages.figures import build_figure, figure_placeholder
from yearbook.pages.fragments import FilledPage, fragment_placeholder
from yearbook.pages.markers import Marker, find_markers, replace_markers
from yearbook.pages.print_links import print_links
from yearbook.pages.references import fill_references
from yearbook.pages.sources import build_sources, sources_labels
from yearbook.pages.tables import build_table

LATE = frozenset({"table", "chart", "entity"})
"""Marker kinds whose HTML goes into the page after search indexed it (yearbook.pages.fragments)."""


@dataclass(frozen=True)
class PagePlace:
    """Where a page is published: its language and the relative links it needs."""

    file: str
    """The page as named in errors, e.g. `content/zh/data.md`."""
    language: str
    url: str
    data_pages: DataPages
    """Relative links to the language's data chapter and its pages."""
    downloads: str
    chart_downloads: str
    yearbook: str
    edition: str
    root: str
    """Relative link to the language's front page (`./`, `../`, `../../`)."""
    print_edition: tuple[tuple[str, str], ...] = ()
    """The print edition's PDFs the build publishes: (language, relative link) pairs."""
    chapters: tuple[Chapter, ...] = ()
    """The pages of the language's navigation, which key figures link to."""


class EntityNames(Collection[str]):
    """The names entity markers may use (`companies/cspc`): checking one reads only its row."""

    def __init__(self, datasets: Datasets) -> None:
        self._datasets = datasets

    def __contains__(self, name: object) -> bool:
        dataset, _, row_id = str(name).partition("/")
        return (
            dataset in FOLDERS
            and dataset in self._datasets
            and row_id in self._datasets[dataset].by_id
        )

    def __iter__(self) -> Iterator[str]:
        for dataset in FOLDERS:
            if dataset in self._datasets:
                yield from (f"{dataset}/{row_id}" for row_id in self._datasets[dataset].by_id)

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
    choices = {"dataset": datasets.keys(), "chart": chart_names, "entity": EntityNames(datasets)}
    choices |= {"indicator": IndicatorIds(datasets), "chapter": [c.name for c in place.chapters]}
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
            entity = build_entity(
                dataset,
                row_id,
                datasets,
                related,
                language,
                data_pages=place.data_pages,
                root=place.root,
            )
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


def chart_figure(
    chart: RenderedChart, datasets: Datasets, env: jinja2.Environment, place: PagePlace
) -> str:
    """The HTML of a chart on a page: the chart with its sources, download and citation."""
    figure = build_figure(
        chart,
        datasets,
        data_pages=place.data_pages,
        downloads=place.chart_downloads,
        page_url=place.url,
        yearbook=place.yearbook,
        edition=place.edition,
    )
    return render(env, "chart.html", figure=figure)


def render(env: jinja2.Environment, template: str, **context: object) -> str:
    """A model through `partials/yearbook/<template>`, without blank lines: one Markdown block."""
    html = env.get_template("partials/yearbook/" + template).render(**context)
    return "\n".join(line for line in html.splitlines() if line.strip())
