"""What an entity page shows: its facts, the rows that name it elsewhere, its sources;
and the directory of all entities. (Needs the datasets as DataFrames.)"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from yearbook.cache.reads import overlay
from yearbook.data.schema import split_list
from yearbook.pages.entities import FOLDERS, RELATED, entity_path, entity_title
from yearbook.pages.formatting import text
from yearbook.pages.tables import Dataset, Link, Table, build_table, source_link


@dataclass(frozen=True)
class Related:
    title: str
    table: Table


@dataclass(frozen=True)
class Entity:
    """What an entity page shows (template: partials/yearbook/entity.html)."""

    facts: Table
    related: tuple[Related, ...]
    sources: tuple[Link, ...]
    labels: dict[str, str]
    directory: str
    data_page: str


def build_entity(
    name: str,
    row_id: str,
    datasets: Mapping[str, Dataset],
    language: str,
    *,
    data_page: str,
    root: str,
) -> Entity:
    """The entity's facts, the rows naming it in other datasets, and every source they cite.
    `data_page` and `root` (the language's front page) are relative to the entity page."""
    dataset = datasets[name]
    facts = build_table(
        name, overlay(datasets, {name: dataset.subset([row_id])}), language, data_page
    )
    related = []
    cited = list(split_list(dataset.by_id[row_id].get("source")))
    for other, columns in RELATED[name]:
        if other not in datasets:
            continue
        rows = datasets[other].ids_naming(columns).get(row_id)
        if rows:
            subset = overlay(datasets, {other: datasets[other].subset(rows)})
            table = build_table(other, subset, language, data_page, entity_root=root)
            related.append(Related(datasets[other].title(language), table))
            for record in subset[other].rows:
                cited += split_list(record.get("source"))
    sources = tuple(
        source_link(datasets["sources"], source, language, data_page)
        for source in dict.fromkeys(cited)
    )
    labels = {key: text(language, f"entity.{key}") for key in ("facts", "sources", "directory")}
    return Entity(facts, tuple(related), sources, labels, f"{root}directory/", data_page)


def related_rows(datasets: Mapping[str, Dataset], name: str, row_id: str) -> dict[str, Dataset]:
    """For each dataset related to entities of `name`, its rows naming entity `row_id`: what
    `build_entity` shows of it (keyed for yearbook.cache.reads by `related_key`)."""
    return {
        other: datasets[other].subset(datasets[other].ids_naming(columns).get(row_id, []))
        for other, columns in RELATED[name]
        if other in datasets
    }


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
