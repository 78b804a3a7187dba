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
    # With a threshold of 2, one Kestrel is too few to show. For On track the
    # Owls (one of two behind) are hidden with them: one hidden group would be
    # the total less the rest. Together they are 2 of 3, which says nothing of
    # either, so the three Robins are shown.
    builder = SchoolBuilder(tmp_path, privacy={"min_group_size": 2})
    builder.add("L1")
    builder.add("L2", learner_changes={"group": "Owls"})
    behind = {key: review(day) for key, day in ON_TIME.items()}
    behind["2026-27-autumn-1"] = review("2026-10-20", T1="behind")
    builder.add("L3", learner_changes={"group": "Owls"}, reviews=behind)
    for number in (4, 5, 6):
        builder.add(f"L{number}", learner_changes={"group": "Robins"})
    code, output = run(
        "report", "--records", str(builder.records), "--as-of", "2026-11-20"
    )
    on_track = output.split("## On track")[1]
    assert "| Kestrels | fewer than 2 | fewer than 2 | – |" in on_track
    assert "| Owls | not shown | not shown | – |" in on_track
    assert "| Robins | 3 | 3 | 100% |" in on_track
    # For Baseline everyone meets it, so whatever is hidden would be seen to be
    # 100%: every class is hidden, and only the school's figure is given.
    baseline = output.split("## Baseline")[1].split("## ")[0]
    assert "| Robins | not shown | not shown | – |" in baseline
    assert "| All learners | 6 | 6 | 100% |" in baseline


def test_groups_are_hidden_until_the_hidden_ones_hold_enough_learners():
    groups = [Group("A", 1, 1, 0), Group("B", 2, 2, 0), Group("C", 5, 6, 0)]
    groups.append(Group("D", 8, 8, 0))
    # A and B are too small and hold 3 between them, fewer than 5, so C (the
    # smallest shown) is hidden as well: 8 of 9 hidden, and D can be shown.
    assert hidden_groups(groups, 5) == ({"A", "B"}, {"C"})


def test_hidden_groups_that_all_met_it_are_not_left_to_say_so():
    # Hazel and Oak together are 8 of 8: each would be seen to be 100%, and,
    # each being fewer than 5, to hold exactly 4. Willow (the smallest shown)
    # joins them: 10 of 13 says neither.
    groups = [Group("Hazel", 4, 4, 0), Group("Oak", 4, 4, 0)]
    groups += [Group("Rowan", 6, 6, 0), Group("Willow", 2, 5, 0)]
    assert hidden_groups(groups, 5) == ({"Hazel", "Oak"}, {"Willow"})


def test_hidden_groups_whose_sizes_could_only_be_one_thing():
    # 4 of 8 between two groups of fewer than 5 each: both must hold 4.
    groups = [Group("A", 3, 4, 0), Group("B", 1, 4, 0), Group("C", 9, 10, 0)]
    assert hidden_groups(groups, 5) == ({"A", "B"}, {"C"})


def test_a_group_of_only_pending_learners_is_small_but_needs_no_cover():
    # One new entrant with MLD still names a child; nothing of theirs is in the
    # total, so nothing else need be hidden.
    groups = [Group("MLD", 0, 0, 1), Group("SEMH", 5, 6, 0)]
    assert hidden_groups(groups, 5) == ({"MLD"}, set())
    assert hidden_groups([Group("A", 5, 5, 0), Group("B", 5, 6, 0)], 5) == (
        set(),
        set(),
    )


def test_csv_never_carries_a_formula_from_the_records(tmp_path):
    builder = SchoolBuilder(tmp_path)
    for number in range(1, 6):
        builder.add(f"L{number}", learner_changes={"group": '=HYPERLINK("x","y")'})
    code, output = run(
        "report",
        "--records",
        str(builder.records),
        "--as-of",
        "2026-11-20",
        "--format",
        "csv",
    )
    rows = list(csv.reader(io.StringIO(output)))
    classes = {row[3] for row in rows if row[2] == "class"}
    assert classes == {'\'=HYPERLINK("x","y")'}


def test_pending_learners_never_make_a_small_figure_big_enough_to_show():
    # Hazel's figures count 4 learners; a fifth, still pending, is in no figure,
    # so Hazel must stay hidden rather than show 4 of 4.
    groups = [Group("Hazel", 4, 4, 1), Group("Oak", 3, 6, 0), Group("Rowan", 6, 6, 0)]
    small, _ = hidden_groups(groups, 5)
    assert small == {"Hazel"}
