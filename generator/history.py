"""When each record last changed, from the Git history of the repository."""

from __future__ import annotations

import logging
import subprocess
from datetime import date
from pathlib import Path

log = logging.getLogger(__name__)


def last_changed(root: Path, records: Path) -> dict[str, date]:
    """The date of the last commit that touched each file under `records`, keyed
    by its path relative to `root`. Empty when there is no Git history to read."""
    if not (root / ".git").exists():
        return {}
    try:
        output = subprocess.run(
            [
                "git",
                "-C",
                str(root),
                "log",
                "--format=%x1e%cs",
                "--name-only",
                "--no-renames",
                "--",
                str(records.relative_to(root)),
            ],
            capture_output=True,
            text=True,
            check=True,
            timeout=120,
        ).stdout
    except (OSError, ValueError, subprocess.SubprocessError) as error:
        log.info(
            "Could not read the Git history, so pages show no change dates: %s", error
        )
        return {}
    changed: dict[str, date] = {}
    for block in output.split("\x1e")[1:]:
        day, *files = block.strip().splitlines()
        when = date.fromisoformat(day)
        for name in filter(None, files):
            changed.setdefault(name, when)  # newest commit first
    return changed
