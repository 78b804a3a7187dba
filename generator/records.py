"""The typed records: school, learner, baseline, ILP, placement and review.

Each `from_data` function takes data that has already passed its JSON Schema,
so fields the schema requires are simply read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from .calendar import DEFAULT_TIMEZONE, HalfTerm
from .load import Document

GOOD_RATINGS = frozenset({"achieved", "ahead", "on-track"})
KPI_KEYS = ("baseline", "outcomes", "interventions", "on_track")
DEFAULT_TARGETS = {
    "baseline": 1.0,
    "outcomes": 1.0,
    "interventions": 1.0,
    "on_track": 0.8,
}


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value is not None else None


@dataclass(frozen=True)
class Settings:
    baseline_window_days: int = 42
    review_grace_days: int = 10
    review_due_days: int = 14
    ehcp_review_due_days: int = 56
    on_track_min_share: float = 1.0
    ehcp_review_months: int = 12
    pfa_from_year: int = 9
    phase_transfer_deadlines: tuple[tuple[str, str], ...] = (
        ("school", "02-15"),
        ("post-16", "03-31"),
    )
    max_file_kb: int = 256
    min_group_size: int = 5

    def transfer_deadline(self, kind: str, year: int) -> date:
        month, day = dict(self.phase_transfer_deadlines)[kind].split("-")
        return date(year, int(month), int(day))


@dataclass(frozen=True)
class Area:
    id: str
    domain: str
    needs: tuple[str, ...]
    name: str

    @property
    def is_pfa(self) -> bool:
        return self.domain == "pfa"


@dataclass(frozen=True)
class Scale:
    id: str
    min: float
    max: float
    higher_is_better: bool
    name: str
    bands: tuple[tuple[str, float, float], ...] = ()

    def band(self, value: float) -> str | None:
        for name, low, high in self.bands:
            if low <= value <= high:
                return name
        return None


@dataclass(frozen=True)
class School:
    name: str
    timezone: str
    half_terms: tuple[HalfTerm, ...]
    settings: Settings
    targets: dict[str, float]
    areas: dict[str, Area]
    scales: dict[str, Scale]
    lines: dict[str, int] = field(default_factory=dict, compare=False)

    def half_term(self, key: str) -> HalfTerm | None:
        return next((term for term in self.half_terms if term.key == key), None)


def school_from_data(document: Document) -> School:
    data = document.data
    settings = dict(data.get("settings", {}))
    settings["min_group_size"] = data.get("privacy", {}).get("min_group_size", 5)
    deadlines = dict(Settings.phase_transfer_deadlines)
    deadlines.update(settings.pop("phase_transfer_deadlines", {}))
    half_terms = sorted(
        HalfTerm(
            start=date.fromisoformat(dates["start"]),
            end=date.fromisoformat(dates["end"]),
            year=year["year"],
            name=name,
        )
        for year in data["calendar"]
        for name, dates in year["half_terms"].items()
    )
    areas = {
        key: Area(
            id=key,
            domain=area["domain"],
            needs=tuple(area.get("needs", ())),
            name=area.get("name") or key.replace("-", " ").capitalize(),
        )
        for key, area in data["areas"].items()
    }
    scales = {
        key: Scale(
            id=key,
            min=scale["min"],
            max=scale["max"],
            higher_is_better=scale["higher_is_better"],
            name=scale.get("name") or key.replace("-", " ").capitalize(),
            bands=tuple(
                (b["name"], b["min"], b["max"]) for b in scale.get("bands", ())
            ),
        )
        for key, scale in data.get("scales", {}).items()
    }
    return School(
        name=data["school"],
        timezone=data.get("timezone", DEFAULT_TIMEZONE),
        half_terms=tuple(half_terms),
        settings=Settings(
            **settings,
            phase_transfer_deadlines=tuple(sorted(deadlines.items())),
        ),
        targets={**DEFAULT_TARGETS, **data.get("targets", {})},
        areas=areas,
        scales=scales,
        lines={"calendar": document.line(("calendar",))},
    )


@dataclass(frozen=True)
class Programme:
    id: str
    name: str
    area: str
    delivered_by: str
    description: str | None


def programmes_from_data(document: Document) -> dict[str, Programme]:
    data = document.data
    return {
        item["id"]: Programme(
            id=item["id"],
            name=item["name"],
            area=item["area"],
            delivered_by=item["delivered_by"],
            description=item.get("description"),
        )
        for item in data["programmes"]
    }


@dataclass(frozen=True)
class EhcpOutcome:
    id: str
    area: str
    text: str


@dataclass(frozen=True)
class Ehcp:
    issued: date
    annual_reviews: tuple[date, ...]
    next_phase: tuple[str, int] | None
    outcomes: tuple[EhcpOutcome, ...]


@dataclass(frozen=True)
class Learner:
    id: str
    given: str
    family: str
    preferred: str | None
    date_of_birth: date
    entry_date: date
    leaving_date: date | None
    year_group: int
    group: str
    key_worker: str
    primary_need: str
    secondary_needs: tuple[str, ...]
    ehcp: Ehcp
    lines: dict[str, int] = field(default_factory=dict, compare=False)

    @property
    def needs(self) -> tuple[str, ...]:
        return (self.primary_need, *self.secondary_needs)

    @property
    def display_name(self) -> str:
        return f"{self.preferred or self.given} {self.family}"

    def on_roll(self, as_of: date) -> bool:
        left = self.leaving_date is not None and self.leaving_date <= as_of
        return self.entry_date <= as_of and not left


def learner_from_data(document: Document) -> Learner:
    data = document.data
    ehcp = data["ehcp"]
    phase = ehcp.get("next_phase")
    return Learner(
        id=data["id"],
        given=data["name"]["given"],
        family=data["name"]["family"],
        preferred=data["name"].get("preferred"),
        date_of_birth=date.fromisoformat(data["date_of_birth"]),
        entry_date=date.fromisoformat(data["entry_date"]),
        leaving_date=_date(data.get("leaving_date")),
        year_group=data["year_group"],
        group=data["group"],
        key_worker=data["key_worker"],
        primary_need=data["needs"]["primary"],
        secondary_needs=tuple(data["needs"].get("secondary", ())),
        ehcp=Ehcp(
            issued=date.fromisoformat(ehcp["issued"]),
            annual_reviews=tuple(
                sorted(date.fromisoformat(d) for d in ehcp["annual_reviews"])
            ),
            next_phase=(phase["kind"], phase["year"]) if phase else None,
            outcomes=tuple(
                EhcpOutcome(id=o["id"], area=o["area"], text=o["text"])
                for o in ehcp["outcomes"]
            ),
        ),
        lines={
            name: document.line(path)
            for name, path in (
                ("annual_reviews", ("ehcp", "annual_reviews")),
                ("issued", ("ehcp", "issued")),
                ("next_phase", ("ehcp", "next_phase")),
                ("outcomes", ("ehcp", "outcomes")),
                ("year_group", ("year_group",)),
            )
        },
    )


@dataclass(frozen=True)
class Measure:
    measure: str
    value: float | str
    area: str | None = None
    scale: str | None = None
    date: date | None = None
    note: str | None = None


def measure_from_data(data: dict[str, Any]) -> Measure:
    return Measure(
        measure=data["measure"],
        value=data["value"],
        area=data.get("area"),
        scale=data.get("scale"),
        date=_date(data.get("date")),
        note=data.get("note"),
    )


@dataclass(frozen=True)
class Baseline:
    date: date
    assessed_by: str
    academic: tuple[Measure, ...]
    psed: tuple[Measure, ...]
    priorities: tuple[str, ...]


def baseline_from_data(document: Document) -> Baseline:
    data = document.data
    return Baseline(
        date=date.fromisoformat(data["date"]),
        assessed_by=data["assessed_by"],
        academic=tuple(measure_from_data(m) for m in data["academic"]),
        psed=tuple(measure_from_data(m) for m in data["psed"]),
        priorities=tuple(data["priorities"]),
    )


@dataclass(frozen=True)
class Target:
    id: str
    area: str
    ehcp_outcome: str
    target: str
    success_criteria: str
    by: date
    status: str
    line: int = field(default=0, compare=False)

    @property
    def active(self) -> bool:
        return self.status == "active"


@dataclass(frozen=True)
class SubjectOutcome:
    id: str
    subject: str
    outcome: str
    by: date
    status: str = "planned"

    @property
    def planned(self) -> bool:
        return self.status == "planned"


@dataclass(frozen=True)
class Ilp:
    agreed: date
    learner_involved: bool
    learner_voice: str | None
    targets: tuple[Target, ...]
    outcomes: tuple[SubjectOutcome, ...]


def ilp_from_data(document: Document) -> Ilp:
    data = document.data
    return Ilp(
        agreed=date.fromisoformat(data["agreed"]),
        learner_involved=data["learner_involved"],
        learner_voice=data.get("learner_voice"),
        targets=tuple(
            Target(
                id=t["id"],
                area=t["area"],
                ehcp_outcome=t["ehcp_outcome"],
                target=t["target"],
                success_criteria=t["success_criteria"],
                by=date.fromisoformat(t["by"]),
                status=t["status"],
                line=document.line(("targets", index, "by")),
            )
            for index, t in enumerate(data["targets"])
        ),
        outcomes=tuple(
            SubjectOutcome(
                id=o["id"],
                subject=o["subject"],
                outcome=o["outcome"],
                by=date.fromisoformat(o["by"]),
                status=o.get("status", "planned"),
            )
            for o in data["outcomes"]
        ),
    )


@dataclass(frozen=True)
class Placement:
    programme: str
    area: str
    targets: tuple[str, ...]
    start: date
    end: date | None
    frequency: str
    delivered_by: str
    entry: Measure | None = None
    exit: Measure | None = None
    outcome: str | None = None
    note: str | None = None

    def started(self, as_of: date) -> bool:
        return self.start <= as_of

    def active(self, as_of: date) -> bool:
        return self.start <= as_of and (self.end is None or self.end >= as_of)

    def covers_need(self, as_of: date) -> bool:
        """Active on `as_of`, or ended by then with the need met."""
        if self.active(as_of):
            return True
        return self.started(as_of) and self.outcome == "need-met"


def placements_from_data(document: Document) -> tuple[Placement, ...]:
    data = document.data
    return tuple(
        Placement(
            programme=p["programme"],
            area=p["area"],
            targets=tuple(p["targets"]),
            start=date.fromisoformat(p["start"]),
            end=_date(p.get("end")),
            frequency=p["frequency"],
            delivered_by=p["delivered_by"],
            entry=measure_from_data(p["entry"]) if "entry" in p else None,
            exit=measure_from_data(p["exit"]) if "exit" in p else None,
            outcome=p.get("outcome"),
            note=p.get("note"),
        )
        for p in data
    )


@dataclass(frozen=True)
class Rating:
    rating: str
    note: str | None

    @property
    def good(self) -> bool:
        return self.rating in GOOD_RATINGS


@dataclass(frozen=True)
class Review:
    half_term: str
    date: date
    reviewed_by: str | None
    learner_present: bool | None
    learner_comment: str | None
    targets: dict[str, Rating] = field(default_factory=dict)
    outcomes: dict[str, Rating] = field(default_factory=dict)
    interventions: dict[str, Rating] = field(default_factory=dict)
    not_held: str | None = None
    lines: dict[str, int] = field(default_factory=dict, compare=False)

    @property
    def held(self) -> bool:
        return self.not_held is None


def _ratings(data: dict[str, Any] | None) -> dict[str, Rating]:
    return {key: Rating(r["rating"], r.get("note")) for key, r in (data or {}).items()}


def review_from_data(half_term: str, document: Document) -> Review:
    data = document.data
    return Review(
        half_term=half_term,
        date=date.fromisoformat(data["date"]),
        reviewed_by=data.get("reviewed_by"),
        learner_present=data.get("learner_present"),
        learner_comment=data.get("learner_comment"),
        targets=_ratings(data.get("targets")),
        outcomes=_ratings(data.get("outcomes")),
        interventions=_ratings(data.get("interventions")),
        not_held=data.get("not_held"),
        lines={
            "date": document.line(("date",)),
            "not_held": document.line(("not_held",)),
        },
    )
