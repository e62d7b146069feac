"""A chart as readers get it on a page: the model the `chart.html` template renders, and the
placeholder that holds the chart's place in a page until the chart is made."""

import re
from collections.abc import Callable
from dataclasses import dataclass

from yearbook.charts.downloads import chart_csv_name, chart_svg_name
from yearbook.charts.make import RenderedChart
from yearbook.charts.widths import WIDE
from yearbook.data.model import Datasets
from yearbook.formatting import text
from yearbook.pages.cells import DataPages, Link, source_link

_PLACEHOLDER = re.compile(r"<!-- yearbook:figure ([a-z0-9-]+) ([a-z]+) -->")


def figure_placeholder(name: str, language: str) -> str:
    """Where a page wants chart `name` in `language` (see `place_figures`)."""
    return f"<!-- yearbook:figure {name} {language} -->"


def place_figures(html: str, figure: Callable[[str, str], str | None]) -> str:
    """`html` with each chart placeholder replaced by `figure(...)`, unless None (being made)."""
    return _PLACEHOLDER.sub(lambda match: figure(match[1], match[2]) or match[0], html)


def figures_missing(html: str) -> bool:
    return _PLACEHOLDER.search(html) is not None


@dataclass(frozen=True)
class Figure:
    chart: RenderedChart
    spec_json: str
    """The spec, safe inside a <script> element."""
    phone_spec_json: str
    """The same of the phone layout."""
    sources: tuple[Link, ...]
    csv_href: str
    svg_href: str
    citation: str
    labels: dict[str, str]
    wide_from: int = WIDE
    """The narrowest column, in px, that shows the wide layout (charts.js)."""


def build_figure(
    chart: RenderedChart,
    datasets: Datasets,
    *,
    data_pages: DataPages,
    downloads: str,
    page_url: str,
    yearbook: str,
    edition: str,
) -> Figure:
    """Everything around one chart on one page; hrefs are relative to that page."""
    language = chart.language
    sources = tuple(
        source_link(datasets["sources"], source, language, data_pages) for source in chart.sources
    )
    citation = text(
        language,
        "chart.citation",
        title=chart.title,
        yearbook=yearbook,
        edition=edition,
        url=f"{page_url}#chart-{chart.name}",
        sources=text(language, "chart.citation_separator").join(s.text for s in sources),
    )
    labels = {
        key: text(language, f"chart.label.{key}")
        for key in ("data_table", "sources", "download", "download_csv", "download_svg", "cite")
    }
    return Figure(
        chart=chart,
        spec_json=_in_script(chart.spec),
        phone_spec_json=_in_script(chart.phone_spec),
        sources=sources,
        csv_href=f"{downloads}{chart_csv_name(chart.name, language)}",
        svg_href=f"{downloads}{chart_svg_name(chart.name, language)}",
        citation=citation,
        labels=labels,
    )


def _in_script(spec: str) -> str:
    """`spec` safe inside a <script> element: `<` never appears raw, so no text from the data
    can close it."""
    return spec.replace("<", "\\u003c")
