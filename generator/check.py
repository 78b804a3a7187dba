"""`pathways check` without keeping the records: each learner is read and judged
where it is read, on any core, and only verdicts and findings come back."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from .calendar import DEFAULT_TIMEZONE, today_in
from .cohort import Progress, open_records, progress_over
from .findings import Finding
from .learner_folder import read_learner
from .parallel import map_folders
from .records import Programme, School
from .rules import Result, Verdict, combine, judge_learner


def judge_folder(
    folder: Path,
    root: Path,
    school: School | None,
    programmes: dict[str, Programme] | None,
    max_bytes: int,
    clashes: dict[str, tuple[str, ...]],
    school_broken: bool,
    as_of: date,
) -> tuple[dict[str, Verdict], list[Finding]]:
    records = read_learner(folder, root, school, programmes, max_bytes, clashes)
    result, findings = judge_learner(records, school, school_broken, as_of)
    return result.verdicts, findings


def check_records(
    records: Path, as_of: date | None, progress: Progress = iter
) -> Result:
    """The KPI figures and every finding, as `evaluate(read_cohort(...))` gives
    them, for a fraction of the memory and time."""
    opened = open_records(records)
    cohort = opened.cohort([])
    timezone = cohort.school.timezone if cohort.school else DEFAULT_TIMEZONE
    as_of = as_of or today_in(timezone)
    context = (*opened.context, cohort.school_broken, as_of)
    judged = map_folders(judge_folder, opened.folders, context)
    verdicts, findings = [], []
    for found_verdicts, found in progress_over(judged, opened.folders, progress):
        verdicts.append(found_verdicts)
        findings.extend(found)
    for refused in opened.refused:  # folders that could not be read at all
        result, found = judge_learner(
            refused, cohort.school, cohort.school_broken, as_of
        )
        verdicts.append(result.verdicts)
        findings.extend(found)
    return combine(cohort, as_of, verdicts, findings, learners=[])
