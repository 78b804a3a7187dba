"""The live preview rewrites only the pages whose text changed."""

from __future__ import annotations

import shutil
from datetime import date

from generator.cohort import read_cohort
from generator.rules import evaluate
from generator.serve import records_signature, sync_pages

from .factory import SchoolBuilder


def judged(records):
    return evaluate(read_cohort(records), date(2026, 11, 20))


def test_sync_touches_only_changed_pages(tmp_path):
    school = SchoolBuilder(tmp_path)
    school.add("L1")
    school.add("L2")
    docs = tmp_path / "pages"
    first = sync_pages(judged(school.records), docs)
    assert first > 10
    assert sync_pages(judged(school.records), docs) == 0

    before = records_signature(school.records)
    ilp = school.records / "learners/L2/ilp.yaml"
    ilp.write_text(ilp.read_text().replace("I want to stay calm.", "I want to read."))
    assert records_signature(school.records) != before
    changed = sync_pages(judged(school.records), docs)
    assert changed == 1  # only L2's page shows the learner's voice
    assert "I want to read." in (docs / "learners/L2.md").read_text()

    shutil.rmtree(school.records / "learners/L2")
    sync_pages(judged(school.records), docs)
    assert not (docs / "learners/L2.md").exists()
    assert (docs / "learners/L1.md").exists()
