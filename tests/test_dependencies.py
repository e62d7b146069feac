"""Runtime dependencies (`[project] dependencies` in pyproject.toml) are what the build uses;
test-only tools live in the `test` extra. The build uses a package when src/ or hooks/ import
it, or when mkdocs.yml loads it: the theme, its plugins, Markdown extensions and Python names
(the headings' slugify function)."""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from collections.abc import Iterable
from functools import cache
from importlib.metadata import entry_points, packages_distributions
from pathlib import Path
from typing import Any

from conftest import ROOT

PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def _name(requirement: str) -> str:
    """The distribution's normalized name (PEP 503): `Jinja2==3.1.6` → `jinja2`."""
    return re.sub(r"[-_.]+", "-", re.split(r"[\s\[<>=!~;]", requirement, maxsplit=1)[0]).lower()


RUNTIME = {_name(requirement) for requirement in PROJECT["dependencies"]}
TEST = {_name(requirement) for requirement in PROJECT["optional-dependencies"]["test"]}


_PROVIDERS = cache(packages_distributions)  # reads every installed package's file list


def _distributions(module: str) -> set[str]:
    """The installed distributions that provide the top-level `module`."""
    return {_name(name) for name in _PROVIDERS().get(module, [])}


def imported_by(files: Iterable[Path], own: set[str]) -> dict[str, set[str]]:
    """Distribution → the files importing it, at any depth of their code; the standard
    library and the modules named in `own` left out."""
    found: dict[str, set[str]] = {}
    for path in files:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                modules = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                modules = [node.module]
            else:
                continue
            for module in {name.partition(".")[0] for name in modules}:
                if module in sys.stdlib_module_names or module in own or module == "__future__":
                    continue
                distributions = _distributions(module) or {f"{module} (not installed)"}
                for distribution in distributions:
                    found.setdefault(distribution, set()).add(path.relative_to(ROOT).as_posix())
    return found


@cache
def imported_by_the_build() -> dict[str, set[str]]:
    files = [*(ROOT / "src").rglob("*.py"), *(ROOT / "hooks").glob("*.py")]
    return imported_by(files, own={"yearbook"})


def _python_names(value: Any) -> Iterable[str]:
    """The modules of the Python objects in a Markdown extension's settings."""
    if isinstance(value, dict):
        for item in value.values():
            yield from _python_names(item)
    elif callable(value):
        yield getattr(value, "func", value).__module__


@cache
def loaded_by_mkdocs_yml() -> dict[str, set[str]]:
    """Distribution → what in mkdocs.yml loads it, read as MkDocs reads the file."""
    from mkdocs.config import load_config

    config = load_config(config_file=str(ROOT / "mkdocs.yml"))
    themes = {point.name: point.dist for point in entry_points(group="mkdocs.themes")}
    uses = {f"theme {config.theme.name}": {_name(themes[config.theme.name].name)}}
    for name, plugin in config.plugins.items():
        if not name.startswith("hooks/"):  # hooks/ is read as code above
            uses[f"plugin {name}"] = _distributions(type(plugin).__module__.partition(".")[0])
    for extension in config.markdown_extensions:
        # Markdown's own extensions go by short names (toc); others by their module's.
        module = extension.partition(".")[0] if "." in extension else "markdown"
        if module != "yearbook":
            uses[f"markdown extension {extension}"] = _distributions(module)
    for extension, settings in config.mdx_configs.items():
        for module in _python_names(settings):
            uses[f"{extension} settings: {module}"] = _distributions(module.partition(".")[0])
    found: dict[str, set[str]] = {}
    for use, distributions in uses.items():
        for distribution in distributions:
            found.setdefault(distribution, set()).add(use)
    return found


def test_the_uses_are_read() -> None:
    """The checks below read what they should (a few uses written out by hand)."""
    imported = imported_by_the_build()
    assert "src/yearbook/formatting.py" in imported["babel"]
    assert "hooks/search.py" in imported["jieba"]
    assert "src/yearbook/print/edition.py" in imported["weasyprint"]
    loaded = loaded_by_mkdocs_yml()
    assert {"theme material", "plugin material/search"} <= loaded["mkdocs-material"]
    assert "toc settings: pymdownx.slugs" in loaded["pymdown-extensions"]
    assert "markdown extension admonition" in loaded["markdown"]


def test_every_runtime_dependency_is_used_by_the_build() -> None:
    used = imported_by_the_build().keys() | loaded_by_mkdocs_yml().keys()
    unused = sorted(RUNTIME - used)
    assert unused == [], (
        f"{unused}: neither src/, hooks/ nor mkdocs.yml uses them; "
        "move a test-only tool to [project.optional-dependencies] test, or drop it"
    )


def test_everything_the_build_uses_is_a_runtime_dependency() -> None:
    """What the build imports or loads is declared (not left to come with another package),
    and never only in the test extra, which readers' and CI's builds may not install."""
    imported, loaded = imported_by_the_build(), loaded_by_mkdocs_yml()
    undeclared = {
        name: sorted(imported.get(name, set()) | loaded.get(name, set()))
        for name in imported.keys() | loaded.keys()
        if name not in RUNTIME
    }
    assert undeclared == {}, "add these to [project] dependencies in pyproject.toml"
    assert not RUNTIME & TEST


def test_what_the_tests_import_is_declared() -> None:
    files = [*(ROOT / "tests").glob("*.py"), *(ROOT / "benchmarks").glob("*.py")]
    local = {path.stem for path in files}
    imported = imported_by(files, own={"yearbook", *local})
    undeclared = {
        name: sorted(paths) for name, paths in imported.items() if name not in RUNTIME | TEST
    }
    assert undeclared == {}, "add these to [project.optional-dependencies] test in pyproject.toml"
