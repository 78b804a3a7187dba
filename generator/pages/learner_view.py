"""What a learner's pathway page shows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cached_property

from ..findings import Finding
from ..records import KPI_KEYS, Measure, Placement, Review, School, Target
from ..report import KPI_NAMES
from ..rules import LearnerResult, baseline_on, ilp_on
from ..schedule import HELD, LATE, NOT_HELD
from .charts import progress_chart, timeline_chart
from .markdown import Md, escape
from .views import SiteView

STATE_WORDS = {
    "held": "held",
    "late": "held late",
    "not-held": "not held",
    "missed": "missed",
    "due-soon": "due soon",
    "upcoming": "not yet due",
    "unreadable": "file cannot be read",
}
RECENT_REVIEWS = 3


def measure_value(measure: Measure | None, school: School | None) -> str:
    """A measure's result with its band, for a table whose heading names the scale."""
    if measure is None:
        return ""
    scale = school.scales.get(measure.scale) if school and measure.scale else None
    value = measure.value
    if scale is None or not isinstance(value, int | float):
        return str(value)
    band = scale.band(value)
    return f"{value:g}, {band}" if band else f"{value:g}"


def measure_name(measure: Measure | None, school: School | None) -> str:
    """What was measured and how to read it: SDQ total (0 to 40, lower is better)."""
    if measure is None:
        return ""
    scale = school.scales.get(measure.scale) if school and measure.scale else None
    if scale is None:
        return measure.measure
    direction = "higher is better" if scale.higher_is_better else "lower is better"
    return f"{measure.measure} ({scale.min:g} to {scale.max:g}, {direction})"


def read_measure(measure: Measure | None, school: School | None) -> str:
    """A measure read against its scale, for example '22 (0–40, lower is better)'."""
    if measure is None:
        return ""
    value = measure.value
    scale = school.scales.get(measure.scale) if school and measure.scale else None
    if scale is None or not isinstance(value, int | float):
        return str(value)
    direction = "higher is better" if scale.higher_is_better else "lower is better"
    band = scale.band(value)
    banded = f", {band}" if band else ""
    return (
        f"{value:g}{banded} — {scale.name}, {scale.min:g} to {scale.max:g}, {direction}"
    )


def change(entry: Measure | None, exit_: Measure | None, school: School | None) -> str:
    """The change from entry to exit, read in the scale's direction."""
    if entry is None or exit_ is None:
        return ""
    numbers = isinstance(entry.value, int | float) and isinstance(
        exit_.value, int | float
    )
    scale = school.scales.get(entry.scale) if school and entry.scale else None
    if not numbers or scale is None or entry.scale != exit_.scale:
        return "not comparable as numbers"
    difference = exit_.value - entry.value
    if difference == 0:
        return "no change"
    better = (difference > 0) == scale.higher_is_better
    return f"{difference:+g} ({'better' if better else 'worse'})"


@dataclass
class LearnerView:
    result: LearnerResult
    site: SiteView
    findings: list[Finding]

    @classmethod
    def build(cls, result: LearnerResult, site: SiteView, findings: list[Finding]):
        return cls(result, site, findings)

    @property
    def learner(self):
        return self.result.learner

    @property
    def records(self):
        return self.result.records

    @property
    def school(self) -> School | None:
        return self.site.school

    @property
    def title(self) -> str:
        return self.site.name(self.result)

    @property
    def baseline(self):
        return baseline_on(self.records, self.site.as_of)

    @property
    def ilp(self):
        return ilp_on(self.records, self.site.as_of)

    def area(self, area_id: str | None) -> str:
        if area_id is None:
            return ""
        known = self.school.areas.get(area_id) if self.school else None
        return known.name if known else area_id

    def programme(self, programme_id: str) -> str:
        known = self.site.result.cohort.programmes.get(programme_id)
        return known.name if known else programme_id

    def measure(self, measure: Measure | None) -> str:
        return read_measure(measure, self.school)

    def change(self, placement: Placement) -> str:
        return change(placement.entry, placement.exit, self.school)

    @property
    def kpi_rows(self) -> list[tuple[str, str, str]]:
        rows = []
        for key in KPI_KEYS:
            verdict = self.result.verdicts.get(key)
            if verdict is None:
                continue
            status = (
                "pending" if verdict.pending else "met" if verdict.met else "not met"
            )
            rows.append((KPI_NAMES[key], status, "; ".join(verdict.reasons)))
        return rows

    @property
    def reviews(self) -> list[Review]:
        """Reviews held or explained by as-of, in calendar order."""
        return [
            slot.review
            for slot in self.result.slots
            if slot.review is not None and slot.state in (HELD, LATE, NOT_HELD)
        ]

    @property
    def held_reviews(self) -> list[Review]:
        return [review for review in self.reviews if review.held]

    @property
    def recent_reviews(self) -> list[Review]:
        """The latest few held reviews: enough to see a trend in a table that fits."""
        return self.held_reviews[-RECENT_REVIEWS:]

    def review_title(self, review: Review) -> str:
        term = self.school.half_term(review.half_term) if self.school else None
        return term.title if term else review.half_term

    def review_rows(self, review: Review) -> list[tuple[str, str, str | None]]:
        """Every rating a review gives: what it rates, the rating, the note."""
        rows = []
        ilp = self.ilp
        names = {}
        if ilp is not None:
            names.update(
                {("targets", t.id): f"Target {t.id}: {t.target}" for t in ilp.targets}
            )
            names.update(
                {
                    ("outcomes", o.id): f"{o.subject} {o.id}: {o.outcome}"
                    for o in ilp.outcomes
                }
            )
        for section in ("targets", "outcomes", "interventions"):
            for item_id, rating in getattr(review, section).items():
                default = (
                    f"Intervention: {self.programme(item_id)}"
                    if section == "interventions"
                    else item_id
                )
                rows.append(
                    (names.get((section, item_id), default), rating.rating, rating.note)
                )
        return rows

    @cached_property
    def charts(self) -> dict[str, str]:
        """The learner's SVG charts, by file name: ratings over time and placements."""
        made = {}
        reviews = self.held_reviews
        columns = [self.review_title(review) for review in reviews]
        ilp = self.ilp
        for section, items in (
            ("targets", ilp.targets if ilp else ()),
            ("outcomes", ilp.outcomes if ilp else ()),
        ):
            if not items or not reviews:
                continue
            ratings = {
                (row, col): getattr(review, section)[item.id].rating
                for row, item in enumerate(items)
                for col, review in enumerate(reviews)
                if item.id in getattr(review, section)
            }
            title = f"{self.title}: the rating of each {section[:-1]} at each review"
            rows = [item.id for item in items]
            made[f"{self.result.id}-{section}.svg"] = progress_chart(
                title, rows, columns, ratings
            )
        bars = [
            (self.programme(p.programme), p.start, p.end, self.placement_state(p))
            for p in self.placements
        ]
        if bars:
            title = f"{self.title}: interventions over time"
            made[f"{self.result.id}-interventions.svg"] = timeline_chart(
                title, bars, self.site.as_of
            )
        return made

    def chart(self, kind: str) -> Md:
        """The Markdown image for one of the learner's charts, if it was drawn."""
        name = f"{self.result.id}-{kind}.svg"
        if name not in self.charts:
            return Md("")
        alt = f"Chart of {kind} for {self.title}; the table gives the same ratings"
        return Md(f"![{escape(alt)}](../charts/learners/{name})")

    @property
    def record_rows(self) -> list[tuple[str, date | None]]:
        """Each of the learner's files and the date of its last commit."""
        folder = self.records.folder
        names = sorted(self.records.present) + [
            f"reviews/{key}.yaml" for key in sorted(self.records.reviews)
        ]
        changed = self.site.last_changed
        return [(f"{folder}/{name}", changed.get(f"{folder}/{name}")) for name in names]

    def latest_rating(self, placement: Placement) -> str:
        for review in reversed(self.held_reviews):
            rating = review.interventions.get(placement.programme)
            if rating is not None:
                return f"{rating.rating} ({self.review_title(review)})"
        return ""

    def targets_for(self, outcome_id: str) -> list[Target]:
        ilp = self.ilp
        return [t for t in ilp.targets if t.ehcp_outcome == outcome_id] if ilp else []

    def placements_for(self, target_ids: list[str]) -> list[Placement]:
        wanted = set(target_ids)
        return [p for p in self.placements if wanted & set(p.targets)]

    @property
    def placements(self) -> list[Placement]:
        """Every placement, past, current and planned, in the order they start."""
        return sorted(self.records.placements, key=lambda p: (p.start, p.programme))

    def placement_state(self, placement: Placement) -> str:
        as_of = self.site.as_of
        if not placement.started(as_of):
            return "planned"
        return "current" if placement.active(as_of) else "ended"

    def rating(self, review: Review, section: str, item_id: str) -> str:
        rating = getattr(review, section).get(item_id)
        return rating.rating if rating else "–"

    @property
    def slot_rows(self):
        return [
            (slot.half_term.title, slot.deadline, STATE_WORDS[slot.state], slot.review)
            for slot in self.result.slots
            if slot.deadline <= self.site.as_of
            or slot.review is not None
            or slot.state == "due-soon"
        ]
