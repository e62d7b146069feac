"""Layouts for a phone's column: a bar's or a point's label on lines of its own above it, as
wide as the chart, instead of an axis label beside it that leaves the plot too little room;
values printed after the bars, with room made for them on the value scale."""

import unicodedata
from collections.abc import Iterable, Sequence

import altair as alt
import pandas as pd

from yearbook.charts.model import rows_high
from yearbook.charts.widths import FONT_SIZE, PHONE

LINE = FONT_SIZE + 3
"""Pixels per line of a label."""
MARK = 14
"""Height of a bar, or room for a point, below its label."""
PLOT = PHONE - 10
"""Pixels of a phone chart's plot, inside Vega's padding (5 px each side)."""


def text_width(text: str) -> float:
    """About how many px `text` takes in the chart font: Chinese characters one em, others
    half an em (Noto Sans' Latin text averages a little less)."""
    wide = sum(unicodedata.east_asian_width(char) in "WF" for char in text)
    return FONT_SIZE * (wide + 0.5 * (len(text) - wide))


def wrapped(text: str, width: float = PLOT) -> list[str]:
    """`text` in lines of at most about `width` px, broken at its line breaks and after a space
    (or, in Chinese text without spaces, between characters)."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for part in _breakable(paragraph):
            if line and text_width(line + part.rstrip()) > width:
                lines.append(line.rstrip())
                line = part.lstrip()
            else:
                line += part
        lines.append(line.rstrip())
    return lines


def _breakable(text: str) -> Iterable[str]:
    """`text` in the pieces a line may break after: words with their space, or characters."""
    word = ""
    for char in text:
        word += char
        if char == " " or unicodedata.east_asian_width(char) in "WF":
            yield word
            word = ""
    if word:
        yield word


def step(lines: int) -> int:
    """Pixels per row: its label's `lines`, then its bar (or point), then a gap."""
    return 4 + lines * LINE + 2 + MARK + 10


def room_for(values: Sequence[float], labels: Sequence[str], width: float = PLOT) -> float:
    """The top of a value scale that leaves room after every bar for its printed value."""
    needed = [
        value * width / max(width - text_width(label) - 8, width / 4)
        for value, label in zip(values, labels, strict=True)
    ]
    return max(needed, default=1.0) or 1.0


def labelled_rows(
    frame: pd.DataFrame, row: str, label: str, order: list[str], tooltip: list[alt.Tooltip]
) -> tuple[alt.Chart, alt.Chart, int, int]:
    """The base chart of one row per `row` value, each labelled above with the lines of the
    `label` column wrapped to the chart's width; the label layer; the offset of each row's bar
    or point from the row's middle; and the height of a row."""
    lines = frame[label].map(wrapped)
    most = int(lines.map(len).max())
    # Each label ends just above its own bar or point, however many lines it has: shorter ones
    # start with empty lines.
    lines = lines.map(lambda these: [""] * (most - len(these)) + these)
    height = step(most)
    base = alt.Chart(frame.assign(label_lines=lines)).encode(
        y=alt.Y(f"{row}:N", sort=order, title=None, axis=None), tooltip=tooltip
    )
    offset = 4 + most * LINE + 2 + MARK // 2 - height // 2  # the mark, below its label
    labels = base.mark_text(  # the label, 4 px below the row's top
        align="left", baseline="top", dy=4 - height // 2, lineHeight=LINE
    ).encode(x=alt.value(0), text="label_lines:N")
    return base, labels, offset, height


def ranked_bars(
    frame: pd.DataFrame,
    row: str,
    values: tuple[str, str],
    order: list[str],
    tooltip: list[alt.Tooltip],
    color: alt.Color | None = None,
) -> alt.TopLevelMixin:
    """Bars of the first column of `values`, one a row, each under its `row` name and followed
    by its value as printed (the second column); no axes: every value is printed."""
    value, value_label = values
    base, labels, offset, height = labelled_rows(frame, row, row, order, tooltip)
    top = room_for(list(frame[value]), list(frame[value_label]))
    x = alt.X(f"{value}:Q", title=None, axis=None, scale=alt.Scale(domain=[0, top], nice=False))
    bars = base.mark_bar(height=MARK, yOffset=offset).encode(x=x)
    if color is not None:
        bars = bars.encode(color=color)
    printed = base.mark_text(align="left", baseline="middle", dx=4, dy=offset).encode(
        x=x, text=f"{value_label}:N"
    )
    return alt.layer(labels, bars, printed).properties(height=rows_high(len(frame), height))
