"""Listing the records folders safely: links, unreadable folders and odd entries
become findings, and only real files and folders inside records/ are read."""

from __future__ import annotations

import difflib
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

Report = Callable[[str, Path, int | None, str], None]


@dataclass
class Entries:
    """The usable files and folders of one folder, by name."""

    files: dict[str, Path] = field(default_factory=dict)
    folders: dict[str, Path] = field(default_factory=dict)
    readable: bool = True
    # Folders (or links to folders) that were reported and not read.
    refused_folders: list[Path] = field(default_factory=list)
    # Other entries reported and not read (links to files, devices), by name.
    refused_files: dict[str, Path] = field(default_factory=dict)


def list_folder(folder: Path, report: Report) -> Entries:
    """The real files and sub-folders of `folder`, skipping hidden ones.

    Links are refused: one could point outside records/ and print another file
    (a password file, say) into CI logs and onto the site.
    """
    entries = Entries()
    try:
        with os.scandir(folder) as scan:
            children = sorted(scan, key=lambda entry: entry.name)
    except OSError as error:
        entries.readable = False
        report(
            "yaml",
            folder,
            None,
            f"This folder cannot be opened ({error.strerror or error}), so nothing in "
            "it was checked. Ask whoever looks after the repository to fix its "
            "permissions.",
        )
        return entries
    for child in children:
        path = folder / child.name
        a_folder = child.is_dir()  # a link to a folder counts as one
        if not readable_name(child.name):
            report(
                "yaml",
                path,
                None,
                "This name has letters that cannot be read (it was probably unzipped "
                "from an old Windows archive). Rename it using ordinary letters.",
            )
        elif child.name.startswith("."):
            a_folder = a_folder and folder.name == "learners"
            if a_folder:
                report(
                    "schema",
                    path,
                    None,
                    "Pathways skips folders whose names start with a dot, so this "
                    "learner is not checked and counts as meeting no KPI. Remove the "
                    "dot from the folder name.",
                )
        elif child.is_symlink():
            report(
                "yaml",
                path,
                None,
                "This is a link to somewhere else, not a file. Pathways reads only "
                "real files inside records/: replace the link with the file itself.",
            )
        elif child.is_dir(follow_symlinks=False):
            entries.folders[child.name] = path
            continue
        elif child.is_file(follow_symlinks=False):
            entries.files[child.name] = path
            continue
        else:
            report(
                "yaml",
                path,
                None,
                "This is not an ordinary file, so Pathways cannot read it. Replace it "
                "with a YAML file.",
            )
        if a_folder:
            entries.refused_folders.append(path)
        elif not child.name.startswith("."):
            entries.refused_files[child.name] = path
    return entries


def readable_name(name: str) -> bool:
    """False for names with bytes that are not UTF-8 (Python keeps them as
    surrogates, which cannot be printed or written into a page)."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def printable(path: str) -> str:
    """A path safe to print and to write into JSON, whatever bytes its name has."""
    return path.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def meant_name(name: str, known: tuple[str, ...]) -> str | None:
    """The name this one was probably meant to have: ILP.yaml → ilp.yaml,
    baseline.yml → baseline.yaml, intervention.yaml → interventions.yaml."""
    stem, dot, suffix = name.rpartition(".")
    fixed = f"{stem}.yaml" if dot and suffix.lower() in ("yml", "yaml") else name
    folded = {option.casefold(): option for option in known}
    if fixed.casefold() in folded:
        return folded[fixed.casefold()]
    close = difflib.get_close_matches(fixed.casefold(), list(folded), n=1, cutoff=0.85)
    if close:
        return folded[close[0]]
    return fixed if fixed != name else None
