"""The fast paths give exactly what the slow ones give: the compiled schema check
against the full validator, and reading on every core against reading in turn."""

from __future__ import annotations

import shutil

import pytest

from generator import parallel, validate

from .conftest import RECORDS, check_json, example_school_only

BREAKS = [
    ("learners/L2001/ilp.yaml", "learner_involved: true", "learner_involved: yes"),
    ("learners/L2002/learner.yaml", "year_group: ", "year_group: 7.0\n# was: "),
    ("learners/L2003/baseline.yaml", "assessed_by:", "assessed:"),
    ("learners/L2004/interventions.yaml", "start: 20", "start: 31/02/20"),
    ("learners/L2005/reviews/2026-27-autumn-1.yaml", "rating: on-track", "rating: ok"),
]

pytestmark = example_school_only


@pytest.fixture(scope="module")
def records(tmp_path_factory):
    """The example school with a mistake in one file of each kind."""
    target = tmp_path_factory.mktemp("paths") / "records"
    shutil.copytree(RECORDS, target)
    for name, old, new in BREAKS:
        path = target / name
        text = path.read_text("utf-8")
        assert old in text, name
        path.write_text(text.replace(old, new, 1), "utf-8")
    return target


@pytest.mark.parametrize("folder", ["example", "broken"])
def test_compiled_and_full_validators_agree(records, folder, monkeypatch):
    where = RECORDS if folder == "example" else records
    fast = check_json(where, "2026-12-03")
    monkeypatch.setattr(validate, "FAST_PATH", False)
    slow = check_json(where, "2026-12-03")
    assert fast == slow
    if folder == "broken":
        assert len({f["file"] for f in fast["findings"] if f["rule"] == "schema"}) == 5


def test_reading_on_every_core_gives_the_same_result(records, monkeypatch):
    serial = check_json(records, "2026-12-03")
    monkeypatch.setattr(parallel, "PARALLEL_FROM", 1)
    monkeypatch.setattr(parallel, "workers", lambda: 2)
    assert check_json(records, "2026-12-03") == serial


def test_check_without_keeping_records_gives_the_same_result(records):
    from datetime import date

    from generator.check import check_records
    from generator.cohort import read_cohort
    from generator.report import as_json
    from generator.rules import evaluate

    slim = as_json(check_records(records, date(2026, 12, 3)))
    full = as_json(evaluate(read_cohort(records), date(2026, 12, 3)))
    assert slim == full
