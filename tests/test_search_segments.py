"""yearbook.cache.search_words: Chinese search words remembered across builds, and the build
hook that uses them (hooks/search.py) over the small fixture yearbook."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

from conftest import build, copy_fixture, without_charts

from yearbook.cache.search_words import SegmentCache, dictionary_key


class Jieba:
    """A stand-in segmenter that counts its calls."""

    def __init__(self) -> None:
        self.calls: list[str] = []

    def __call__(self, text: str) -> str:
        self.calls.append(text)
        return "\u200b".join(text)


def test_a_text_is_segmented_once_and_remembered_by_the_next_build(tmp_path: Path) -> None:
    path = tmp_path / "segments.json"
    first, jieba = SegmentCache(path, "d1"), Jieba()
    segment = first.wrap(jieba)
    assert segment("对外授权") == "对\u200b外\u200b授\u200b权"
    assert segment("对外授权") == "对\u200b外\u200b授\u200b权"
    assert jieba.calls == ["对外授权"] and (first.hits, first.misses) == (1, 1)
    first.save()

    second, jieba = SegmentCache(path, "d1"), Jieba()
    assert second.wrap(jieba)("对外授权") == "对\u200b外\u200b授\u200b权"
    assert jieba.calls == [] and second.hits == 1


def test_another_dictionary_segments_afresh(tmp_path: Path) -> None:
    path = tmp_path / "segments.json"
    first = SegmentCache(path, "d1")
    first.wrap(Jieba())("创新药")
    first.save()
    jieba = Jieba()
    SegmentCache(path, "d2").wrap(jieba)("创新药")
    assert jieba.calls == ["创新药"]


def test_a_build_keeps_only_the_texts_it_used_unless_it_skipped_pages(tmp_path: Path) -> None:
    path = tmp_path / "segments.json"
    first = SegmentCache(path, "d1")
    first.wrap(Jieba())("旧文本")
    first.save()
    second = SegmentCache(path, "d1")
    second.wrap(Jieba())("新文本")
    second.save(every_page=False)  # pages remembered whole may still need the old words
    stored = json.loads(path.read_text(encoding="utf-8"))
    assert sorted(stored["segments"].values()) == ["新\u200b文\u200b本", "旧\u200b文\u200b本"]
    third = SegmentCache(path, "d1")
    third.wrap(Jieba())("新文本")
    third.save()
    stored = json.loads(path.read_text(encoding="utf-8"))
    assert list(stored["segments"].values()) == ["新\u200b文\u200b本"]


def test_an_unreadable_file_means_segmenting_afresh(tmp_path: Path) -> None:
    path = tmp_path / "segments.json"
    path.write_text("{not json", encoding="utf-8")
    jieba = Jieba()
    assert SegmentCache(path, "d1").wrap(jieba)("年鉴") == "年\u200b鉴"
    assert jieba.calls == ["年鉴"]


def test_the_dictionary_key_follows_the_user_dictionary(tmp_path: Path) -> None:
    words = tmp_path / "words.txt"
    words.write_text("对外授权 5\n", encoding="utf-8")
    before = dictionary_key([None, str(words)])
    assert dictionary_key([None, str(words)]) == before
    words.write_text("对外授权 5\n创新药 5\n", encoding="utf-8")
    assert dictionary_key([None, str(words)]) != before
    assert dictionary_key([None, None]) != before


def test_a_rebuild_from_remembered_words_writes_the_same_search_index(tmp_path: Path) -> None:
    yearbook = without_charts(copy_fixture("data_pages", tmp_path))
    indexes = []
    for run in ("cold", "warm"):
        site = tmp_path / f"site-{run}"
        result = build(yearbook / "mkdocs.yml", site)
        assert result.ok, result.log
        indexes.append((site / "search" / "search_index.json").read_bytes())
    segments = json.loads((yearbook / ".cache" / "search" / "segments.json").read_text("utf-8"))
    assert segments["segments"], "the cold build stored the words it cut"
    assert "\u200b" in indexes[0].decode("utf-8"), "Chinese text was segmented"
    assert indexes[1] == indexes[0]
    assert re.search(r"search: [1-9]\d* texts segmented before, 0 now", result.log)


def test_a_rebuild_after_a_page_edit_segments_its_new_text_and_equals_a_clean_build(
    tmp_path: Path,
) -> None:
    yearbook = without_charts(copy_fixture("data_pages", tmp_path))
    first = build(yearbook / "mkdocs.yml", tmp_path / "site-first")
    assert first.ok, first.log
    page = yearbook / "content" / "zh" / "index.md"
    page.write_text(page.read_text("utf-8") + "\n新增一段关于创新药的说明。\n", "utf-8")
    rebuilt = build(yearbook / "mkdocs.yml", tmp_path / "site-rebuilt")
    assert rebuilt.ok, rebuilt.log
    counts = re.search(r"search: (\d+) texts segmented before, (\d+) now", rebuilt.log)
    assert counts and int(counts[1]) > 0 and int(counts[2]) == 1, rebuilt.log
    shutil.rmtree(yearbook / ".cache" / "search")
    clean = build(yearbook / "mkdocs.yml", tmp_path / "site-clean")
    assert clean.ok, clean.log
    index = (tmp_path / "site-rebuilt" / "search" / "search_index.json").read_bytes()
    assert "新增\u200b一段" in index.decode("utf-8")
    assert index == (tmp_path / "site-clean" / "search" / "search_index.json").read_bytes()
