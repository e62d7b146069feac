"""The GitHub workflows, validated offline against GitHub's schema and by actionlint."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import ROOT

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
BIN = Path(sys.executable).parent


def _validate(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(BIN / "check-jsonschema"), "--builtin-schema", "vendor.github-workflows", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )


def test_there_are_workflows_to_check() -> None:
    assert WORKFLOWS


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_workflow_matches_github_schema(path: Path) -> None:
    result = _validate(path)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_workflow_passes_actionlint(path: Path) -> None:
    result = subprocess.run(
        [str(BIN / "actionlint"), str(path)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_schema_check_rejects_a_broken_workflow(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yml"
    broken.write_text("on: push\njobs:\n  build:\n    steps: []\n", encoding="utf-8")
    assert _validate(broken).returncode != 0


def test_main_deploys_to_pages_and_pull_requests_upload_the_site() -> None:
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "site.yml").read_text("utf-8"))
    steps = [step.get("uses", "") for job in workflow["jobs"].values() for step in job["steps"]]
    assert any(uses.startswith("actions/upload-pages-artifact@") for uses in steps)
    assert any(uses.startswith("actions/deploy-pages@") for uses in steps)
    assert any(uses.startswith("actions/upload-artifact@") for uses in steps)
    assert workflow["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    test_commands = [step.get("run") for step in workflow["jobs"]["test"]["steps"]]
    assert "make test" in test_commands


def test_the_deployed_site_is_built_with_its_print_edition() -> None:
    """Only `make pdf` publishes the PDFs (a plain build links none): `make site` runs it and
    assembles every edition into public/, the folder uploaded for GitHub Pages."""
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "site.yml").read_text("utf-8"))
    steps = workflow["jobs"]["build"]["steps"]
    upload = next(
        n for n, step in enumerate(steps) if step.get("uses", "").startswith("actions/upload-pages")
    )
    runs = [step["run"] for step in steps[:upload] if "run" in step]
    assert runs == ["make site"]
    assert steps[upload]["with"]["path"] == "public/"


def test_main_is_deployed_only_after_its_tests_and_build_passed() -> None:
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "site.yml").read_text("utf-8"))
    events = workflow.get("on", workflow.get(True))  # YAML 1.1 reads the key `on` as True
    assert events["push"] == {"branches": ["main"]} and "pull_request" in events
    jobs = workflow["jobs"]
    # The tests run on every event (pushes to main too), and deploying needs them.
    assert "if" not in jobs["test"]
    assert sorted(jobs["deploy"]["needs"]) == ["build", "test"]
    assert "github.ref == 'refs/heads/main'" in jobs["deploy"]["if"]
