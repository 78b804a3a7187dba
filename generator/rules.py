"""The KPIs and the statutory rules: records in, verdicts and findings out.

Everything here is a function of the records and `as_of`, so the KPI for a past
half term is the same function evaluated at an earlier date.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .cohort import Cohort
from .duties import rule_findings, school_findings
from .findings import Finding
from .kpis import (
    KPI_RULES,
    NO_FOLDER,
    NO_LEARNER,
    PENDING,
    SCHOOL_BROKEN,
    UNREADABLE,
    KpiFigure,
    LearnerResult,
    Verdict,
    baseline_on,
    ilp_on,
    on_track_verdict,
)
from .learner_folder import LearnerRecords
from .records import KPI_KEYS, School, Settings
from .schedule import ehcp_review_due, passed_slots, phase_transfer, review_slots

__all__ = [
    "KpiFigure",
    "LearnerResult",
    "Result",
    "Verdict",
    "baseline_on",
    "combine",
    "evaluate",
    "ilp_on",
    "judge_learner",
]


@dataclass
class Result:
    as_of: date
    cohort: Cohort
    kpis: dict[str, KpiFigure]
    learners: list[LearnerResult]
    findings: list[Finding]

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.is_error]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if not f.is_error]


def evaluate(cohort: Cohort, as_of: date, with_findings: bool = True) -> Result:
    """Compute every learner's verdicts, the KPI figures and the rule findings."""
    learners = []
    findings: list[Finding] = []
    for records in cohort.learners:
        result, found = judge_learner(
            records, cohort.school, cohort.school_broken, as_of, with_findings
        )
        learners.append(result)
        findings.extend(found)
    verdicts = [result.verdicts for result in learners]
    return combine(cohort, as_of, verdicts, findings, learners, with_findings)


def judge_learner(
    records: LearnerRecords,
    school: School | None,
    school_broken: bool,
    as_of: date,
    with_findings: bool = True,
) -> tuple[LearnerResult, list[Finding]]:
    """One learner's verdicts, and every finding about them: the work for one
    learner that needs no other learner, so it can run on any core."""
    settings = school.settings if school else Settings()
    result = _judge(records, school, school_broken, as_of, settings)
    if not with_findings:
        return result, []
    findings = list(records.findings)
    if school is not None:
        findings.extend(rule_findings(result, school, as_of))
    return result, findings


def combine(
    cohort: Cohort,
    as_of: date,
    verdicts: list[dict[str, Verdict]],
    findings: list[Finding],
    learners: list[LearnerResult],
    with_findings: bool = True,
) -> Result:
    """The KPI figures from every learner's verdicts, with all findings in order."""
    school = cohort.school
    if with_findings:
        findings = [*cohort.findings, *findings]
        if school is not None:
            findings.extend(school_findings(cohort, school, as_of))
        findings.sort(key=Finding.sort_key)
    targets = school.targets if school else {}
    kpis = {key: _figure(key, verdicts, targets.get(key, 1.0)) for key in KPI_KEYS}
    return Result(as_of, cohort, kpis, learners, findings)


def _figure(key: str, learners: list[dict[str, Verdict]], target: float) -> KpiFigure:
    verdicts = [found[key] for found in learners if key in found]
    return KpiFigure(
        key=key,
        met=sum(1 for v in verdicts if v.met),
        eligible=sum(1 for v in verdicts if not v.pending),
        pending=sum(1 for v in verdicts if v.pending),
        target=target,
    )


DATES_IN_DOUBT = (
    "the entry or leaving date in learner.yaml does not fit the dates of the "
    "learner's reviews, so nothing can count until it is fixed"
)


def dates_in_doubt(records: LearnerRecords, learner) -> bool:
    """The learner's dates say they are not on roll, but one of them must be wrong:
    they left before they started, or a review was held outside their time at
    the school. A slip in a date must not take a learner out of the figures."""
    start, end = learner.entry_date, learner.leaving_date
    if end is not None and end < start:
        return True
    held = [review.date for review in records.reviews.values()]
    return any(day < start or (end is not None and day > end) for day in held)


def _judge(
    records: LearnerRecords,
    school: School | None,
    school_broken: bool,
    as_of: date,
    settings: Settings,
) -> LearnerResult:
    learner = records.learner
    if learner is None:
        unread = NO_LEARNER if "learner.yaml" in records.present else NO_FOLDER
        failed = Verdict(False, (unread,))
        return LearnerResult(records, True, True, dict.fromkeys(KPI_KEYS, failed))
    if not learner.on_roll(as_of):
        if records.broken and dates_in_doubt(records, learner):
            # Off roll only by a date the records show to be wrong: still counted.
            doubt = Verdict(False, (DATES_IN_DOUBT,))
            return LearnerResult(records, True, True, dict.fromkeys(KPI_KEYS, doubt))
        return LearnerResult(records, False, False)
    settled = (as_of - learner.entry_date).days > settings.baseline_window_days
    result = LearnerResult(records, True, settled)
    if school is None:
        result.verdicts = dict.fromkeys(KPI_KEYS, Verdict(False, (SCHOOL_BROKEN,)))
        return result

    result.slots = review_slots(
        learner, records.reviews, school, as_of, records.unreadable_reviews
    )
    due = ehcp_review_due(learner, as_of, settings.ehcp_review_months)
    result.ehcp_due = due[1] if due else None
    result.transfer = phase_transfer(learner, school, as_of)

    passed = passed_slots(result.slots, as_of)
    broken_reason = SCHOOL_BROKEN if school_broken else UNREADABLE
    broken = records.broken or school_broken
    for key in ("baseline", "outcomes", "interventions"):
        if not settled:
            result.verdicts[key] = PENDING
        elif broken:
            result.verdicts[key] = Verdict(False, (broken_reason,))
        else:
            result.verdicts[key] = KPI_RULES[key](records, school, as_of)
    if not passed:
        result.verdicts["on_track"] = PENDING
    elif broken:
        result.verdicts["on_track"] = Verdict(False, (broken_reason,))
    else:
        result.verdicts["on_track"] = on_track_verdict(
            records, passed[-1], settings, as_of
        )
    return result
