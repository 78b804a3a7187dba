"""KPI figures split by primary need, year group, class and key worker."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from .records import Learner
from .rules import LearnerResult, Result

# Breakdown key (as in JSON) → (heading, what each learner is grouped by).
SPLITS: dict[str, tuple[str, Callable[[Learner], str]]] = {
    "primary_need": ("Primary need", lambda learner: learner.primary_need),
    "year_group": ("Year group", lambda learner: year_name(learner.year_group)),
    "class": ("Class", lambda learner: learner.group),
    "key_worker": ("Key worker", lambda learner: learner.key_worker),
}


@dataclass(frozen=True)
class Group:
    """One group's figures for one KPI."""

    name: str
    met: int
    eligible: int
    pending: int

    @property
    def value(self) -> float | None:
        return self.met / self.eligible if self.eligible else None


def year_name(year_group: int) -> str:
    return "Reception" if year_group == 0 else f"Year {int(year_group)}"


def breakdowns(result: Result, key: str) -> dict[str, list[Group]]:
    """Every split of one KPI, keyed as in SPLITS, groups in a natural order."""
    counted = [r for r in result.learners if key in r.verdicts]
    return {
        split: _groups(counted, key, _grouping(getter))
        for split, (_, getter) in SPLITS.items()
    }


def _grouping(getter: Callable[[Learner], str]) -> Callable[[LearnerResult], str]:
    # A learner whose learner.yaml cannot be read still counts, in a group of its own.
    return lambda r: str(getter(r.learner)) if r.learner else "unknown"


def _groups(
    counted: Iterable[LearnerResult], key: str, split: Callable[[LearnerResult], str]
) -> list[Group]:
    tally: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for result in counted:
        verdict = result.verdicts[key]
        row = tally[split(result)]
        if verdict.pending:
            row[2] += 1
        else:
            row[1] += 1
            row[0] += 1 if verdict.met else 0
    return [
        Group(name, *counts) for name, counts in sorted(tally.items(), key=_natural)
    ]


def _natural(item: tuple[str, list[int]]) -> tuple:
    """Year 9 before Year 10; names in alphabetical order."""
    name = item[0]
    digits = "".join(ch for ch in name if ch.isdigit())
    return (name.rstrip("0123456789 "), int(digits) if digits else -1, name)
