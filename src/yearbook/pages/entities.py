"""Entity pages: one page per language for every company, cluster and robotics event.

The build generates them from the data (`<lang>/<folder>/<id>.md`, e.g. `/companies/cspc/`,
`/en/companies/cspc/`), outside the navigation: the directory page lists them all, and tables
link every company and cluster name to its page.
"""

from __future__ import annotations

import hashlib
import html
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from babel.lists import format_list

from yearbook.cache.fingerprints import SCHEMA_KEY
from yearbook.data.schema import split_list
from yearbook.data.validate import ValidationResult
from yearbook.pages.formatting import (
    format_enum,
    format_partial_date,
    locale,
    territory_name,
    text,
)

FOLDERS = {"companies": "companies", "clusters": "clusters", "robotics_events": "events"}
"""Dataset → the folder its entity pages are published under."""
RELATED: dict[str, tuple[tuple[str, tuple[str, ...]], ...]] = {
    "companies": (
        ("deals", ("licensor", "partner", "newco")),
        ("approvals", ("company",)),
        ("investments", ("investor",)),
    ),
    "clusters": (("investments", ("cluster",)),),
    "robotics_events": (),
}
"""Dataset → the datasets whose rows name an entity, and in which columns."""


def entity_src_uri(language: str, dataset: str, row_id: str) -> str:
    return f"{language}/{FOLDERS[dataset]}/{row_id}.md"


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


def entity_ids(result: ValidationResult) -> dict[str, list[str]]:
    """The ids of every entity, by dataset (read from the validation, without pandas)."""
    return {
        name: [str(row.values["id"]) for row in result.tables[name].rows]
        for name in FOLDERS
        if name in result.tables
    }


def entity_markdown(name: str, row: Mapping[str, Any], language: str, description: str) -> str:
    """The generated page: the entity's name as its title, its description (search engines,
    link previews), and the marker the build fills."""
    title = entity_title(row, language)
    return (
        f"---\ntitle: {_front_matter(title)}\ndescription: {_front_matter(description)}\n---\n\n"
        f"# {_markdown_text(title)} {{#entity}}\n\n"
        f"<!-- yearbook:entity {name}/{row['id']} -->\n"
    )


def entity_title(row: Mapping[str, Any], language: str) -> str:
    """An entity's name in `language` (the other language's, or its id, if missing)."""
    first, second = ("name_zh", "name_en") if language == "zh" else ("name_en", "name_zh")
    return str(row.get(first) or row.get(second) or row["id"])


def _markdown_text(value: str) -> str:
    return html.escape(value, quote=False).translate({ord(c): f"&#{ord(c)};" for c in "*_`[]\\#{}"})


def _front_matter(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def entity_description(
    result: ValidationResult,
    name: str,
    row: Mapping[str, Any],
    naming: Mapping[str, Mapping[str, Sequence[str]]],
    language: str,
    yearbook: str,
) -> str:
    """One sentence on an entity page for search engines and link previews, from its row:
    what it is, and how many rows of other datasets name it (`naming`: `related_naming`)
    (`CSPC: Pharmaceutical company, China. The … records 2 licensing and partnership deals
    naming it, with sources.`)."""
    facts = _facts(result, name, row, language) or [
        result.tables[name].schema.title_zh
        if language == "zh"
        else result.tables[name].schema.title
    ]
    related = [
        _count(len(ids), f"entity.count.{other}", language)
        for other, index in naming.items()
        if (ids := index.get(str(row["id"])))
    ]
    contents = (
        text(
            language,
            "entity.description.related",
            yearbook=yearbook,
            related=_join(related, language),
        )
        if related
        else text(language, "entity.description.sources", yearbook=yearbook)
    )
    separator = text(language, "entity.description.separator")
    return text(
        language,
        "entity.description",
        name=entity_title(row, language),
        facts=separator.join(facts),
        contents=contents,
    )


def naming_index(rows: Iterable[Mapping[str, Any]], columns: Sequence[str]) -> dict[str, list[str]]:
    """Row ids by each id named in `columns`: which rows name an entity (in one pass, rather
    than a scan of every row for every entity page)."""
    naming: dict[str, list[str]] = {}
    for row in rows:
        named = {entity for column in columns for entity in _ids(row.get(column))}
        for entity in named:
            naming.setdefault(entity, []).append(str(row["id"]))
    return naming


def related_naming(result: ValidationResult, name: str) -> dict[str, dict[str, list[str]]]:
    """For each dataset related to entities of `name` (`RELATED`), its row ids by the entity
    they name, e.g. {"deals": {"cspc": ["cspc-astrazeneca-2026"]}}."""
    return {
        other: naming_index((row.values for row in result.tables[other].rows), columns)
        for other, columns in RELATED[name]
        if other in result.tables
    }


def related_key(other: str, name: str, entity: str) -> str:
    """The dependency on the rows of dataset `other` naming entity `entity` of dataset `name`
    (yearbook.cache.reads): an entity page reads those rows, not all of `other`."""
    return f"{other}>{name}/{entity}"


def related_fingerprints(
    result: ValidationResult, dataset_fingerprints: Mapping[str, str]
) -> dict[str, str]:
    """A fingerprint of the rows naming each entity in each related dataset, by `related_key`:
    it changes with those rows, and with the related dataset's schema or the set of them."""
    fingerprints = {}
    for name in RELATED:
        if name not in result.tables:
            continue
        entities = [str(row.values["id"]) for row in result.tables[name].rows]
        for other, naming in related_naming(result, name).items():
            values = {str(row.values["id"]): row.values for row in result.tables[other].rows}
            schema = dataset_fingerprints.get(f"{other}{SCHEMA_KEY}", "")
            for entity in entities:
                rows = [values[row_id] for row_id in naming.get(entity, [])]
                digest = hashlib.sha256(f"{schema}\0{rows!r}".encode()).hexdigest()[:16]
                fingerprints[related_key(other, name, entity)] = digest
    return fingerprints


def _facts(result: ValidationResult, name: str, row: Mapping[str, Any], language: str) -> list[str]:
    """What the entity is, in a few words: kind and country, industry and place, place and date."""
    schema = result.tables[name].schema
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


def _ids(value: object) -> tuple[str, ...]:
    """The ids in a reference cell: one id, or a list cell's items (a tuple when checked,
    `a;b` text in a DataFrame)."""
    if isinstance(value, str):
        return tuple(split_list(value))
    if isinstance(value, tuple):
        return tuple(str(item) for item in value)
    return ()


def _count(count: int, key: str, language: str) -> str:
    one = locale(language).plural_form(count) == "one"
    return text(language, f"{key}.one" if one else key, count=count)


def _join(items: list[str], language: str) -> str:
    return format_list(items, locale=locale(language))
