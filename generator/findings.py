"""Findings: what the check says about the records, as plain data."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

ERROR = "error"
WARNING = "warning"

RULES: dict[str, str] = {
    "yaml": ERROR,
    "schema": ERROR,
    "reference": ERROR,
    "baseline-missing": ERROR,
    "ilp-missing": ERROR,
    "review-missed": ERROR,
    "ehcp-review-overdue": ERROR,
    "phase-transfer-review": ERROR,
    "pfa-missing": WARNING,
    "review-due": WARNING,
    "review-late": WARNING,
    "review-not-held": WARNING,
    "review-incomplete": WARNING,
    "ehcp-review-due": WARNING,
    "calendar-ends": WARNING,
    "date-in-future": WARNING,
    "target-expired": WARNING,
    "unknown-file": WARNING,
}


@dataclass(frozen=True)
class Finding:
    """One thing the check found, with the file and line to look at."""

    rule: str
    learner: str | None
    file: str
    line: int | None
    message: str
    details: dict[str, Any] = field(default_factory=dict, compare=False)

    @property
    def severity(self) -> str:
        return RULES[self.rule]

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def as_json(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "severity": self.severity,
            "learner": self.learner,
            "file": self.file,
            "line": self.line,
            "message": self.message,
            **self.details,
        }

    def sort_key(self) -> tuple:
        """School-wide findings first: they often explain the learners' ones."""
        return (
            self.learner is not None,
            self.file,
            self.line or 0,
            self.rule,
            self.message,
        )
