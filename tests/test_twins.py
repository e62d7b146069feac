"""Twin pages translate each other: the same headings, markers and references
(yearbook.site.translation.twins), checked on strings and on the pages on disk."""

from pathlib import Path

from test_languages import LANGUAGES

from yearbook.site.languages import missing_twins
from yearbook.site.translation.problems import Page, TranslationProblem, format_problems
from yearbook.site.translation.twins import check_pages, check_twins

ROOT = Path(__file__).resolve().parents[1]
CONTENT = ROOT / "content"
CODES = ("zh", "en")

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


# References.


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
    assert check_twins(docs, CODES) == []
    write_twins(docs, en=EN.replace("## Every deal {#list}", "## Every deal"), name="x/y.md")
    problems = check_twins(docs, CODES)
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
    assert where(check_twins(docs, CODES)) == [("content/en/deals.md", 18, "han")]
    (docs / "translation-allowlist.txt").write_text("# terms\n链主\n", encoding="utf-8")
    assert check_twins(docs, CODES) == []


def test_a_page_without_a_twin_is_left_to_missing_twins(tmp_path: Path) -> None:
    # The build runs languages.missing_twins first, and it stops there.
    docs = tmp_path / "content"
    write_twins(docs)
    (docs / "zh" / "glossary.md").write_text("# 术语表 {#glossary}\n", encoding="utf-8")
    assert check_twins(docs, CODES) == []
    problems = missing_twins(
        [path.relative_to(docs).as_posix() for path in docs.rglob("*.md")], LANGUAGES, "content"
    )
    assert [problem.split(":")[0] for problem in problems] == ["content/zh/glossary.md"]
    assert "content/en/glossary.md" in problems[0]


# The yearbook's own pages.


def test_the_real_content_passes() -> None:
    assert len(list(CONTENT.glob("zh/*.md"))) > 0
    problems = check_twins(CONTENT, CODES)
    assert problems == [], format_problems(problems)
