"""`pathways serve`: a live preview that rebuilds the pages when a record changes.

MkDocs' own server watches the pages folder and reloads the browser; this
module watches records/ and rewrites only the pages whose text changed, so the
preview follows staff as they edit.
"""

from __future__ import annotations

import filecmp
import logging
import shutil
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path

from .pages import write_pages
from .rules import Result
from .site import MARK_TEXT, PAGES_MARK, site_folders

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


def sync_pages(result: Result, docs_dir: Path) -> int:
    """Write the pages into `docs_dir` in place, touching only files whose text
    changed and removing pages that are gone; returns how many files changed."""
    docs_dir.mkdir(parents=True, exist_ok=True)
    changed = 0
    with tempfile.TemporaryDirectory(prefix=".pages-", dir=docs_dir.parent) as fresh:
        fresh_dir = Path(fresh)
        write_pages(result, fresh_dir)
        (fresh_dir / PAGES_MARK).write_text(MARK_TEXT)
        wanted = {p.relative_to(fresh_dir) for p in fresh_dir.rglob("*") if p.is_file()}
        for name in sorted(wanted):
            target = docs_dir / name
            if target.exists() and filecmp.cmp(fresh_dir / name, target, shallow=False):
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(fresh_dir / name, target)
            changed += 1
        for old in sorted(docs_dir.rglob("*"), reverse=True):
            if old.is_file() and old.relative_to(docs_dir) not in wanted:
                old.unlink()
                changed += 1
    return changed


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
        mkdocs_serve(config_file=str(config_file), livereload=True, dev_addr=dev_addr)
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
            changed = sync_pages(evaluate_records(), docs_dir)
        except Exception:  # a half-saved file must not stop the preview
            log.warning("Could not rebuild the pages; will try again.", exc_info=True)
            continue
        log.info("Records changed: %d page files updated.", changed)
