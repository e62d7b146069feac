"""Charts of aggregate indicators (`indicators.csv`)."""

import altair as alt
import pandas as pd

from yearbook.charts import phone
from yearbook.charts.model import USD_AXIS_DIVISOR, ChartData, chart_data, label, tooltips
from yearbook.data.model import Datasets
from yearbook.formatting import format_count, format_period, format_quantity

# The national out-licensing totals: the row of each period whose id is this prefix and the
# period (cn-out-licensing-total-2025-h1), so a period has one bar however many rows report it.
OUT_LICENSING_TOTAL = "cn-out-licensing-total-"
COLUMNS = dict(id=None, period="column.period", value_label="column.total", source="column.source")


def out_licensing_totals(datasets: Datasets, language: str) -> ChartData:
    """Total value of out-licensing deals per reported period, as one series, qualifier kept."""
    rows = sorted(
        (
            row
            for row in datasets["indicators"].rows
            if row["id"] == OUT_LICENSING_TOTAL + row["period"].lower().replace("/", "-")
        ),
        key=lambda row: row["period"],
    )
    frame = pd.DataFrame.from_records(
        [
            {
                "id": row["id"],
                "period": format_period(row["period"], language),
                "value": row["value"] / USD_AXIS_DIVISOR[language],
                "value_label": format_quantity(
                    row["value"], row["unit"], language, row["qualifier"]
                ),
                "source": row["source"],
            }
            for row in rows
        ]
    )
    order = list(frame["period"])
    tooltip = tooltips(COLUMNS, language)
    base = alt.Chart(frame).encode(
        x=alt.X("period:N", sort=order, title=None, axis=alt.Axis(labelAngle=0)),
        y=alt.Y("value:Q", title=label(language, "axis.usd")),
        tooltip=tooltip,
    )
    chart = alt.layer(
        base.mark_bar(color="#0072B2"), base.mark_text(dy=-8).encode(text="value_label:N")
    )
    # On a phone the values above the columns would overlap: a bar a period, under its name.
    on_phone = phone.ranked_bars(frame, "period", ("value", "value_label"), order, tooltip)
    return chart_data(
        language,
        "out_licensing_totals",
        chart,
        frame,
        COLUMNS,
        phone=on_phone,
        periods=format_count(len(frame), language),
        first=frame.iloc[0]["period"],
        last=frame.iloc[-1]["period"],
        value=frame.iloc[-1]["value_label"],
    )
