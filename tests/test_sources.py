"""The sources list as a model, and rendered with autoescape."""

from __future__ import annotations

import jinja2
import pytest
from conftest import FIXTURES, ROOT

from yearbook.data.model import Dataset, datasets_of
from yearbook.data.validate import validate_data_dir
from yearbook.pages.fill import render
from yearbook.pages.sources import build_sources, sources_labels

TEMPLATES = ROOT / "site-overrides"


@pytest.fixture(scope="module")
def datasets() -> dict[str, Dataset]:
    return datasets_of(validate_data_dir(ROOT / "data"))


@pytest.fixture(scope="module")
def hostile() -> dict[str, Dataset]:
    """The fixture datasets with a company named `<script>alert(1)</script>`."""
    return datasets_of(validate_data_dir(FIXTURES / "data_pages" / "data"))


@pytest.fixture(scope="module")
def env() -> jinja2.Environment:
    # Like Material's environment: autoescape is off unless the template turns it on.
    return jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=False)


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
