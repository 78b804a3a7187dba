"""Findings about what staff must do: reviews missed, due, late or incomplete,
EHCP annual and phase-transfer reviews, Preparing for Adulthood, expired
targets, missing baselines and ILPs, and term dates running out."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

from .calendar import long_date
from .cohort import Cohort
from .findings import Finding
from .kpis import CALENDAR_NOTICE_DAYS, LearnerResult, ilp_on
from .records import School
from .schedule import DUE_SOON, HELD, LATE, MISSED, NOT_HELD


def school_findings(cohort: Cohort, school: School, as_of: date) -> Iterator[Finding]:
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


def rule_findings(
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
