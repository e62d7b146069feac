"""One search index per language, split from the single index Material's search plugin writes:
pages of other languages get their language root as `base` (hooks/i18n.py), so each language
searches only its own pages, with its own tokenizer settings.
"""

from collections.abc import Mapping, Sequence
from typing import Any

from yearbook.site.languages import Language


def split_search_index(
    index: Mapping[str, Any], languages: Sequence[Language]
) -> dict[str, dict[str, Any]]:
    """Split Material's index by language; locations become relative to each language's root."""
    split: dict[str, dict[str, Any]] = {}
    prefixed = [language for language in languages if language.url_prefix]
    default = next(language for language in languages if language.default)
    for language in languages:
        split[language.code] = {
            "config": {**index["config"], **language.search},
            "docs": [],
        }
    for doc in index["docs"]:
        owner = next(
            (lang for lang in prefixed if doc["location"].startswith(lang.url_prefix)), None
        )
        if owner is None:
            split[default.code]["docs"].append(doc)
        else:
            location = doc["location"].removeprefix(owner.url_prefix)
            split[owner.code]["docs"].append({**doc, "location": location})
    return split
