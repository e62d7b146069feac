"""`yearbook check` and the MkDocs hook: exit codes, output, and never a traceback."""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError

from yearbook.cli import main

ROOT = Path(__file__).resolve().parents[1]
GOOD = Path(__file__).parent / "fixtures" / "datasets" / "good"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project directory with a good data/ and the current directory set to it."""
    shutil.copytree(GOOD, tmp_path / "data")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def break_deals(project: Path) -> None:
    path = project / "data" / "deals.csv"
    text = path.read_text(encoding="utf-8").replace(",500,", ",-5,")
    path.write_text(text.replace("akeso-2024-01,akeso", "akeso-2024-01,akeso-bio"), "utf-8")


def test_check_passes_with_one_summary_line(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check"]) == 0
    out, err = capsys.readouterr()
    assert out == "data/ is valid: 3 datasets, 7 rows (companies 3, deals 2, sources 2).\n"
    assert err == ""


def test_check_reports_every_error_and_exits_1(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    break_deals(project)
    assert main(["check", "data"]) == 1
    out, err = capsys.readouterr()
    assert out.splitlines() == [
        'data/deals.csv:4:total_usd_m: value "-5" breaks rule minimum: must be at least 0. '
        "Hint: Total value: Total deal value in millions of US dollars including milestones; "
        "leave the cell empty if the value is not known.",
        'data/deals.csv:4:licensor: value "akeso-bio" breaks rule foreign-key: not found in '
        'column "id" of data/companies.csv. Hint: ids are case-sensitive: correct the spelling, '
        "or first add a row with this value to data/companies.csv.",
        "2 errors in 1 file; the site would not build.",
    ]
    assert err == ""


@pytest.mark.parametrize(
    ("setup", "expected"),
    [
        ("missing-dir", "nope: breaks rule data-dir: data directory not found."),
        ("broken-json", "data/sources.schema.json:1:2: breaks rule schema: invalid JSON"),
        ("unreadable", "data/companies.csv: breaks rule read: cannot read file: Permission denied"),
        ("gbk", "data/companies.csv:2: breaks rule encoding: file is not valid UTF-8"),
    ],
)
def test_check_never_shows_a_traceback(
    project: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    setup: str,
    expected: str,
) -> None:
    args = ["check"]
    companies = project / "data" / "companies.csv"
    if setup == "missing-dir":
        args.append("nope")
    elif setup == "broken-json":
        (project / "data" / "sources.schema.json").write_text("{,}", encoding="utf-8")
    elif setup == "unreadable":  # chmod does not stop root, so fail the read itself
        original = Path.read_bytes

        def read_bytes(self: Path) -> bytes:
            if self.name == "companies.csv":
                raise PermissionError(13, "Permission denied", str(self))
            return original(self)

        monkeypatch.setattr(Path, "read_bytes", read_bytes)
    elif setup == "gbk":
        companies.write_bytes(companies.read_text(encoding="utf-8").encode("gbk"))
    assert main(args) == 1
    out, err = capsys.readouterr()
    assert out.startswith(expected)
    assert err == ""  # neither a traceback nor an internal error


def test_unexpected_failure_is_one_line(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def explode(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr("yearbook.cli.validate_data_dir", explode)
    monkeypatch.delenv("YEARBOOK_DEBUG", raising=False)
    assert main(["check"]) == 1
    out, err = capsys.readouterr()
    assert err.startswith("yearbook: internal error: RuntimeError: boom")
    assert "Traceback" not in out + err


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["frobnicate"])
    assert caught.value.code == 2


def console_script() -> str:
    script = Path(sys.executable).with_name("yearbook")
    return str(script) if script.exists() else shutil.which("yearbook") or "yearbook"


def test_console_script_on_a_broken_file(project: Path) -> None:
    break_deals(project)
    done = subprocess.run(
        [console_script(), "check"], cwd=project, capture_output=True, text=True, check=False
    )
    assert done.returncode == 1
    assert "data/deals.csv:4:total_usd_m:" in done.stdout
    assert done.stdout.endswith("2 errors in 1 file; the site would not build.\n")
    assert "Traceback" not in done.stdout + done.stderr


def test_console_script_on_good_data(project: Path) -> None:
    done = subprocess.run(
        [console_script(), "check", "data"],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
    )
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout.startswith("data/ is valid: 3 datasets")


# --- the MkDocs hook -------------------------------------------------------------------------


def load_hook() -> ModuleType:
    spec = importlib.util.spec_from_file_location("yearbook_data_hook", ROOT / "hooks" / "data.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def write_site(project: Path, extra: str = "") -> Path:
    (project / "docs").mkdir(exist_ok=True)
    (project / "docs" / "index.md").write_text("# Test\n", encoding="utf-8")
    config = project / "mkdocs.yml"
    hook = (ROOT / "hooks" / "data.py").as_posix()
    config.write_text(f"site_name: Test\nhooks:\n  - {hook}\n{extra}", encoding="utf-8")
    return config


def test_hook_raises_plugin_error_with_the_report(project: Path) -> None:
    break_deals(project)
    config = load_config(config_file=str(write_site(project)))
    with pytest.raises(PluginError) as caught:
        load_hook().on_pre_build(config)
    message = str(caught.value)
    assert 'data/deals.csv:4:total_usd_m: value "-5" breaks rule minimum' in message
    assert message.endswith("2 errors in 1 file; the site was not built.")


def test_hook_uses_extra_data_dir_relative_to_mkdocs_yml(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (project / "data").rename(project / "datasets")
    config_file = write_site(project, "extra:\n  yearbook:\n    data_dir: datasets\n")
    monkeypatch.chdir(project.parent)  # not the project: paths must follow mkdocs.yml
    load_hook().on_pre_build(load_config(config_file=str(config_file)))
    (project / "datasets" / "sources.csv").unlink()
    with pytest.raises(PluginError, match=r"datasets/sources\.schema\.json: breaks rule missing"):
        load_hook().on_pre_build(load_config(config_file=str(config_file)))


def test_mkdocs_build_aborts_without_traceback_and_writes_no_site(project: Path) -> None:
    config = write_site(project)
    command = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config)]
    done = subprocess.run(command, cwd=project, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert (project / "site" / "index.html").exists()
    shutil.rmtree(project / "site")

    break_deals(project)
    done = subprocess.run(command, cwd=project, capture_output=True, text=True, check=False)
    assert done.returncode == 1
    assert 'data/deals.csv:4:total_usd_m: value "-5" breaks rule minimum' in done.stderr
    assert "2 errors in 1 file; the site was not built." in done.stderr
    assert "Traceback" not in done.stdout + done.stderr
    assert not (project / "site").exists()
