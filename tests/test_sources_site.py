"""The sources list on the data chapter's first page: every source names every row that cites
it, on the page of the data chapter with that row's table."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
from conftest import ROOT


def _citing_rows() -> dict[str, set[str]]:
    """Source id → links from the data chapter's first page to the rows citing it, read from the
    CSVs: `<dataset>/#<dataset>-<row id>`, or `#sources-<row id>` for the sources on the page."""
    citing: dict[str, set[str]] = {}
    for path in sorted((ROOT / "data").glob("*.csv")):
        with path.open(encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                for source in filter(None, (row.get("source") or "").split(";")):
                    page = "" if path.stem == "sources" else f"{path.stem}/"
                    citing.setdefault(source, set()).add(f"{page}#{path.stem}-{row['id']}")
    return citing


@pytest.mark.parametrize("page", ["data/index.html", "en/data/index.html"])
def test_each_source_lists_the_rows_citing_it(site: Path, page: str) -> None:
    html = (site / page).read_text(encoding="utf-8")
    citing = _citing_rows()
    assert citing
    for source, anchors in citing.items():
        entry = re.search(rf'<li id="source-{re.escape(source)}">(.*?)</details>', html, re.S)
        assert entry, source
        linked = set(re.findall(r'href="([\w/]*#[\w-]+)"', entry[1]))
        assert anchors <= linked, (source, anchors - linked)
