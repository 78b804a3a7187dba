"""The KPIs and the statutory rules: records in, verdicts and findings out.

Everything here is a function of the records and `as_of`, so the KPI for a past
half term is the same function evaluated at an earlier date.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from fractions import Fraction

from .calendar import long_date
from .cohort import Cohort, LearnerRecords
from .findings import Finding
from .records import KPI_KEYS, Baseline, Ilp, Learner, School, Settings
from .schedule import (
    DUE_SOON,
    HELD,
    LATE,
    MISSED,
    NOT_HELD,
    ReviewSlot,
    ehcp_review_due,
    passed_slots,
    phase_transfer,
    review_slots,
)

CALENDAR_NOTICE_DAYS = 56
UNREADABLE = (
    "a record cannot be read or checked, so nothing can count until it is fixed"
)
NO_LEARNER = "learner.yaml cannot be read, so nothing can count until it is fixed"
SCHOOL_BROKEN = "school.yaml or programmes.yaml cannot be used, so no learner can count"


@dataclass(frozen=True)
class Verdict:
    """One learner against one KPI: met, not met, or pending (in no denominator)."""

    met: bool | None
    reasons: tuple[str, ...] = ()

    @property
    def pending(self) -> bool:
        return self.met is None


PENDING = Verdict(None)
MET = Verdict(True)


@dataclass
class LearnerResult:
    """What the rules make of one learner on `as_of`."""

    records: LearnerRecords
    on_roll: bool
    settled: bool
    verdicts: dict[str, Verdict] = field(default_factory=dict)
    slots: list[ReviewSlot] = field(default_factory=list)
    ehcp_due: date | None = None
    transfer: tuple[date, bool] | None = None

    @property
    def id(self) -> str:
        return self.records.id

    @property
    def learner(self) -> Learner | None:
        return self.records.learner


@dataclass(frozen=True)
class KpiFigure:
    key: str
    met: int
    eligible: int
    pending: int
    target: float

    @property
    def value(self) -> float | None:
        return self.met / self.eligible if self.eligible else None

    @property
    def achieved(self) -> bool | None:
        if not self.eligible:
            return None
        return Fraction(self.met, self.eligible) >= Fraction(str(self.target))

    def as_json(self) -> dict:
        return {
            "met": self.met,
            "eligible": self.eligible,
            "pending": self.pending,
            "value": self.value,
            "target": self.target,
            "achieved": self.achieved,
        }


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
        findings.extend(_rule_findings(result, school, as_of))
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
            findings.extend(_school_findings(cohort, school, as_of))
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


def _judge(
    records: LearnerRecords,
    school: School | None,
    school_broken: bool,
    as_of: date,
    settings: Settings,
) -> LearnerResult:
    learner = records.learner
    if learner is None:
        failed = Verdict(False, (NO_LEARNER,))
        return LearnerResult(records, True, True, dict.fromkeys(KPI_KEYS, failed))
    if not learner.on_roll(as_of):
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
            result.verdicts[key] = _KPI_RULES[key](records, school, as_of)
    if not passed:
        result.verdicts["on_track"] = PENDING
    elif broken:
        result.verdicts["on_track"] = Verdict(False, (broken_reason,))
    else:
        result.verdicts["on_track"] = _on_track(records, passed[-1], settings, as_of)
    return result


def baseline_on(records: LearnerRecords, as_of: date) -> Baseline | None:
    """The baseline as it stood on `as_of`: one dated later did not exist yet."""
    baseline = records.baseline
    return baseline if baseline is not None and baseline.date <= as_of else None


def ilp_on(records: LearnerRecords, as_of: date) -> Ilp | None:
    ilp = records.ilp
    return ilp if ilp is not None and ilp.agreed <= as_of else None


def _kpi_baseline(records: LearnerRecords, school: School, as_of: date) -> Verdict:
    baseline = baseline_on(records, as_of)
    if baseline is None:
        return Verdict(False, ("no baseline has been recorded",))
    reasons = []
    if not baseline.academic:
        reasons.append("the baseline has no academic measure")
    if not baseline.psed:
        reasons.append("the baseline has no PSED measure")
    ilp = ilp_on(records, as_of)
    targeted = {t.area for t in ilp.targets if t.active} if ilp else set()
    for area in baseline.priorities:
        if area not in targeted:
            reasons.append(
                f"priority {_area_name(school, area)} has no active ILP target"
            )
    return Verdict(not reasons, tuple(reasons))


def _kpi_outcomes(records: LearnerRecords, school: School, as_of: date) -> Verdict:
    ilp = ilp_on(records, as_of)
    if ilp is None:
        return Verdict(False, ("no ILP has been agreed",))
    reasons = []
    if not ilp.learner_involved:
        reasons.append("the learner did not take part in setting the ILP")
    active = [t for t in ilp.targets if t.active]
    if not active:
        reasons.append("the ILP has no active target")
    if not any(o.planned for o in ilp.outcomes):
        reasons.append("the ILP has no planned subject outcome")
    learner = records.learner
    assert learner is not None
    for need in ("SEMH", "ASC"):
        if need not in learner.needs:
            continue
        served = any(need in school.areas[t.area].needs for t in active)
        if not served:
            reasons.append(f"no active target serves the learner's {need} need")
    return Verdict(not reasons, tuple(reasons))


def _kpi_interventions(records: LearnerRecords, school: School, as_of: date) -> Verdict:
    baseline = baseline_on(records, as_of)
    if baseline is None:
        return Verdict(False, ("no baseline has been recorded",))
    reasons = []
    for area in baseline.priorities:
        covered = any(
            p.area == area and p.covers_need(as_of) for p in records.placements
        )
        if not covered:
            reasons.append(
                f"priority {_area_name(school, area)} has no current intervention"
            )
    return Verdict(not reasons, tuple(reasons))


_KPI_RULES = {
    "baseline": _kpi_baseline,
    "outcomes": _kpi_outcomes,
    "interventions": _kpi_interventions,
}


def _on_track(
    records: LearnerRecords, slot: ReviewSlot, settings: Settings, as_of: date
) -> Verdict:
    title = slot.half_term.title
    if slot.state == MISSED:
        return Verdict(False, (f"the {title} review was missed",))
    review = slot.review
    assert review is not None
    if slot.state == NOT_HELD:
        return Verdict(False, (f"the {title} review was not held",))
    ilp = ilp_on(records, as_of)
    if ilp is None:
        return Verdict(False, ("there is no ILP for the review to rate",))
    items = [
        (f"target {t.id}", review.targets.get(t.id)) for t in ilp.targets if t.active
    ]
    items += [
        (f"outcome {o.id}", review.outcomes.get(o.id))
        for o in ilp.outcomes
        if o.planned
    ]
    items += [
        (f"intervention {key}", rating) for key, rating in review.interventions.items()
    ]
    if not items:
        return Verdict(False, (f"the {title} review rates nothing",))
    reasons = []
    for name, rating in items:
        if rating is None:
            reasons.append(f"{name} was not rated at the {title} review")
        elif not rating.good:
            reasons.append(f"{name} was rated {rating.rating} at the {title} review")
    good = len(items) - len(reasons)
    met = Fraction(good, len(items)) >= Fraction(str(settings.on_track_min_share))
    return Verdict(met, () if met else tuple(reasons))


def _area_name(school: School, area: str) -> str:
    known = school.areas.get(area)
    return known.name.lower() if known else area


def _school_findings(cohort: Cohort, school: School, as_of: date) -> Iterator[Finding]:
    """Warn while there is still time to add the next year's term dates."""
    last = school.half_terms[-1]
    if last.end < as_of + timedelta(days=CALENDAR_NOTICE_DAYS):
        tense = "ended" if last.end < as_of else "ends"
        yield Finding(
            "calendar-ends",
            None,
            f"{cohort.relative(cohort.records / 'school.yaml')}",
            school.lines.get("calendar"),
            f"The calendar in school.yaml {tense} on {long_date(last.end)}, so no "
            "review falls due after that. Add the next academic year's half terms.",
        )


def _rule_findings(
    result: LearnerResult, school: School, as_of: date
) -> Iterator[Finding]:
    """The review, EHCP and statutory findings for one learner on roll."""
    if result.learner is None or not result.on_roll:
        return
    records = result.records

    def finding(
        rule: str, name: str, line: int | None, message: str, **details
    ) -> Finding:
        file = f"{records.folder}/{name}"
        return Finding(rule, records.id, file, line, message, details)

    if result.settled:
        yield from _missing_files(result, school, as_of, finding)
    yield from _review_findings(result, as_of, finding)
    if not records.broken:  # cross-checks of broken files only repeat their findings
        yield from _incomplete_review(result, finding)
    yield from _ehcp_findings(result, school, as_of, finding)
    yield from _pfa_finding(result, school, as_of, finding)
    yield from _expired_targets(result, as_of, finding)


def _missing_files(
    result: LearnerResult, school: School, as_of: date, finding
) -> Iterator[Finding]:
    learner, records = result.learner, result.records
    window = school.settings.baseline_window_days
    due = learner.entry_date + timedelta(days=window)
    files = (
        ("baseline-missing", "baseline", "baseline.yaml", records.baseline, "date"),
        ("ilp-missing", "ILP", "ilp.yaml", records.ilp, "agreed"),
    )
    for rule, what, name, record, dated in files:
        if records.missing(name):
            message = (
                f"{learner.display_name} started on {long_date(learner.entry_date)}, "
                f"more than {window} days ago, and has no {what} yet. Add {name} to "
                "their folder."
            )
        elif record is not None and getattr(record, dated) > as_of:
            message = (
                f"The {what} is dated {long_date(getattr(record, dated))}, after "
                f"{long_date(as_of)}, so it counts only from that date. If the date "
                "is a slip, correct it."
            )
        else:
            continue
        yield finding(rule, name, None, message, due=due.isoformat())


def _ehcp_findings(
    result: LearnerResult, school: School, as_of: date, finding
) -> Iterator[Finding]:
    learner = result.learner
    due = result.ehcp_due
    line = learner.lines.get("annual_reviews")
    if learner.ehcp.issued > as_of:
        yield finding(
            "date-in-future",
            "learner.yaml",
            learner.lines.get("issued"),
            f"ehcp → issued: {long_date(learner.ehcp.issued)} is after "
            f"{long_date(as_of)}, so the EHCP's review dates cannot be checked yet. "
            "If the date is a slip, correct it.",
        )
    if due is not None and as_of > due:
        yield finding(
            "ehcp-review-overdue",
            "learner.yaml",
            line,
            f"The EHCP annual review was due by {long_date(due)} and no later review "
            "is recorded. Hold the annual review, then add its date under ehcp → "
            "annual_reviews.",
            due=due.isoformat(),
        )
    elif due is not None and (due - as_of).days <= school.settings.ehcp_review_due_days:
        yield finding(
            "ehcp-review-due",
            "learner.yaml",
            line,
            f"The EHCP annual review is due by {long_date(due)}.",
            due=due.isoformat(),
        )
    if result.transfer is not None:
        deadline, reviewed = result.transfer
        if as_of > deadline and not reviewed:
            kind = learner.ehcp.next_phase[0]
            phase = "post-16" if kind == "post-16" else "school phase"
            yield finding(
                "phase-transfer-review",
                "learner.yaml",
                learner.lines.get("next_phase"),
                f"The EHCP had to be reviewed and amended by {long_date(deadline)} for "
                f"the {phase} transfer, and no annual review is recorded in the 12 "
                "months before that. Hold the review and add its date under ehcp → "
                "annual_reviews.",
                due=deadline.isoformat(),
            )


def _expired_targets(result: LearnerResult, as_of: date, finding) -> Iterator[Finding]:
    ilp = ilp_on(result.records, as_of)
    for target in ilp.targets if ilp else ():
        if target.active and target.by < as_of:
            yield finding(
                "target-expired",
                "ilp.yaml",
                target.line,
                f"Target {target.id} was to be met by {long_date(target.by)} and is "
                "still active. Review it: set status to achieved or discontinued, or "
                "agree a new by date with the learner.",
                target=target.id,
                due=target.by.isoformat(),
            )


def _incomplete_review(result: LearnerResult, finding) -> Iterator[Finding]:
    """The latest held review should rate everything the learner was working on."""
    held = [slot for slot in result.slots if slot.state in (HELD, LATE)]
    if not held:
        return
    slot = held[-1]
    review, records = slot.review, result.records
    missing = []
    ilp = ilp_on(records, review.date)
    if ilp is not None:
        missing += [
            f"target {t.id}"
            for t in ilp.targets
            if t.active and t.id not in review.targets
        ]
        missing += [
            f"outcome {o.id}"
            for o in ilp.outcomes
            if o.planned and o.id not in review.outcomes
        ]
    missing += [
        f"intervention {p.programme}"
        for p in records.placements
        if p.active(review.date) and p.programme not in review.interventions
    ]
    if missing:
        listed = ", ".join(missing)
        yield finding(
            "review-incomplete",
            f"reviews/{slot.half_term.key}.yaml",
            review.lines.get("date"),
            f"The {slot.half_term.title} review gives no rating for {listed}. Add a "
            "rating for each: an active target or planned outcome left unrated "
            "counts as not on track.",
            half_term=slot.half_term.key,
        )


def _review_findings(result: LearnerResult, as_of: date, finding) -> Iterator[Finding]:
    folder_file = "reviews/{}.yaml"
    for slot in result.slots:
        name = folder_file.format(slot.half_term.key)
        details = {"half_term": slot.half_term.key, "due": slot.deadline.isoformat()}
        title = slot.half_term.title
        if slot.state == MISSED:
            later = result.records.reviews.get(slot.half_term.key)
            if later is not None:
                why = (
                    f"The {title} review was due by {long_date(slot.deadline)}. Its "
                    f"file is dated {long_date(later.date)}, after "
                    f"{long_date(as_of)}, so it does not count yet. If "
                    "the date is a slip, correct it."
                )
            else:
                why = (
                    f"The {title} review was due by {long_date(slot.deadline)} and has "
                    f"not been recorded. Add {name} (pathways new review {result.id} "
                    f"--half-term {slot.half_term.key} starts it). If the review could "
                    "not happen, add the file with its date and not_held giving the "
                    "reason."
                )
            line = later.lines.get("date") if later is not None else None
            yield finding("review-missed", name, line, why, **details)
        elif slot.state == DUE_SOON:
            yield finding(
                "review-due",
                name,
                None,
                f"The {title} review is due by {long_date(slot.deadline)}.",
                **details,
            )
        elif slot.state == LATE:
            review = slot.review
            yield finding(
                "review-late",
                name,
                review.lines.get("date"),
                f"The {title} review was held on {long_date(review.date)}, after its "
                f"deadline of {long_date(slot.deadline)}.",
                **details,
            )
        elif slot.state == NOT_HELD:
            review = slot.review
            yield finding(
                "review-not-held",
                name,
                review.lines.get("not_held"),
                f"The {title} review did not take place. The reason given: "
                f"{' '.join(review.not_held.split()).rstrip('. ')}. The half term "
                "is explained, but it gives no evidence of progress.",
                **details,
            )


def _pfa_finding(
    result: LearnerResult, school: School, as_of: date, finding
) -> Iterator[Finding]:
    learner = result.learner
    if learner.year_group < school.settings.pfa_from_year:
        return
    ilp = ilp_on(result.records, as_of)
    areas = [o.area for o in learner.ehcp.outcomes]
    areas += [t.area for t in ilp.targets if t.status != "discontinued"] if ilp else []
    if any(school.areas[a].is_pfa for a in areas if a in school.areas):
        return
    pfa = [area.name.lower() for area in school.areas.values() if area.is_pfa]
    choice = f" ({', '.join(pfa)})" if pfa else " (add pfa areas to school.yaml first)"
    yield finding(
        "pfa-missing",
        "learner.yaml",
        learner.lines.get("outcomes"),
        f"{learner.display_name} is in Year {learner.year_group} and has no Preparing "
        "for Adulthood outcome or target. Add an EHCP outcome or an ILP target in a "
        f"Preparing for Adulthood area{choice}.",
    )
