"""The Lighthouse check of test_lighthouse.py on small pages in tests/fixtures/lighthouse/: it
passes a page that does everything right and fails a page that breaks every one of its rules
(with the yearbook's audits' Lighthouse driver, conftest.lighthouse_runner, when pytest-xdist
runs both files in one process)."""

import base64
import gzip
import random
import shutil
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any, cast

import pytest
from conftest import FIXTURES
from serve import serving
from test_lighthouse import Lighthouse, _report, check_page

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def reports_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("lighthouse-check")


@pytest.fixture(scope="module")
def fixture_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("lighthouse-fixtures")
    shutil.copytree(FIXTURES / "lighthouse", root, dirs_exist_ok=True)
    # 1.6 MB of base64 noise in a comment: gzip takes it down only to about 1.2 MB.
    noise = base64.b64encode(random.Random(0).randbytes(1_200_000)).decode()
    (root / "broken" / "noise.js").write_text(f"/*{noise}*/\n", encoding="utf-8")
    with serving(root) as url:
        yield url


def test_the_server_gzips_text_for_browsers_that_accept_it(fixture_url: str) -> None:
    page = (FIXTURES / "lighthouse" / "good" / "index.html").read_bytes()
    asking = urllib.request.Request(fixture_url + "/good/", headers={"Accept-Encoding": "gzip"})
    with urllib.request.urlopen(asking) as response:
        assert response.headers["Content-Encoding"] == "gzip"
        assert gzip.decompress(response.read()) == page
    with urllib.request.urlopen(fixture_url + "/good/") as response:
        assert response.headers["Content-Encoding"] is None
        assert response.read() == page


def test_the_check_passes_a_small_page_that_does_everything_right(
    lighthouse_runner: Lighthouse, fixture_url: str, reports_dir: Path
) -> None:
    check = check_page(lighthouse_runner, fixture_url + "/good/", reports_dir, "fixture-good")
    print(_report(check))
    assert check.problems == (), _report(check)


def test_the_check_fails_a_page_that_breaks_every_rule(
    lighthouse_runner: Lighthouse, fixture_url: str, reports_dir: Path
) -> None:
    check = check_page(
        lighthouse_runner, fixture_url + "/broken/", reports_dir, "fixture-broken", attempts=1
    )
    print(_report(check))
    performance, accessibility, best_practices, seo, transfer = check.problems
    # Nothing is drawn until the script has run: the paints are late, and it is named.
    assert performance.startswith("performance ")
    assert "first-contentful-paint" in performance and "busy.js" in performance
    assert accessibility.startswith("accessibility ")
    assert "html-has-lang" in accessibility and "image-alt" in accessibility
    assert best_practices.startswith("best-practices ") and "errors-in-console" in best_practices
    assert seo.startswith("seo ") and "meta-description" in seo
    assert transfer.startswith("transfer ") and "noise.js" in transfer


class _ScriptedLighthouse:
    """Stands in for Lighthouse in the check's own logic: the n-th page load scores the n-th
    of `scores` for performance (and 100 for anything else)."""

    def __init__(self, scores: list[float]) -> None:
        self.scores, self.loads = scores, 0

    def gather(self, url: str, categories: list[str], artifacts: Path) -> float:
        self.loads += 1
        return 1750.0

    def audit(
        self, url: str, categories: list[str], artifacts: Path, slowdown: float, report: Path
    ) -> dict[str, Any]:
        score = self.scores[self.loads - 1]
        return {
            "categories": {
                name: {"score": score if name == "performance" else 1.0, "auditRefs": []}
                for name in categories
            },
            "audits": {"total-byte-weight": {"numericValue": 1000, "details": {"items": []}}},
            "configSettings": {"throttling": {"cpuSlowdownMultiplier": slowdown}},
            "environment": {"benchmarkIndex": 1750.0},
        }


@pytest.mark.parametrize(
    ("scores", "runs", "passes"),
    [([0.95], 1, True), ([0.5, 0.95], 2, True), ([0.5, 0.6, 0.7], 3, False)],
)
def test_a_page_below_the_threshold_is_measured_again_and_its_best_run_counts(
    tmp_path: Path, scores: list[float], runs: int, passes: bool
) -> None:
    runner = _ScriptedLighthouse(scores)
    check = check_page(cast(Lighthouse, runner), "http://page/", tmp_path, "page", attempts=3)
    assert check.performance_runs == tuple(scores)[:runs] and runner.loads == runs
    assert check.scores["performance"] == max(scores)
    assert (check.problems == ()) is passes


def test_the_transfer_is_measured_only_with_performance(tmp_path: Path) -> None:
    runner = cast(Lighthouse, _ScriptedLighthouse([0.95, 0.95]))
    assert check_page(runner, "http://page/", tmp_path, "page", ["seo"]).transfer is None
    assert check_page(runner, "http://page/", tmp_path, "other").transfer == 1000
