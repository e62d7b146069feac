"""HTML validity: the Nu HTML Checker (vnu.jar, pinned in package.json) over the built site.

One run over the whole site and tests/fixtures/html_validity/, which shows the check failing
(the checker is a Java program: each start costs seconds), errors only. The only errors let
through come from Material's own markup, each matched by its exact message and the exact
markup the checker points at (MATERIAL_MARKUP, with the reason); everything the yearbook
writes must be valid.
"""

from __future__ import annotations

import json
import subprocess
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from conftest import FIXTURES, ROOT

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
# Java's quick compiler only: a run of seconds spends more CPU on the optimising compiler than
# it gains (7.0 -> 3.4 s of CPU for the site, the same messages). Its frames are larger, so
# the checker's schema needs a deeper stack than Java's default.
JAVA_OPTIONS = ("-XX:TieredStopAtLevel=1", "-Xss16m")


@dataclass(frozen=True)
class Error:
    file: str
    """Relative to the folder checked."""
    line: int
    message: str
    markup: str
    """The markup the checker points at."""

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message} [{self.markup}]"


@dataclass(frozen=True)
class Filter:
    message: str
    markup: str

    def matches(self, error: Error) -> bool:
        return error.message == self.message and error.markup == self.markup


_AUTOCOMPLETE = (
    "Attribute “autocomplete” is only allowed when the input type is “color”, “date”, "
    "“datetime-local”, “email”, “hidden”, “month”, “number”, “password”, “range”, “search”, "
    "“tel”, “text”, “time”, “url”, or “week”."
)
MATERIAL_MARKUP = (
    # Material's base.html gives its two hidden checkbox toggles (navigation drawer, search)
    # autocomplete="off" so that Firefox does not bring a page back with the drawer or search
    # open; HTML allows the attribute on text-like inputs only. base.html writes them outside
    # any template block, so no override of ours can drop the attribute.
    Filter(
        _AUTOCOMPLETE,
        '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer"'
        ' autocomplete="off">',
    ),
    Filter(
        _AUTOCOMPLETE,
        '<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search"'
        ' autocomplete="off">',
    ),
    # On a section's first page (`navigation.indexes`: the data chapter), partials/toc.html
    # labels the `__toc` toggle, which partials/nav-item.html writes for every other page but
    # not for a section's index. The label only opens the contents in the phone drawer.
    Filter(
        "The value of the “for” attribute of the “label” element must be the ID of a non-hidden"
        " form control.",
        '<label class="md-nav__title" for="__toc">',
    ),
)


def _markup(path: Path, message: dict[str, Any]) -> str:
    """The source text an error points at, from its first line and column to its last.

    Trimmed: at the edge of the checker's read buffer its span sometimes starts a character
    early, on the indentation (seen on 1 of 264 errors).
    """
    if "lastLine" not in message or not path.is_file():
        return ""
    lines = path.read_text(encoding="utf-8").replace("\r\n", "\n").split("\n")
    first, last = message.get("firstLine", message["lastLine"]), message["lastLine"]
    text = "\n".join(lines[first - 1 : last])
    end = len(text) - len(lines[last - 1]) + message["lastColumn"]
    return text[message.get("firstColumn", 1) - 1 : end].strip()


def vnu_errors(*folders: Path) -> dict[Path, list[Error]]:
    """Every error the Nu HTML Checker finds in the HTML files under each of `folders`, in one
    run (a start of the checker, a Java program, costs seconds). An error of no file under
    one of them is given to each."""
    assert VNU.exists(), f"{VNU} is missing: run `make test`, which installs it (npm ci)"
    options = ["--errors-only", "--skip-non-html", "--format", "json", "--stdout"]
    checker = ["java", *JAVA_OPTIONS, "-jar", str(VNU), *options, "--exit-zero-always"]
    result = subprocess.run(
        [*checker, *map(str, folders)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    found: dict[Path, list[Error]] = {folder: [] for folder in folders}
    for message in json.loads(result.stdout)["messages"]:
        url = message.get("url", "")
        path = Path(urlsplit(url).path) if url.startswith("file:") else None
        under = [folder for folder in folders if path and path.is_relative_to(folder.resolve())]
        for folder in under or folders:
            found[folder].append(
                Error(
                    file=path.relative_to(folder.resolve()).as_posix() if under else url,
                    line=message.get("lastLine", 0),
                    message=message["message"],
                    markup=_markup(path, message) if path else "",
                )
            )
    return found


def triage(errors: list[Error]) -> tuple[list[Error], Counter[Filter]]:
    """The errors no filter matches, and how many each filter let through."""
    used: Counter[Filter] = Counter()
    left = []
    for error in errors:
        match = next((f for f in MATERIAL_MARKUP if f.matches(error)), None)
        if match is None:
            left.append(error)
        else:
            used[match] += 1
    return left, used


BROKEN = FIXTURES / "html_validity"


@pytest.fixture(scope="module")
def checked(site: Path) -> dict[Path, list[Error]]:
    """The yearbook and the broken fixture pages, checked in one run."""
    return vnu_errors(site, BROKEN)


@pytest.fixture(scope="module")
def site_errors(site: Path, checked: dict[Path, list[Error]]) -> list[Error]:
    return checked[site]


def test_the_check_fails_errors_the_yearbook_could_make(checked: dict[Path, list[Error]]) -> None:
    left, used = triage(checked[BROKEN])
    assert {(e.file, e.message) for e in left} == {
        ("broken.html", "Duplicate ID “deal-2026”."),
        ("broken.html", "Stray end tag “span”."),
        ("material_toggles.html", _AUTOCOMPLETE),  # the same mistake in a toggle of ours
    }
    assert [e.markup for e in left if e.file == "material_toggles.html"] == [
        '<input class="yearbook-toggle" type="checkbox" id="yearbook-toggle" autocomplete="off">'
    ]
    assert used == dict.fromkeys(MATERIAL_MARKUP, 1)


def test_every_page_is_valid_html(site: Path, site_errors: list[Error]) -> None:
    left, used = triage(site_errors)
    pages = len(list(site.rglob("*.html")))
    print(f"vnu: {pages} files, {len(site_errors)} errors, {used.total()} filtered (Material)")
    assert not left, f"{len(left)} errors:\n" + "\n".join(str(e) for e in left[:50])


def test_each_filter_is_still_needed(site_errors: list[Error]) -> None:
    # Filters are only for what Material writes: one that matches nothing (Material fixed its
    # markup, or we override it now) is removed, so the list stays short and true.
    _, used = triage(site_errors)
    for material in MATERIAL_MARKUP:
        assert used[material] > 0, f"unused filter: {material}"
