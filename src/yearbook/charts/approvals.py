"""Charts of innovative-drug approvals (`approvals.csv`)."""

import altair as alt
import pandas as pd

from yearbook.charts.model import ChartData, chart_data, enum_colors, enum_label, label, tooltips
from yearbook.data.model import Datasets, text_of
from yearbook.formatting import format_count, format_partial_date, territory_name

COLUMNS = {
    "id": None,
    "drug": "column.drug",
    "approved": "column.approved",
    "market": "column.market",
    "modality": "column.modality",
    "source": "column.source",
}


def approvals_by_year(datasets: Datasets, language: str) -> ChartData:
    """Approvals with a known date, per year, stacked by modality."""
    approvals = datasets["approvals"]
    rows = [row for row in approvals.rows if row["approved"]]
    frame = pd.DataFrame.from_records(
        [
            {
                "id": row["id"],
                "drug": text_of(row, "drug", language),
                "year": row["approved"][:4],
                "approved": format_partial_date(row["approved"], language),
                "market": territory_name(row["market"], language),
                "modality": enum_label(approvals, "modality", row["modality"], language),
                "source": row["source"],
            }
            for row in rows
        ]
    )
    chart = (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            x=alt.X("year:N", title=label(language, "column.year"), axis=alt.Axis(labelAngle=0)),
            y=alt.Y(
                "count():Q", title=label(language, "axis.approvals"), axis=alt.Axis(tickMinStep=1)
            ),
            color=enum_colors(
                approvals, "modality", frame["modality"], "column.modality", language
            ),
            tooltip=tooltips(COLUMNS, language),
        )
    )
    return chart_data(
        language,
        "approvals_by_year",
        chart,
        frame,
        COLUMNS,
        dated=format_count(len(rows), language),
        undated=format_count(len(approvals.rows) - len(rows), language),
    )
