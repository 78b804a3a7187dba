"""`pathways report`: KPIs and breakdowns for governors, with small groups hidden."""

from __future__ import annotations

import csv
import io
import json

from .conftest import run
from .factory import ON_TIME, SchoolBuilder, review


def school_of_eight(tmp_path) -> SchoolBuilder:
    """Six Kestrels on track; two Owls, one of them behind."""
    builder = SchoolBuilder(tmp_path)
    for number in range(1, 7):
        builder.add(f"L{number}")
    builder.add("L7", learner_changes={"group": "Owls"})
    behind = {key: review(day) for key, day in ON_TIME.items()}
    behind["2026-27-autumn-1"] = review("2026-10-20", T1="behind")
    builder.add("L8", learner_changes={"group": "Owls"}, reviews=behind)
    return builder


def test_csv_hides_groups_smaller_than_five(tmp_path):
    builder = school_of_eight(tmp_path)
    code, output = run(
        "report",
        "--records",
        str(builder.records),
        "--as-of",
        "2026-11-20",
        "--format",
        "csv",
    )
    assert code == 0
    rows = [row for row in csv.reader(io.StringIO(output)) if row[0] == "on_track"]
    assert rows == [
        ["on_track", "school", "All learners", "7", "8", "0.8750", "0.8"],
        ["on_track", "primary_need", "SEMH", "7", "8", "0.8750", "0.8"],
        ["on_track", "year_group", "Year 7", "7", "8", "0.8750", "0.8"],
        ["on_track", "class", "Kestrels", "6", "6", "1.0000", "0.8"],
        ["on_track", "class", "Owls", "fewer than 5", "fewer than 5", "", "0.8"],
        ["on_track", "key_worker", "Ms Key", "7", "8", "0.8750", "0.8"],
    ]


def test_json_marks_suppressed_groups_and_never_gives_their_figures(tmp_path):
    builder = school_of_eight(tmp_path)
    code, output = run(
        "report",
        "--records",
        str(builder.records),
        "--as-of",
        "2026-11-20",
        "--format",
        "json",
    )
    report = json.loads(output)
    assert report["min_group_size"] == 5
    [owls] = [
        r for r in report["rows"] if r["kpi"] == "on_track" and r["group"] == "Owls"
    ]
    assert owls == {
        "kpi": "on_track",
        "breakdown": "class",
        "group": "Owls",
        "met": None,
        "eligible": None,
        "value": None,
        "target": 0.8,
        "suppressed": True,
        "shown_as": "fewer than 5",
    }


def test_the_threshold_is_the_schools_setting(tmp_path):
    builder = SchoolBuilder(tmp_path, privacy={"min_group_size": 2})
    builder.add("L1")
    builder.add("L2", learner_changes={"group": "Owls"})
    builder.add("L3", learner_changes={"group": "Owls"})
    code, output = run(
        "report", "--records", str(builder.records), "--as-of", "2026-11-20"
    )
    assert "| Owls | 2 | 2 | 100% |" in output
    assert "| Kestrels | fewer than 2 | fewer than 2 | – |" in output


def test_report_to_a_file(tmp_path):
    builder = school_of_eight(tmp_path)
    target = tmp_path / "kpis.md"
    code, output = run(
        "report",
        "--records",
        str(builder.records),
        "--as-of",
        "2026-11-20",
        "--output",
        str(target),
    )
    assert code == 0
    assert target.read_text().startswith("# Personalised pathways: Test School\n")
