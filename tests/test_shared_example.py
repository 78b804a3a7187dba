"""The worked example in ../shared gives exactly the figures worked out by hand.

A school's own copy of the repository has no ../shared, so these tests skip there.
"""

from __future__ import annotations

import json

import pytest

from .conftest import SHARED_EXAMPLE, check_json

pytestmark = pytest.mark.skipif(
    not SHARED_EXAMPLE.exists(), reason="../shared/examples is not beside this clone"
)


def test_kpis_match_the_hand_worked_figures():
    expected = json.loads((SHARED_EXAMPLE / "expected.json").read_text())
    got = check_json(SHARED_EXAMPLE / "records", expected["as_of"])
    for key, figures in expected["kpis"].items():
        assert got["kpis"][key] == figures, key


def test_review_findings_match():
    expected = json.loads((SHARED_EXAMPLE / "expected.json").read_text())
    got = check_json(SHARED_EXAMPLE / "records", expected["as_of"])
    rules = {"review-missed", "ehcp-review-overdue"}
    pairs = sorted(
        [f["rule"], f["learner"]] for f in got["findings"] if f["rule"] in rules
    )
    assert pairs == sorted(expected["finding_pairs"])
    missed = [f for f in got["findings"] if f["rule"] == "review-missed"]
    assert [f["half_term"] for f in missed] == ["2026-27-autumn-1"]
    overdue = [f for f in got["findings"] if f["rule"] == "ehcp-review-overdue"]
    assert [f["due"] for f in overdue] == ["2026-11-14"]
    warned = {"review-late", "review-not-held"}
    assert [f for f in got["findings"] if f["rule"] in warned] == expected["warnings"]
