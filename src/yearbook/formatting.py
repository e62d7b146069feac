"""Values from the datasets as readers of each language write them: words around numbers
from the interface catalogues (yearbook/ui/<code>.json, one per language, dotted keys; also the
site's and the print's own strings), digits, compact forms and dates from Babel."""

import datetime
import json
import re
from collections.abc import Mapping
from decimal import Decimal
from functools import cache, lru_cache
from importlib import resources

from babel import Locale
from babel.dates import format_date, format_skeleton
from babel.numbers import format_compact_decimal, format_decimal
from babel.numbers import format_percent as babel_format_percent

from yearbook.data.schema import Field, Scalar, label_key, parse_partial_date

LOCALES: Mapping[str, str] = {"zh": "zh_Hans_CN", "en": "en"}  # for numbers and words
DATE_LOCALES: Mapping[str, str] = {"zh": "zh_Hans_CN", "en": "en_GB"}  # 15 January 2026
MONEY_UNITS = ("usd_m", "cny_m")
QUALIFIERS = (
    "exact", "about", "more-than", "over", "nearly", "up-to", "up-to-about", "within", "at-least"
)  # fmt: skip
WORDED_UNITS = ("rank", "working_days", "multiple")  # 第2位, 30 working days, 2.8倍
FRACTION_UNITS = ("halves", "thirds")
"""Fractions as sources print them, the value counting the parts: 2 thirds is 三分之二 / two
thirds (UI catalogue `fraction.<unit>.<value>`), never converted to a percentage."""
RANKS_IN_WORDS = 10  # as the sources do: 第二位 / second place
_PERIOD_PART = re.compile(r"(?P<year>\d{4})-(?P<part>[HhQq](?:[12]|(?<=[Qq])[34]))")
_DATE_SKELETONS = {1: "y", 2: "yMMMM", 3: "yMMMMd"}
"""By precision (year, month, day); Babel picks each locale's pattern, except the English
day, for which en_GB's skeletons give only `15 Jan 2026`: months are written in full."""
_EN_DAY = "d MMMM y"
_MAX_FRACTION_DIGITS = 6
_CACHED = 8192  # formatted values kept: big tables repeat the same dates and amounts
_MILLION = Decimal(1_000_000)
_TEN_THOUSAND = Decimal(10_000)

Number = float | int | Decimal


@cache
def catalogue(code: str) -> dict[str, str]:
    """The interface strings of one language, e.g. `catalogue("zh")["not_found.home"]`."""
    text = resources.files("yearbook").joinpath("ui", f"{code}.json").read_text("utf-8")
    strings: dict[str, str] = json.loads(text)
    return strings


@cache
def locale(language: str) -> Locale:
    """The Babel locale for numbers in `language` (a code such as `zh`)."""
    if language not in LOCALES:
        raise KeyError(f"no locale for language {language!r}; known: {', '.join(LOCALES)}")
    return Locale.parse(LOCALES[language])


def text(language: str, key: str, **values: object) -> str:
    """The UI string `key` of `language`, with `{placeholders}` filled in."""
    return catalogue(language)[key].format(**values)


def count_text(count: int, key: str, language: str) -> str:
    """`count` things under UI key `key` (`key.one` for the singular)."""
    one = locale(language).plural_form(count) == "one"
    return text(language, f"{key}.one" if one else key, count=format_number(count, language))


def undisclosed(language: str) -> str:
    """What an empty cell says: `未披露` / `undisclosed`."""
    return text(language, "value.undisclosed")


def qualify(value: str, qualifier: str | None, language: str) -> str:
    """`value` with the source's qualifier: zh `超1300亿美元`, en `more than US$130 billion`."""
    if not qualifier or qualifier == "exact":
        return value
    if qualifier not in QUALIFIERS:
        raise ValueError(f"unknown qualifier {qualifier!r}; known: {', '.join(QUALIFIERS)}")
    return text(language, f"qualifier.{qualifier}", value=value)


def format_number(value: Number, language: str) -> str:
    """A plain number with the locale's grouping: en `36,000`, `2.8`."""
    return format_decimal(_decimal(value), locale=locale(language), decimal_quantization=False)


def format_count(value: Number, language: str, qualifier: str | None = None) -> str:
    """A count: en `more than 1,500`; zh as Chinese papers print it, without grouping and in
    万 from ten thousand up: `1500余`, `超3.6万`."""
    if language != "zh":
        return qualify(format_number(value, language), qualifier, language)
    number = _decimal(value)
    if abs(number) >= _TEN_THOUSAND:
        written = format_amount(number, language)
    else:
        written = format_decimal(number, locale=locale(language), group_separator=False)
    return qualify(written, qualifier, language)


def format_percent(value: Number, language: str, qualifier: str | None = None) -> str:
    """A percentage given in percent points (`33.3` → `33.3%`; zh `约33.3%`)."""
    number = babel_format_percent(
        _decimal(value) / 100, locale=locale(language), decimal_quantization=False
    )
    return qualify(number, qualifier, language)


def format_amount(value: Number, language: str) -> str:
    """A large number in the language's own steps: zh `185亿`, `5000万`; en `18.5 billion`."""
    number = _decimal(value)
    if language == "en" and abs(number) < _MILLION:
        return format_number(number, language)  # `500,000`, not `500 thousand`
    return format_compact_decimal(
        number,
        format_type="short" if language == "zh" else "long",
        locale=locale(language),
        fraction_digits=_MAX_FRACTION_DIGITS,  # trailing zeros are dropped: 18.5, not 18.500000
    )


def format_money(millions: Number, unit: str, language: str, qualifier: str | None = None) -> str:
    """Money stored in millions of `unit`: zh `185亿美元`, `33亿元`; en `US$18.5 billion`."""
    if unit not in MONEY_UNITS:
        raise ValueError(f"unknown money unit {unit!r}; known: {', '.join(MONEY_UNITS)}")
    amount = format_amount(_decimal(millions) * _MILLION, language)
    return qualify(text(language, f"money.{unit}", amount=amount), qualifier, language)


@lru_cache(maxsize=_CACHED)
def format_quantity(
    value: Number | None, unit: str | None, language: str, qualifier: str | None = None
) -> str:
    """A number in any unit the datasets use (`rank`: 第二位 / second place, 第12位 / No. 12;
    `thirds`: 三分之一 / one third); `None` is undisclosed."""
    if value is None:
        return undisclosed(language)
    if unit in MONEY_UNITS:
        return format_money(value, unit, language, qualifier)
    if unit == "percent":
        return format_percent(value, language, qualifier)
    if unit in FRACTION_UNITS:
        key = f"fraction.{unit}.{_decimal(value)}"
        if key not in catalogue(language):
            raise ValueError(f"no words for {value} {unit}; add {key} to the UI catalogues")
        return qualify(text(language, key), qualifier, language)
    if unit == "rank" and _decimal(value) in range(1, RANKS_IN_WORDS + 1):
        words = text(language, f"ordinal.{_decimal(value)}")
        return qualify(text(language, "unit.rank.words", value=words), qualifier, language)
    if unit in WORDED_UNITS:
        number = format_number(value, language)
        one = locale(language).plural_form(_decimal(value)) == "one"
        key = f"unit.{unit}.one" if one else f"unit.{unit}"
        return qualify(text(language, key, value=number), qualifier, language)
    if unit not in (None, "count"):
        raise ValueError(f"unknown unit {unit!r}")
    return format_count(value, language, qualifier)


@lru_cache(maxsize=_CACHED)
def format_partial_date(value: str | None, language: str) -> str:
    """`2026` / `2026-01` / `2026-01-15` → zh `2026年` / `2026年1月` / `2026年1月15日`,
    en `2026` / `January 2026` / `15 January 2026`. Empty is undisclosed; a malformed date is
    returned as written."""
    if not value:
        return undisclosed(language)
    parts = parse_partial_date(value)
    if isinstance(parts, str):
        return value
    year, month, day = (*parts, 1, 1)[:3]
    date = datetime.date(year, month, day)
    date_locale = Locale.parse(DATE_LOCALES[language])
    if language == "en" and len(parts) == 3:
        return format_date(date, _EN_DAY, locale=date_locale)
    return format_skeleton(_DATE_SKELETONS[len(parts)], date, locale=date_locale)


@lru_cache(maxsize=_CACHED)
def format_period(value: str | None, language: str) -> str:
    """A partial date, half or quarter (`2025-H1` → `2025年上半年`, `H1 2025`) or an ISO
    interval of those (`2021/2025` → `2021年至2025年`); anything else as written."""
    if not value:
        return undisclosed(language)
    if "/" in value:
        start, _, end = value.partition("/")
        if start and end and "/" not in end:
            start, end = format_period(start, language), format_period(end, language)
            return text(language, "period.interval", start=start, end=end)
        return value
    match = _PERIOD_PART.fullmatch(value)
    if match:
        return text(language, f"period.{match['part'].lower()}", year=match["year"])
    if isinstance(parse_partial_date(value), str):
        return value
    return format_partial_date(value, language)


def format_enum(value: Scalar | None, field: Field, language: str) -> str:
    """An enum value's label in `language` from the schema's `enumLabels` (else the value)."""
    if value is None or value == "":
        return undisclosed(language)
    key = label_key(value)
    labels = field.enum_labels.get(key)
    return labels.get(language, key) if labels else key


def territory_name(code: str, language: str) -> str:
    """A country or region code (`CN`, `EU`) as its name: zh `中国`, en `China`."""
    return str(locale(language).territories.get(code.upper(), code))


def _decimal(value: Number) -> Decimal:
    """The number as an exact decimal (floats via their shortest repr: 33.3, not 33.29999...)."""
    if isinstance(value, Decimal):
        return value
    if isinstance(value, float) and value.is_integer():
        return Decimal(int(value))
    return Decimal(str(value))
