"""The sources list as a model, and rendered with autoescape."""

from __future__ import annotations

import jinja2

from yearbook.data.model import Dataset
from yearbook.pages.fill import render
from yearbook.pages.sources import build_sources, sources_labels


def test_sources_count_the_rows_citing_them(datasets: dict[str, Dataset]) -> None:
    entries = {entry.anchor: entry for entry in build_sources(datasets, "en")}
    xinhua = entries["source-xinhua-2026-05-27"]
    assert xinhua.publisher == "Xinhua News Agency"
    assert xinhua.published == "27 May 2026"
    assert xinhua.file.endswith(".txt")
    deals = next(c for c in xinhua.citations if c.href == "#deals")
    cited = sum(
        "xinhua-2026-05-27" in str(row["source"]).split(";") for row in datasets["deals"].rows
    )
    assert deals.text == f"Licensing and partnership deals ({cited} rows)"
    zh = {entry.anchor: entry for entry in build_sources(datasets, "zh")}
    assert zh["source-xinhua-2026-05-27"].title.startswith("《")


def test_rendering_escapes_text_from_data(
    hostile: dict[str, Dataset], env: jinja2.Environment
) -> None:
    for language in ("zh", "en"):
        sources = build_sources(hostile, language)
        html = render(env, "sources.html", sources=sources, labels=sources_labels(language))
        assert '<li id="source-xinhua-2026-05-27">' in html
