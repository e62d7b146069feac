"""The yearbook's charts, by the name pages use (`<!-- yearbook:chart NAME -->`).

Modules are imported only when a chart is built, so a build whose charts are all cached never
imports Altair.
"""

import importlib
from collections.abc import Callable
from typing import TYPE_CHECKING

from yearbook.data.model import Datasets

if TYPE_CHECKING:
    from yearbook.charts.model import ChartData

CHARTS: dict[str, str] = {
    "deal-value-by-year": "deals:deal_value_by_year",
    "largest-deals": "deals:largest_deals",
    "deals-by-type": "deals:deals_by_type",
    "out-licensing-totals": "indicators:out_licensing_totals",
    "approvals-by-year": "approvals:approvals_by_year",
    "robotics-timeline": "robotics:robotics_timeline",
    "clusters-by-province": "clusters:clusters_by_province",
}
"""Chart name → `module:function` in this package."""


def chart_function(name: str) -> Callable[[Datasets, str], "ChartData"]:
    """The function that draws chart `name` (a key of CHARTS)."""
    module, function = CHARTS[name].split(":")
    chart: Callable[[Datasets, str], ChartData] = getattr(
        importlib.import_module(f"{__name__}.{module}"), function
    )
    return chart
