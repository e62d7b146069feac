"""Build time and peak memory of the yearbook, against plain MkDocs + Material.

Scenarios (each the median of RUNS builds, in a copy of the project under a temp dir):
  baseline  the same pages (generated content included, written out once) built by plain
            MkDocs + Material: no hooks, same theme, extensions and search
  cold      the yearbook with the real data and empty caches (charts, filled pages, search
            words, compiled templates; the Vega bundle, made once by `make` while setting
            up, stays)
  warm      the yearbook again with unchanged data (charts come from the cache)
  data10    10x the rows (synthetic, valid against the schemas), cold
  data100   100x the rows, cold
Targets (2 cores): cold <= 1.5x baseline, warm <= 1.1x baseline, data100 <= 3x cold.
Prints one summary line: `bench: cold 1.32x, warm 1.04x, data100 2.10x (baseline 2.8 s)`.
"""

from __future__ import annotations

import csv
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUNS = int(os.environ.get("BENCH_RUNS", "3"))
COPIED = ("mkdocs.yml", "content", "data", "hooks", "site-overrides", "src")


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


def _median(samples: list[tuple[float, int]]) -> tuple[float, int]:
    return statistics.median(s for s, _ in samples), max(m for _, m in samples)


def copy_project(target: Path) -> Path:
    """The yearbook's sources copied to `target`, with the Vega bundle `make` made (it belongs
    to the environment, not to a build: cold builds keep it)."""
    target.mkdir(parents=True)
    for name in COPIED:
        source = ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copyfile)(source, target / name)
    (target / ".cache").mkdir()
    if (ROOT / ".cache" / "vega").is_dir():
        shutil.copytree(ROOT / ".cache" / "vega", target / ".cache" / "vega")
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


def _cold(project: Path) -> tuple[float, int]:
    samples = []
    for _ in range(RUNS):
        for cache in (project / ".cache").iterdir():
            if cache.name != "vega":
                shutil.rmtree(cache)
        samples.append(_measure(project))
    return _median(samples)


def _baseline(project: Path, dump: Path) -> tuple[float, int]:
    """Write the pages out once through the yearbook's hooks, then build them plainly: the
    project's mkdocs.yml without hooks, theme overrides or strict mode, over the written pages."""
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
    return _median([_measure(project, config="baseline.yml") for _ in range(RUNS)])


def _with_dump_hook(project: Path) -> str:
    text = (project / "mkdocs.yml").read_text(encoding="utf-8")
    hook = ROOT / "benchmarks" / "dump_markdown.py"
    text = text.replace("  - hooks/pages.py\n", f"  - hooks/pages.py\n  - {hook}\n")
    (project / "dump.yml").write_text(text, encoding="utf-8")
    return "dump.yml"


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="yearbook-bench-") as temp:
        results: dict[str, tuple[float, int]] = {}
        real = copy_project(Path(temp, "real"))
        results["baseline"] = _baseline(real, Path(temp, "dump"))
        results["cold"] = _cold(real)
        _measure(real)  # fill the cache
        results["warm"] = _median([_measure(real) for _ in range(RUNS)])
        for factor in (10, 100):
            project = copy_project(Path(temp, f"data{factor}"))
            _scale_data(project / "data", factor)
            results[f"data{factor}"] = _cold(project)
        for name, (seconds, kib) in results.items():
            print(f"{name:9} {seconds:6.2f} s  peak {kib / 1024:6.0f} MiB")
        base, cold = results["baseline"][0], results["cold"][0]
        print(
            f"bench: cold {cold / base:.2f}x, warm {results['warm'][0] / base:.2f}x,"
            f" data100 {results['data100'][0] / cold:.2f}x (baseline {base:.1f} s)"
        )


if __name__ == "__main__":
    main()
