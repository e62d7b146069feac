"""Fonts of the charts, and the copies of Noto Sans CJK SC that static SVGs are measured with.

Measuring text in Debian's 19 MB font collection takes most of an SVG's time. The same faces
cut down to the characters of GB 2312 and the common symbols (`MEASURED`, 3.5 MB a face)
measure twice as fast, with byte-identical SVGs (tests/test_charts.py); a chart with a
character outside them is drawn with the collection (yearbook.charts.svg). `make` saves them
under `.cache/fonts/` while setting up (30 s, once).
"""

import hashlib
import html
import os
import subprocess
import sys
from functools import cache
from pathlib import Path
from typing import Any

FONT = '"Noto Sans CJK SC", "Noto Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif'
"""The build draws with Noto Sans CJK SC; readers' browsers fall back to their own fonts."""
SOURCE = "Noto Sans CJK SC"
MEASURED = "Yearbook Chart Sans SC"
"""The family of the cut-down copies: any other name would find Debian's collection first."""
WEIGHTS = ("regular", "bold")
COVERED = "covered.txt"
"""The characters the cut-down copies have, in their folder."""
# Latin, punctuation, symbols, CJK punctuation and full-width forms, and GB 2312's 6,763 hanzi.
SYMBOLS = ((0x20, 0x24F), (0x2000, 0x22FF), (0x2460, 0x27BF), (0x3000, 0x303F), (0xFF00, 0xFFEF))


@cache
def measuring_fonts(cache_dir: Path) -> Path:
    """The folder of the copied faces, saved first if missing; once per process, as asking
    fontconfig takes 25 ms and `mkdocs serve`'s chart processes would ask at every edit."""
    sources = {weight: _font_file(f"{SOURCE}:{weight}") for weight in WEIGHTS}
    stamp = hashlib.sha256(repr((sorted(sources.items()), SYMBOLS)).encode()).hexdigest()[:12]
    folder = cache_dir / "fonts" / stamp
    for weight, (path, index, _) in sources.items():
        target = folder / f"{MEASURED.replace(' ', '')}-{weight}.otf"
        if not target.exists():
            _save_copy(Path(path), index, target, weight)
    if not (folder / COVERED).exists():
        # A name of its own: `mkdocs serve`'s two chart processes may save the same file at once.
        partial = (folder / COVERED).with_suffix(f".{os.getpid()}.partial")
        partial.write_bytes("".join(sorted(_gb2312())).encode("utf-8"))
        partial.replace(folder / COVERED)
    return folder


@cache
def covered(folder: Path) -> frozenset[str]:
    """The characters the cut-down copies in `folder` have."""
    return frozenset((folder / COVERED).read_text(encoding="utf-8"))


def measured(spec: Any) -> Any:
    """`spec` with `FONT` replaced by the copies' family."""
    if spec == FONT:
        return MEASURED
    if isinstance(spec, dict):
        return {key: measured(item) for key, item in spec.items()}
    if isinstance(spec, list):
        return [measured(item) for item in spec]
    return spec


def with_chart_font(svg: str) -> str:
    """An SVG drawn from a `measured` spec, naming `FONT` again."""
    return svg.replace(
        f'font-family="{html.escape(MEASURED)}"', f'font-family="{html.escape(FONT)}"'
    )


@cache
def _gb2312() -> frozenset[str]:
    characters = {chr(code) for start, end in SYMBOLS for code in range(start, end + 1)}
    for row in range(0xA1, 0xF8):
        for cell in range(0xA1, 0xFF):  # "" for a code GB 2312 leaves unassigned
            characters.update(bytes([row, cell]).decode("gb2312", errors="ignore"))
    return frozenset(characters)


def _font_file(pattern: str) -> tuple[str, int, int]:
    """The file fontconfig picks for `pattern`, the face's index in it, and its size."""
    found = subprocess.run(
        ["fc-match", "--format", "%{file}\n%{index}", pattern],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split("\n")
    return found[0], int(found[1]), Path(found[0]).stat().st_size


def _save_copy(source: Path, index: int, target: Path, weight: str) -> None:
    from fontTools import subset
    from fontTools.ttLib import TTFont

    font = TTFont(source, fontNumber=index)
    # Every glyph, table, name and layout feature those characters use, so that text measures
    # as with the whole face.
    options = subset.Options(layout_features=["*"], name_IDs=["*"], name_languages=["*"])
    options.notdef_outline = options.legacy_kern = options.name_legacy = True
    options.drop_tables = []
    cut = subset.Subsetter(options)
    cut.populate(unicodes=[ord(character) for character in _gb2312()])
    cut.subset(font)
    # By name ID: the family names, the full name, the PostScript name
    names = {1: MEASURED, 16: MEASURED, 4: f"{MEASURED} {weight.title()}"}
    names[6] = f"{MEASURED.replace(' ', '')}-{weight.title()}"
    for record in font["name"].names:
        if record.nameID in names:
            record.string = names[record.nameID]
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(f".{os.getpid()}.partial")
    font.save(partial)
    partial.replace(target)


if __name__ == "__main__":  # python -m yearbook.charts.fonts CACHE_DIR
    print(measuring_fonts(Path(sys.argv[1] if len(sys.argv) > 1 else ".cache")))
