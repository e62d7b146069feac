"""What the entity marker shows on an entity page (its facts, the rows naming it elsewhere,
their sources), and the directory of all entity pages (templates: entity.html, directory.html)."""

from collections.abc import Mapping
from dataclasses import dataclass

from yearbook.data.model import SOURCES, Dataset
from yearbook.data.reads import overlay
from yearbook.data.schema import split_list
from yearbook.formatting import text
from yearbook.pages.cells import Link, source_link
from yearbook.pages.entities import FOLDERS, entity_path, entity_title
from yearbook.pages.tables import Table, build_table


@dataclass(frozen=True)
class Related:
    title: str
    table: Table


@dataclass(frozen=True)
class Entity:
    facts: Table
    related: tuple[Related, ...]
    sources: tuple[Link, ...]
    labels: dict[str, str]
    directory: str


def build_entity(
    name: str,
    row_id: str,
    datasets: Mapping[str, Dataset],
    related: Mapping[str, Dataset],
    language: str,
    *,
    data_page: str,
    root: str,
) -> Entity:
    """The entity's facts, the `related` rows naming it (by dataset: `related_rows`), and every
    source they cite; `data_page` and `root` (the language's front page) are relative links."""
    datasets = overlay(datasets, related)
    dataset = datasets[name]
    facts = build_table(
        name, overlay(datasets, {name: dataset.subset([row_id])}), language, data_page
    )
    tables = []
    cited = list(split_list(dataset.by_id[row_id].get("source")))
    for other, rows in related.items():
        if rows.rows:
            table = build_table(other, datasets, language, data_page, entity_root=root)
            tables.append(Related(datasets[other].title(language), table))
            for record in rows.rows:
                cited += split_list(record.get("source"))
    sources = tuple(
        source_link(datasets[SOURCES], source, language, data_page)
        for source in dict.fromkeys(cited)
    )
    labels = {key: text(language, f"entity.{key}") for key in ("facts", "sources", "directory")}
    return Entity(facts, tuple(tables), sources, labels, f"{root}directory/")


def directory_links(
    datasets: Mapping[str, Dataset], language: str, root: str
) -> list[tuple[str, str, list[Link]]]:
    """Every entity, grouped by dataset and sorted by name, as links relative to `root`."""
    groups = []
    for name in FOLDERS:
        if name not in datasets:
            continue
        links = [
            Link(entity_title(row, language), f"{root}{entity_path(name, row['id'])}")
            for row in datasets[name].rows
        ]
        title = datasets[name].title(language)
        groups.append((name, title, sorted(links, key=lambda link: link.text)))
    return groups
