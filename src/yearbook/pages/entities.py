"""Entity pages: a generated page per language for every company, cluster and robotics event
(`/companies/cspc/`, `/en/companies/cspc/`), outside the navigation; the directory lists them."""

import hashlib
import json
from collections.abc import Iterator, Mapping
from typing import Any

from babel.lists import format_list

from yearbook.data.model import Datasets, naming_columns, text_of
from yearbook.data.reads import SCHEMA_KEY
from yearbook.formatting import (
    count_text,
    format_enum,
    format_partial_date,
    locale,
    territory_name,
    text,
)
from yearbook.pages.markdown import markdown_text

# Dataset → the folder its entity pages are published under
FOLDERS = {"companies": "companies", "clusters": "clusters", "robotics_events": "events"}


def entity_path(dataset: str, row_id: str) -> str:
    """An entity page's URL below its language's root, e.g. `companies/cspc/`."""
    return f"{FOLDERS[dataset]}/{row_id}/"


def entity_of(src_uri: str) -> tuple[str, str] | None:
    """The dataset and row id of an entity page's source (`en/companies/cspc.md`), or None."""
    parts = src_uri.removesuffix(".md").split("/")
    datasets = {folder: name for name, folder in FOLDERS.items()}
    if len(parts) != 3 or parts[1] not in datasets:
        return None
    return datasets[parts[1]], parts[2]


def entity_title(row: Mapping[str, Any], language: str) -> str:
    """An entity's name in `language` (the other language's, or its id, if missing)."""
    return text_of(row, "name", language) or str(row["id"])


def entity_pages(datasets: Datasets, sites: Mapping[str, str]) -> Iterator[tuple[str, str]]:
    """Each entity page's source path and Markdown, in every language of `sites` (→ site name)."""
    for name in (name for name in FOLDERS if name in datasets):
        for language, yearbook in sites.items():
            for row_id, row in datasets[name].by_id.items():
                description = entity_description(datasets, name, row, language, yearbook)
                markdown = entity_markdown(name, row, language, description)
                yield f"{language}/{FOLDERS[name]}/{row_id}.md", markdown


def entity_markdown(name: str, row: Mapping[str, Any], language: str, description: str) -> str:
    """The generated page: the entity's name as its title, its description and its marker."""
    title = entity_title(row, language)
    return (
        # JSON strings are YAML's double-quoted scalars
        f"---\ntitle: {json.dumps(title, ensure_ascii=False)}\n"
        f"description: {json.dumps(description, ensure_ascii=False)}\n---\n\n"
        f"# {markdown_text(title)} {{#entity}}\n\n"
        f"<!-- yearbook:entity {name}/{row['id']} -->\n"
    )


def entity_description(
    datasets: Datasets, name: str, row: Mapping[str, Any], language: str, yearbook: str
) -> str:
    """What the entity is and how many rows of other datasets name it, for search engines and
    link previews (`CSPC: Pharmaceutical company, China. The … records 2 … deals naming it`)."""
    facts = _facts(datasets, name, row, language) or [datasets[name].title(language)]
    related = [
        count_text(len(ids), f"entity.count.{other}", language)
        for other, columns in naming_columns(datasets, name).items()
        if (ids := datasets[other].ids_naming(columns).get(str(row["id"])))
    ]
    if related:
        listed = format_list(related, locale=locale(language))
        contents = text(language, "entity.description.related", yearbook=yearbook, related=listed)
    else:
        contents = text(language, "entity.description.sources", yearbook=yearbook)
    return text(
        language,
        "entity.description",
        name=entity_title(row, language),
        facts=text(language, "entity.description.separator").join(facts),
        contents=contents,
    )


def related_key(other: str, name: str, entity: str) -> str:
    """What an entity page reads of dataset `other`: the rows naming it, not all of `other`."""
    return f"{other}>{name}/{entity}"


def related_fingerprints(datasets: Datasets, fingerprints: Mapping[str, str]) -> dict[str, str]:
    """A fingerprint of the rows naming each entity in each related dataset, by `related_key`:
    it changes with those rows, and with the related dataset's schema or the set of them."""
    related = {}
    for name in (name for name in FOLDERS if name in datasets):
        for other, columns in naming_columns(datasets, name).items():
            naming, rows = datasets[other].ids_naming(columns), datasets[other].by_id
            schema = fingerprints.get(other + SCHEMA_KEY, "")
            for entity in datasets[name].by_id:
                named = [rows[row_id] for row_id in naming.get(entity, [])]
                digest = hashlib.sha256(f"{schema}\0{named!r}".encode()).hexdigest()[:16]
                related[related_key(other, name, entity)] = digest
    return related


def _facts(datasets: Datasets, name: str, row: Mapping[str, Any], language: str) -> list[str]:
    """What the entity is, in a few words: kind and country, industry and place, place and date."""
    schema = datasets[name].schema
    facts: list[str] = []
    if name == "companies":
        if row.get("kind") and row["kind"] != "other":  # "other" says nothing
            facts.append(format_enum(row["kind"], schema.get_field("kind"), language))
        if row.get("country"):
            facts.append(territory_name(str(row["country"]), language))
    elif name == "clusters":
        if row.get("industry"):
            facts.append(format_enum(row["industry"], schema.get_field("industry"), language))
        place = row.get(f"city_{language}") or row.get(f"province_{language}")
        if place:
            facts.append(str(place))
    elif name == "robotics_events":
        if row.get(f"city_{language}"):
            facts.append(str(row[f"city_{language}"]))
        if row.get("start"):
            facts.append(format_partial_date(str(row["start"]), language))
    return facts
