"""A chart's static SVG, drawn at build time by vl-convert with the language's number and date
formats, its text measured with the chart font (yearbook.charts.fonts)."""

import json
import subprocess
from functools import cache, lru_cache
from pathlib import Path
from typing import Any, Literal

from yearbook.charts.fonts import covered, measured, with_chart_font

D3_LOCALES: dict[str, Literal["zh-CN", "en-US"]] = {"zh": "zh-CN", "en": "en-US"}
"""d3 number and time locales (Vega's format locale), shipped with vl-convert."""


class MissingFontError(RuntimeError):
    """No Chinese font on the machine: static SVGs would show boxes instead of Chinese."""


@cache
def require_cjk_font() -> None:
    """Stop before drawing a chart whose Chinese text would come out as boxes."""
    try:
        fonts = subprocess.run(
            ["fc-list", ":lang=zh", "family"], capture_output=True, text=True, check=False
        ).stdout
    except FileNotFoundError:
        fonts = ""
    if "CJK SC" not in fonts:
        raise MissingFontError(
            "charts need the Noto Sans CJK SC font for their Chinese text: run `make build`"
            " (installs it), or `sudo apt-get install fonts-noto-cjk`"
        )


def static_svg(spec: dict[str, Any], language: str, fonts: Path) -> str:
    """The chart as SVG, its text measured with the cut-down copies of Noto Sans CJK SC in
    `fonts`; or with Debian's collection, if the chart's text (what it was given, what it
    wrote) has a character the copies lack."""
    require_cjk_font()
    drawn = _drawn(_json(measured(spec)), language, fonts)
    if not set(_json(spec) + drawn) <= covered(fonts):
        drawn = _drawn(_json(spec), language, fonts)
    return drawn


def _json(spec: dict[str, Any]) -> str:
    return json.dumps(spec, ensure_ascii=False, sort_keys=True)


@lru_cache(maxsize=64)
def _drawn(spec: str, language: str, fonts: Path) -> str:
    # Remembered in the chart process, which `mkdocs serve` keeps: after a data edit, a chart
    # whose plotted data is unchanged is not drawn again. 64 drawings are a few MB.
    import vl_convert

    _register_fonts(fonts)
    svg: str = vl_convert.vegalite_to_svg(
        spec, format_locale=D3_LOCALES[language], time_format_locale=D3_LOCALES[language]
    )
    return with_chart_font(svg)


@cache
def _register_fonts(folder: Path) -> None:
    import vl_convert

    vl_convert.register_font_directory(str(folder))
