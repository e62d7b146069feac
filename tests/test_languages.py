"""Unit tests for yearbook.site.languages: configuration, file mapping, twins."""

from __future__ import annotations

from typing import Any

import pytest

from yearbook.site.languages import (
    LanguageConfigError,
    language_of,
    missing_twins,
    parse_languages,
    published_dest_uri,
    twin_src_uri,
)


def _entry(code: str, name: str) -> dict[str, str]:
    return {
        "code": code,
        "name": name,
        "site_name": f"site {code}",
        "site_description": f"about {code}",
        "copyright": f"© {code}",
    }


LANGUAGES = parse_languages(
    {"yearbook": {"languages": [_entry("zh", "中文"), _entry("en", "English")]}}
)
ZH, EN = LANGUAGES


def test_first_language_is_default_and_served_at_the_root() -> None:
    assert (ZH.default, ZH.url_prefix, ZH.content_dir) == (True, "", "zh/")
    assert (EN.default, EN.url_prefix, EN.content_dir) == (False, "en/", "en/")


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({}, "must list at least two languages"),
        ({"yearbook": {"languages": [_entry("zh", "中文")]}}, "must list at least two languages"),
        (
            {"yearbook": {"languages": [_entry("zh", "中文"), {"code": "en", "name": "English"}]}},
            "`extra.yearbook.languages[1]` lacks site_name, site_description, copyright",
        ),
        (
            {"yearbook": {"languages": [_entry("zh", "中文"), _entry("zh", "again")]}},
            "language codes repeat",
        ),
    ],
)
def test_bad_language_configuration_names_the_setting(extra: dict[str, Any], message: str) -> None:
    with pytest.raises(LanguageConfigError, match=message.replace("[", r"\[").replace("]", r"\]")):
        parse_languages(extra)


@pytest.mark.parametrize(
    ("src_uri", "code"),
    [("zh/deals.md", "zh"), ("en/deals.md", "en"), ("en/x/y.md", "en"), ("assets/a.js", None)],
)
def test_language_of_a_file_is_its_top_folder(src_uri: str, code: str | None) -> None:
    language = language_of(src_uri, LANGUAGES)
    assert (language.code if language else None) == code


@pytest.mark.parametrize(
    ("src_uri", "dest_uri", "published"),
    [
        ("zh/deals.md", "zh/deals/index.html", "deals/index.html"),
        ("zh/index.md", "zh/index.html", "index.html"),
        ("en/deals.md", "en/deals/index.html", "en/deals/index.html"),
        ("assets/app.js", "assets/app.js", "assets/app.js"),
    ],
)
def test_default_language_is_published_without_its_folder(
    src_uri: str, dest_uri: str, published: str
) -> None:
    assert published_dest_uri(src_uri, dest_uri, LANGUAGES) == published


def test_twin_of_a_page_is_the_same_path_in_the_other_language() -> None:
    assert twin_src_uri("zh/companies/hengrui.md", ZH, EN) == "en/companies/hengrui.md"
    assert twin_src_uri("en/index.md", EN, ZH) == "zh/index.md"


def test_missing_twins_are_named_with_the_file_to_create() -> None:
    pages = ["zh/index.md", "en/index.md", "zh/deals.md", "en/robotics.md", "stray.md"]
    assert missing_twins(pages, LANGUAGES, "content") == [
        "content/en/robotics.md: has no 中文 twin; create content/zh/robotics.md "
        "(every page exists in every language)",
        "content/stray.md: page is outside the language folders; "
        "move it to content/zh/ or content/en/",
        "content/zh/deals.md: has no English twin; create content/en/deals.md "
        "(every page exists in every language)",
    ]


def test_complete_twins_have_no_problems() -> None:
    assert missing_twins(["zh/index.md", "en/index.md"], LANGUAGES, "content") == []
