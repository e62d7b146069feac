"""Every link of the built site leads somewhere: lychee, offline, over both languages, on the
site as `make build` makes it (no print edition) and as `make pdf` does (with it): every href
and src of every page (the scripts' too) must be a file of that same build.

MkDocs' `validation:` settings check the links written in Markdown; the pages and markup that
hooks make (entity pages, tables, chart source lines, downloads, the language selector, the
404 pages) are checked here, in the built HTML, including `#anchors`. Links to the site's own
absolute URL (`site_url`: canonical and hreflang links, the 404 pages) are mapped back onto the
built files; links to other hosts are listed, never fetched.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from conftest import FIXTURES

LYCHEE = Path(sys.executable).parent / "lychee"
SITE_URL = "http://127.0.0.1:8000/"
"""`site_url` of the test builds (mkdocs.yml's default, and the fixtures')."""


@dataclass(frozen=True)
class BrokenLink:
    page: str
    """The page holding the link, relative to the site root (`en/deals/index.html`)."""
    line: int
    target: str
    """Where the link leads, relative to the site root (`en/data#deals`), or as written."""
    reason: str

    def __str__(self) -> str:
        return f"{self.page}:{self.line}: {self.target}: {self.reason}"


@dataclass(frozen=True)
class LinkReport:
    pages: int
    links: int
    broken: tuple[BrokenLink, ...]
    external: tuple[str, ...]
    """Links to other hosts, sorted and unique: listed, not fetched."""
    seconds: float


def check_links(site: Path, site_url: str = SITE_URL) -> LinkReport:
    """Check every link and anchor in the HTML pages under `site` with lychee, offline."""
    site = site.resolve()
    with tempfile.TemporaryDirectory() as scratch:
        output = Path(scratch, "lychee.json")
        command = [
            str(LYCHEE),
            "--offline",
            "--include-fragments",
            # lychee counts <script> as verbatim text and skips its src unless told: the
            # scripts each page loads are files of the build too.
            "--include-verbatim",
            "--index-files",
            "index.html",
            "--root-dir",
            str(site),
            # Absolute links to the site itself are checked against the built files.
            "--remap",
            f"^{re.escape(site_url)}(.*) {site.as_uri()}/$1",
            "--no-ignore",  # a .gitignore above the site must not hide pages
            "--no-progress",
            "--format",
            "json",
            "--output",
            str(output),
            f"{site}/**/*.html",
        ]
        started = time.perf_counter()
        result = subprocess.run(command, capture_output=True, text=True, check=False)
        seconds = time.perf_counter() - started
        if result.returncode not in (0, 2) or not output.exists():  # 2: broken links found
            raise RuntimeError(f"lychee failed ({result.returncode}):\n{result.stderr}")
        report = json.loads(output.read_text(encoding="utf-8"))
    broken = tuple(
        sorted(
            (
                BrokenLink(
                    _shown(site, page),
                    int((entry.get("span") or {}).get("line") or 0),
                    _shown(site, entry["url"]),
                    entry["status"]["text"],
                )
                for page, entries in report["error_map"].items()
                for entry in entries
            ),
            key=lambda link: (link.page, link.line, link.target),
        )
    )
    external = sorted(
        {
            entry["url"]
            for entries in report["excluded_map"].values()
            for entry in entries
            if urlsplit(entry["url"]).scheme in ("http", "https")
        }
    )
    pages = sum(1 for _ in site.rglob("*.html"))
    return LinkReport(pages, int(report["total"]), broken, tuple(external), seconds)


def _shown(site: Path, location: str) -> str:
    """A page path or a `file://` link as a path below the site root; anything else as is."""
    parts = urlsplit(location)
    path = unquote(parts.path) if parts.scheme == "file" else location
    root = f"{site}/"
    if not path.startswith(root):
        return location
    return path.removeprefix(root) + (f"#{parts.fragment}" if parts.fragment else "")


def describe(report: LinkReport) -> str:
    lines = [
        f"{report.pages} pages, {report.links} links, {len(report.broken)} broken,"
        f" {len(report.external)} external (not fetched), {report.seconds:.1f} s"
    ]
    lines += [f"  broken: {link}" for link in report.broken]
    lines += [f"  external: {url}" for url in report.external]
    return "\n".join(lines)


@pytest.mark.parametrize("build", ["site", "published_site"])
def test_no_broken_link_or_anchor_in_either_language(
    build: str, request: pytest.FixtureRequest
) -> None:
    """Every href and src of every page leads to a file of the same build: the site as
    `make build` makes it (no print edition, so no page links one) and as `make pdf` does."""
    built: Path = request.getfixturevalue(build)
    report = check_links(built)
    print(describe(report))  # shown with `pytest -rP`: the external links, the counts
    report_file = built.parent / f"link-report-{build}.txt"
    report_file.write_text(describe(report) + "\n", encoding="utf-8")
    assert report.pages > 100  # both languages, entity pages and the 404 pages
    assert report.broken == (), describe(report)


def test_the_check_fails_on_broken_links_and_names_them() -> None:
    report = check_links(FIXTURES / "links")
    assert {(link.page, link.target) for link in report.broken} == {
        ("index.html", "missing"),
        ("index.html", "guide#uninstall"),
        ("index.html", "guide/#upgrade"),
    }
    assert all(link.reason for link in report.broken)
    assert report.external == ("https://example.org/reference",)
    assert "index.html:14: missing: File not found" in describe(report)


def test_the_check_reaches_generated_pages_absolute_links_and_files(
    published_site: Path, tmp_path: Path
) -> None:
    """Break the built yearbook's targets, not its links: every kind of link leading there,
    from hook-made pages too, and every file a page loads or offers, must be reported."""
    copy = tmp_path / "site"
    shutil.copytree(published_site, copy, copy_function=os.link)  # hard links: never written
    data_page = copy / "en" / "data" / "index.html"
    html = data_page.read_text(encoding="utf-8")
    data_page.unlink()  # a file of its own, not the shared one
    data_page.write_text(html.replace('id="source-xinhua-2026-05-27"', 'id="moved"'), "utf-8")
    shutil.rmtree(copy / "en" / "companies" / "astrazeneca")
    (copy / "downloads" / "china-innovation-yearbook-2026-zh.pdf").unlink()
    (copy / "assets" / "javascripts" / "language-selector.js").unlink()
    broken = {(link.page, link.target) for link in check_links(copy).broken}
    expected = {
        # an entity page's sources list → an anchor of the data page
        ("en/companies/cspc/index.html", "en/data#source-xinhua-2026-05-27"),
        # a table on an entity page → another entity page
        ("en/companies/cspc/index.html", "en/companies/astrazeneca"),
        # a dataset's page of the data chapter → the chapter's sources list
        ("en/data/deals/index.html", "en/data#source-xinhua-2026-05-27"),
        # the twin's language selector, and its hreflang link (absolute, mapped onto the files)
        ("companies/astrazeneca/index.html", "en/companies/astrazeneca"),
        ("companies/astrazeneca/index.html", "en/companies/astrazeneca/"),
        # the print edition, linked from the data and about pages of both languages
        ("data/index.html", "downloads/china-innovation-yearbook-2026-zh.pdf"),
        ("en/about/index.html", "downloads/china-innovation-yearbook-2026-zh.pdf"),
        # a script every page loads (src)
        ("index.html", "assets/javascripts/language-selector.js"),
    }
    assert expected <= broken, sorted(broken)
