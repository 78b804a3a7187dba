"""What each page shows, worked out in Python so the templates only lay it out."""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cached_property

from ..breakdowns import SPLITS, Group, breakdowns
from ..findings import Finding
from ..history import last_changed
from ..records import Placement, Programme, School
from ..rules import KpiFigure, LearnerResult, Result, Verdict, evaluate
from ..schedule import DUE_SOON, MISSED
from .markdown import Md, escape, link

SOON_WEEKS = 8
DEFINITIONS = {
    "baseline": (
        "Learners count once they have been at the school for more than {window} "
        "days. A learner meets this when they have a baseline with at least one "
        "academic and one personal, social and emotional (PSED) measure, and every "
        "priority the baseline names is the area of an active ILP target."
    ),
    "outcomes": (
        "A learner meets this when their ILP was set with them (learner_involved is "
        "true), has at least one active target and one planned subject outcome, and "
        "has an active target serving each of their SEMH and ASC needs."
    ),
    "interventions": (
        "A learner meets this when every priority in their baseline is covered by a "
        "placement in that area that is running now, or that ended with the need met. "
        "A learner whose baseline names no priority meets it."
    ),
    "on_track": (
        "A learner meets this when the review for the latest half term whose deadline "
        "has passed was held and rates every active target, every planned subject "
        "outcome and every intervention it covers as on track, ahead or achieved."
    ),
}
PENDING_NOTE = {
    "baseline": "Learners in their first {window} days are pending: they count "
    "once settled.",
    "outcomes": "Learners in their first {window} days are pending: they count "
    "once settled.",
    "interventions": "Learners in their first {window} days are pending: they "
    "count once settled.",
    "on_track": "Learners with no review deadline passed yet are pending.",
}


@dataclass(frozen=True)
class TrendPoint:
    label: str
    as_of: date
    figure: KpiFigure


@dataclass
class KpiView:
    key: str
    figure: KpiFigure
    definition: str
    pending_note: str
    failing: list[tuple[LearnerResult, Verdict]]
    pending: list[LearnerResult]
    breakdowns: dict[str, list[Group]]
    trend: list[TrendPoint]

    @property
    def chart(self) -> Md:
        name = self.key.replace("_", " ")
        alt = f"Chart of {name} by half term; the table below gives the figures"
        return Md(f"![{alt}](../charts/kpi-{self.key}.svg)")


@dataclass
class ProgrammeView:
    programme: Programme
    current: list[tuple[LearnerResult, Placement]] = field(default_factory=list)
    past: list[tuple[LearnerResult, Placement]] = field(default_factory=list)

    @property
    def id(self) -> str:
        return self.programme.id


_UNDECOMPOSED = str.maketrans(
    {"ł": "l", "ø": "o", "đ": "d", "ß": "ss", "æ": "ae", "œ": "oe", "þ": "th", "ı": "i"}
)


def collation_key(name: str) -> str:
    """A key that sorts names as a reader expects: Łucja with L, Zoë with Z,
    O'Brien beside Obi, whatever the accents, capitals and apostrophes."""
    folded = unicodedata.normalize("NFKD", name.casefold()).translate(_UNDECOMPOSED)
    return "".join(
        ch for ch in folded if ch.isalnum() and not unicodedata.combining(ch)
    )


def sort_name(result: LearnerResult) -> tuple:
    """Sort by family then given name, then by exact spelling and id."""
    learner = result.learner
    if learner is None:
        return ("", "", "", result.id)
    return (
        collation_key(learner.family),
        collation_key(learner.given),
        learner.family + learner.given,
        result.id,
    )


@dataclass
class SiteView:
    result: Result

    @classmethod
    def build(cls, result: Result) -> SiteView:
        return cls(result)

    @property
    def as_of(self) -> date:
        return self.result.as_of

    @property
    def school(self) -> School | None:
        return self.result.cohort.school

    @property
    def school_name(self) -> str:
        return self.school.name if self.school else "School"

    @cached_property
    def last_changed(self) -> dict[str, date]:
        cohort = self.result.cohort
        return last_changed(cohort.root, cohort.records)

    @cached_property
    def changed_by_folder(self) -> dict[str, list[tuple[str, str]]]:
        """Each learner folder's files, with the day each last changed, sorted.

        Found in one pass over every file, not by scanning every file for every
        learner, which at 10,000 learners cost a billion comparisons a build.
        """
        folders = {r.records.folder for r in self.result.learners}
        grouped: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for name, day in self.last_changed.items():
            parts = name.split("/")
            for end in range(len(parts) - 1, 0, -1):
                folder = "/".join(parts[:end])
                if folder in folders:
                    grouped[folder].append((name, day.isoformat()))
                    break
        return {folder: sorted(files) for folder, files in grouped.items()}

    @cached_property
    def published(self) -> list[LearnerResult]:
        """Learners on roll with a usable id: the only ones with pages."""
        chosen = [
            r
            for r in self.result.learners
            if r.on_roll and r.records.safe_id and not r.records.clashes
        ]
        return sorted(chosen, key=sort_name)

    @cached_property
    def published_ids(self) -> set[str]:
        return {r.id for r in self.published}

    def name(self, result: LearnerResult) -> str:
        learner = result.learner
        return learner.display_name if learner else f"{result.id} (learner.yaml to fix)"

    def learner_link(self, result: LearnerResult, root: str) -> Md:
        if result.id in self.published_ids:
            return link(self.name(result), f"{root}learners/{result.id}.md")
        return escape(self.name(result))

    def learner_link_by_id(self, learner_id: str | None, root: str) -> Md:
        result = self.by_id.get(learner_id) if learner_id else None
        return self.learner_link(result, root) if result else escape(learner_id or "")

    @cached_property
    def by_id(self) -> dict[str, LearnerResult]:
        return {r.id: r for r in self.result.learners}

    @property
    def errors(self) -> list[Finding]:
        return self.result.errors

    @property
    def warnings(self) -> list[Finding]:
        return self.result.warnings

    @cached_property
    def unchecked(self) -> list[LearnerResult]:
        """Learners whose learner.yaml cannot be read: what reviews they owe is not
        known, so no list of what is overdue can say it is complete."""
        return [r for r in self.result.learners if r.learner is None]

    @cached_property
    def overdue(self) -> list[Finding]:
        rules = {
            "review-missed",
            "ehcp-review-overdue",
            "phase-transfer-review",
            "baseline-missing",
            "ilp-missing",
        }
        found = [f for f in self.result.findings if f.rule in rules]
        # Most overdue first: the longest past its due date leads.
        return sorted(found, key=lambda f: (f.details.get("due") or "", f.file))

    @staticmethod
    def due_date(finding: Finding) -> date | None:
        due = finding.details.get("due")
        return date.fromisoformat(due) if due else None

    @cached_property
    def findings_by_file(self) -> list[tuple[str, list[Finding]]]:
        """Files with errors first, then those with only warnings; within each,
        by path, and each file's errors before its warnings."""
        grouped: dict[str, list[Finding]] = defaultdict(list)
        for finding in self.result.findings:
            grouped[finding.file].append(finding)
        for findings in grouped.values():
            findings.sort(key=lambda f: not f.is_error)  # stable: keeps line order
        return sorted(
            grouped.items(),
            key=lambda item: (not any(f.is_error for f in item[1]), item[0]),
        )

    def window(self) -> int:
        return self.school.settings.baseline_window_days if self.school else 42

    @cached_property
    def trend_results(self) -> list[tuple[str, date, Result]]:
        """Each completed half term's KPIs, judged the day after its review
        deadline: the first day on which that half term's review must be held."""
        school = self.school
        if school is None:
            return []
        points = []
        for term in school.half_terms:
            day = term.deadline(school.settings.review_grace_days) + timedelta(days=1)
            if day <= self.as_of:
                judged = evaluate(self.result.cohort, day, with_findings=False)
                points.append((term.title, day, judged))
        return points

    def kpi_view(self, key: str) -> KpiView:
        # Every learner the figure counts, with a page or not (an id that cannot
        # name a page is still a learner who misses the KPI).
        counted = sorted(
            (r for r in self.result.learners if r.on_roll and key in r.verdicts),
            key=sort_name,
        )
        failing = [
            (r, r.verdicts[key]) for r in counted if r.verdicts[key].met is False
        ]
        return KpiView(
            key=key,
            figure=self.result.kpis[key],
            definition=DEFINITIONS[key].format(window=self.window()),
            pending_note=PENDING_NOTE[key].format(window=self.window()),
            failing=failing,
            pending=[r for r in counted if r.verdicts[key].pending],
            breakdowns=self._breakdowns(key),
            trend=[
                TrendPoint(label, day, judged.kpis[key])
                for label, day, judged in self.trend_results
            ],
        )

    def _breakdowns(self, key: str) -> dict[str, list[Group]]:
        return {
            SPLITS[split][0]: groups
            for split, groups in breakdowns(self.result, key).items()
        }

    @cached_property
    def programmes(self) -> list[ProgrammeView]:
        catalogue = sorted(
            self.result.cohort.programmes.values(),
            key=lambda p: (collation_key(p.name), p.id),
        )
        views = {p.id: ProgrammeView(p) for p in catalogue}
        for result in self.published:
            for placement in result.records.placements:
                view = views.get(placement.programme)
                if view is None or not placement.started(self.as_of):
                    continue
                bucket = view.current if placement.active(self.as_of) else view.past
                bucket.append((result, placement))
        return list(views.values())

    def area_name(self, area_id: str) -> str:
        known = self.school.areas.get(area_id) if self.school else None
        return known.name if known else area_id

    @cached_property
    def reviews_missed(self) -> dict[str, list[tuple[LearnerResult, object]]]:
        return self._slots_by_key_worker(MISSED)

    @cached_property
    def reviews_due(self) -> dict[str, list[tuple[LearnerResult, object]]]:
        return self._slots_by_key_worker(DUE_SOON)

    def _slots_by_key_worker(self, state: str) -> dict[str, list]:
        grouped: dict[str, list] = defaultdict(list)
        for result in self.published:
            for slot in result.slots:
                if slot.state == state:
                    grouped[_key_worker(result)].append((result, slot))
        return dict(sorted(grouped.items()))

    @cached_property
    def ehcp_reviews(self) -> list[tuple[LearnerResult, date, bool]]:
        """EHCP annual reviews overdue or due soon."""
        horizon = self.as_of + timedelta(days=self.ehcp_days)
        rows = [
            (r, r.ehcp_due, r.ehcp_due < self.as_of)
            for r in self.published
            if r.ehcp_due is not None and r.ehcp_due <= horizon
        ]
        return sorted(rows, key=lambda row: (row[1], sort_name(row[0])))

    @property
    def ehcp_days(self) -> int:
        return self.school.settings.ehcp_review_due_days if self.school else 56

    @cached_property
    def transfers(self) -> list[tuple[LearnerResult, date, bool]]:
        """Phase-transfer review deadlines not yet met, passed or in eight weeks."""
        horizon = self.as_of + timedelta(weeks=SOON_WEEKS)
        rows = [
            (r, r.transfer[0], r.transfer[0] < self.as_of)
            for r in self.published
            if r.transfer is not None and not r.transfer[1] and r.transfer[0] <= horizon
        ]
        return sorted(rows, key=lambda row: (row[1], sort_name(row[0])))


def _key_worker(result: LearnerResult) -> str:
    return result.learner.key_worker if result.learner else "Unknown key worker"
