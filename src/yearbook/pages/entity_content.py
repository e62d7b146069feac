"""What the entity marker shows on an entity page, a profile: an infobox of its facts (its
names in both languages, kind, place, sources), its note, the rows naming it elsewhere as cards
and every source they cite; and the directory of all entity pages (templates: entity.html,
directory.html)."""

from collections.abc import Mapping
from dataclasses import dataclass

from yearbook.data.model import SOURCES, Dataset, localized
from yearbook.data.reads import overlay
from yearbook.data.schema import LANGUAGES, split_list
from yearbook.formatting import text
from yearbook.pages.cells import Cell, DataPages, Link, source_link
from yearbook.pages.entities import FOLDERS, entity_path, entity_title
from yearbook.pages.tables import Table, build_table

NOTE = "note"
"""The editors' note (`note_zh`, `note_en`): the profile's text under the infobox."""


@dataclass(frozen=True)
class Related:
    title: str
    table: Table
    """The rows naming the entity: each a card (its title column as heading)."""


@dataclass(frozen=True)
class Entity:
    facts: tuple[tuple[str, Cell], ...]
    """The infobox: each filled field's title and value; the name in both languages."""
    note: str
    related: tuple[Related, ...]
    sources: tuple[Link, ...]
    labels: dict[str, str]
    directory: str
    separator: str


def build_entity(
    name: str,
    row_id: str,
    datasets: Mapping[str, Dataset],
    related: Mapping[str, Dataset],
    language: str,
    data_pages: DataPages,
    root: str,
) -> Entity:
    """The entity's facts, the `related` rows naming it (by dataset: `related_rows`), and every
    source they cite; `data_pages` and `root` (the language's front page) are relative links."""
    datasets = overlay(datasets, related)
    dataset = datasets[name]
    table = build_table(
        name, overlay(datasets, {name: dataset.subset([row_id])}), language, data_pages
    )
    facts, note = _infobox(table, dataset, row_id, language)
    tables = []
    cited = list(split_list(dataset.by_id[row_id].get("source")))
    for other, rows in related.items():
        if rows.rows:
            cards = build_table(other, datasets, language, data_pages, entity_root=root)
            tables.append(Related(datasets[other].title(language), cards))
            for record in rows.rows:
                cited += split_list(record.get("source"))
    sources = tuple(
        source_link(datasets[SOURCES], source, language, data_pages)
        for source in dict.fromkeys(cited)
    )
    keys = ("facts", "sources", "directory")
    labels = {key: text(language, f"entity.{key}") for key in keys}
    return Entity(facts, note, tuple(tables), sources, labels, f"{root}directory/", table.separator)


def _infobox(
    table: Table, dataset: Dataset, row_id: str, language: str
) -> tuple[tuple[tuple[str, Cell], ...], str]:
    """The entity's one row as (title, value) pairs, with its name in both languages, and its
    note apart: every field with a value, columns and detail alike."""
    row = table.rows[0]
    record = dataset.by_id[row_id]
    shown = [(c.name, c.title, cell) for c, cell in zip(table.columns, row.cells, strict=True)]
    names = {column.title: column.name for column in table.details}
    shown += [(names[title], title, cell) for title, cell in row.details]
    shown.sort(key=lambda item: dataset.schema.field_names.index(item[0]))  # schema order
    facts: list[tuple[str, Cell]] = []
    note = ""
    for field, title, cell in shown:
        if field == f"name_{language}":
            for variant in (f"name_{code}" for code in LANGUAGES):
                other = dataset.schema.by_name.get(variant)
                if other is not None and record.get(variant):
                    label = localized(other.title, other.title_zh, language)
                    facts.append((label, Cell(str(record[variant]))))
        elif field == f"{NOTE}_{language}":
            note = cell.text
        elif cell.text or cell.links:
            facts.append((title, cell))
    return tuple(facts), note


def directory_links(
    datasets: Mapping[str, Dataset], language: str, root: str
) -> list[tuple[str, str, list[Link]]]:
    """Every entity, grouped by dataset and sorted by name, as links relative to `root`."""
    groups = []
    for name in (name for name in FOLDERS if name in datasets):
        links = [
            Link(entity_title(row, language), f"{root}{entity_path(name, row['id'])}")
            for row in datasets[name].rows
        ]
        title = datasets[name].title(language)
        groups.append((name, title, sorted(links, key=lambda link: link.text)))
    return groups
