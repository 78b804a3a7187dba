"""Read a records folder: every file parsed, validated and typed, or a finding."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from . import references
from .cache import CACHE_DIR, Store, code_digest, digest_files, folder_files
from .calendar import valid_timezone
from .fastcheck import fast_validator
from .findings import Finding
from .folders import Entries, list_folder, meant_name, printable
from .learner_checks import case_clashes
from .learner_folder import (
    LearnerRecords,
    Reader,
    read_learner,
)
from .parallel import map_folders
from .records import (
    Programme,
    School,
    Settings,
    programmes_from_data,
    school_from_data,
)
from .school_checks import school_problems

Progress = Callable[[list[Path]], Iterable[Path]]


START_HINT = (
    " To start a school's records, copy school.yaml and programmes.yaml from the "
    "example records/ that comes with Pathways and change them for the school."
)


class RecordsNotFound(Exception):
    """The records folder, or its school.yaml, is not there: nothing can run."""


@dataclass
class Cohort:
    """The school's settings, its programmes and every learner, as read."""

    root: Path
    records: Path
    school: School | None
    programmes: dict[str, Programme]
    learners: list[LearnerRecords]
    findings: list[Finding]
    # school.yaml or programmes.yaml is unusable: no learner can show anything.
    school_broken: bool = False

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
    school_broken: bool
    refused: list[LearnerRecords]  # learner folders that could not be read at all

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
            sorted([*learners, *self.refused], key=lambda records: records.id),
            self.findings,
            self.school_broken,
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
            f"folder.{hint or START_HINT}"
        )
    root = repository_root(records)
    reader = Reader(root, None, Settings.max_file_kb * 1024)
    top = list_folder(records, reader.add)
    _unknown_top_level(reader, top)
    before = len(reader.findings)
    school = _read_school(reader, top.files.get("school.yaml"), school_path)
    if school is not None:
        reader.max_bytes = school.settings.max_file_kb * 1024
    programmes = _read_programmes(
        reader, top.files.get("programmes.yaml"), records, school
    )
    school_broken = school is None or any(
        finding.is_error for finding in reader.findings[before:]
    )
    folders, refused = _learner_folders(reader, records / "learners")
    clashes = case_clashes([folder.name for folder in folders])
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
        school_broken,
        refused,
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


def _unknown_top_level(reader: Reader, top: Entries) -> None:
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


def _learner_folders(
    reader: Reader, folder: Path
) -> tuple[list[Path], list[LearnerRecords]]:
    """The learner folders to read, and those that cannot be read at all (a link,
    a name that cannot be read, a leading dot): each of those is still a learner,
    counted in every KPI and meeting none."""
    if not folder.is_dir() or folder.is_symlink():
        reader.add(
            "schema",
            folder,
            None,
            "There is no learners folder in records/, so no learner was checked. "
            "Each learner's folder goes in records/learners/ (in lower case).",
        )
        return [], []
    entries = list_folder(folder, reader.add)
    for path in entries.files.values():
        reader.add(
            "unknown-file",
            path,
            None,
            "Pathways does not read files here, only one folder per learner, named by "
            "their id. Move this file out of records/learners.",
        )
    refused = [
        LearnerRecords(
            id=printable(path.name), folder=reader.relative(path), broken=True
        )
        for path in entries.refused_folders
    ]
    return list(entries.folders.values()), refused


def _read_school(reader: Reader, path: Path | None, expected: Path) -> School | None:
    if path is None:
        return None  # list_folder has said why: a link, or not a file
    document = reader.read(path, "school")
    if document is None:
        return None
    problems = school_problems(document)
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
    reader: Reader, path: Path | None, records: Path, school: School | None
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
