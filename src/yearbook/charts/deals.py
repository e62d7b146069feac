"""Charts of the licensing and partnership deals (`deals.csv`)."""

from collections import Counter

import altair as alt
import pandas as pd

from yearbook.charts import phone
from yearbook.charts.model import (
    LABEL_LIMIT,
    USD_AXIS_DIVISOR,
    ChartData,
    chart_data,
    company_name,
    enum_colors,
    enum_label,
    label,
    rows_high,
    tooltips,
)
from yearbook.charts.widths import WIDE
from yearbook.data.model import Datasets
from yearbook.formatting import format_count, format_quantity, undisclosed

# Charts of individual deals share their table: one row per plotted deal.
DEAL_COLUMNS: dict[str, str | None] = {
    "id": None,
    "year": "column.year",
    "deal": "column.deal",
    "type": "column.deal_type",
    "total_label": "column.total",
    "upfront_label": "column.upfront",
    "source": "column.source",
}


def _disclosed_deals(datasets: Datasets, language: str) -> pd.DataFrame:
    """One row per deal with a disclosed total: who, when, how much, and the qualifier."""
    records, deals = [], datasets["deals"]
    for row in deals.rows:
        if row["total_usd_m"] is None:
            continue
        records.append(
            {
                "id": row["id"],
                "deal": label(
                    language,
                    "deal.parties",
                    licensor=company_name(datasets, row["licensor"], language),
                    partner=company_name(datasets, row["partner"], language),
                ),
                "year": (row["announced"] or "")[:4] or undisclosed(language),
                "type": enum_label(deals, "deal_type", row["deal_type"], language),
                "total": row["total_usd_m"] / USD_AXIS_DIVISOR[language],
                "total_label": format_quantity(
                    row["total_usd_m"], "usd_m", language, row["value_qualifier"]
                ),
                "upfront_label": format_quantity(row["upfront_usd_m"], "usd_m", language),
                "qualifier": enum_label(
                    deals, "value_qualifier", row["value_qualifier"] or "exact", language
                ),
                "source": row["source"],
            }
        )
    return pd.DataFrame.from_records(records)


def _tooltips(language: str, *columns: str) -> list[alt.Tooltip]:
    return tooltips({column: DEAL_COLUMNS[column] for column in columns}, language)


def deal_value_by_year(datasets: Datasets, language: str) -> ChartData:
    """Disclosed deal totals per year, one stacked segment per deal, qualifier visible."""
    frame = _disclosed_deals(datasets, language)
    qualifiers = enum_colors(
        datasets["deals"], "value_qualifier", frame["qualifier"], "legend.qualifier", language
    )
    chart = (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            x=alt.X("year:N", title=label(language, "column.year"), axis=alt.Axis(labelAngle=0)),
            y=alt.Y("sum(total):Q", title=label(language, "axis.usd")),
            color=qualifiers,
            detail="deal:N",
            tooltip=_tooltips(language, "deal", "total_label", "upfront_label"),
        )
    )
    years = frame.groupby("year")["total"].sum()
    upfronts = int((frame["upfront_label"] != undisclosed(language)).sum())
    return chart_data(
        language,
        "deal_value_by_year",
        chart,
        frame,
        DEAL_COLUMNS,
        deals=format_count(len(frame), language),
        years=format_count(len(years), language),
        upfronts=format_count(upfronts, language),
    )


ARROW = " → "  # between licensor and partner in a deal's label (UI string `chart.deal.parties`)
TWO_LINES = (
    f"indexof(datum.label, '{ARROW}') < 0 ? datum.label : "
    f"[split(datum.label, '{ARROW}')[0] + ' →', split(datum.label, '{ARROW}')[1]]"
)
"""Vega expression: an axis label `licensor → partner` as the lines `licensor →`, `partner`."""
LARGEST = 10  # how many deals the ranking shows at most
ROW_HEIGHT = 44  # pixels per deal: room for its two-line label


def largest_deals(datasets: Datasets, language: str) -> ChartData:
    """The LARGEST deals by disclosed total, labelled licensor → partner with the qualifier;
    on a phone each deal's name above its bar."""
    disclosed = _disclosed_deals(datasets, language).sort_values("total", ascending=False)
    frame = disclosed.head(LARGEST)
    order = list(frame["deal"])
    tooltip = _tooltips(language, "deal", "type", "total_label", "year")
    color = enum_colors(datasets["deals"], "deal_type", frame["type"], "column.deal_type", language)
    # Room after the longest bars for their values, beside the deals' names.
    top = phone.room_for(list(frame["total"]), list(frame["total_label"]), WIDE - LABEL_LIMIT)
    base = alt.Chart(frame).encode(
        # Licensor → partner on two lines (`→` ends the first), so long names are not cut.
        y=alt.Y("deal:N", sort=order, title=None, axis=alt.Axis(labelExpr=TWO_LINES)),
        x=alt.X("total:Q", title=label(language, "axis.usd"), scale=alt.Scale(domain=[0, top])),
        tooltip=tooltip,
    )
    bars = base.mark_bar().encode(color=color)
    values = base.mark_text(align="left", dx=4).encode(text="total_label:N")
    chart = alt.layer(bars, values).properties(height=rows_high(len(frame), ROW_HEIGHT))
    return chart_data(
        language,
        "largest_deals",
        chart,
        frame,
        DEAL_COLUMNS,
        phone=phone.ranked_bars(frame, "deal", ("total", "total_label"), order, tooltip, color),
        summary="summary" if len(disclosed) <= LARGEST else "summary_top",
        count=format_count(len(disclosed), language),
        shown=format_count(len(frame), language),
        deal=frame.iloc[0]["deal"],
        value=frame.iloc[0]["total_label"],
    )


def deals_by_type(datasets: Datasets, language: str) -> ChartData:
    """How many deals of each model: out-licence, NewCo, co-development, strategic, other."""
    deals = datasets["deals"]
    counts = Counter(row["deal_type"] for row in deals.rows)
    frame = pd.DataFrame.from_records(
        [
            {"type": enum_label(deals, "deal_type", deal_type, language), "deals": count}
            for deal_type, count in counts.most_common()
        ]
    )
    base = alt.Chart(frame).encode(
        y=alt.Y("type:N", sort=list(frame["type"]), title=None),
        x=alt.X("deals:Q", title=label(language, "axis.deals"), axis=alt.Axis(tickMinStep=1)),
        tooltip=[
            alt.Tooltip("type:N", title=label(language, "column.deal_type")),
            alt.Tooltip("deals:Q", title=label(language, "axis.deals")),
        ],
    )
    chart = alt.layer(
        base.mark_bar(), base.mark_text(align="left", dx=4).encode(text="deals:Q")
    ).properties(height=rows_high(len(frame)))
    return chart_data(
        language,
        "deals_by_type",
        chart,
        frame,
        {"type": "column.deal_type", "deals": "axis.deals"},
        deals.rows,
        count=format_count(len(deals.rows), language),
        types=format_count(len(counts), language),
    )
