"""The example school in records/ gives the figures worked out by hand in
tests/expected/EXAMPLE_SCHOOL.md, at two dates."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .conftest import RECORDS, check_json, example_school_only

EXPECTED = json.loads(
    (Path(__file__).parent / "expected" / "example_school.json").read_text("utf-8")
)
# What distinguishes two findings of the same rule for the same learner.
DETAIL = {
    "review-missed": "half_term",
    "review-late": "half_term",
    "review-not-held": "half_term",
    "review-due": "half_term",
}

pytestmark = example_school_only


def finding_key(finding: dict) -> tuple:
    rule = finding["rule"]
    if rule in ("baseline-missing", "ilp-missing", "pfa-missing"):
        return (rule, finding["learner"], None)
    return (rule, finding["learner"], finding.get(DETAIL.get(rule, "due")))


@pytest.mark.parametrize("as_of", sorted(EXPECTED))
def test_kpis(as_of):
    report = check_json(RECORDS, as_of)
    for key, figures in EXPECTED[as_of]["kpis"].items():
        got = {name: report["kpis"][key][name] for name in figures}
        assert got == figures, key


@pytest.mark.parametrize("as_of", sorted(EXPECTED))
def test_rule_findings(as_of):
    report = check_json(RECORDS, as_of)
    rules = {rule for rule, _, _ in EXPECTED[as_of]["findings"]} | {
        "review-due",
        "baseline-missing",
        "ilp-missing",
        "phase-transfer-review",
    }
    got = sorted(finding_key(f) for f in report["findings"] if f["rule"] in rules)
    assert got == sorted(tuple(f) for f in EXPECTED[as_of]["findings"])


@pytest.mark.parametrize("as_of", sorted(EXPECTED))
def test_the_records_themselves_are_clean(as_of):
    """The example school shows rule findings, never broken records."""
    report = check_json(RECORDS, as_of)
    broken = [
        f for f in report["findings"] if f["rule"] in ("yaml", "schema", "reference")
    ]
    assert broken == []


def test_on_track_value_and_target():
    december = check_json(RECORDS, "2026-12-03")["kpis"]["on_track"]
    assert december["value"] == 14 / 18
    assert december["achieved"] is False
    june = check_json(RECORDS, "2026-06-30")["kpis"]["on_track"]
    assert june["achieved"] is True
