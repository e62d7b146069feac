"""Editions (issue 17), on a small yearbook with two (tests/editions_fixture.py): starting one
with `yearbook edition new`, the frozen one kept byte for byte while the next changes, quotes of
its figures, each edition's URLs, and the site's root (`yearbook site`)."""

import json
import re
import shutil
from pathlib import Path

import frictionless
import pytest
from conftest import made_once, shared_path
from editions_fixture import BASE, DEAL, git, make_editions, make_project
from test_links import check_links

from yearbook.cli import main
from yearbook.editions.assemble import assemble, file_hashes
from yearbook.editions.corrections import Correction, check_corrections
from yearbook.editions.settings import EditionError, edition_settings, read_current
from yearbook.pages.references import UnknownReference, fill_edition_references


@pytest.fixture(scope="module")
def editions(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return made_once(shared_path(tmp_path_factory, "editions"), make_editions)


def _html(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def _refresh(path: Path) -> str:
    found = re.search(r'http-equiv="refresh" content="0; url=([^"]+)"', _html(path))
    assert found, path
    return found[1]


def test_edition_new_freezes_the_edition_and_opens_the_next_as_a_draft(editions: Path) -> None:
    project = editions / "project"
    frozen = project / "editions" / "2026"
    manifest = json.loads(_html(frozen / "edition.json"))
    first_commit = git(project, "rev-list", "--max-parents=0", "HEAD").strip()
    assert (manifest["edition"], manifest["commit"]) == ("2026", first_commit)
    assert manifest["site_url"] == BASE + "2026/"
    assert manifest["files"] == file_hashes(frozen / "site")
    assert "extra/" in manifest["pages"] and "en/extra/" in manifest["pages"]
    assert sorted(path.name for path in (frozen / "data").iterdir()) == [
        f"{name}{suffix}"
        for name in ("companies", "deals", "sources")
        for suffix in (".csv", ".schema.json")
    ]
    pdfs = sorted(path.name for path in (frozen / "site" / "downloads").glob("*.pdf"))
    assert pdfs == [f"china-innovation-yearbook-2026-{code}.pdf" for code in ("en", "zh")]
    settings = _html(project / "mkdocs.yml")
    assert '    edition: "2027"\n    status: draft\n' in settings


def test_edition_new_refuses_what_it_cannot_freeze(
    editions: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = str(editions / "project" / "mkdocs.yml")
    assert main(["edition", "new", "2027", "--site-url", BASE, "--config", config]) == 1
    assert main(["edition", "new", "2028", "--site-url", BASE, "--config", config]) == 1
    fresh = tmp_path / "fresh"
    make_project(fresh)
    (fresh / "data" / "deals.csv").write_text("changed", encoding="utf-8")
    before = _html(fresh / "mkdocs.yml")
    config = str(fresh / "mkdocs.yml")
    assert main(["edition", "new", "2027", "--site-url", BASE, "--config", config]) == 1
    assert _html(fresh / "mkdocs.yml") == before and not (fresh / "editions").exists()
    assert capsys.readouterr().err.splitlines() == [
        "yearbook edition: the edition after 2027 is 2028",
        "yearbook edition: edition 2027 is a draft: publish it first (status)",
        "yearbook edition: commit or stash your changes first: an edition is frozen from a commit",
    ]


def test_the_frozen_edition_stays_as_published_after_the_next_changed(editions: Path) -> None:
    frozen = editions / "project" / "editions" / "2026"
    manifest = json.loads(_html(frozen / "edition.json"))
    assert file_hashes(frozen / "site") == manifest["files"]
    # The total was raised in 2027; 2026 keeps its figure, which 2027 quotes from the snapshot
    # as corrected since (1500 → 1600).
    assert "超15亿美元" in _html(frozen / "site" / "index.html")
    assert "超18亿美元" not in _html(frozen / "site" / "index.html")
    new = _html(editions / "public" / "2027" / "index.html")
    assert "超18亿美元" in new and "2026年版记为超16亿美元。" in new
    english = _html(editions / "public" / "2027" / "en" / "index.html")
    assert "The 2026 edition had more than US$1.6 billion." in english


CORRECTED = {"corrections/index.html", "en/corrections/index.html"} | {
    f"downloads/{name}" for name in ("corrections.csv", "CHANGELOG.md", "datapackage.json")
}


def test_a_correction_changes_exactly_the_pages_that_showed_the_figure(editions: Path) -> None:
    frozen = editions / "project" / "editions" / "2026" / "site"
    published, as_frozen = file_hashes(editions / "public" / "2026"), file_hashes(frozen)
    changed = {path for path, _ in set(published.items()) ^ set(as_frozen.items())}
    # What showed the figure: the pages that print it (a quote, tables, cards), in either language.
    showed = {
        path
        for path in as_frozen
        if path.endswith("index.html")
        and any(figure in _html(frozen / path) for figure in ("超15亿美元", "US$1.5 billion"))
    }
    assert showed == {
        f"{prefix}{page}index.html"
        for prefix in ("", "en/")
        for page in ("", "companies/acme/", "companies/evil/", "data/")
    }
    assert changed == showed | CORRECTED


def test_a_correction_notice_says_what_when_why_and_where_all_are_listed(editions: Path) -> None:
    site = editions / "public" / "2026"
    notices = {
        "data/": (
            "更正（2027年1月20日）",
            "艾克姆抗体的总金额原为“超15亿美元”，应为“超16亿美元”。来源所载总额为16亿美元。",
            '<a href="../corrections/#correction-2027-01-20-acme-total">本版全部更正</a>',
            "出版社，2025年3月1日",  # the source as the site names it, escaped
        ),
        "en/companies/acme/": (
            "Correction (20 January 2027)",
            "Acme antibody, Total value: was “more than US$1.5 billion”,"
            " is “more than US$1.6 billion”. The source gives a total of US$1.6 billion.",
            '<a href="../../../en/corrections/#correction-2027-01-20-acme-total">'
            "All corrections to this edition</a>",
            "Source: &lt;b&gt;Evil&lt;/b&gt; Press, 1 March 2025",
        ),
    }
    for page, (title, words, link, source) in notices.items():
        text = _html(site / page / "index.html")
        after_title = '</h1><aside class="admonition warning yearbook-correction" id="correction-'
        assert text.count(after_title) == 1
        assert f'<p class="admonition-title">{title}</p>' in text and words in text and link in text
        assert source in text
    listed = _html(site / "en" / "corrections" / "index.html")
    assert listed.count('<li id="correction-2027-01-20-acme-total">') == 1
    assert '<a href="../../en/companies/acme/">Acme Bio</a>' in listed


def test_a_correction_goes_into_the_editions_downloads(editions: Path) -> None:
    downloads = editions / "public" / "2026" / "downloads"
    package = json.loads(_html(downloads / "datapackage.json"))
    assert (package["name"], package["version"]) == ("china-innovation-yearbook-2026", "2026.1.0")
    assert [resource["name"] for resource in package["resources"]][-1] == "corrections"
    assert frictionless.Package(str(downloads / "datapackage.json")).validate().valid
    changelog = (downloads / "CHANGELOG.md").read_text(encoding="utf-8").splitlines()
    assert changelog[:4] == ["# Changelog", "", "## 2027-01-20", ""]
    assert [line[:16] for line in changelog[4:6]] == [
        "- 更正（2027年1月20日）",
        "- Correction (20",
    ]
    rows = (downloads / "corrections.csv").read_bytes().decode("utf-8-sig").splitlines()
    assert len(rows) == 2 and rows[1].startswith("2027-01-20-acme-total,2027-01-20,2026,deals,")


def test_corrections_are_checked_against_the_frozen_data(editions: Path) -> None:
    project = editions / "project"
    good = Correction(
        2,
        "a",
        "2027-01-20",
        "2026",
        "deals",
        DEAL,
        "total_usd_m",
        "1500",
        "1600",
        "中",
        "en",
        ("hostile-2025-03-01",),
    )
    wrong = [
        good._replace(line=3, was="1400"),
        good._replace(line=4, id="a", row="nope"),
        good._replace(line=5, id="b", column="nope"),
        good._replace(line=6, id="c", edition="2027"),
        good._replace(line=7, id="d", date="20 Jan", sources=("nope",)),
    ]
    problems = check_corrections([good, *wrong], project, project / "data")
    assert problems == [
        "editions/corrections.csv:3: id 'a': give each correction its own lowercase slug",
        "editions/corrections.csv:3:"
        " deals/acme-evil-2025 total_usd_m was '1500' in 2026, not '1400'",
        "editions/corrections.csv:4: id 'a': give each correction its own lowercase slug",
        "editions/corrections.csv:4: 2026's deals has no row 'nope' or no column 'total_usd_m'",
        "editions/corrections.csv:5: 2026's deals has no row 'acme-evil-2025' or no column 'nope'",
        "editions/corrections.csv:6: edition '2027' is not frozen (2026 are);"
        " correct the current edition in data/",
        "editions/corrections.csv:7: date '20 Jan': write the day, e.g. 2027-01-20",
        "editions/corrections.csv:7: no source 'nope' in data/sources.csv",
    ]


def test_a_changed_frozen_file_stops_the_site(
    editions: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = tmp_path / "project"
    shutil.copytree(editions / "project", project, symlinks=True)
    page = project / "editions" / "2026" / "site" / "en" / "index.html"
    page.write_text(_html(page).replace("US$1.5 billion", "US$1.6 billion"), encoding="utf-8")
    current = read_current(project / "mkdocs.yml")._replace(site_url=BASE + "2027/")
    with pytest.raises(
        EditionError, match=r"differs from edition 2026 as published \(en/index.html\)"
    ):
        assemble(project, current, project / "site", tmp_path / "public")


def test_a_quote_of_an_edition_not_frozen_stops_the_build() -> None:
    def frozen(edition: str) -> None:
        return None

    with pytest.raises(UnknownReference, match=r"^content/zh/x.md:3: no frozen edition 2025 "):
        fill_edition_references(
            "a\n\n{{ 2025:deals:x:total_usd_m }}", frozen, "zh", "content/zh/x.md"
        )
    text = "{{ deals:x:total_usd_m }} {{ count:deals }}"
    assert fill_edition_references(text, frozen, "zh", "x.md") == text


def test_a_build_under_another_editions_url_is_refused() -> None:
    extra = {"yearbook": {"edition": "2027"}}
    assert edition_settings(extra, BASE + "2027/") == ("2027", "published")
    assert edition_settings(extra, "http://127.0.0.1:8000/") == ("2027", "published")
    with pytest.raises(EditionError, match="under edition 2026, but this is edition 2027"):
        edition_settings(extra, BASE + "2026/")


@pytest.mark.parametrize("edition", ["2026", "2027"])
def test_each_edition_names_its_own_urls(editions: Path, edition: str) -> None:
    site, url = editions / "public" / edition, BASE + edition + "/"
    english = _html(site / "en" / "index.html")
    assert f'<link rel="canonical" href="{url}en/">' in english
    assert f'<meta property="og:url" content="{url}en/">' in english
    hreflang = re.findall(r'<link rel="alternate " hreflang="([^"]+)" href="([^"]+)">', english)
    assert hreflang == [("zh-Hans", url), ("en", url + "en/"), ("x-default", url)]
    locations = re.findall(r"<loc>([^<]+)</loc>", _html(site / "sitemap.xml"))
    assert len(locations) > 10 and all(location.startswith(url) for location in locations)
    cite = f"{url}#chart-largest-deals"
    assert re.search(rf"//测试年鉴: {edition}\. {re.escape(cite)}\.", _html(site / "index.html"))
    # The data package counts up its middle number with each day of corrections (2026.1.0).
    versions = {"2026": "2026.1.0", "2027": "2027.0.0"}
    for package, name in (
        ("", "china-innovation-yearbook"),
        ("charts/", "china-innovation-yearbook-charts"),
    ):
        described = json.loads(_html(site / "downloads" / package / "datapackage.json"))
        version = versions[edition] if package == "" else f"{edition}.0.0"
        assert (described["name"], described["version"]) == (f"{name}-{edition}", version)
        assert described["title"] == f"测试年鉴 / Test Yearbook ({edition})"
    draft = "2027年版正在编纂中，尚未出版：引用请用已出版的版本。"
    assert (draft in _html(site / "index.html")) == (edition == "2027")


def test_the_root_leads_to_the_newest_published_edition(editions: Path, tmp_path: Path) -> None:
    public = editions / "public"
    assert _refresh(public / "index.html") == BASE + "2026/"
    assert _refresh(public / "en" / "index.html") == BASE + "2026/en/"
    # The first edition's pages, once at unversioned URLs, lead to it.
    assert _refresh(public / "extra" / "index.html") == BASE + "2026/extra/"
    assert _refresh(public / "en" / "data" / "index.html") == BASE + "2026/en/data/"
    # Its downloads (a file cannot redirect) stay there, as it publishes them, corrections too.
    downloads = file_hashes(public / "downloads")
    assert downloads == file_hashes(public / "2026" / "downloads")
    assert {"deals.csv", "corrections.csv", "datapackage.json"} <= set(downloads)
    assert _html(public / "404.html") == _html(public / "2026" / "404.html")
    assert re.findall(r"<loc>([^<]+)</loc>", _html(public / "sitemap.xml")) == [
        BASE + "2026/sitemap.xml"
    ]
    index = json.loads(_html(public / "editions.json"))
    assert index["current"] == "2026"
    assert [(e["edition"], e["status"], e["label"]["en"]) for e in index["editions"]] == [
        ("2027", "draft", "2027 edition (in preparation)"),
        ("2026", "published", "2026 edition"),
    ]
    pages = {entry["edition"]: entry["pages"] for entry in index["editions"]}
    assert set(pages["2026"]) - set(pages["2027"]) == {"extra/", "en/extra/"}
    assert set(pages["2027"]) <= set(pages["2026"])
    # Once 2027 is published, the root leads there.
    project = editions / "project"
    current = read_current(project / "mkdocs.yml")._replace(
        site_url=BASE + "2027/", status="published"
    )
    assert assemble(project, current, project / "site", tmp_path / "public") == ["2027", "2026"]
    assert _refresh(tmp_path / "public" / "en" / "index.html") == BASE + "2027/en/"
    assert _refresh(tmp_path / "public" / "extra" / "index.html") == BASE + "2026/extra/"


def test_yearbook_site_is_the_same_bytes_twice(editions: Path, tmp_path: Path) -> None:
    project = editions / "project"
    current = read_current(project / "mkdocs.yml")._replace(site_url=BASE + "2027/")
    assemble(project, current, project / "site", tmp_path / "public")
    assert file_hashes(tmp_path / "public") == file_hashes(editions / "public")


def test_yearbook_check_checks_the_corrections_too(
    editions: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", str(editions / "project" / "data")]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "1 correction to frozen editions: valid"


def test_every_link_of_every_edition_leads_somewhere(editions: Path, tmp_path: Path) -> None:
    # Served under /repo/, as on GitHub Pages: the 404 pages link from the host's root.
    shutil.copytree(editions / "public", tmp_path / "repo")
    report = check_links(tmp_path, BASE.removesuffix("repo/"))
    assert report.pages > 40 and report.broken == ()


def test_edition_new_needs_the_published_address(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as usage:
        main(["edition", "new", "2027"])
    assert usage.value.code == 2
    assert "the following arguments are required: --site-url" in capsys.readouterr().err
