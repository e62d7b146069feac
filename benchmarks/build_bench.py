"""Build time and peak memory of the yearbook, against plain MkDocs + Material.

Scenarios (in copies of the project under a temp dir; RUNS rounds, each building every
scenario once, so that a slow spell of the machine slows all scenarios of a round alike):
  baseline  the same pages (generated content included, written out once) built by plain
            MkDocs + Material: no hooks, same theme, extensions and search
  cold      the yearbook with the real data and empty caches (charts, filled pages, search
            words, compiled templates; what `make` makes once while setting up stays: the
            Vega bundle and the copy of the chart font, ENVIRONMENT)
  warm      the yearbook again with unchanged data (charts come from the cache)
  data10    10x the rows (synthetic, valid against the schemas), cold
  data100   100x the rows, cold
Targets (2 cores, issue 13): cold <= 1.35x baseline, warm <= 0.7x baseline, data100 <= 2.3x cold.
Prints each scenario's median time and peak memory, then one summary line of the median
ratios over the rounds: `bench: cold 1.32x, warm 1.04x, data100 2.10x (baseline 2.8 s)`.
"""

from __future__ import annotations

import csv
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUNS = int(os.environ.get("BENCH_RUNS", "5"))
COPIED = ("mkdocs.yml", "content", "data", "hooks", "site-overrides", "src")
ENVIRONMENT = ("vega", "fonts")
"""What `make` puts under .cache/ while setting up the machine, not made by a build."""


def _measure(
    project: Path, config: str = "mkdocs.yml", env: dict[str, str] | None = None
) -> tuple[float, int]:
    """One `mkdocs build`: wall seconds and peak resident memory (KiB), via GNU time."""
    result = subprocess.run(
        [
            "/usr/bin/time",
            "-f",
            "%e %M",
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "-q",
            "-f",
            config,
        ],
        cwd=project,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})},
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise SystemExit(f"build failed in {project}:\n{result.stderr[-2000:]}")
    seconds, kib = result.stderr.strip().splitlines()[-1].split()
    return float(seconds), int(kib)


def copy_project(target: Path) -> Path:
    """The yearbook's sources copied to `target`, with what `make` made in .cache/ while
    setting up (ENVIRONMENT: cold builds keep it)."""
    target.mkdir(parents=True)
    for name in COPIED:
        source = ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copyfile)(source, target / name)
    (target / ".cache").mkdir()
    for name in ENVIRONMENT:
        if (ROOT / ".cache" / name).is_dir():
            shutil.copytree(ROOT / ".cache" / name, target / ".cache" / name)
    return target


ENTITIES = ("sources", "companies", "clusters", "robotics_events")
"""Lists of what the facts are about: kept as they are, so only the facts grow."""


def _scale_data(data: Path, factor: int) -> None:
    """Every dataset of facts (deals, approvals, indicators, investments, ...) gets `factor`
    times its rows, with new ids and the same companies, clusters, events and sources, as the
    yearbook grows: each extra row is a fact in tables, charts and entity pages. The entity
    lists themselves are not multiplied: each entity is a page of its own in every language,
    so 100x entities would measure 100x pages, not 100x data."""
    for path in data.glob("*.csv"):
        if path.stem in ENTITIES or factor == 1:
            continue
        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
        fields = list(rows[0])
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=fields, lineterminator="\n")
            writer.writeheader()
            for copy in range(factor):
                for row in rows:
                    writer.writerow(
                        {**row, "id": row["id"] if copy == 0 else f"{row['id']}-x{copy}"}
                    )


def _empty_caches(project: Path) -> None:
    for cache in (project / ".cache").iterdir():
        if cache.name not in ENVIRONMENT:
            shutil.rmtree(cache)


def _baseline_config(project: Path, dump: Path) -> str:
    """Write the pages out once through the yearbook's hooks; returns a config that builds them
    plainly: the project's mkdocs.yml without hooks, theme overrides or strict mode."""
    _measure(project, env={"YEARBOOK_DUMP_DIR": str(dump)}, config=_with_dump_hook(project))
    lines = (project / "mkdocs.yml").read_text(encoding="utf-8").splitlines()
    plain, skipping = [f"docs_dir: {dump}", "site_dir: site-baseline"], False
    for line in lines:
        if line.startswith("hooks:"):
            skipping = True
            continue
        if skipping and line.startswith("  - "):
            continue
        skipping = False
        if line.startswith(("docs_dir:", "site_dir:", "strict:", "  custom_dir:")):
            continue
        plain.append(line)
    (project / "baseline.yml").write_text("\n".join(plain) + "\n", encoding="utf-8")
    return "baseline.yml"


def _with_dump_hook(project: Path) -> str:
    text = (project / "mkdocs.yml").read_text(encoding="utf-8")
    hook = ROOT / "benchmarks" / "dump_markdown.py"
    text = text.replace("  - hooks/pages.py\n", f"  - hooks/pages.py\n  - {hook}\n")
    (project / "dump.yml").write_text(text, encoding="utf-8")
    return "dump.yml"


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="yearbook-bench-") as temp:
        real = copy_project(Path(temp, "real"))
        baseline = _baseline_config(real, Path(temp, "dump"))
        scaled = {}
        for factor in (10, 100):
            scaled[f"data{factor}"] = copy_project(Path(temp, f"data{factor}"))
            _scale_data(scaled[f"data{factor}"] / "data", factor)
        samples: dict[str, list[tuple[float, int]]] = defaultdict(list)
        for _ in range(RUNS):
            samples["baseline"].append(_measure(real, config=baseline))
            _empty_caches(real)
            samples["cold"].append(_measure(real))
            samples["warm"].append(_measure(real))  # the cold build filled the caches
            for name, project in scaled.items():
                _empty_caches(project)
                samples[name].append(_measure(project))
    for name, runs in samples.items():
        seconds, peak = statistics.median(s for s, _ in runs), max(m for _, m in runs)
        each = ", ".join(f"{s:.2f}" for s, _ in runs)
        print(f"{name:9} {seconds:6.2f} s  peak {peak / 1024:6.0f} MiB  (runs: {each} s)")
    ratios = {
        "cold": _ratios(samples["cold"], samples["baseline"]),
        "warm": _ratios(samples["warm"], samples["baseline"]),
        "data100": _ratios(samples["data100"], samples["cold"]),
    }
    for name, rounds in ratios.items():
        print(f"{name:9} per round: " + ", ".join(f"{r:.2f}x" for r in rounds))
    median = {name: statistics.median(rounds) for name, rounds in ratios.items()}
    print(
        f"bench: cold {median['cold']:.2f}x, warm {median['warm']:.2f}x,"
        f" data100 {median['data100']:.2f}x"
        f" (baseline {statistics.median(s for s, _ in samples['baseline']):.1f} s)"
    )


def _ratios(runs: list[tuple[float, int]], base: list[tuple[float, int]]) -> list[float]:
    """Each round's time over the same round's `base` time."""
    return [run[0] / other[0] for run, other in zip(runs, base, strict=True)]


if __name__ == "__main__":
    main()
