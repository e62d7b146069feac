"""The print edition's cache (yearbook.cache.print_edition): a build publishes the PDFs only
when its sources are those they were printed from. Keys of a small project written here;
the whole flow (build, print, build again) is the session's `published_site`."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from yearbook.cache.print_edition import (
    PRINT_CACHE_ENV,
    cached_edition,
    edition_key,
    print_cache_dir,
    store_edition,
)

SETTINGS = """\
site_name: Test
site_url: !ENV [SITE_URL, "http://127.0.0.1:8000/"]
docs_dir: content
theme:
  name: material
  custom_dir: overrides
hooks:
  - hooks/pages.py
extra:
  yearbook:
    data_dir: data
    cache_dir: .cache
"""
NAMES = {"zh": "book-zh.pdf", "en": "book-en.pdf"}


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv(PRINT_CACHE_ENV, raising=False)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1780000000")
    root = tmp_path / "project"
    for name, text in {
        "mkdocs.yml": SETTINGS,
        "content/en/deals.md": "# Deals\n",
        "content/zh/deals.md": "# 交易\n",
        "data/deals.csv": "id,total_usd_m\na,18500\n",
        "overrides/partials/yearbook/table.html": "<table></table>\n",
        "hooks/pages.py": "def on_page_markdown(markdown, **kwargs):\n    return markdown\n",
        "site/index.html": "<p>built</p>\n",
        ".cache/charts/deals.zh.json": "{}\n",
    }.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return root


def _append(name: str, text: str) -> Callable[[Path], None]:
    def edit(project: Path) -> None:
        with (project / name).open("a", encoding="utf-8") as file:
            file.write(text)

    return edit


CHANGES = {
    "a page": _append("content/en/deals.md", "More.\n"),
    "a new page": lambda project: (project / "content/en/robots.md").write_text("# Robots\n"),
    "a dataset": _append("data/deals.csv", "b,1\n"),
    "a template": _append("overrides/partials/yearbook/table.html", "<p></p>\n"),
    "a hook": _append("hooks/pages.py", "# edited\n"),
    "the settings": _append("mkdocs.yml", "copyright: editors\n"),
}


@pytest.mark.parametrize("change", CHANGES.values(), ids=CHANGES.keys())
def test_an_edit_of_a_source_changes_the_key(project: Path, change: Callable[[Path], None]) -> None:
    before = edition_key(project / "mkdocs.yml")
    change(project)
    assert edition_key(project / "mkdocs.yml") != before


@pytest.mark.parametrize(
    ("variable", "value"),
    [("SITE_URL", "https://owner.github.io/yearbook/"), ("SOURCE_DATE_EPOCH", "1780086400")],
)
def test_the_site_address_and_the_date_change_the_key(
    project: Path, monkeypatch: pytest.MonkeyPatch, variable: str, value: str
) -> None:
    before = edition_key(project / "mkdocs.yml")
    monkeypatch.setenv(variable, value)
    assert edition_key(project / "mkdocs.yml") != before


def test_another_version_of_a_library_changes_the_key(
    project: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    before = edition_key(project / "mkdocs.yml")
    installed = tmp_path / "site-packages"
    (installed / "weasyprint-71.0.dist-info").mkdir(parents=True)
    monkeypatch.syspath_prepend(str(installed))
    assert edition_key(project / "mkdocs.yml") != before


def test_the_key_ignores_builds_caches_and_where_the_project_is(
    project: Path, tmp_path: Path
) -> None:
    before = edition_key(project / "mkdocs.yml")
    (project / "site" / "index.html").write_text("<p>built again</p>\n", encoding="utf-8")
    (project / ".cache" / "charts" / "deals.en.json").write_text("{}\n", encoding="utf-8")
    (project / "content" / "en" / ".deals.md.swp").write_text("editor's\n", encoding="utf-8")
    moved = shutil.copytree(project, tmp_path / "elsewhere" / "project")
    assert edition_key(project / "mkdocs.yml") == before
    assert edition_key(moved / "mkdocs.yml") == before


def test_the_cache_is_in_the_cache_dir_unless_the_environment_names_one(
    project: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    assert print_cache_dir(project / "mkdocs.yml") == project / ".cache" / "print"
    # A build passes the caches' folder it has already found (`yearbook.state.cache_dir`).
    caches = tmp_path / "caches"
    assert print_cache_dir(project / "mkdocs.yml", caches) == caches / "print"
    monkeypatch.setenv(PRINT_CACHE_ENV, str(tmp_path / "elsewhere"))
    assert print_cache_dir(project / "mkdocs.yml") == tmp_path / "elsewhere"
    assert print_cache_dir(project / "mkdocs.yml", caches) == tmp_path / "elsewhere"


def test_a_build_finds_only_the_pdfs_printed_for_its_key(tmp_path: Path) -> None:
    cache = tmp_path / "print"
    printed = tmp_path / "printing"
    printed.mkdir()
    (printed / "book-en.pdf").write_bytes(b"%PDF en")
    store_edition(cache, "key-1", {"en": printed / "book-en.pdf"})
    assert cached_edition(cache, "key-1", NAMES) == {"en": cache / "key-1" / "book-en.pdf"}
    assert cached_edition(cache, "key-2", NAMES) == {}
    # A print of the other language adds to the same edition.
    (printed / "book-zh.pdf").write_bytes(b"%PDF zh")
    store_edition(cache, "key-1", {"zh": printed / "book-zh.pdf"})
    assert set(cached_edition(cache, "key-1", NAMES)) == {"zh", "en"}
    # A print of other sources replaces it: one edition is kept.
    (printed / "book-en.pdf").write_bytes(b"%PDF en, edited")
    store_edition(cache, "key-2", {"en": printed / "book-en.pdf"})
    assert sorted(path.name for path in cache.iterdir()) == ["key-2"]
    assert (cache / "key-2" / "book-en.pdf").read_bytes() == b"%PDF en, edited"
