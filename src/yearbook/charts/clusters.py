"""Charts of industrial clusters (`clusters.csv`)."""

import altair as alt
import pandas as pd

from yearbook.charts.model import (
    ChartData,
    chart_data,
    enum_colors,
    enum_label,
    label,
    rows_high,
    tooltips,
)
from yearbook.data.model import Datasets, text_of
from yearbook.formatting import format_count, territory_name

COLUMNS = {
    "id": None,
    "cluster": "column.cluster",
    "region": "column.region",
    "industry": "column.industry",
    "source": "column.source",
}


def clusters_by_province(datasets: Datasets, language: str) -> ChartData:
    """Clusters per province (or country, abroad), ranked, coloured by industry."""
    clusters = datasets["clusters"]
    frame = pd.DataFrame.from_records(
        [
            {
                "id": row["id"],
                "cluster": text_of(row, "name", language),
                "region": text_of(row, "province", language)
                or territory_name(row["country"], language),
                "industry": enum_label(clusters, "industry", row["industry"], language),
                "source": row["source"],
            }
            for row in clusters.rows
        ]
    )
    order = list(frame["region"].value_counts().index)
    chart = (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            y=alt.Y("region:N", sort=order, title=None),
            x=alt.X(
                "count():Q", title=label(language, "axis.clusters"), axis=alt.Axis(tickMinStep=1)
            ),
            color=enum_colors(clusters, "industry", frame["industry"], "column.industry", language),
            tooltip=tooltips(COLUMNS, language),
        )
        .properties(height=rows_high(len(order)))
    )
    return chart_data(
        language,
        "clusters_by_province",
        chart,
        frame,
        COLUMNS,
        count=format_count(len(frame), language),
        regions=format_count(len(order), language),
        top=order[0],
    )
