"""The process that makes charts while MkDocs renders the pages: vl-convert holds the GIL
while drawing, so a thread would stall the build; and only this process imports pandas."""

import atexit
import multiprocessing
import multiprocessing.connection
import os
import pickle
import signal
import sys
import threading
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path
from typing import Any, ClassVar, TypeVar

from yearbook.charts.make import warm_up

T = TypeVar("T")


class ChartProcess:
    """Started by the first chart a build lacks, stopped after the build; under `mkdocs serve`
    (`keep`) kept, so rebuilds neither start them nor load pandas and Altair again."""

    keep: ClassVar[bool] = False
    _pool: ClassVar[ProcessPoolExecutor | None] = None

    @classmethod
    def workers(cls) -> int:
        """One for a build (a second would compete for the two cores while loading); two under
        `mkdocs serve`, started while the editor reads, halving the wait after an edit."""
        return 2 if cls.keep else 1

    @classmethod
    def submit(cls, job: Callable[..., T], *args: Any) -> Future[T]:
        """`job(*args)` in the chart process, started if need be. It starts deaf to Ctrl+C,
        which its set-up (`_set_up_exits`) then has end it quietly: interrupted while loading
        its libraries, it printed a traceback."""
        if cls._pool is None:  # "spawn": a fork of a process with threads (mkdocs serve) may hang
            context = multiprocessing.get_context("spawn")
            cls._pool = ProcessPoolExecutor(
                max_workers=cls.workers(), mp_context=context, initializer=_set_up_exits
            )
        # Pickled now, not later in the executor's own thread: the build goes on reading the
        # datasets meanwhile, filling their lazy indexes ("dictionary changed size").
        call = pickle.dumps((job, args))
        handler = signal.getsignal(signal.SIGINT)
        if handler is None or threading.current_thread() is not threading.main_thread():
            return cls._pool.submit(_call, call)  # signals are the main thread's to set
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # inherited by a process started now
        try:
            return cls._pool.submit(_call, call)
        finally:
            signal.signal(signal.SIGINT, handler)

    @classmethod
    def warm_up(cls, cache_dir: Path) -> None:
        """Start it and have it load its libraries now, not when the first chart is wanted."""
        for _ in range(cls.workers()):
            cls.submit(warm_up, cache_dir)

    @classmethod
    def release(cls) -> None:
        """The build is done with it: stop it, unless it is kept."""
        if not cls.keep:
            cls.stop()

    @classmethod
    def stop(cls) -> None:
        """Stop it, dropping charts not yet started (e.g. when a build fails)."""
        if cls._pool is not None:
            cls._pool.shutdown(cancel_futures=True)
            cls._pool = None


def _call(call: bytes) -> Any:
    """In the chart process: the job `submit` pickled, run."""
    job, args = pickle.loads(call)
    return job(*args)


def _set_up_exits() -> None:
    """In the chart process: once stopped, exit without tearing down pandas, Altair and
    vl-convert's engine (0.2 s that the build waited for); and exit as soon as the build's
    process is gone, even when it was killed (`mkdocs serve` stopped with SIGTERM) and could
    not stop this one. Ctrl+C, which a terminal sends to both, ends it at once and quietly:
    the build's process says what was interrupted (a traceback from here said nothing more)."""
    signal.signal(signal.SIGINT, lambda number, frame: _exit_now())
    atexit.register(_exit_now)
    parent = multiprocessing.parent_process()
    if parent is None:
        return

    def watch() -> None:
        multiprocessing.connection.wait([parent.sentinel])
        _exit_now()

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()


def _exit_now() -> None:
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)
