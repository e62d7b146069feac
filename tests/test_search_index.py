"""Unit tests for yearbook.site.languages.split_search_index: one index per language."""

from __future__ import annotations

from test_languages import LANGUAGES

from yearbook.site.languages import split_search_index

INDEX = {
    "config": {"lang": ["en"], "separator": "[\\s]+", "pipeline": ["stemmer"]},
    "docs": [
        {"location": "", "title": "年度概览", "text": ""},
        {"location": "deals/#deal-models", "title": "交易模式", "text": "对外\u200b授权"},
        {"location": "en/", "title": "Year in numbers", "text": ""},
        {"location": "en/deals/#deal-models", "title": "Deal models", "text": "licensing"},
    ],
}


def test_each_language_keeps_only_its_pages_relative_to_its_root() -> None:
    split = split_search_index(INDEX, LANGUAGES)
    assert [doc["location"] for doc in split["zh"]["docs"]] == ["", "deals/#deal-models"]
    assert [doc["location"] for doc in split["en"]["docs"]] == ["", "deals/#deal-models"]
    assert split["en"]["docs"][1]["title"] == "Deal models"


def test_language_search_settings_override_the_plugin_defaults() -> None:
    languages = tuple(lang._replace(search={"pipeline": ["stopWordFilter"]}) for lang in LANGUAGES)
    split = split_search_index(INDEX, languages)
    assert split["en"]["config"]["pipeline"] == ["stopWordFilter"]
    assert split["en"]["config"]["separator"] == "[\\s]+"
