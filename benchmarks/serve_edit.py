"""How long an edited CSV takes to show in the browser under `mkdocs serve` (target: 1 s).

Serves a copy of the yearbook as `make serve` does (`mkdocs serve --dirty`), waits for the
first build, then edits two datasets in turn, EDITS times each:

- the total of the largest deal in data/deals.csv, which remakes the three deal charts in
  both languages and refills the pages quoting deal figures; shown on the deals chapter;
- a company's English note in data/companies.csv; shown on that company's page.

Each time it measures from the write to the moment the served page holds the new text: the
rebuild, and serve's file watching and reloading. Prints one line per edit and a summary:
`serve: a CSV edit shows in 1.20 s (median of 10, max 1.45 s)`.
"""

from __future__ import annotations

import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from build_bench import copy_project  # this folder: run as `python benchmarks/serve_edit.py`

EDITS = int(os.environ.get("BENCH_EDITS", "5"))
TIMEOUT = 60.0


@dataclass(frozen=True)
class Edit:
    csv: str
    page: str
    """Where the edit shows, below the served site's root."""
    edited: Callable[[str, int], tuple[str, str]]
    """The CSV's text after the `number`th edit, and the text the page then shows."""


def _deal_total(text: str, number: int) -> tuple[str, str]:
    total = 18500 + 11 * number  # 185.11亿美元, 185.22亿美元, ...
    row = re.compile(r"^(cspc-astrazeneca-2026,.*?),\d+,exact,", re.MULTILINE)
    edited = row.sub(lambda match: f"{match[1]},{total},exact,", text, count=1)
    return edited, f"{total / 100:g}亿美元"


def _company_note(text: str, number: int) -> tuple[str, str]:
    note = f"16 of the world's top {20 + number} multinational drug makers"
    edited = re.sub(r"16 of the world's top \d+ multinational drug makers", note, text, count=1)
    return edited, note.replace("'", "&#39;")


EDITED = (
    Edit("deals.csv", "deals/", _deal_total),
    Edit("companies.csv", "en/companies/xtalpi/", _company_note),
)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _page(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8"))
    except OSError:
        return ""


def _wait_for(url: str, text: str, since: float) -> float:
    """Seconds from `since` until the page at `url` contains `text`."""
    while time.monotonic() - since < TIMEOUT:
        if text in _page(url):
            return time.monotonic() - since
        time.sleep(0.02)
    raise SystemExit(f"{url} did not show {text!r} within {TIMEOUT:.0f} s")


def _builds(log: Path) -> list[str]:
    """The seconds of each build serve has logged so far."""
    return re.findall(r"built in ([\d.]+) seconds", log.read_text("utf-8"))


def _rebuild_after(log: Path, before: int) -> str:
    """The seconds of the build logged after the first `before`: the page may be served a
    moment before serve logs the build that wrote it. "?" when none comes: MkDocs logs a
    message once, so a build exactly as long as an earlier one goes unlogged."""
    deadline = time.monotonic() + 2
    while len(builds := _builds(log)) <= before and time.monotonic() < deadline:
        time.sleep(0.02)
    return builds[before] if len(builds) > before else "?"


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="yearbook-serve-") as temp:
        project = copy_project(Path(temp, "yearbook"))
        port = _free_port()
        root = f"http://127.0.0.1:{port}/"
        log = project / "serve.log"
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dirty", "-a", f"127.0.0.1:{port}"],
            cwd=project,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
            stdout=subprocess.DEVNULL,
            stderr=log.open("w", encoding="utf-8"),
        )
        seconds: dict[str, list[float]] = {edit.csv: [] for edit in EDITED}
        try:
            _wait_for(root + "deals/", "185亿美元", time.monotonic())
            time.sleep(5)  # as an editor would: serve's warm-up runs while they read
            for number in range(1, EDITS + 1):
                for edit in EDITED:
                    csv = project / "data" / edit.csv
                    text, shown = edit.edited(csv.read_text(encoding="utf-8"), number)
                    before = len(_builds(log))
                    started = time.monotonic()
                    csv.write_text(text, encoding="utf-8")
                    seconds[edit.csv].append(_wait_for(root + edit.page, shown, started))
                    print(
                        f"{edit.csv} edit {number}: shown after {seconds[edit.csv][-1]:.2f} s"
                        f" (of which the rebuild {_rebuild_after(log, before)} s)"
                    )
                    time.sleep(2)
        finally:
            server.terminate()
            server.wait(timeout=30)
    every = [value for values in seconds.values() for value in values]
    each = ", ".join(f"{csv} {statistics.median(values):.2f} s" for csv, values in seconds.items())
    print(
        f"serve: a CSV edit shows in {statistics.median(every):.2f} s"
        f" (median of {len(every)}, max {max(every):.2f} s; {each})"
    )


if __name__ == "__main__":
    main()
