"""The four KPIs for one learner: met, not met (with the reasons), or pending.

Each is a function of the learner's records and `as_of` alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from fractions import Fraction

from .learner_folder import LearnerRecords
from .records import Baseline, Ilp, Learner, School, Settings
from .schedule import MISSED, NOT_HELD, ReviewSlot

CALENDAR_NOTICE_DAYS = 56
UNREADABLE = (
    "a record cannot be read or checked, so nothing can count until it is fixed"
)
NO_LEARNER = "learner.yaml has mistakes to fix, so nothing can count until it is fixed"
NO_FOLDER = (
    "the learner's folder has no learner.yaml that can be read, so nothing can "
    "count until it is fixed"
)
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


KPI_RULES = {
    "baseline": _kpi_baseline,
    "outcomes": _kpi_outcomes,
    "interventions": _kpi_interventions,
}


def on_track_verdict(
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
