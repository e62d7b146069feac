"""A small yearbook with editions, made once per session: tests/fixtures/data_pages as a project
of its own (hooks, overrides and scripts copied in, a git repository), edition 2026 published
and frozen (`yearbook edition new 2027`), then edition 2027 changed: a deal's total raised, a
page dropped, a quote of the 2026 figure added; and that 2026 figure corrected (1500 → 1600).
Both built and assembled into `public/`."""

import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT, SET_UP, mkdocs_build

from yearbook.cli import main

BASE = "http://127.0.0.1:8000/repo/"
DEAL = "acme-evil-2025"
SCRIPTS = ("language-selector.js", "edition-selector.js")  # on every page
STYLES = ("yearbook.css",)  # the header's and banner's styles, as the yearbook has them
CORRECTION = (
    "id,date,edition,dataset,row,column,was,is,why_zh,why_en,source\n"
    f"2027-01-20-acme-total,2027-01-20,2026,deals,{DEAL},total_usd_m,1500,1600,"
    "来源所载总额为16亿美元。,The source gives a total of US$1.6 billion.,hostile-2025-03-01\n"
)
EXTRA = {"zh": "# 附录 {#extra}\n\n仅见于2026年版。\n", "en": "# Extra {#extra}\n\nOnly in 2026.\n"}


def git(project: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@t", *args],
        cwd=project,
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def _settings() -> str:
    """The fixture's mkdocs.yml with the project's own hooks, overrides and edition settings."""
    settings = (FIXTURES / "data_pages" / "mkdocs.yml").read_text(encoding="utf-8")
    settings = settings.replace("../../../", "")
    settings = settings.replace(
        "  - hooks/pages.py\n",
        "  - hooks/print_edition.py\n  - hooks/editions.py\n  - hooks/pages.py\n",
    )
    settings = settings.replace(
        "  yearbook:\n", '  yearbook:\n    edition: "2026"\n    status: published\n'
    )
    settings = settings.replace(
        "      - 名录: zh/directory.md\n",
        "      - 名录: zh/directory.md\n      - 附录: zh/extra.md\n"
        "      - 更正: zh/corrections.md\n",
    )
    settings = settings.replace(
        "      - Directory: en/directory.md\n",
        "      - Directory: en/directory.md\n      - Extra: en/extra.md\n"
        "      - Corrections: en/corrections.md\n",
    )
    scripts = "".join(f"  - assets/javascripts/{name}\n" for name in SCRIPTS)
    styles = "".join(f"  - assets/stylesheets/{name}\n" for name in STYLES)
    return settings + "extra_javascript:\n" + scripts + "extra_css:\n" + styles


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def make_project(project: Path) -> None:
    """The 2026 edition's sources, committed."""
    shutil.copytree(FIXTURES / "data_pages", project)
    for shared in ("hooks", "site-overrides"):
        shutil.copytree(ROOT / shared, project / shared)
    for name in (*SCRIPTS, "charts.js"):  # charts.js: loaded by pages with charts
        (project / "content" / "assets" / "javascripts").mkdir(parents=True, exist_ok=True)
        shutil.copyfile(
            ROOT / "content" / "assets" / "javascripts" / name,
            project / "content" / "assets" / "javascripts" / name,
        )
    (project / "content" / "assets" / "stylesheets").mkdir(parents=True, exist_ok=True)
    for name in STYLES:
        shutil.copyfile(
            ROOT / "content" / "assets" / "stylesheets" / name,
            project / "content" / "assets" / "stylesheets" / name,
        )
    for language in ("zh", "en"):  # the project's corrections page, as every edition has it
        page = ROOT / "content" / language / "corrections.md"
        shutil.copyfile(page, project / "content" / language / "corrections.md")
    for language, text in EXTRA.items():
        page = f"---\ndescription: {'附录。' if language == 'zh' else 'An appendix.'}\n---\n\n"
        (project / "content" / language / "extra.md").write_text(page + text, encoding="utf-8")
    (project / "mkdocs.yml").write_text(_settings(), encoding="utf-8")
    for name in SET_UP:
        if (ROOT / ".cache" / name).is_dir():
            (project / ".cache").mkdir(exist_ok=True)
            (project / ".cache" / name).symlink_to(ROOT / ".cache" / name)
    (project / ".gitignore").write_text(".cache/\nsite/\npublic/\n", encoding="utf-8")
    git(project, "init", "-q", "-b", "main")
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "2026")


def make_editions(target: Path) -> None:
    """`target`/project: 2026 frozen, 2027 changed, a 2026 figure corrected, 2027 built;
    `target`/public: both editions assembled."""
    project = target / "project"
    make_project(project)
    config = str(project / "mkdocs.yml")
    assert main(["edition", "new", "2027", "--site-url", BASE, "--config", config]) == 0
    _edit(project / "data" / "deals.csv", ",200,1500,more-than,", ",200,1800,more-than,")
    for language, words in (
        ("zh", "2026年版记为{{ 2026:deals:%s:total_usd_m }}。"),
        ("en", " The 2026 edition had {{ 2026:deals:%s:total_usd_m }}."),
    ):
        _edit(
            project / "content" / language / "index.md",
            "{{ cite:hostile-2025-03-01 }}",
            "{{ cite:hostile-2025-03-01 }}" + words % DEAL,
        )
        (project / "content" / language / "extra.md").unlink()
    for line in ("      - 附录: zh/extra.md\n", "      - Extra: en/extra.md\n"):
        _edit(project / "mkdocs.yml", line, "")
    (project / "editions" / "corrections.csv").write_text(CORRECTION, encoding="utf-8")
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "2027: a changed total, a page dropped; a correction")
    built = mkdocs_build(project / "mkdocs.yml", project / "site", {"SITE_URL": BASE + "2027/"})
    assert built.returncode == 0, built.stderr
    public = ["site", "--config", config, "--site", str(project / "site")]
    with pytest.MonkeyPatch.context() as patch:  # as `make site` exports it
        patch.setenv("SITE_URL", BASE + "2027/")
        assert main([*public, "--out", str(target / "public")]) == 0
