"""The package's layout shows the pipeline: small modules grouped by stage, thin hooks, no
import cycles, and no stage that reaches back into a later one."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "yearbook"
HOOKS = ROOT / "hooks"

STAGES = ("data", "pages", "charts", "site", "cache", "print", "editions")
"""The subpackages, in the order the build runs them (cache/ and print/ beside the others;
editions/ after a build: the editions published beside it)."""
TOP_LEVEL = {"__init__", "cli", "formatting", "state"}
SHARED = {"formatting"}
"""Top-level modules every stage may use: numbers, dates and interface strings, by language."""
EARLIER = {
    "data": set(),
    "charts": {"data"},
    "pages": {"data", "charts"},
    "site": {"data", "charts", "pages"},
    "cache": {"data", "charts", "pages"},
    "print": {"data", "pages", "site"},
    "editions": {"data", "pages", "site"},
}
"""What each stage may import besides itself and the SHARED modules."""


def _modules() -> dict[str, Path]:
    modules = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        modules[".".join(("yearbook", *parts))] = path
    return modules


MODULES = _modules()


def _imports(path: Path) -> set[str]:
    """The yearbook modules `path` imports, at any depth of its code."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("yearbook"):
            for alias in node.names:
                name = f"{node.module}.{alias.name}"
                found.add(name if name in MODULES else node.module)
        elif isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names if alias.name.startswith("yearbook")}
    return {name for name in found if name in MODULES}


def _lines(path: Path) -> int:
    return len(path.read_text(encoding="utf-8").splitlines())


def test_the_layout_is_read_from_the_package() -> None:
    assert len(MODULES) > 40
    assert {name.split(".")[1] for name in MODULES if name.count(".") > 1} == set(STAGES) | {
        "charts"
    }


@pytest.mark.parametrize("name", sorted(MODULES))
def test_a_module_is_at_most_300_lines(name: str) -> None:
    assert _lines(MODULES[name]) <= 300, f"{MODULES[name]}: split it by job"


@pytest.mark.parametrize("hook", sorted(HOOKS.glob("*.py")), ids=lambda path: path.name)
def test_a_hook_is_at_most_100_lines(hook: Path) -> None:
    assert _lines(hook) <= 100, f"{hook}: move its logic into the yearbook package"


def test_only_a_handful_of_modules_stay_at_the_top() -> None:
    top = {path.stem for path in PACKAGE.glob("*.py")}
    assert top <= TOP_LEVEL, f"move {sorted(top - TOP_LEVEL)} into a stage"
    assert {path.name for path in PACKAGE.iterdir() if path.is_dir()} >= set(STAGES)


def test_no_stage_imports_a_later_one() -> None:
    wrong = []
    for name, path in MODULES.items():
        stage = name.partition(".")[2].partition(".")[0]
        if stage not in EARLIER:
            continue
        for imported in _imports(path):
            other = imported.partition(".")[2].partition(".")[0]
            if other != stage and other not in SHARED and other not in EARLIER[stage]:
                wrong.append(f"{name} imports {imported}")
    assert not wrong, "\n".join(wrong)


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """An import cycle in `graph` (module -> modules it imports), or None."""
    done: set[str] = set()

    def visit(name: str, trail: list[str]) -> list[str] | None:
        if name in trail:
            return [*trail[trail.index(name) :], name]
        if name in done:
            return None
        for imported in sorted(graph.get(name, ())):
            # A module inside a package does not import the package by being in it.
            if not name.startswith(imported + "."):
                cycle = visit(imported, [*trail, name])
                if cycle:
                    return cycle
        done.add(name)
        return None

    return next(filter(None, (visit(name, []) for name in sorted(graph))), None)


def test_there_is_no_import_cycle() -> None:
    cycle = _cycle({name: _imports(path) - {name} for name, path in MODULES.items()})
    assert cycle is None, "import cycle: " + " → ".join(cycle or [])


def test_a_cycle_is_found() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert _cycle(graph) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": set()}) is None
