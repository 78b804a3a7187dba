"""The live preview rewrites only the pages whose text changed."""

from __future__ import annotations

import shutil
from datetime import date

from generator.cohort import read_cohort
from generator.rules import evaluate
from generator.serve import records_signature
from generator.site import sync_pages

from .factory import SchoolBuilder


def judged(records):
    return evaluate(read_cohort(records), date(2026, 11, 20))


def test_sync_touches_only_changed_pages(tmp_path):
    school = SchoolBuilder(tmp_path)
    school.add("L1")
    school.add("L2")
    docs = tmp_path / "pages"
    first, _ = sync_pages(judged(school.records), docs)
    assert len(first) > 10
    assert sync_pages(judged(school.records), docs) == (set(), set())

    before = records_signature(school.records)
    ilp = school.records / "learners/L2/ilp.yaml"
    ilp.write_text(ilp.read_text().replace("I want to stay calm.", "I want to read."))
    assert records_signature(school.records) != before
    changed, removed = sync_pages(judged(school.records), docs)
    assert (changed, removed) == ({"learners/L2.md"}, set())  # only L2 shows it
    assert "I want to read." in (docs / "learners/L2.md").read_text()

    shutil.rmtree(school.records / "learners/L2")
    changed, removed = sync_pages(judged(school.records), docs)
    assert "learners/L2.md" in removed
    assert not (docs / "learners/L2.md").exists()
    assert (docs / "learners/L1.md").exists()
