"""What a page's output is keyed by under `mkdocs serve --dirty` (yearbook.cache.outputs).
The whole mechanism, over real rebuilds, is tested in test_incremental_build.py."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from yearbook.cache.outputs import Sessions, SiteKeys, output_key, site_keys, write_if_changed

PAGE = {
    "site": "site-key",
    "src_uri": "zh/deals.md",
    "source": "# 交易\n",
    "reads": {"deals": "a1"},
    "charts": {("deals-by-type", "zh"): "v1"},
}


def _key(**changes: object) -> str:
    page = {**PAGE, **changes}
    return output_key(
        str(page["site"]),
        str(page["src_uri"]),
        str(page["source"]),
        page["reads"],  # type: ignore[arg-type]
        page["charts"],  # type: ignore[arg-type]
    )


@pytest.mark.parametrize(
    "change",
    [
        {"site": "other-site"},
        {"src_uri": "en/deals.md"},
        {"source": "# 交易与合作\n"},
        {"reads": {"deals": "a2"}},
        {"reads": {"deals": "a1", "sources": "s1"}},
        {"charts": {("deals-by-type", "zh"): "v2"}},
        {"charts": {("deals-by-type", "zh"): None}},
        {"charts": {}},
    ],
)
def test_anything_a_page_is_made_from_changes_its_key(change: dict[str, object]) -> None:
    assert _key(**change) != _key()


def test_the_same_inputs_give_the_same_key() -> None:
    assert _key(reads={"deals": "a1"}) == _key()


def test_the_site_keys_follow_settings_published_paths_and_source_bytes(tmp_path: Path) -> None:
    template = tmp_path / "main.html"
    template.write_text("{% block content %}{% endblock %}", encoding="utf-8")

    def keys(url: str = "http://127.0.0.1:8000/", published: str = "zh/index.md ./") -> SiteKeys:
        return site_keys(["cache-key", url], [published], ["zh/companies/cspc.md"], [template])

    before = keys()
    assert before == keys()
    assert before.pages != keys(url="https://example.org/").pages
    assert before.pages != keys(published="zh/index.md zh/").pages
    template.write_text("{% block content %}<hr>{% endblock %}", encoding="utf-8")
    assert before.pages != keys().pages


def test_only_pages_that_may_link_to_entity_pages_depend_on_which_exist() -> None:
    def keys(*entity_pages: str) -> SiteKeys:
        return site_keys(["cache-key"], ["zh/index.md ./"], entity_pages, [])

    before, after = (
        keys("zh/companies/cspc.md"),
        keys("zh/companies/cspc.md", "zh/companies/new.md"),
    )
    chapter = "# 交易\n\n{{ companies:cspc:name }}与阿斯利康达成合作。\n"
    entity_page = "# 石药集团\n\n<!-- yearbook:entity companies/cspc -->\n"
    linking = "# 交易\n\n见[石药集团](companies/cspc.md)。\n"
    assert before.of(chapter) == after.of(chapter)
    assert before.of(entity_page) == after.of(entity_page)
    assert before.of(linking) != after.of(linking)


def test_an_unchanged_text_is_not_written_again(tmp_path: Path) -> None:
    path = write_if_changed(tmp_path / "zh" / "companies" / "cspc.md", "# 石药集团\n")
    os.utime(path, ns=(1_000_000_000, 1_000_000_000))
    write_if_changed(path, "# 石药集团\n")
    assert path.stat().st_mtime_ns == 1_000_000_000
    write_if_changed(path, "# 石药集团控股\n")
    assert path.read_text(encoding="utf-8") == "# 石药集团控股\n"
    assert path.stat().st_mtime_ns > 1_000_000_000


def test_only_dirty_builds_keep_a_session_per_site_folder(tmp_path: Path) -> None:
    assert Sessions.of(str(tmp_path)) is None
    Sessions.dirty = True
    try:
        session = Sessions.of(str(tmp_path))
        assert session is not None
        assert Sessions.of(str(tmp_path / "." / "")) is session
        assert Sessions.of(str(tmp_path / "other")) is not session
        Sessions.forget_all()
        assert Sessions.of(str(tmp_path)) is not session
    finally:
        Sessions.dirty = False
        Sessions.forget_all()
