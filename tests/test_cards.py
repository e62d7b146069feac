"""A dataset's card as a model, and rendered with autoescape."""

from __future__ import annotations

import jinja2

from yearbook.data.model import Dataset
from yearbook.pages.cards import build_card
from yearbook.pages.fill import render


def test_card_documents_every_column(datasets: dict[str, Dataset]) -> None:
    card = build_card("deals", datasets, "zh", "../downloads/")
    assert card.title == "授权与合作交易"
    assert card.rows == f"{len(datasets['deals'].rows)}行"
    assert [c.name for c in card.columns] == list(datasets["deals"].schema.field_names)
    total = next(c for c in card.columns if c.name == "total_usd_m")
    assert total.type == "数值；单位：百万美元"
    assert [link.href for link in card.downloads] == [
        "../downloads/deals.csv",
        "../downloads/deals.schema.json",
        "../downloads/datapackage.json",
    ]
    english = build_card("deals", datasets, "en", "../../downloads/")
    assert english.title == "Licensing and partnership deals"
    assert "rows" in english.rows


def test_rendering_escapes_text_from_data(
    hostile: dict[str, Dataset], env: jinja2.Environment
) -> None:
    for language in ("zh", "en"):
        card = build_card("companies", hostile, language, "downloads/")
        html = render(env, "dataset.html", card=card, labels=card.labels)
        assert "<script>" not in html
