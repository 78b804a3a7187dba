"""A cache of read learners and rendered pages, keyed by the content of the files
they came from, so a rebuild after one record changes redoes little.

The cache is never trusted over the files: every file is read and hashed on
every build, and only an exact match of everything a result depends on (the
learner's files, school.yaml, programmes.yaml, the check's own code) reuses it.
A damaged or unreadable cache entry is simply rebuilt.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from functools import cache
from pathlib import Path
from typing import Any

CACHE_DIR = Path(".cache") / "pathways"
PACKAGE = Path(__file__).resolve().parent
SCHEMAS = PACKAGE.parent / "schemas"


@cache
def code_digest() -> str:
    """Changes whenever Pathways itself (its code, templates or schemas) changes."""
    digest = hashlib.sha256()
    for folder in (PACKAGE, SCHEMAS):
        for path in sorted(folder.rglob("*")):
            if path.is_file() and path.suffix in (".py", ".j2", ".json", ".css", ".js"):
                digest.update(str(path.relative_to(folder.parent)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()


def digest_files(paths: list[Path], *extra: str) -> str:
    """One digest of files' names and bytes, and any extra text."""
    digest = hashlib.sha256()
    for text in extra:
        digest.update(text.encode("utf-8", "surrogateescape"))
        digest.update(b"\0")
    for path in paths:
        digest.update(str(path).encode("utf-8", "surrogateescape"))
        digest.update(b"\0")
        try:
            digest.update(path.read_bytes())
        except OSError:
            digest.update(b"\1unreadable")
    return digest.hexdigest()


def folder_files(folder: Path) -> list[Path]:
    """Every file under a learner folder, in a fixed order."""
    found = []
    for parent, folders, names in os.walk(folder):
        folders.sort()
        found.extend(Path(parent) / name for name in sorted(names))
    return found


class Store:
    """Pickled values in files named by their key, under one folder."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def get(self, key: str) -> Any | None:
        try:
            with (self.folder / key[:2] / key).open("rb") as stream:
                return pickle.load(stream)
        except (
            OSError,
            EOFError,
            pickle.UnpicklingError,
            AttributeError,
            ImportError,
            IndexError,
            TypeError,
            ValueError,
        ):
            return None

    def put(self, key: str, value: Any) -> None:
        """Write atomically, so a build stopped part-way leaves no half entry."""
        target = self.folder / key[:2] / key
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
            with os.fdopen(handle, "wb") as stream:
                pickle.dump(value, stream, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, target)
        except OSError:
            pass  # a cache that cannot be written only makes the next build slower
