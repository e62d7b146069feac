"""Each twin in its own script: no Chinese on English pages, no English sentences on Chinese
pages, beyond what the rules ignore and the allow-list exempts
(yearbook.site.translation.script)."""

from collections.abc import Sequence
from pathlib import Path

from test_twins import EN, ZH, pages, where

from yearbook.site.translation import twins
from yearbook.site.translation.problems import Page, TranslationProblem
from yearbook.site.translation.script import allowlist_pattern, load_allowlist


def check_pages(pages: Sequence[Page], allowlist: Sequence[str] = ()) -> list[TranslationProblem]:
    return twins.check_pages(pages, allowlist_pattern(allowlist))


def test_chinese_on_an_english_page_is_a_problem() -> None:
    en = EN.replace("There are {{ count:deals }} deals;", "There are {{ count:deals }} 笔交易，")
    problems = check_pages(pages(en=en))
    assert where(problems) == [("content/en/deals.md", 18, "han")]
    assert "'笔交易，'" in problems[0].message
    assert "translation-allowlist.txt" in problems[0].message


def test_chinese_punctuation_alone_is_a_problem() -> None:
    en = EN.replace("This chapter records out-licensing deals.", "This chapter：《deals》")
    assert where(check_pages(pages(en=en))) == [("content/en/deals.md", 3, "han")]


def test_chinese_in_references_code_comments_and_link_targets_is_ignored() -> None:
    en = EN.replace(
        "see the [data](data.md#list).",
        "see `人民币` in the [data](数据.md#list). <!-- 译者注 -->",
    )
    assert check_pages(pages(en=en)) == []


def test_the_allowlist_exempts_whole_chinese_terms_only() -> None:
    en = EN.replace("deals;", "deals (链主) and 近;")
    assert check_pages(pages(en=en), allowlist=["链主", "近"]) == []
    # 近 is allowed on its own, not as part of 近年.
    inside = EN.replace("deals;", "deals 近年;")
    assert where(check_pages(pages(en=inside), allowlist=["近"])) == [
        ("content/en/deals.md", 18, "han")
    ]


def test_an_english_sentence_on_a_chinese_page_is_a_problem() -> None:
    zh = ZH.replace("本章记录", "本章记录 the deals signed abroad，以及")
    problems = check_pages(pages(zh=zh))
    assert where(problems) == [("content/zh/deals.md", 3, "english")]
    assert "'the deals signed abroad'" in problems[0].message


def test_three_english_words_or_a_term_are_fine_on_a_chinese_page() -> None:
    zh = ZH.replace("本章记录", "本章用 Frictionless Data Package 记录，GLP-1 out-licensing New-Co")
    assert check_pages(pages(zh=zh)) == []


def test_english_in_references_code_comments_and_link_targets_is_ignored() -> None:
    zh = ZH.replace(
        "本章记录",
        "本章`print(the deals signed abroad)`记录<!-- note to the translator here -->"
        '[数据](https://example.org/all/the/deals/here)<span class="a b c d">数据</span>',
    )
    assert check_pages(pages(zh=zh)) == []


def test_the_allowlist_exempts_english_names() -> None:
    zh = ZH.replace("恒瑞与", "恒瑞在 the World Robot Conference 上与")
    assert where(check_pages(pages(zh=zh))) == [("content/zh/deals.md", 7, "english")]
    assert check_pages(pages(zh=zh), allowlist=["world robot conference"]) == []
    # An exempt name ends a run; what follows it still counts.
    longer = ZH.replace("恒瑞与", "恒瑞在 World Robot Conference was held in Beijing then 上与")
    assert where(check_pages(pages(zh=longer), allowlist=["World Robot Conference"])) == [
        ("content/zh/deals.md", 7, "english")
    ]
    # Only whole words: "Bain Capitals" is not the allow-listed "Bain Capital".
    plural = ZH.replace("恒瑞与", "恒瑞与 the two Bain Capitals 与")
    assert where(check_pages(pages(zh=plural), allowlist=["Bain Capital"])) == [
        ("content/zh/deals.md", 7, "english")
    ]


def test_load_allowlist(tmp_path: Path) -> None:
    text = "# names\nWorld Robot Conference\n\nBain Capital  # a fund\n链主\nBain Capital\n"
    (tmp_path / "translation-allowlist.txt").write_text(text, encoding="utf-8")
    assert load_allowlist(tmp_path) == ("World Robot Conference", "Bain Capital", "链主")
    assert load_allowlist(tmp_path / "nowhere") == ()
