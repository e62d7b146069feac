"""Charts of robotics events (`robotics_events.csv`)."""

from collections.abc import Mapping
from typing import Any

import altair as alt
import pandas as pd

from yearbook.charts import phone
from yearbook.charts.model import PALETTE, ChartData, chart_data, label, rows_high, tooltips
from yearbook.data.model import Datasets, text_of
from yearbook.formatting import format_count, format_partial_date, undisclosed

COLUMNS = {
    "id": None,
    "event": "column.event",
    "when": "column.start",
    "figures": "column.figures",
    "source": "column.source",
}


def _figures(row: Mapping[str, Any], language: str) -> str:
    parts = []
    for key in ("robots", "teams", "countries"):
        if row.get(key) is not None:
            value = format_count(row[key], language, row.get(f"{key}_qualifier"))
            parts.append(label(language, f"robotics.{key}", value=value))
    return label(language, "robotics.separator").join(parts) or undisclosed(language)


def robotics_timeline(datasets: Datasets, language: str) -> ChartData:
    """The robotics events dated to the month or day, on a timeline, with their key figures."""
    all_rows = datasets["robotics_events"].rows
    dated = sorted(
        (row for row in all_rows if len(row["start"] or "") >= 7), key=lambda r: r["start"]
    )
    frame = pd.DataFrame.from_records(
        [
            {
                "id": row["id"],
                "event": text_of(row, "name", language),
                "start": (row["start"] + "-01-01")[:10],  # the first day it can mean
                "when": format_partial_date(row["start"], language),
                "figures": _figures(row, language),
                "source": row["source"],
            }
            for row in dated
        ]
    )
    days = label(language, "axis.day_format")
    order = list(frame["event"])
    padded = alt.Scale(padding=10)  # no point cut in half at either end
    tooltip = tooltips(COLUMNS, language)
    base = alt.Chart(frame).encode(
        x=alt.X("start:T", title=None, axis=alt.Axis(format=days, tickCount=5), scale=padded),
        y=alt.Y("event:N", sort=order, title=None),
        tooltip=tooltip,
    )
    point: dict[str, Any] = {"filled": True, "size": 120, "color": PALETTE[0]}
    chart = alt.layer(
        base.mark_point(**point),
        base.mark_text(align="left", dx=10).encode(text="figures:N"),
    ).properties(height=rows_high(len(frame)))
    # On a phone each event's name and figures above its point, and fewer dates on the axis.
    events, labels, offset, height = phone.labelled_rows(
        frame.assign(label=frame["event"] + "\n" + frame["figures"]),
        "event",
        "label",
        order,
        tooltip,
    )
    x = alt.X("start:T", title=None, axis=alt.Axis(format=days, tickCount=2), scale=padded)
    points = events.mark_point(**point, yOffset=offset).encode(x=x)
    on_phone = alt.layer(labels, points).properties(height=rows_high(len(frame), height))
    return chart_data(
        language,
        "robotics_timeline",
        chart,
        frame,
        COLUMNS,
        phone=on_phone,
        count=format_count(len(frame), language),
        undated=format_count(len(all_rows) - len(dated), language),
    )
