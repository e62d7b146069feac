"""The yearbook's languages, as configured under `extra.yearbook.languages` in mkdocs.yml, and
what belongs to each: pages, twins and search entries."""

from collections.abc import Mapping, Sequence
from typing import Any, NamedTuple

# Keys every language entry must set: the site's own strings, per language.
_REQUIRED_KEYS = ("code", "name", "site_name", "site_description", "copyright")


class LanguageConfigError(ValueError):
    """`extra.yearbook.languages` in mkdocs.yml is missing or malformed."""


class Language(NamedTuple):
    """One language of the yearbook. The first configured language is served at the site root."""

    code: str
    name: str
    site_name: str
    site_description: str
    copyright: str
    default: bool
    search: Mapping[str, Any] = {}  # shared by languages without settings: never changed
    # Names of the light/dark toggles, one per `theme.palette` entry, in this language.
    palette_toggles: tuple[str, ...] = ()

    @property
    def content_dir(self) -> str:
        """Folder under the docs dir holding this language's pages, e.g. `zh/`."""
        return f"{self.code}/"

    @property
    def url_prefix(self) -> str:
        """Where this language is published: `` for the default language, `en/` otherwise."""
        return "" if self.default else f"{self.code}/"


def parse_languages(extra: Mapping[str, Any]) -> tuple[Language, ...]:
    """Read the language list from MkDocs' `extra` config, naming the setting on any mistake."""
    entries = (extra.get("yearbook") or {}).get("languages")
    if not isinstance(entries, Sequence) or isinstance(entries, str) or len(entries) < 2:
        raise LanguageConfigError(
            "mkdocs.yml: `extra.yearbook.languages` must list at least two languages, e.g.\n"
            "  extra:\n    yearbook:\n      languages:\n"
            "        - {code: zh, name: 中文, site_name: ..., site_description: ..., copyright: ..}"
        )
    languages = []
    for position, entry in enumerate(entries):
        missing = [
            key for key in _REQUIRED_KEYS if not (isinstance(entry, Mapping) and entry.get(key))
        ]
        if missing:
            raise LanguageConfigError(
                f"mkdocs.yml: `extra.yearbook.languages[{position}]` lacks {', '.join(missing)}"
            )
        strings = {key: entry[key] for key in _REQUIRED_KEYS}
        toggles = tuple(entry.get("palette_toggles") or ())
        search = entry.get("search") or {}
        languages.append(
            Language(**strings, default=position == 0, search=search, palette_toggles=toggles)
        )
    codes = [language.code for language in languages]
    if len(set(codes)) != len(codes):
        raise LanguageConfigError(f"mkdocs.yml: language codes repeat in {codes}")
    return tuple(languages)


def language_of(src_uri: str, languages: Sequence[Language]) -> Language | None:
    """The language a source file belongs to by its folder (`zh/deals.md` → zh), or None."""
    return next((lang for lang in languages if src_uri.startswith(lang.content_dir)), None)


def language_at(path: str, languages: Sequence[Language]) -> Language:
    """The language a site path belongs to: by its folder (`en/…`), else the default one."""
    prefixed = (lang for lang in languages if lang.url_prefix and path.startswith(lang.url_prefix))
    return next(prefixed, None) or next(lang for lang in languages if lang.default)


def published_dest_uri(src_uri: str, dest_uri: str, languages: Sequence[Language]) -> str:
    """Where a file is written: the default language drops its folder (`zh/deals/` → `deals/`)."""
    language = language_of(src_uri, languages)
    if language is None or not language.default:
        return dest_uri
    return dest_uri.removeprefix(language.content_dir)


def twin_src_uri(src_uri: str, source: Language, target: Language) -> str:
    """The same page in another language: `zh/deals.md` → `en/deals.md`."""
    return target.content_dir + src_uri.removeprefix(source.content_dir)


def missing_twins(
    page_src_uris: Sequence[str], languages: Sequence[Language], docs_dir: str
) -> list[str]:
    """One message per page that lacks a twin, or lies outside the language folders."""
    present = set(page_src_uris)
    problems = []
    for src_uri in sorted(present):
        source = language_of(src_uri, languages)
        if source is None:
            folders = " or ".join(f"{docs_dir}/{lang.content_dir}" for lang in languages)
            problems.append(
                f"{docs_dir}/{src_uri}: page is outside the language folders; move it to {folders}"
            )
            continue
        for target in languages:
            twin = twin_src_uri(src_uri, source, target)
            if twin not in present:
                problems.append(
                    f"{docs_dir}/{src_uri}: has no {target.name} twin; "
                    f"create {docs_dir}/{twin} (every page exists in every language)"
                )
    return problems


def split_search_index(
    index: Mapping[str, Any], languages: Sequence[Language]
) -> dict[str, dict[str, Any]]:
    """Material's one search index as one per language, each with its own tokenizer settings
    and locations relative to its root (pages are given their language root as `base`)."""
    split: dict[str, dict[str, Any]] = {
        lang.code: {"config": {**index["config"], **lang.search}, "docs": []} for lang in languages
    }
    for doc in index["docs"]:
        owner = language_at(doc["location"], languages)
        location = doc["location"].removeprefix(owner.url_prefix)
        split[owner.code]["docs"].append({**doc, "location": location} if owner.url_prefix else doc)
    return split
