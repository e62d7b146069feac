"""A chart as readers get it on a page: with its sources, downloads and citation."""

from typing import NamedTuple

import jinja2

from yearbook.charts.downloads import chart_csv_name, chart_svg_name
from yearbook.charts.make import RenderedChart
from yearbook.charts.widths import WIDE
from yearbook.data.model import Datasets
from yearbook.formatting import text
from yearbook.pages.cells import Link, source_link
from yearbook.pages.fill import PagePlace, render

_LABELS = ("data_table", "sources", "download", "download_csv", "download_svg", "cite")


class Figure(NamedTuple):
    chart: RenderedChart
    spec_json: str  # the spec, safe inside a <script> element
    phone_spec_json: str  # the same of the phone layout
    sources: tuple[Link, ...]
    csv_href: str
    svg_href: str
    citation: str
    labels: dict[str, str]
    wide_from: int = WIDE  # the narrowest column, in px, that shows the wide layout (charts.js)


def chart_figure(
    chart: RenderedChart, datasets: Datasets, env: jinja2.Environment, place: PagePlace
) -> str:
    """The HTML of a chart on the page at `place` (its links relative to that page)."""
    language = chart.language
    sources = tuple(
        source_link(datasets["sources"], source, language, place.data_pages)
        for source in chart.sources
    )
    citation = text(
        language,
        "chart.citation",
        title=chart.title,
        yearbook=place.yearbook,
        edition=place.edition,
        url=f"{place.url}#chart-{chart.name}",
        sources=text(language, "chart.citation_separator").join(s.text for s in sources),
    )
    figure = Figure(
        chart=chart,
        spec_json=_in_script(chart.spec),
        phone_spec_json=_in_script(chart.phone_spec),
        sources=sources,
        csv_href=place.chart_downloads + chart_csv_name(chart.name, language),
        svg_href=place.chart_downloads + chart_svg_name(chart.name, language),
        citation=citation,
        labels={key: text(language, f"chart.label.{key}") for key in _LABELS},
    )
    return render(env, "chart.html", figure=figure)


def _in_script(spec: str) -> str:
    # `<` never raw, so no text from the data can close the <script> element
    return spec.replace("<", "\\u003c")
