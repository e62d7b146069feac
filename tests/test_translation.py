"""Twin pages translate each other: structure, script and references (yearbook.site.translation)."""

from __future__ import annotations

import json
from pathlib import Path

from yearbook.site.translation import (
    Page,
    TranslationProblem,
    check_catalogues,
    check_pages,
    check_twins,
    check_ui,
    find_twins,
    format_problems,
    parse_allowlist,
)

ROOT = Path(__file__).resolve().parents[1]
CONTENT = ROOT / "content"

ZH = """\
# 授权与合作交易 {#deals}

本章记录对外授权（out-licensing）交易。{{ cite:xinhua-2026-05-27 }}

## 交易模式 {#deal-models}

恒瑞与{{ companies:bain-capital:name }}联手，总额{{ deals:hengrui-gsk-2025:total_usd_m }}。
{{ cite:wuxi-lecture-2025;xinhua-2025-08-16-drugs }}

<!-- yearbook:chart deals-by-type -->

```python
print("this code is not checked at all")
```

## 交易明细 {#list}

共{{ count:deals }}笔，见[数据](data.md#list "all the deals in one table")。

<!-- yearbook:table deals -->
"""

EN = """\
# Licensing and partnership deals {#deals}

This chapter records out-licensing deals. {{ cite:xinhua-2025-08-16-drugs }}

## Deal models {#deal-models}

Hengrui teamed up with {{ companies:bain-capital:name }}; the deal is worth
{{ deals:hengrui-gsk-2025:total_usd_m }}. {{ cite:wuxi-lecture-2025;xinhua-2026-05-27 }}

<!-- yearbook:chart deals-by-type -->

```python
print("代码不检查")
```

## Every deal {#list}

There are {{ count:deals }} deals; see the [data](data.md#list).

<!-- yearbook:table deals -->
"""


def pages(zh: str = ZH, en: str = EN) -> list[Page]:
    return [
        Page("content/zh/deals.md", zh, "zh"),
        Page("content/en/deals.md", en, "en"),
    ]


def where(problems: list[TranslationProblem]) -> list[tuple[str, int, str]]:
    return [(problem.file, problem.line, problem.rule) for problem in problems]


def test_good_twins_pass() -> None:
    assert check_pages(pages()) == []


# Rule 1: structure.


def test_a_heading_with_another_id_is_a_structure_problem() -> None:
    en = EN.replace("## Every deal {#list}", "## Every deal {#deals-list}")
    problems = check_pages(pages(en=en))
    assert where(problems) == [("content/en/deals.md", 16, "structure")]
    message = problems[0].message
    assert "content/zh/deals.md:16 has `## 交易明细 {#list}`" in message
    assert "content/en/deals.md:16 has `## Every deal {#deals-list}`" in message
    assert "Fix:" in message


def test_a_heading_of_another_level_is_a_structure_problem() -> None:
    en = EN.replace("## Deal models {#deal-models}", "### Deal models {#deal-models}")
    assert where(check_pages(pages(en=en))) == [("content/en/deals.md", 5, "structure")]


def test_markers_must_match_in_kind_name_and_order() -> None:
    swapped = EN.replace("yearbook:chart deals-by-type", "yearbook:chart largest-deals")
    problems = check_pages(pages(en=swapped))
    assert where(problems) == [("content/en/deals.md", 10, "structure")]
    assert "<!-- yearbook:chart deals-by-type -->" in problems[0].message
    assert "<!-- yearbook:chart largest-deals -->" in problems[0].message

    # A marker moved to another section breaks the order of headings and markers.
    moved = EN.replace("<!-- yearbook:chart deals-by-type -->\n", "").replace(
        "<!-- yearbook:table deals -->",
        "<!-- yearbook:chart deals-by-type -->\n\n<!-- yearbook:table deals -->",
    )
    assert where(check_pages(pages(en=moved))) == [("content/en/deals.md", 15, "structure")]


def test_a_missing_or_surplus_marker_is_a_structure_problem() -> None:
    missing = EN.replace("<!-- yearbook:table deals -->\n", "")
    problems = check_pages(pages(en=missing))
    # Reported after the English page's last heading or marker.
    assert where(problems) == [("content/en/deals.md", 16, "structure")]
    assert "content/zh/deals.md:20 has `<!-- yearbook:table deals -->`" in problems[0].message

    surplus = EN + "\n<!-- yearbook:sources -->\n"
    problems = check_pages(pages(en=surplus))
    assert where(problems) == [("content/en/deals.md", 22, "structure")]
    assert "has nothing more" in problems[0].message


def test_a_heading_without_an_id_is_a_problem() -> None:
    zh = ZH.replace("## 交易模式 {#deal-models}", "## 交易模式")
    problems = check_pages(pages(zh=zh))
    assert where(problems) == [
        ("content/en/deals.md", 5, "structure"),
        ("content/zh/deals.md", 5, "heading-id"),
    ]
    assert "## 交易模式" in problems[1].message


def test_setext_headings_count_and_code_or_comments_do_not() -> None:
    zh = ZH.replace("## 交易明细 {#list}", "交易明细 {#list}\n--------")
    en = EN.replace("```python\n", "```python\n# Not a heading\n").replace(
        "## Every deal {#list}", "<!--\n## Not a heading either\n-->\n\n## Every deal {#list}"
    )
    assert check_pages(pages(zh=zh, en=en)) == []


# Rule 2: the script of each language.


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


def test_parse_allowlist() -> None:
    text = "# names\nWorld Robot Conference\n\nBain Capital  # a fund\n链主\nBain Capital\n"
    assert parse_allowlist(text) == ("World Robot Conference", "Bain Capital", "链主")


# Rule 3: references.


def test_a_reference_on_one_twin_only_is_a_problem() -> None:
    en = EN.replace("{{ companies:bain-capital:name }}", "Bain Capital")
    problems = check_pages(pages(en=en))
    assert where(problems) == [("content/zh/deals.md", 7, "references")]
    assert "{{ companies:bain-capital:name }}" in problems[0].message
    assert "content/en/deals.md" in problems[0].message


def test_a_source_cited_on_one_twin_only_is_a_problem() -> None:
    en = EN.replace(
        "{{ cite:wuxi-lecture-2025;xinhua-2026-05-27 }}", "{{ cite:wuxi-lecture-2025 }}"
    )
    problems = check_pages(pages(en=en))
    assert where(problems) == [("content/zh/deals.md", 3, "references")]
    assert "{{ cite:xinhua-2026-05-27 }}" in problems[0].message

    extra = EN.replace("{{ count:deals }}", "{{ count:deals }} {{ count:approvals }}")
    assert where(check_pages(pages(en=extra))) == [("content/en/deals.md", 18, "references")]


def test_a_localized_column_counts_as_the_column() -> None:
    zh = ZH.replace("{{ count:deals }}", "{{ count:deals }}{{ approvals:plozasiran-cn-2026:drug }}")
    en = EN.replace(
        "{{ count:deals }}", "{{ count:deals }} {{ approvals:plozasiran-cn-2026:drug_zh }}"
    )
    assert check_pages(pages(zh=zh, en=en)) == []


# check_twins: the pages on disk.


def write_twins(docs: Path, zh: str = ZH, en: str = EN, name: str = "deals.md") -> None:
    for code, text in (("zh", zh), ("en", en)):
        (docs / code / name).parent.mkdir(parents=True, exist_ok=True)
        (docs / code / name).write_text(text, encoding="utf-8")


def test_check_twins_names_files_as_the_docs_dir_does(tmp_path: Path) -> None:
    docs = tmp_path / "content"
    write_twins(docs)
    assert check_twins(docs) == []
    write_twins(docs, en=EN.replace("## Every deal {#list}", "## Every deal"), name="x/y.md")
    problems = check_twins(docs)
    assert where(problems) == [
        ("content/en/x/y.md", 16, "heading-id"),
        ("content/en/x/y.md", 16, "structure"),
    ]
    text = format_problems(problems)
    assert text.splitlines()[0] == "2 translation problems:"
    assert text.splitlines()[1].startswith("  content/en/x/y.md:16: heading-id: heading without")
    assert "Fix:" in text.splitlines()[1]


def test_check_twins_reads_the_allowlist(tmp_path: Path) -> None:
    docs = tmp_path / "content"
    write_twins(docs, en=EN.replace("deals;", "deals (链主);"))
    assert where(check_twins(docs)) == [("content/en/deals.md", 18, "han")]
    (docs / "translation-allowlist.txt").write_text("# terms\n链主\n", encoding="utf-8")
    assert check_twins(docs) == []


def test_a_page_without_a_twin_is_a_problem(tmp_path: Path) -> None:
    docs = tmp_path / "content"
    write_twins(docs)
    (docs / "zh" / "glossary.md").write_text("# 术语表 {#glossary}\n", encoding="utf-8")
    problems = check_twins(docs)
    assert where(problems) == [("content/zh/glossary.md", 1, "twin")]
    assert "content/en/glossary.md" in problems[0].message


# Interface catalogues.


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
    assert check_ui() == []


# The yearbook's own pages.


def test_the_real_content_passes() -> None:
    assert len(find_twins(CONTENT)) > 0
    problems = check_twins(CONTENT)
    assert problems == [], format_problems(problems)
