"""Shared fixtures: the yearbook built from this repository, served over HTTP, and Chromium."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from serve import serving

from yearbook.print.edition import write_print_editions

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
CHROMIUM = "/usr/bin/chromium"
# Flags that keep Chromium from reaching for the network, which is closed here.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def copy_fixture(fixture: str, tmp_path: Path) -> Path:
    """A copy of tests/fixtures/`fixture` under `tmp_path`, placed so that its relative paths
    to the project's hooks/ and site-overrides/ still hold; its folder is returned."""
    copy = tmp_path / "tests" / "fixtures" / fixture
    shutil.copytree(FIXTURES / fixture, copy)
    for shared in ("hooks", "site-overrides"):
        (tmp_path / shared).symlink_to(ROOT / shared)
    return copy


def mkdocs_build(config_file: Path, site_dir: Path) -> subprocess.CompletedProcess[str]:
    """Run `mkdocs build --strict` as editors and CI do; return the finished process."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("SITE_URL", None)
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "--strict",
            "-f",
            str(config_file),
            "-d",
            str(site_dir),
        ],
        cwd=config_file.parent,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The yearbook and its print edition, built once per test session from the repository's
    mkdocs.yml, as `make pdf` publishes it."""
    site_dir = tmp_path_factory.mktemp("site")
    result = mkdocs_build(ROOT / "mkdocs.yml", site_dir)
    assert result.returncode == 0, result.stderr
    # The published site includes the print edition, which its pages link to (`make pdf`).
    write_print_editions(site_dir, ROOT / "mkdocs.yml")
    return site_dir


@pytest.fixture(scope="session")
def site_url(site: Path) -> Iterator[str]:
    """The built yearbook served on localhost, gzipped as GitHub Pages serves it."""
    with serving(site) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Debian's headless Chromium driven by Playwright (never a downloaded browser)."""
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), f"{CHROMIUM} is missing: run `make test`, which installs it"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
