"""`pathways serve`: a live preview that rebuilds the pages when a record changes.

MkDocs' own server watches the pages folder and reloads the browser; this
module watches records/ and rewrites only the pages whose text changed, so the
preview follows staff as they edit.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path

from .rules import Result
from .site import site_folders, sync_pages

log = logging.getLogger(__name__)
Signature = frozenset[tuple[str, int, int]]


def records_signature(records: Path) -> Signature:
    """What changes when any record is added, removed or edited."""
    found = set()
    for path in records.rglob("*"):
        try:
            stat = path.stat()
        except OSError:
            continue
        found.add((str(path), stat.st_mtime_ns, stat.st_size))
    return frozenset(found)


def serve(
    config_file: Path,
    records: Path,
    evaluate_records: Callable[[], Result],
    dev_addr: str,
    interval: float = 1.0,
) -> None:
    """Build the pages, then serve them with MkDocs until interrupted."""
    from mkdocs.commands.serve import serve as mkdocs_serve

    docs_dir, _ = site_folders(config_file)
    sync_pages(evaluate_records(), docs_dir)
    stop = threading.Event()
    watcher = threading.Thread(
        target=_watch,
        args=(records, docs_dir, evaluate_records, stop, interval),
        daemon=True,
    )
    watcher.start()
    try:
        # A dirty rebuild redoes only the pages that changed; the preview's search
        # may miss them until the next full build, which `pathways build` makes.
        mkdocs_serve(
            config_file=str(config_file),
            livereload=True,
            build_type="dirty",
            dev_addr=dev_addr,
        )
    finally:
        stop.set()


def _watch(
    records: Path,
    docs_dir: Path,
    evaluate_records: Callable[[], Result],
    stop: threading.Event,
    interval: float,
) -> None:
    seen = records_signature(records)
    while not stop.wait(interval):
        now = records_signature(records)
        if now == seen:
            continue
        seen = now
        try:
            changed, removed = sync_pages(evaluate_records(), docs_dir)
        except Exception as error:  # a half-saved file must not stop the preview
            log.warning("Could not rebuild the pages (%s); will try again.", error)
            log.debug("Why the rebuild failed", exc_info=True)
            continue
        log.info("Records changed: %d pages updated.", len(changed | removed))
