"""One search index per language, split from the single index Material's search plugin writes:
pages of other languages get their language root as `base` (hooks/i18n.py), so each language
searches only its own pages, with its own tokenizer settings."""

from collections.abc import Mapping, Sequence
from typing import Any

from yearbook.site.languages import Language, language_at


def split_search_index(
    index: Mapping[str, Any], languages: Sequence[Language]
) -> dict[str, dict[str, Any]]:
    """Split Material's index by language; locations become relative to each language's root."""
    split: dict[str, dict[str, Any]] = {
        lang.code: {"config": {**index["config"], **lang.search}, "docs": []} for lang in languages
    }
    for doc in index["docs"]:
        owner = language_at(doc["location"], languages)
        location = doc["location"].removeprefix(owner.url_prefix)
        split[owner.code]["docs"].append({**doc, "location": location} if owner.url_prefix else doc)
    return split
