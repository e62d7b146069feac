"""What every chart function returns, and the helpers chart functions share."""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import altair as alt
import pandas as pd
import vl_convert

from yearbook.charts.fonts import FONT
from yearbook.charts.svg import D3_LOCALES
from yearbook.charts.widths import FONT_SIZE
from yearbook.data.model import Dataset, Datasets, text_of
from yearbook.data.schema import split_list
from yearbook.formatting import text

# Deal values are drawn in 亿美元 (100 million) on Chinese pages, US$ billion on English ones.
USD_AXIS_DIVISOR = {"zh": 100, "en": 1000}
# Colour-blind-safe categorical palette (Okabe-Ito), readable on light and dark backgrounds.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#999999"]
LABEL_LIMIT = 240  # pixels an axis label may take before Vega shortens it
TEXT = "currentColor"
"""Chart text and axes take the page's text colour (charts.css), so they follow the palette."""


@dataclass(frozen=True)
class ChartData:
    """A chart in one language: the Altair chart, and what readers get beside it."""

    title: str
    summary: str  # one or two sentences saying what the chart shows, for screen readers and print
    chart: alt.TopLevelMixin
    table: pd.DataFrame
    """Exactly the plotted rows, with headers in the page's language (download + data table)."""
    sources: tuple[str, ...]  # `sources.csv` ids of the plotted rows
    language: str
    phone_chart: alt.TopLevelMixin | None = None
    """The chart laid out for a phone's column (e.g. labels above bars), if not `chart`."""

    def spec(self, validate: bool = False, *, phone: bool = False) -> dict[str, Any]:
        """The chart as a Vega-Lite spec in the yearbook's style, as wide as its container, in
        its wide or `phone` layout; `validate` is for the tests."""
        chart = (self.phone_chart or self.chart) if phone else self.chart
        return styled(chart.to_dict(validate=validate), self.title, self.language, phone=phone)


STEP = 20  # pixels per row of a chart with a row per name (Vega-Lite's default step)


def rows_high(count: int, step: int = STEP) -> int:
    """The height of a chart of `count` rows: in pixels, not as a step, which a chart as wide
    as its container cannot have (Vega-Lite then warns that it drops "fit-y")."""
    return count * step


def label(language: str, key: str, **values: object) -> str:
    """A chart string from the UI catalogue (`chart.<...>` keys)."""
    return text(language, f"chart.{key}", **values)


def company_name(datasets: Datasets, company_id: str | None, language: str) -> str:
    if not company_id:
        return ""
    company = datasets["companies"].by_id.get(company_id, {})
    return text_of(company, "name", language) or company_id


def enum_label(dataset: Dataset, column: str, value: str, language: str) -> str:
    labels = dataset.schema.get_field(column).enum_labels.get(value) or {}
    return str(labels.get(language) or value)


def enum_colors(
    dataset: Dataset, column: str, plotted: pd.Series, title: str, language: str
) -> alt.Color:
    """The `plotted` labels of enumeration `column` coloured, under the legend's `title` (a UI
    key): each value keeps its colour in every chart and in both languages, the palette taken
    in the schema's order of the values."""
    values = dataset.schema.get_field(column).enum_labels
    names = [enum_label(dataset, column, value, language) for value in values]
    colours = {name: PALETTE[number % len(PALETTE)] for number, name in enumerate(names)}
    domain = [name for name in names if name in set(plotted)]
    scale = alt.Scale(domain=domain, range=[colours[name] for name in domain])
    return alt.Color(f"{plotted.name}:N", title=label(language, title), scale=scale)


def tooltips(headers: Mapping[str, str | None], language: str) -> list[alt.Tooltip]:
    """A tooltip line for each labelled column of the plotted table but its sources."""
    return [
        alt.Tooltip(f"{column}:N", title=label(language, key))
        for column, key in headers.items()
        if key is not None and column != "source"
    ]


def chart_data(
    language: str,
    name: str,
    chart: alt.TopLevelMixin,
    frame: pd.DataFrame,
    headers: Mapping[str, str | None],
    rows: Iterable[Mapping[str, Any]] | None = None,
    *,
    phone: alt.TopLevelMixin | None = None,
    summary: str = "summary",
    **values: object,
) -> ChartData:
    """Chart `name` as readers get it: its title and `summary` (UI strings `chart.<name>.*`,
    filled with `values`), the plotted rows with the columns of `headers` headed by the UI
    string of each key (None keeps the column's own name), and the sources `rows` (by default
    the plotted ones) cite."""
    names = {column: label(language, key) if key else column for column, key in headers.items()}
    table = frame[list(headers)].rename(columns=names)
    cited = frame.to_dict("records") if rows is None else rows
    sources = dict.fromkeys(source for row in cited for source in split_list(row.get("source")))
    title, said = label(language, f"{name}.title"), label(language, f"{name}.{summary}", **values)
    return ChartData(title, said, chart, table, tuple(sources), language, phone)


def styled(spec: dict[str, Any], title: str, language: str, *, phone: bool) -> dict[str, Any]:
    """`spec` in the yearbook's style and the language's number and date conventions, set on the
    spec so browser and static SVG agree (Altair's `configure_*` copy the whole chart); no title:
    the page shows it. As wide as its container (a static SVG's width: `draw`); its height is
    its own, so the live chart takes the static one's place without moving what follows."""
    locale = D3_LOCALES[language]
    config = spec.setdefault("config", {})
    texts = dict(labelColor=TEXT, titleColor=TEXT, labelFontSize=FONT_SIZE, titleFontSize=FONT_SIZE)
    config.update(
        font=FONT,
        background="transparent",
        locale={
            "number": vl_convert.get_format_locale(locale),
            "time": vl_convert.get_time_format_locale(locale),
        },
        range={"category": PALETTE},
        # Room for the longest names on one line: Vega cuts longer labels short with "…".
        axis={
            **texts,
            "grid": False,
            "labelLimit": LABEL_LIMIT,
            "domainColor": TEXT,
            "tickColor": TEXT,
            # Chinese text's line box is 1.45 em high: room for it between labels and title.
            "titlePadding": 8,
        },
        # On a phone one entry a line: a row of them would not fit.
        legend={
            **texts,
            "orient": "bottom",
            "rowPadding": 6,
            "columnPadding": 12,
            **({"direction": "vertical"} if phone else {}),
        },
        text={"color": TEXT, "fontSize": FONT_SIZE},
        bar={"color": PALETTE[0]},
    )
    config["view"] = {**config.get("view", {}), "stroke": None}
    spec["width"] = "container"
    spec["autosize"] = {"type": "fit-x", "contains": "padding"}
    spec["description"] = title
    return spec
