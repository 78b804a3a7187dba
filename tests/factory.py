"""Small schools written into a temporary folder, one learner at a time.

Every test states the records that matter to it; the rest are filled in here
with values that meet every KPI, so a test changes one thing and sees one effect.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import yaml

SCHOOL: dict[str, Any] = {
    "school": "Test School",
    "timezone": "Europe/London",
    "calendar": [
        {
            "year": "2025-26",
            "half_terms": {
                "autumn-1": {"start": "2025-09-03", "end": "2025-10-24"},
                "autumn-2": {"start": "2025-11-03", "end": "2025-12-19"},
                "spring-1": {"start": "2026-01-05", "end": "2026-02-13"},
                "spring-2": {"start": "2026-02-23", "end": "2026-03-27"},
                "summer-1": {"start": "2026-04-13", "end": "2026-05-22"},
                "summer-2": {"start": "2026-06-01", "end": "2026-07-22"},
            },
        },
        {
            "year": "2026-27",
            "half_terms": {
                "autumn-1": {"start": "2026-09-02", "end": "2026-10-23"},
                "autumn-2": {"start": "2026-11-02", "end": "2026-12-18"},
                "spring-1": {"start": "2027-01-04", "end": "2027-02-12"},
                "spring-2": {"start": "2027-02-22", "end": "2027-03-25"},
                "summer-1": {"start": "2027-04-12", "end": "2027-05-28"},
                "summer-2": {"start": "2027-06-07", "end": "2027-07-21"},
            },
        },
    ],
    "areas": {
        "literacy": {"domain": "academic", "needs": ["MLD", "SpLD"]},
        "numeracy": {"domain": "academic", "needs": ["MLD"]},
        "emotional-regulation": {"domain": "psed", "needs": ["SEMH", "ASC"]},
        "social-communication": {"domain": "psed", "needs": ["ASC", "SLCN"]},
        "employment": {"domain": "pfa"},
    },
    "scales": {
        "sdq": {"min": 0, "max": 40, "higher_is_better": False},
    },
}

PROGRAMMES = {
    "programmes": [
        {
            "id": "zones",
            "name": "Zones of Regulation",
            "area": "emotional-regulation",
            "delivered_by": "teaching-assistant",
        },
        {
            "id": "phonics",
            "name": "Phonics catch-up",
            "area": "literacy",
            "delivered_by": "teaching-assistant",
        },
    ]
}


def learner(learner_id: str = "L1", **changes: Any) -> dict[str, Any]:
    record = {
        "id": learner_id,
        "name": {"given": "Sam", "family": "Tester"},
        "date_of_birth": "2014-05-01",
        "entry_date": "2025-09-03",
        "year_group": 7,
        "group": "Kestrels",
        "key_worker": "Ms Key",
        "needs": {"primary": "SEMH"},
        "ehcp": {
            "issued": "2025-06-01",
            "annual_reviews": ["2026-05-20"],
            "outcomes": [
                {
                    "id": "E1",
                    "area": "emotional-regulation",
                    "text": "Will manage strong feelings.",
                }
            ],
        },
    }
    record.update(changes)
    return record


BASELINE = {
    "date": "2025-09-20",
    "assessed_by": "Ms Key",
    "academic": [{"measure": "Reading test", "area": "literacy", "value": "age 9y"}],
    "psed": [
        {"measure": "SDQ", "area": "emotional-regulation", "value": 22, "scale": "sdq"}
    ],
    "priorities": ["emotional-regulation"],
}

ILP = {
    "agreed": "2025-10-01",
    "learner_involved": True,
    "learner_voice": "I want to stay calm.",
    "targets": [
        {
            "id": "T1",
            "area": "emotional-regulation",
            "ehcp_outcome": "E1",
            "target": "Use a calm-down tool.",
            "success_criteria": "Four times in five.",
            "by": "2027-07-01",
            "status": "active",
        },
    ],
    "outcomes": [
        {
            "id": "O1",
            "subject": "English",
            "outcome": "Write a paragraph.",
            "by": "2027-07-01",
        },
    ],
}

PLACEMENTS = [
    {
        "programme": "zones",
        "area": "emotional-regulation",
        "targets": ["T1"],
        "start": "2025-10-01",
        "frequency": "weekly",
        "delivered_by": "teaching-assistant",
    },
]


def review(date: str, **ratings: str) -> dict[str, Any]:
    """A held review; every rating defaults to on-track."""
    return {
        "date": date,
        "reviewed_by": "Ms Key",
        "learner_present": True,
        "targets": {"T1": {"rating": ratings.get("T1", "on-track")}},
        "outcomes": {"O1": {"rating": ratings.get("O1", "on-track")}},
        "interventions": {"zones": {"rating": ratings.get("zones", "on-track")}},
    }


# Every half term from autumn-1 2025-26 to autumn-1 2026-27, reviewed on time.
ON_TIME = {
    "2025-26-autumn-1": "2025-10-20",
    "2025-26-autumn-2": "2025-12-15",
    "2025-26-spring-1": "2026-02-10",
    "2025-26-spring-2": "2026-03-25",
    "2025-26-summer-1": "2026-05-20",
    "2025-26-summer-2": "2026-07-20",
    "2026-27-autumn-1": "2026-10-20",
}


def dump(path: Path, data: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), "utf-8")


class SchoolBuilder:
    """Write a school, then add learners whose files default to meeting every KPI."""

    def __init__(self, root: Path, **school_changes: Any) -> None:
        self.records = root / "records"
        school = copy.deepcopy(SCHOOL)
        school.update(school_changes)
        dump(self.records / "school.yaml", school)
        dump(self.records / "programmes.yaml", PROGRAMMES)

    def add(
        self,
        learner_id: str = "L1",
        *,
        learner_changes: dict | None = None,
        baseline: dict | None | bool = True,
        ilp: dict | None | bool = True,
        placements: list | None | bool = True,
        reviews: dict[str, dict] | None = None,
    ) -> Path:
        folder = self.records / "learners" / learner_id
        dump(folder / "learner.yaml", learner(learner_id, **(learner_changes or {})))
        for name, value, default in (
            ("baseline.yaml", baseline, BASELINE),
            ("ilp.yaml", ilp, ILP),
            ("interventions.yaml", placements, PLACEMENTS),
        ):
            if value is True:
                dump(folder / name, copy.deepcopy(default))
            elif value:
                dump(folder / name, value)
        if reviews is None:
            reviews = {key: review(day) for key, day in ON_TIME.items()}
        for key, data in reviews.items():
            dump(folder / "reviews" / f"{key}.yaml", data)
        return folder
