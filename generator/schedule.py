"""Which reviews a learner owes, and where each one stands on a given day."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from .calendar import HalfTerm, add_months
from .records import Learner, Review, School

HELD = "held"
LATE = "late"
NOT_HELD = "not-held"
UNREADABLE = "unreadable"
MISSED = "missed"
DUE_SOON = "due-soon"
UPCOMING = "upcoming"


@dataclass(frozen=True)
class ReviewSlot:
    """One half term's review for one learner, as it stood on `as_of`."""

    half_term: HalfTerm
    deadline: date
    state: str
    review: Review | None


def due_half_terms(learner: Learner, school: School) -> list[HalfTerm]:
    """Half terms that start on or after entry and end before leaving."""
    return [
        term
        for term in school.half_terms
        if term.start >= learner.entry_date
        and (learner.leaving_date is None or term.end < learner.leaving_date)
    ]


def review_slots(
    learner: Learner,
    reviews: dict[str, Review],
    school: School,
    as_of: date,
    unreadable: set[str] | frozenset[str] = frozenset(),
) -> list[ReviewSlot]:
    """Every half term whose review the learner owes, with its state on `as_of`."""
    settings = school.settings
    soon = as_of + timedelta(days=settings.review_due_days)
    slots = []
    for term in due_half_terms(learner, school):
        deadline = term.deadline(settings.review_grace_days)
        review = reviews.get(term.key)
        if review is not None and review.date > as_of:
            review = None  # written after as_of: it did not exist yet
        if term.key in unreadable:
            state = UNREADABLE  # its own finding says what to fix
        elif review is not None and not review.held:
            state = NOT_HELD
        elif review is not None:
            state = LATE if review.date > deadline else HELD
        elif as_of > deadline:
            state = MISSED
        elif deadline <= soon:
            state = DUE_SOON
        else:
            state = UPCOMING
        slots.append(ReviewSlot(term, deadline, state, review))
    return slots


def passed_slots(slots: list[ReviewSlot], as_of: date) -> list[ReviewSlot]:
    return [slot for slot in slots if slot.deadline < as_of]


def ehcp_review_due(
    learner: Learner, as_of: date, months: int
) -> tuple[date, date] | None:
    """(last review or issue, next due date) as known on `as_of`; None before issue."""
    ehcp = learner.ehcp
    if ehcp.issued > as_of:
        return None
    held = [day for day in ehcp.annual_reviews if day <= as_of]
    last = max([ehcp.issued, *held])
    return last, add_months(last, months)


def phase_transfer(
    learner: Learner, school: School, as_of: date
) -> tuple[date, bool] | None:
    """(deadline, reviewed in the 12 months before it) for a named phase transfer."""
    if learner.ehcp.next_phase is None:
        return None
    kind, year = learner.ehcp.next_phase
    deadline = school.settings.transfer_deadline(kind, year)
    window_start = add_months(deadline, -12)
    reviewed = any(
        window_start <= day <= deadline and day <= as_of
        for day in learner.ehcp.annual_reviews
    )
    return deadline, reviewed
