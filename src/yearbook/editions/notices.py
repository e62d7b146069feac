"""A frozen edition's corrections, published in it by `yearbook site`: a dated notice on every
page that showed a corrected cell (shown.py) and on its twins; the list on the edition's
corrections page; and in its downloads, the corrections as CSV, a changelog and the data
package's version counted up (2026.1.0). Nothing else of the edition changes."""

import json
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, NamedTuple

import jinja2
from markupsafe import Markup

from yearbook.data.downloads import FOLDER as DOWNLOADS
from yearbook.data.downloads import csv_text, resource, with_bom, write_json
from yearbook.data.model import SOURCES, Dataset, localized, text_of
from yearbook.editions.corrections import COLUMNS, SOURCE, Correction
from yearbook.editions.settings import site_pages
from yearbook.formatting import catalogue, format_partial_date, text
from yearbook.pages.cells import ON_THIS_PAGE, format_cell, source_link
from yearbook.site.language_parts import mark_language_of_parts
from yearbook.site.languages import Language, language_at

TEMPLATES = jinja2.Environment(loader=jinja2.PackageLoader("yearbook.editions"), autoescape=True)
_AFTER_TITLE = re.compile(r"(<article\b.*?</h1>)()", re.DOTALL)
_LIST = re.compile(r'(<div class="yearbook-corrections">).*?(</div>)', re.DOTALL)
PAGE = "corrections/"
_UNIT = re.compile("\\s*[(\uff08][^()\uff08\uff09]*[)\uff09]$")  # a title's (unit): values carry it


class Snapshots(NamedTuple):  # what a notice quotes
    frozen: Mapping[str, Dataset]  # the edition's datasets as frozen
    corrected: Mapping[str, Dataset]  # and as corrected
    today: Mapping[str, Dataset]  # the current edition's, for sources cited since


def _entry(c: Correction, language: str, data: Snapshots) -> dict[str, Any]:
    """What a notice and the list say of `c` in `language`."""
    dataset, column = data.frozen[c.dataset], c.column
    if column.endswith("qualifier"):  # a qualifier's change shows in the number it qualifies
        numbers = (column.removesuffix("qualifier").rstrip("_") or "value", "value", "total_usd_m")
        column = next((name for name in numbers if name in dataset.schema.by_name), column)
    field = dataset.schema.by_name.get(column)
    was_row, is_row = dataset.by_id[c.row], data.corrected[c.dataset].by_id[c.row]
    names = (text_of(was_row, key, language) for key in ("name", "metric", "asset"))
    subject = next((name for name in names if name), c.row)
    if field is not None and field.name != "value":  # an indicator's value is its metric
        title = _UNIT.sub("", localized(field.title, field.title_zh, language))
        subject = text(language, "correction.what", subject=subject, field=title)
    return {
        "id": c.id,
        "title": text(language, "correction.title", date=format_partial_date(c.date, language)),
        "text": text(
            language,
            "correction.text",
            what=subject,
            was=format_cell(dataset.schema, field, was_row, language) if field else c.was,
            now=format_cell(dataset.schema, field, is_row, language) if field else c.is_,
        ),
        "why": c.why_zh if language == "zh" else " " + c.why_en,  # no space between Chinese
        "sources": text(
            language,
            "correction.sources",
            sources=text(language, "value.list_separator").join(
                source_link(data.today[SOURCES], source, language, ON_THIS_PAGE).text
                for source in c.sources
            ),
        ),
    }


def publish_corrections(
    site: Path,
    corrections: Sequence[Correction],
    shown: Mapping[str, Sequence[str]],
    data: Snapshots,
    languages: Sequence[Language],
) -> None:
    """`corrections` (of the edition in `site`) published in it."""
    pages = set(site_pages(site))
    shown_on = {}  # the pages that showed each correction's cell, and their twins
    for c in corrections:
        bases = {p.removeprefix(language_at(p, languages).url_prefix) for p in shown[c.id]}
        shown_on[c.id] = sorted({lang.url_prefix + b for b in bases for lang in languages} & pages)
    notice = TEMPLATES.get_template("correction.html")
    for page in sorted(set().union(*shown_on.values())):
        language = language_at(page, languages)
        listed = language.url_prefix + PAGE
        link = "../" * page.count("/") + listed if listed in pages else ""
        notices = (
            notice.render(c=_entry(c, language.code, data), list=link, ui=catalogue(language.code))
            for c in corrections
            if page in shown_on[c.id]
        )
        found = mark_language_of_parts("\n".join(notices), language.code)
        missing = "no <h1> in its <article> to put the correction after"
        _fill(site / page / "index.html", _AFTER_TITLE, found, missing)
    for language in languages:
        page = language.url_prefix + PAGE
        if page not in pages:
            continue
        entries = []
        for c in corrections:
            here = [p for p in shown_on[c.id] if language_at(p, languages) == language]
            up = "../" * page.count("/")
            titled = [{"href": up + p, "title": _title(site / p / "index.html")} for p in here]
            entries.append(_entry(c, language.code, data) | {"pages": titled})
        listing = TEMPLATES.get_template("corrections.html")
        found = listing.render(corrections=entries, ui=catalogue(language.code))
        found = mark_language_of_parts(found, language.code)
        _fill(site / page / "index.html", _LIST, found, "no list of corrections to fill")
    _downloads(site, corrections, data, languages)


def _downloads(
    site: Path, corrections: Sequence[Correction], data: Snapshots, languages: Sequence[Language]
) -> None:
    """The corrections CSV and changelog, and the data package's new version, in downloads/."""
    folder = site / DOWNLOADS
    rows = [[*c[1:11], ";".join(c.sources)] for c in corrections]  # as corrections.csv has it
    (folder / "corrections.csv").write_bytes(with_bom(csv_text([[*COLUMNS, SOURCE], *rows])))
    lines = ["# Changelog", ""]
    for day in sorted({c.date for c in corrections}, reverse=True):
        lines += [f"## {day}", ""]
        for c in (c for c in corrections if c.date == day):
            for language in languages:
                entry = _entry(c, language.code, data)
                lines.append(f"- {entry['title']} {entry['text']}{entry['why']}")
        lines.append("")
    (folder / "CHANGELOG.md").write_text("\n".join(lines), encoding="utf-8")
    package: dict[str, Any] = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    edition = str(package.get("version", "0")).split(".")[0]
    package["version"] = f"{edition}.{len({c.date for c in corrections})}.0"
    fields = [{"name": name, "type": "string"} for name in (*COLUMNS, SOURCE)]
    listed = resource("corrections", {"fields": fields, "primaryKey": ["id"]})
    kept = [entry for entry in package["resources"] if entry["name"] != "corrections"]
    package["resources"] = [*kept, listed | {"encoding": "utf-8-sig"}]
    write_json(folder / "datapackage.json", package)


def _fill(path: Path, where: re.Pattern[str], filled: str, missing: str) -> None:
    """`filled` put in the page at `path` between the two groups of `where`."""
    page_html = path.read_text(encoding="utf-8")
    found = where.search(page_html)
    if found is None:
        raise ValueError(f"{path}: {missing}")
    path.write_text(page_html[: found.end(1)] + filled + page_html[found.start(2) :], "utf-8")


def _title(path: Path) -> str:
    found = re.search(r"<h1[^>]*>(.*?)</h1>", path.read_text(encoding="utf-8"), re.DOTALL)
    return Markup(found[1]).striptags().strip(" ¶") if found else path.parent.name
