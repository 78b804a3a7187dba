"""Reading one learner's folder: every file parsed, checked and typed, or a
finding that says what to fix. Never raises for anything in the files."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import references
from .findings import Finding
from .folders import Entries, list_folder, meant_name, printable
from .learner_checks import clash_message
from .load import Document, Problem, read_document
from .records import (
    Baseline,
    Ilp,
    Learner,
    Placement,
    Programme,
    Review,
    School,
    baseline_from_data,
    ilp_from_data,
    learner_from_data,
    placements_from_data,
    review_from_data,
)
from .validate import schema_problems

Progress = Callable[[list[Path]], Iterable[Path]]

SAFE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,39}")
RESERVED_IDS = frozenset({"index"})  # learners/index.md is the learner list
# Names Windows keeps for devices: a folder so named cannot be checked out there.
WINDOWS_NAMES = frozenset(
    {"con", "prn", "aux", "nul"}
    | {f"{port}{n}" for port in ("com", "lpt") for n in range(1, 10)}
)
LEARNER_FILES = ("learner.yaml", "baseline.yaml", "ilp.yaml", "interventions.yaml")


@dataclass
class LearnerRecords:
    """Everything read for one learner folder, and what went wrong reading it."""

    id: str
    folder: str
    learner: Learner | None = None
    baseline: Baseline | None = None
    ilp: Ilp | None = None
    placements: tuple[Placement, ...] = ()
    reviews: dict[str, Review] = field(default_factory=dict)
    present: frozenset[str] = frozenset()
    unreadable_reviews: set[str] = field(default_factory=set)
    broken: bool = False
    clashes: bool = False
    digest: str = ""  # of everything the records were read from, when cached
    findings: list[Finding] = field(default_factory=list)

    def missing(self, name: str) -> bool:
        """True when the file is absent (not merely unreadable)."""
        return name not in self.present

    @property
    def safe_id(self) -> bool:
        """The id can name a folder and a page address."""
        return learner_id_problem(self.id) is None


class Reader:
    """Reads files for one part of the cohort and records findings as it goes."""

    def __init__(self, root: Path, learner: str | None, max_bytes: int) -> None:
        self.root = root
        self.learner = learner
        self.max_bytes = max_bytes
        self.findings: list[Finding] = []

    def relative(self, path: Path) -> str:
        try:
            return printable(path.relative_to(self.root).as_posix())
        except ValueError:
            return printable(path.as_posix())

    def add(self, rule: str, path: Path, line: int | None, message: str, **details):
        self.findings.append(
            Finding(rule, self.learner, self.relative(path), line, message, details)
        )

    def read(self, path: Path, kind: str) -> Document | None:
        """Parse and schema-check one file; None (with findings) when unusable."""
        document = read_document(path, self.max_bytes)
        if isinstance(document, Problem):
            self.add("yaml", path, document.line, document.message)
            return None
        problems = schema_problems(kind, document)
        for line, message in problems:
            self.add("schema", path, line, message)
        return None if problems else document

    def typed(self, path: Path, document: Document, build: Callable[..., Any], *args):
        """Turn checked data into a record; a value the schema let through but
        Python cannot use (a year 0 date, say) becomes a finding, not a crash."""
        try:
            return build(*args, document)
        except (ValueError, KeyError, TypeError, OverflowError) as error:
            self.add(
                "schema",
                path,
                1,
                f"This file holds a value that cannot be used: {error}.",
            )
            return None


def read_learner(
    folder: Path,
    root: Path,
    school: School | None,
    programmes: dict[str, Programme] | None,
    max_bytes: int,
    clashes: dict[str, tuple[str, ...]] | None = None,
) -> LearnerRecords:
    """Read one learner folder; never raises for anything in the files."""
    reader = Reader(root, folder.name, max_bytes)
    result = LearnerRecords(id=folder.name, folder=reader.relative(folder))
    problem = learner_id_problem(folder.name)
    if problem:
        reader.add("schema", folder, None, problem)
        result.broken = True
    clash = (clashes or {}).get(folder.name.casefold())
    if clash:
        reader.add("reference", folder / "learner.yaml", None, clash_message(clash))
        result.broken = result.clashes = True
    entries = list_folder(folder, reader.add)
    # A record that is a link or a device is there but cannot be read: broken, not
    # missing, so that the learner meets nothing rather than what the rest allows.
    result.broken |= not entries.readable or any(
        name in LEARNER_FILES for name in entries.refused_files
    )
    result.present = frozenset(name for name in LEARNER_FILES if name in entries.files)

    documents: dict[str, tuple[Path, Document]] = {}
    for name in result.present:
        path = entries.files[name]
        document = reader.read(path, name.removesuffix(".yaml"))
        if document is None:
            result.broken = True
        else:
            documents[name] = (path, document)
    reviews = _read_reviews(reader, entries.folders.get("reviews"), school, result)
    _unknown_entries(reader, entries, result)

    if "learner.yaml" not in result.present:
        start = "" if problem else f" (pathways new learner {folder.name} starts it)"
        reader.add(
            "schema",
            folder / "learner.yaml",
            None,
            f"This learner folder has no learner.yaml. Add one{start}, or remove the "
            "folder.",
        )
        result.broken = True

    if school is not None:
        problems = references.learner_problems(
            folder, documents, reviews, school, programmes
        )
        for path, rule, line, message in problems:
            reader.add(rule, path, line, message)
            result.broken = True

    _type_records(reader, result, documents, reviews)
    result.findings = reader.findings
    return result


def learner_id_problem(name: str) -> str | None:
    """Why a folder name cannot be a learner id, if it cannot."""
    problem = id_problem(name)
    if problem is None:
        return None
    return (
        f"The folder name {problem} Rename the folder, and the id in its "
        "learner.yaml, to match."
    )


def id_problem(name: str) -> str | None:
    """Why `name` cannot be a learner id ("'x' cannot be…"), if it cannot."""
    if not SAFE_ID.fullmatch(name):
        return (
            f"'{name}' cannot be used as a learner id: use letters, digits, hyphens "
            "and underscores only, starting with a letter or digit, at most 40 "
            "characters and no spaces, for example L0042."
        )
    if name.casefold() in RESERVED_IDS:
        return (
            f"'{name}' cannot be a learner id: the site uses that name for one of "
            "its own pages. Choose another id."
        )
    if name.casefold() in WINDOWS_NAMES:
        return (
            f"'{name}' cannot be a learner id: Windows keeps that name for itself, so "
            "the repository could not be opened on a Windows computer. Choose another "
            "id."
        )
    return None


def _read_reviews(
    reader: Reader, folder: Path | None, school: School | None, result: LearnerRecords
) -> dict[str, tuple[Path, Document]]:
    reviews: dict[str, tuple[Path, Document]] = {}
    if folder is None:
        return reviews
    entries = list_folder(folder, reader.add)
    result.broken |= not entries.readable or any(
        name.endswith(".yaml") for name in entries.refused_files
    )
    for name, path in entries.files.items():
        if not name.endswith(".yaml"):
            _unknown_file(reader, path, review=True)
            continue
        key = name.removesuffix(".yaml")
        if school is not None and school.half_term(key) is None:
            taken = [other.removesuffix(".yaml") for other in entries.files]
            message = references.review_name_message(name, school, taken)
            reader.add("reference", path, 1, message)
            result.broken = True
            continue
        document = reader.read(path, "review")
        if document is None:
            result.broken = True
            result.unreadable_reviews.add(key)
        else:
            reviews[key] = (path, document)
    for path in entries.folders.values():
        _unknown_file(reader, path, review=True)
    return reviews


def _unknown_entries(reader: Reader, entries: Entries, result: LearnerRecords) -> None:
    for name, path in entries.folders.items():
        if name in LEARNER_FILES:
            reader.add(
                "yaml",
                path,
                None,
                f"{name} is a folder, not a file. Replace it with the {name} file.",
            )
            result.broken = True
        elif name != "reviews":
            _unknown_file(reader, path, review=False)
    for name, path in entries.files.items():
        if name not in LEARNER_FILES:
            _unknown_file(reader, path, review=False)


def _unknown_file(reader: Reader, path: Path, review: bool) -> None:
    known = (
        "after a half term, such as 2026-27-autumn-1.yaml"
        if review
        else ", ".join(LEARNER_FILES) + " and the reviews folder"
    )
    meant = meant_name(path.name, () if review else (*LEARNER_FILES, "reviews"))
    hint = f" If it is meant to be read, rename it to {meant}." if meant else ""
    reader.add(
        "unknown-file",
        path,
        1 if path.is_file() else None,
        f"Pathways does not read this, so nothing in it counts. The files it reads "
        f"here are named {known}.{hint}",
    )


def _type_records(
    reader: Reader,
    result: LearnerRecords,
    documents: dict[str, tuple[Path, Document]],
    reviews: dict[str, tuple[Path, Document]],
) -> None:
    builders = {
        "learner.yaml": ("learner", learner_from_data),
        "baseline.yaml": ("baseline", baseline_from_data),
        "ilp.yaml": ("ilp", ilp_from_data),
        "interventions.yaml": ("placements", placements_from_data),
    }
    for name, (path, document) in documents.items():
        attribute, build = builders[name]
        record = reader.typed(path, document, build)
        if record is None:
            result.broken = True
        else:
            setattr(result, attribute, record)
    for key, (path, document) in reviews.items():
        review = reader.typed(path, document, review_from_data, key)
        if review is None:
            result.broken = True
        else:
            result.reviews[key] = review
