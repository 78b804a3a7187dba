"""`pathways report`: KPIs and breakdowns for governors, with small groups hidden."""

from __future__ import annotations

import csv
import io
import json

from generator.breakdowns import Group
from generator.governors import hidden_groups

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


def test_csv_hides_small_groups_and_any_group_that_would_give_them_away(tmp_path):
    # Owls (2) are fewer than five. With Kestrels shown as 6 of 6, the school's
    # 7 of 8 would give the Owls away as 1 of 2, so the Kestrels are hidden too.
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
    header, *rows = csv.reader(io.StringIO(output))
    assert header == [
        *("as_of", "kpi", "breakdown", "group"),
        *("met", "eligible", "value", "target"),
    ]
    assert {row[0] for row in rows} == {"2026-11-20"}
    rows = [row[1:] for row in rows if row[1] == "on_track"]
    assert rows == [
        ["on_track", "school", "All learners", "7", "8", "0.8750", "0.8"],
        ["on_track", "primary_need", "SEMH", "7", "8", "0.8750", "0.8"],
        ["on_track", "year_group", "Year 7", "7", "8", "0.8750", "0.8"],
        ["on_track", "class", "Kestrels", "not shown", "not shown", "", "0.8"],
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
    # One Kestrel is fewer than two; the two Owls, the smallest group shown, are
    # hidden with them so that the total does not give the Kestrel away.
    builder = SchoolBuilder(tmp_path, privacy={"min_group_size": 2})
    builder.add("L1")
    for number, group in ((2, "Owls"), (3, "Owls"), (4, "Robins"), (5, "Robins")):
        builder.add(f"L{number}", learner_changes={"group": group})
    builder.add("L6", learner_changes={"group": "Robins"})
    code, output = run(
        "report", "--records", str(builder.records), "--as-of", "2026-11-20"
    )
    assert "| Kestrels | fewer than 2 | fewer than 2 | – |" in output
    assert "| Owls | not shown | not shown | – |" in output
    assert "| Robins | 3 | 3 | 100% |" in output


def test_groups_are_hidden_until_the_hidden_ones_hold_enough_learners():
    groups = [Group("A", 1, 1, 0), Group("B", 2, 2, 0), Group("C", 5, 6, 0)]
    groups.append(Group("D", 8, 8, 0))
    # A and B are too small and hold 3 between them, fewer than 5, so C (the
    # smallest shown) is hidden as well; then 9 are hidden and D can be shown.
    assert hidden_groups(groups, 5) == ({"A", "B"}, {"C"})
    # Nothing small, nothing hidden; a group of no one counted hides nothing.
    assert hidden_groups([Group("A", 0, 0, 2), Group("B", 5, 6, 0)], 5) == (
        set(),
        set(),
    )


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
