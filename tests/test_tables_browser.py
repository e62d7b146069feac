"""The datasets' tables in headless Chromium, one load of each page: at 1366 px every table fits
its column; a click on a header sorts by the machine key, a long table's groups of rows (a
<tbody> each) as one, and each row's detail stays under its row; at 360 px each row is a card of
labelled values."""

from __future__ import annotations

from typing import Any

import pytest
from browser_checks import open_tables

pytestmark = pytest.mark.browser

# Long tables are laid out only near the screen (content-visibility): lay them all out to
# measure them as a reader scrolling to each would see it.
LAY_OUT_ALL = ".yearbook-table { content-visibility: visible !important; }"
TOO_WIDE = """() => [...document.querySelectorAll('table[data-yearbook-table]')]
    .map(t => [t.dataset.yearbookTable, t.closest('.md-typeset__scrollwrap') || t.parentElement])
    .filter(([, box]) => box.scrollWidth > box.clientWidth)
    .map(([name, box]) => `${name}: ${box.scrollWidth} px in ${box.clientWidth} px`)"""


@pytest.mark.parametrize(
    ("start", "name"),
    [
        ("/data/deals/", "deals"),
        ("/en/data/deals/", "deals"),
        ("/en/deals/", "deals"),
        ("/en/data/indicators/", "indicators"),  # a long table: rows in groups
    ],
)
def test_tables_fit_sort_and_become_cards(
    browser: Any, site_url: str, start: str, name: str
) -> None:
    table = f'table[data-yearbook-table="{name}"]'
    rows = f"{table} tbody tr:not(.yearbook-detail)"
    page = browser.new_page(viewport={"width": 1366, "height": 900})
    try:
        page.goto(site_url + start)
        open_tables(page)
        page.wait_for_function(f"document.querySelector('{table} th[role=columnheader]')")
        page.add_style_tag(content=LAY_OUT_ALL)
        assert page.evaluate(TOO_WIDE) == []

        headers: list[str] = page.eval_on_selector_all(
            f"{table} thead th", "cells => cells.map(c => c.dataset.sortMethod || '')"
        )
        column = headers.index("number")  # the total value

        def keys() -> list[float]:
            values: list[float] = page.eval_on_selector_all(
                rows, f"rows => rows.map(r => parseFloat(r.cells[{column}].dataset.sort ?? '0'))"
            )
            return values

        def details() -> dict[str, str]:
            pairs: dict[str, str] = page.eval_on_selector_all(
                f"{table} tr.yearbook-detail",
                "rows => Object.fromEntries("
                "rows.map(r => [r.previousElementSibling.id, r.innerHTML]))",
            )
            return pairs

        def groups() -> list[int]:
            sizes: list[int] = page.eval_on_selector_all(
                f"{table} tbody",
                "bodies => bodies.map(b => b.querySelectorAll('tr:not(.yearbook-detail)').length)",
            )
            return sizes

        before = details()
        assert len(before) == len(keys()) > 2
        grouped = groups()
        assert (len(grouped) > 1) == (name == "indicators")
        page.click(f"{table} thead th >> nth={column}")
        ascending = keys()
        assert ascending == sorted(ascending)
        page.click(f"{table} thead th >> nth={column}")
        descending = keys()
        assert descending == sorted(descending, reverse=True)
        assert descending[0] > descending[-1]
        assert details() == before  # each detail still follows its own row
        assert groups() == grouped

        page.set_viewport_size({"width": 360, "height": 800})
        assert page.evaluate(TOO_WIDE) == []
        titles: list[str] = page.eval_on_selector_all(
            f"{table} thead th", "cells => cells.map(c => c.textContent)"
        )
        labels: list[str] = page.eval_on_selector(
            rows,
            """row => [...row.cells].map(c =>
                getComputedStyle(c).display + ' ' + getComputedStyle(c, '::before').content)""",
        )
        assert labels == [f'flow-root "{title}"' for title in titles]
    finally:
        page.close()
