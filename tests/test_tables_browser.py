"""The datasets' tables in headless Chromium: a click on a header sorts by the machine key."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.browser

TABLE = 'table[data-yearbook-table="deals"]'


@pytest.mark.parametrize("start", ["/data/", "/en/data/"])
def test_a_number_column_sorts_by_value_on_header_click(
    browser: Any, site_url: str, start: str
) -> None:
    page = browser.new_page()
    try:
        page.goto(site_url + start)
        page.wait_for_function("() => typeof Tablesort === 'function'")
        headers: list[str] = page.eval_on_selector_all(
            f"{TABLE} thead th", "cells => cells.map(c => c.dataset.sortMethod || '')"
        )
        column = headers.index("number", 1)  # the upfront payment
        column = headers.index("number", column + 1)  # the total value

        def keys() -> list[float]:
            values: list[float] = page.eval_on_selector_all(
                f"{TABLE} tbody tr",
                f"rows => rows.map(r => parseFloat(r.cells[{column}].dataset.sort ?? '0'))",
            )
            return values

        page.click(f"{TABLE} thead th >> nth={column}")
        ascending = keys()
        assert ascending == sorted(ascending)
        page.click(f"{TABLE} thead th >> nth={column}")
        descending = keys()
        assert descending == sorted(descending, reverse=True)
        assert descending[0] > descending[-1]
    finally:
        page.close()
