"""Partial dates: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, each a real calendar date."""

import calendar
import functools
import re

PartialDate = tuple[int, ...]
"""(year,), (year, month) or (year, month, day)."""

_SHAPE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


@functools.lru_cache(maxsize=4096)
def parse_partial_date(text: str) -> PartialDate | str:
    """The date's parts, or an English message saying why `text` is not a partial date."""
    match = _SHAPE.fullmatch(text)
    if match is None:
        return "must be written YYYY, YYYY-MM or YYYY-MM-DD"
    parts = tuple(int(part) for part in match.groups() if part is not None)
    if len(parts) >= 2 and not 1 <= parts[1] <= 12:
        return f"month {parts[1]:02d} does not exist (months are 01 to 12)"
    if len(parts) == 3:
        year, month, day = parts
        days = calendar.monthrange(year, month)[1]
        if not 1 <= day <= days:
            name = calendar.month_name[month]
            return f"is not a real calendar date ({name} {year} has {days} days)"
    return parts


def is_before(later: PartialDate, earlier: PartialDate) -> bool:
    """Whether `later` is certainly before `earlier`: `2025-07` is before `2025-08-14`,
    `2025-08` is not (it may be the same day)."""
    precision = min(len(later), len(earlier))
    return later[:precision] < earlier[:precision]
