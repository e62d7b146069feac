"""The interface catalogues agree: the same keys in every language, none empty
(yearbook.site.translation.twins)."""

import json

from test_twins import where

from yearbook.site.translation.twins import check_catalogues, check_ui


def test_catalogues_must_have_the_same_keys() -> None:
    zh = json.dumps({"a.b": "甲", "c": "丙"}, ensure_ascii=False, indent=2)
    en = json.dumps({"a.b": "A", "d": ""}, indent=2)
    problems = check_catalogues({"zh": zh, "en": en})
    assert where(problems) == [
        ("src/yearbook/ui/en.json", 3, "ui"),
        ("src/yearbook/ui/en.json", 3, "ui"),
        ("src/yearbook/ui/zh.json", 3, "ui"),
    ]
    messages = " ".join(problem.message for problem in problems)
    assert "'d' is empty" in messages
    assert "'d' is missing in src/yearbook/ui/zh.json" in messages
    assert "'c' is missing in src/yearbook/ui/en.json" in messages
    assert check_catalogues({"zh": zh, "en": zh}) == []


def test_the_real_catalogues_pass() -> None:
    assert check_ui(["zh", "en"]) == []
