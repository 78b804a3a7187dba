"""Read a records folder: every file parsed, validated and typed, or a finding."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import references
from .cache import CACHE_DIR, Store, code_digest, digest_files, folder_files
from .calendar import valid_timezone
from .fastcheck import fast_validator
from .findings import Finding
from .folders import Entries, list_folder, meant_name, printable
from .load import Document, Problem, read_document
from .parallel import map_folders
from .records import (
    Baseline,
    Ilp,
    Learner,
    Placement,
    Programme,
    Review,
    School,
    Settings,
    baseline_from_data,
    ilp_from_data,
    learner_from_data,
    placements_from_data,
    programmes_from_data,
    review_from_data,
    school_from_data,
)
from .validate import schema_problems

Progress = Callable[[list[Path]], Iterable[Path]]
SAFE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,39}")
RESERVED_IDS = frozenset({"index"})  # learners/index.md is the learner list
LEARNER_FILES = ("learner.yaml", "baseline.yaml", "ilp.yaml", "interventions.yaml")


class RecordsNotFound(Exception):
    """The records folder, or its school.yaml, is not there: nothing can run."""


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


@dataclass
class Cohort:
    """The school's settings, its programmes and every learner, as read."""

    root: Path
    records: Path
    school: School | None
    programmes: dict[str, Programme]
    learners: list[LearnerRecords]
    findings: list[Finding]

    @property
    def school_broken(self) -> bool:
        """school.yaml or programmes.yaml is unusable: no learner can show anything."""
        return self.school is None or any(f.is_error for f in self.findings)

    def relative(self, path: Path) -> str:
        """A path as findings give it: relative to the repository root."""
        try:
            return printable(path.relative_to(self.root).as_posix())
        except ValueError:
            return printable(path.as_posix())

    def all_findings(self) -> list[Finding]:
        found = list(self.findings)
        for learner in self.learners:
            found.extend(learner.findings)
        return found


def repository_root(records: Path) -> Path:
    """The folder that finding paths are relative to: the Git work tree, if any."""
    for folder in (records, *records.parents):
        if (folder / ".git").exists():
            return folder
    return records.parent


class _Reader:
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


@dataclass
class Opened:
    """A records folder with its school-wide files read, before any learner."""

    root: Path
    records: Path
    school: School | None
    programmes: dict[str, Programme] | None
    folders: list[Path]
    max_bytes: int
    findings: list[Finding]
    clashes: dict[str, tuple[str, ...]]

    @property
    def context(self) -> tuple:
        """What every worker needs to read a learner folder."""
        return (self.root, self.school, self.programmes, self.max_bytes, self.clashes)

    def cohort(self, learners: list[LearnerRecords]) -> Cohort:
        return Cohort(
            self.root,
            self.records,
            self.school,
            self.programmes or {},
            learners,
            self.findings,
        )


def open_records(records: Path) -> Opened:
    """Read school.yaml and programmes.yaml and list the learner folders."""
    records = records.resolve()
    school_path = records / "school.yaml"
    if not records.is_dir():
        raise RecordsNotFound(f"There is no records folder at {records}.")
    if not school_path.is_file():
        near = [
            p.name
            for p in records.iterdir()
            if meant_name(p.name, ("school.yaml",)) == "school.yaml"
        ]
        hint = f" It has {near[0]}: rename it to school.yaml." if near else ""
        raise RecordsNotFound(
            f"{records} has no school.yaml, so it is not a Pathways records "
            f"folder.{hint}"
        )
    root = repository_root(records)
    reader = _Reader(root, None, Settings.max_file_kb * 1024)
    top = list_folder(records, reader.add)
    _unknown_top_level(reader, top)
    school = _read_school(reader, top.files.get("school.yaml"), school_path)
    if school is not None:
        reader.max_bytes = school.settings.max_file_kb * 1024
    programmes = _read_programmes(
        reader, top.files.get("programmes.yaml"), records, school
    )
    folders = _learner_folders(reader, records / "learners")
    clashes = references.case_clashes([folder.name for folder in folders])
    for kind in ("learner", "baseline", "ilp", "interventions", "review"):
        fast_validator(kind)  # compiled once here, not again in every worker
    return Opened(
        root,
        records,
        school,
        programmes,
        folders,
        reader.max_bytes,
        reader.findings,
        clashes,
    )


def read_cohort(
    records: Path, progress: Progress = iter, use_cache: bool = False
) -> Cohort:
    """Read school.yaml, programmes.yaml and every learner folder; with the cache,
    a learner whose files are byte for byte as before is not read again."""
    opened = open_records(records)
    if use_cache:
        shared = digest_files(
            [opened.records / "school.yaml", opened.records / "programmes.yaml"],
            code_digest(),
        )
        context = (*opened.context, opened.root / CACHE_DIR / "records", shared)
        results = map_folders(read_learner_cached, opened.folders, context)
    else:
        results = map_folders(read_learner, opened.folders, opened.context)
    return opened.cohort(list(progress_over(results, opened.folders, progress)))


def read_learner_cached(
    folder: Path,
    root: Path,
    school: School | None,
    programmes: dict[str, Programme] | None,
    max_bytes: int,
    clashes: dict[str, tuple[str, ...]],
    cache_dir: Path,
    shared: str,
) -> LearnerRecords:
    """read_learner, reusing the result of an earlier build when every file it
    depends on is unchanged."""
    clash = folder.name.casefold() in clashes
    key = digest_files(folder_files(folder), shared, str(folder), str(clash))
    store = Store(cache_dir)
    found = store.get(key)
    if isinstance(found, LearnerRecords) and found.digest == key:
        return found
    result = read_learner(folder, root, school, programmes, max_bytes, clashes)
    result.digest = key
    store.put(key, result)
    return result


TOP_LEVEL = ("school.yaml", "programmes.yaml", "learners")


def _unknown_top_level(reader: _Reader, top: Entries) -> None:
    for name, path in {**top.files, **top.folders}.items():
        if name in TOP_LEVEL:
            continue
        meant = meant_name(name, TOP_LEVEL)
        hint = f" If it is meant to be read, rename it to {meant}." if meant else ""
        reader.add(
            "unknown-file",
            path,
            1 if path.is_file() else None,
            "Pathways does not read this, so nothing in it counts. The records "
            f"folder holds school.yaml, programmes.yaml and the learners folder.{hint}",
        )


def progress_over(results: Iterable, folders: list[Path], progress: Progress):
    """Advance the progress display as each folder's result arrives."""
    results = iter(results)
    for _ in progress(folders):
        yield next(results)


def _learner_folders(reader: _Reader, folder: Path) -> list[Path]:
    if not folder.is_dir() or folder.is_symlink():
        reader.add(
            "schema",
            folder,
            None,
            "There is no learners folder in records/, so no learner was checked. "
            "Each learner's folder goes in records/learners/ (in lower case).",
        )
        return []
    entries = list_folder(folder, reader.add)
    for path in entries.files.values():
        reader.add(
            "unknown-file",
            path,
            None,
            "Pathways does not read files here, only one folder per learner, named by "
            "their id. Move this file out of records/learners.",
        )
    return list(entries.folders.values())


def _read_school(reader: _Reader, path: Path | None, expected: Path) -> School | None:
    if path is None:
        return None  # list_folder has said why: a link, or not a file
    document = reader.read(path, "school")
    if document is None:
        return None
    problems = references.school_problems(document)
    timezone = document.data.get("timezone")
    if timezone is not None and not valid_timezone(timezone):
        problems.append(
            (
                document.line(("timezone",)),
                f"timezone: '{timezone}' is not a time zone Pathways knows. Write a "
                "name such as Europe/London.",
            )
        )
    for line, message in problems:
        reader.add("schema", path, line, message)
    return None if problems else reader.typed(path, document, school_from_data)


def _read_programmes(
    reader: _Reader, path: Path | None, records: Path, school: School | None
) -> dict[str, Programme] | None:
    """The catalogue; None when programmes.yaml is missing or unusable, so that
    placements are not each reported as naming an unknown programme."""
    if path is None:
        if not (records / "programmes.yaml").exists():
            reader.add(
                "schema",
                records / "programmes.yaml",
                None,
                "There is no programmes.yaml, so no intervention can be checked. Add "
                "the school's intervention programmes (write programmes: [] if there "
                "are none yet).",
            )
        return None
    document = reader.read(path, "programmes")
    if document is None:
        return None
    problems = references.programme_problems(document, school)
    for rule, line, message in problems:
        reader.add(rule, path, line, message)
    if problems:
        return None
    return reader.typed(path, document, programmes_from_data)


def read_learner(
    folder: Path,
    root: Path,
    school: School | None,
    programmes: dict[str, Programme] | None,
    max_bytes: int,
    clashes: dict[str, tuple[str, ...]] | None = None,
) -> LearnerRecords:
    """Read one learner folder; never raises for anything in the files."""
    reader = _Reader(root, folder.name, max_bytes)
    result = LearnerRecords(id=folder.name, folder=reader.relative(folder))
    problem = learner_id_problem(folder.name)
    if problem:
        reader.add("schema", folder, None, problem)
        result.broken = True
    clash = (clashes or {}).get(folder.name.casefold())
    if clash:
        reader.add(
            "reference", folder / "learner.yaml", None, references.clash_message(clash)
        )
        result.broken = result.clashes = True
    entries = list_folder(folder, reader.add)
    result.broken |= not entries.readable
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
    if not SAFE_ID.fullmatch(name):
        return (
            f"The folder name '{name}' cannot be used as a learner id: use letters, "
            "digits, hyphens and underscores only, with no spaces, for example L0042. "
            "Rename the folder and the id in learner.yaml to match."
        )
    if name.casefold() in RESERVED_IDS:
        return (
            f"'{name}' cannot be a learner id: the site uses that name for one of "
            "its own pages. Choose another id and rename the folder to match."
        )
    return None


def _read_reviews(
    reader: _Reader, folder: Path | None, school: School | None, result: LearnerRecords
) -> dict[str, tuple[Path, Document]]:
    reviews: dict[str, tuple[Path, Document]] = {}
    if folder is None:
        return reviews
    entries = list_folder(folder, reader.add)
    result.broken |= not entries.readable
    for name, path in entries.files.items():
        if not name.endswith(".yaml"):
            _unknown_file(reader, path, review=True)
            continue
        key = name.removesuffix(".yaml")
        if school is not None and school.half_term(key) is None:
            reader.add(
                "reference", path, 1, references.review_name_message(name, school)
            )
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


def _unknown_entries(reader: _Reader, entries: Entries, result: LearnerRecords) -> None:
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


def _unknown_file(reader: _Reader, path: Path, review: bool) -> None:
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
    reader: _Reader,
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
