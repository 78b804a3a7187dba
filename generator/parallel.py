"""Reading learner folders on every core: each folder is independent, so the
work splits cleanly, and results come back in the folders' order."""

from __future__ import annotations

import gc
import multiprocessing
import os
import signal
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

# Below this many learners, starting worker processes costs more than it saves.
PARALLEL_FROM = 200
_shared: dict[str, Any] = {}


def workers() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _start(job: Callable[..., Any], context: tuple) -> None:
    _shared["job"], _shared["context"] = job, context
    # Ctrl+C is for the main process to handle: a worker stopped part way would
    # only print its own traceback.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    quieter_collector()


def quieter_collector() -> None:
    """Collect cyclic garbage far less often while reading records.

    Parsing makes and drops millions of small objects that reference counting
    frees at once (records hold no reference cycles); left at its defaults, the
    cyclic collector would rescan everything still alive thousands of times,
    which once cost as much as parsing itself.
    """
    gc.freeze()  # what exists now (modules, schemas) lives as long as the process
    gc.set_threshold(50_000, 20, 20)


def _run(folder: Path) -> Any:
    return _shared["job"](folder, *_shared["context"])


def map_folders(
    job: Callable[..., Any], folders: list[Path], context: tuple
) -> Iterator[Any]:
    """job(folder, *context) for every folder, in order, on all cores when it pays."""
    count = workers()
    if count < 2 or len(folders) < PARALLEL_FROM:
        if len(folders) >= PARALLEL_FROM:
            quieter_collector()
        return (job(folder, *context) for folder in folders)
    methods = multiprocessing.get_all_start_methods()
    start = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    pool = ProcessPoolExecutor(
        max_workers=count, mp_context=start, initializer=_start, initargs=(job, context)
    )
    chunk = max(1, min(64, len(folders) // (count * 8)))
    return _closing(pool, pool.map(_run, folders, chunksize=chunk))


def _closing(pool: ProcessPoolExecutor, results: Iterable[Any]) -> Iterator[Any]:
    try:
        yield from results
    finally:
        pool.shutdown(cancel_futures=True)
