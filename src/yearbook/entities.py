"""Entity pages: one page per language for every company, cluster and robotics event.

The build generates them from the data (`<lang>/<folder>/<id>.md`, e.g. `/companies/cspc/`,
`/en/companies/cspc/`), outside the navigation: the directory page lists them all, and tables
link every company and cluster name to its page.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from typing import Any

from yearbook.validate import ValidationResult

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


def entity_ids(result: ValidationResult) -> dict[str, list[str]]:
    """The ids of every entity, by dataset (read from the validation, without pandas)."""
    return {
        name: [str(row.values["id"]) for row in result.tables[name].rows]
        for name in FOLDERS
        if name in result.tables
    }


def entity_markdown(name: str, row: Mapping[str, Any], language: str) -> str:
    """The generated page: the entity's name as its title, and the marker the build fills."""
    title = entity_title(row, language)
    return (
        f"---\ntitle: {_front_matter(title)}\n---\n\n"
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
