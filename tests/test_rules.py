"""Each KPI and rule on small schools whose figures are worked out by hand."""

from __future__ import annotations

from datetime import date

import pytest

from generator.calendar import add_months
from generator.rules import KpiFigure

from .conftest import check_json
from .factory import SchoolBuilder, review

KPIS = ("baseline", "outcomes", "interventions", "on_track")


def figures(report: dict, key: str) -> tuple[int, int, int]:
    kpi = report["kpis"][key]
    return kpi["met"], kpi["eligible"], kpi["pending"]


def rules_of(report: dict) -> list[tuple[str, str | None]]:
    return sorted((f["rule"], f["learner"]) for f in report["findings"])


@pytest.fixture
def builder(tmp_path) -> SchoolBuilder:
    return SchoolBuilder(tmp_path)


def test_complete_records_meet_every_kpi_with_no_findings(builder):
    builder.add("L1")
    report = check_json(builder.records, "2026-11-20")
    for key in KPIS:
        assert figures(report, key) == (1, 1, 0), key
    assert report["findings"] == []
    assert report["kpis"]["on_track"]["value"] == 1.0
    assert report["kpis"]["on_track"]["achieved"] is True


def test_settled_only_after_the_window(builder):
    # 2026-11-20 is 42 days after 2026-10-09 (pending) and 43 after 2026-10-08.
    builder.add(
        "NEW",
        learner_changes={"entry_date": "2026-10-09"},
        baseline=False,
        ilp=False,
        placements=False,
        reviews={},
    )
    builder.add(
        "OLD",
        learner_changes={"entry_date": "2026-10-08"},
        baseline=False,
        ilp=False,
        placements=False,
        reviews={},
    )
    report = check_json(builder.records, "2026-11-20")
    for key in ("baseline", "outcomes", "interventions"):
        assert figures(report, key) == (0, 1, 1), key
    # Neither has a review deadline passed: autumn-2 closes on 28 December.
    assert figures(report, "on_track") == (0, 0, 2)
    assert report["kpis"]["on_track"]["value"] is None
    assert report["kpis"]["on_track"]["achieved"] is None
    assert rules_of(report) == [("baseline-missing", "OLD"), ("ilp-missing", "OLD")]


def test_a_leaver_counts_nowhere_from_their_leaving_date(builder):
    builder.add("L1", learner_changes={"leaving_date": "2026-11-20"})
    report = check_json(builder.records, "2026-11-20")
    for key in KPIS:
        assert figures(report, key) == (0, 0, 0)
    before = check_json(builder.records, "2026-11-19")
    assert figures(before, "on_track") == (1, 1, 0)


def test_review_missed_only_after_the_deadline(builder):
    reviews = {"2026-27-autumn-1": None}
    builder.add("L1")
    (builder.records / "learners/L1/reviews/2026-27-autumn-1.yaml").unlink()
    del reviews
    on_deadline = check_json(builder.records, "2026-11-02")
    assert rules_of(on_deadline) == [("review-due", "L1")]
    # On the deadline the latest passed half term is still summer-2, reviewed.
    assert figures(on_deadline, "on_track") == (1, 1, 0)
    after = check_json(builder.records, "2026-11-03")
    missed = [f for f in after["findings"] if f["rule"] == "review-missed"]
    assert len(missed) == 1
    assert missed[0]["file"] == "records/learners/L1/reviews/2026-27-autumn-1.yaml"
    assert missed[0]["line"] is None
    assert missed[0]["severity"] == "error"
    assert missed[0]["half_term"] == "2026-27-autumn-1"
    assert missed[0]["due"] == "2026-11-02"
    assert figures(after, "on_track") == (0, 1, 0)


def test_a_late_review_warns_and_counts_once_it_exists(builder):
    folder = builder.add("L1")
    late = review("2026-11-05")
    from .factory import dump

    dump(folder / "reviews/2026-27-autumn-1.yaml", late)
    before = check_json(builder.records, "2026-11-04")
    assert ("review-missed", "L1") in rules_of(before)
    after = check_json(builder.records, "2026-11-20")
    assert rules_of(after) == [("review-late", "L1")]
    [finding] = after["findings"]
    assert finding["line"] == 1
    assert finding["severity"] == "warning"
    assert figures(after, "on_track") == (1, 1, 0)


def test_a_review_not_held_explains_the_half_term_but_is_not_on_track(builder):
    folder = builder.add("L1")
    from .factory import dump

    dump(
        folder / "reviews/2026-27-autumn-1.yaml",
        {"date": "2026-10-22", "not_held": "In hospital for five weeks."},
    )
    report = check_json(builder.records, "2026-11-20")
    assert rules_of(report) == [("review-not-held", "L1")]
    assert report["findings"][0]["line"] == 2
    assert figures(report, "on_track") == (0, 1, 0)


@pytest.mark.parametrize(
    ("ratings", "share", "on_track"),
    [
        ({}, None, True),
        ({"T1": "behind"}, None, False),
        ({"zones": "no-evidence"}, None, False),
        ({"O1": "achieved", "T1": "ahead"}, None, True),
        ({"T1": "behind"}, 0.5, True),  # 2 of 3 good
        ({"T1": "behind"}, 0.67, False),  # 2/3 is below 0.67
    ],
)
def test_on_track_share_of_good_ratings(tmp_path, ratings, share, on_track):
    settings = {"on_track_min_share": share} if share is not None else {}
    builder = SchoolBuilder(tmp_path, settings=settings)
    folder = builder.add("L1")
    from .factory import dump

    dump(folder / "reviews/2026-27-autumn-1.yaml", review("2026-10-20", **ratings))
    report = check_json(builder.records, "2026-11-20")
    assert figures(report, "on_track") == (int(on_track), 1, 0)


def test_an_active_target_left_unrated_is_not_on_track(builder):
    folder = builder.add("L1")
    unrated = review("2026-10-20")
    del unrated["targets"]
    from .factory import dump

    dump(folder / "reviews/2026-27-autumn-1.yaml", unrated)
    assert figures(check_json(builder.records, "2026-11-20"), "on_track") == (0, 1, 0)


@pytest.mark.parametrize(
    ("met", "eligible", "target", "achieved"),
    [
        (9, 12, 0.75, True),
        (7, 10, 0.7, True),
        (2, 3, 0.67, False),
        (4, 5, 0.8, True),
        (3, 5, 0.8, False),
        (0, 0, 0.8, None),
    ],
)
def test_achieved_compares_exactly(met, eligible, target, achieved):
    assert KpiFigure("on_track", met, eligible, 0, target).achieved is achieved


@pytest.mark.parametrize(
    ("start", "months", "due"),
    [
        (date(2024, 2, 29), 12, date(2025, 2, 28)),
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2027, 1, 31), 13, date(2028, 2, 29)),
        (date(2025, 11, 14), 12, date(2026, 11, 14)),
        (date(2027, 3, 31), -12, date(2026, 3, 31)),
    ],
)
def test_calendar_months_clamp_to_the_months_last_day(start, months, due):
    assert add_months(start, months) == due


def test_ehcp_annual_review_overdue_the_day_after_it_is_due(builder):
    ehcp = {
        "issued": "2024-02-29",
        "annual_reviews": [],
        "outcomes": [{"id": "E1", "area": "emotional-regulation", "text": "Calm."}],
    }
    builder.add("L1", learner_changes={"entry_date": "2024-01-08", "ehcp": ehcp})
    on_due = check_json(builder.records, "2025-02-28")
    assert ("ehcp-review-overdue", "L1") not in rules_of(on_due)
    after = check_json(builder.records, "2025-03-01")
    [overdue] = [f for f in after["findings"] if f["rule"] == "ehcp-review-overdue"]
    assert overdue["due"] == "2025-02-28"
    assert overdue["file"] == "records/learners/L1/learner.yaml"


@pytest.mark.parametrize(
    ("placement", "met"),
    [
        ({}, True),
        ({"end": "2026-07-10", "outcome": "not-met"}, False),
        ({"end": "2026-07-10", "outcome": "need-met"}, True),
        ({"end": "2026-11-20"}, True),  # ends on as_of: still running
        ({"end": "2026-11-19", "outcome": "continued"}, False),
        ({"start": "2026-11-21"}, False),  # not started yet
        ({"area": "literacy"}, False),  # wrong area for the priority
    ],
)
def test_interventions_cover_each_priority(builder, placement, met):
    base = {
        "programme": "zones",
        "area": "emotional-regulation",
        "targets": ["T1"],
        "start": "2025-10-01",
        "frequency": "weekly",
        "delivered_by": "teaching-assistant",
    }
    builder.add("L1", placements=[{**base, **placement}])
    report = check_json(builder.records, "2026-11-20")
    assert figures(report, "interventions") == (int(met), 1, 0)


def test_a_baseline_priority_needs_an_active_target_in_its_area(builder):
    from .factory import BASELINE

    baseline = {**BASELINE, "priorities": ["emotional-regulation", "literacy"]}
    builder.add("L1", baseline=baseline)
    report = check_json(builder.records, "2026-11-20")
    assert figures(report, "baseline") == (0, 1, 0)
    # Literacy has no placement either.
    assert figures(report, "interventions") == (0, 1, 0)


def test_no_priorities_meets_interventions(builder):
    from .factory import BASELINE

    builder.add("L1", baseline={**BASELINE, "priorities": []})
    report = check_json(builder.records, "2026-11-20")
    assert figures(report, "interventions") == (1, 1, 0)
    assert figures(report, "baseline") == (1, 1, 0)


def test_outcomes_need_a_target_serving_semh_and_asc(builder):
    from .factory import ILP

    literacy = {**ILP["targets"][0], "area": "literacy"}
    builder.add(
        "L1",
        learner_changes={"needs": {"primary": "MLD", "secondary": ["SEMH"]}},
        ilp={**ILP, "targets": [literacy]},
    )
    builder.add(
        "L2",
        learner_changes={"needs": {"primary": "MLD"}},
        ilp={**ILP, "targets": [literacy]},
    )
    builder.add("L3", ilp={**ILP, "learner_involved": False})
    report = check_json(builder.records, "2026-11-20")
    # L1: SEMH not served; L2: MLD only, literacy serves it; L3: not involved.
    assert figures(report, "outcomes") == (1, 3, 0)


def test_a_broken_file_makes_the_learner_meet_nothing(builder):
    folder = builder.add("L1")
    text = (folder / "ilp.yaml").read_text()
    (folder / "ilp.yaml").write_text(
        text.replace("learner_involved: true", "learner_involved: yes")
    )
    report = check_json(builder.records, "2026-11-20")
    for key in KPIS:
        assert figures(report, key) == (0, 1, 0), key
    [finding] = report["findings"]
    assert finding["rule"] == "schema"
    assert finding["file"] == "records/learners/L1/ilp.yaml"
    assert finding["line"] == 2


def test_an_unreadable_learner_file_counts_as_settled_everywhere(builder):
    builder.add("L1", learner_changes={"entry_date": "2026-11-19"})
    (builder.records / "learners/L1/learner.yaml").write_text("id: [unclosed\n")
    report = check_json(builder.records, "2026-11-20")
    for key in KPIS:
        assert figures(report, key) == (0, 1, 0), key
    assert rules_of(report) == [("yaml", "L1")]


def test_pfa_from_year_9(builder):
    builder.add("Y8", learner_changes={"year_group": 8})
    builder.add("Y9", learner_changes={"year_group": 9})
    ehcp = {
        "issued": "2025-06-01",
        "annual_reviews": ["2026-05-20"],
        "outcomes": [
            {"id": "E1", "area": "emotional-regulation", "text": "Calm."},
            {"id": "E2", "area": "employment", "text": "Work."},
        ],
    }
    builder.add("Y10", learner_changes={"year_group": 10, "ehcp": ehcp})
    report = check_json(builder.records, "2026-11-20")
    assert rules_of(report) == [("pfa-missing", "Y9")]


def test_an_active_target_past_its_date_warns(builder):
    from .factory import ILP

    target = {**ILP["targets"][0], "by": "2026-11-19"}
    builder.add("L1", ilp={**ILP, "targets": [target]})
    report = check_json(builder.records, "2026-11-20")
    [finding] = report["findings"]
    assert finding["rule"] == "target-expired"
    assert finding["file"] == "records/learners/L1/ilp.yaml"
    assert finding["line"] == 10


def test_phase_transfer_needs_a_review_in_the_year_before_the_deadline(builder):
    reviewed = {
        "issued": "2025-06-01",
        "annual_reviews": ["2026-05-20"],
        "next_phase": {"kind": "post-16", "year": 2027},
        "outcomes": [{"id": "E1", "area": "emotional-regulation", "text": "C."}],
    }
    stale = {**reviewed, "annual_reviews": [], "issued": "2026-03-20"}
    builder.add("OK", learner_changes={"ehcp": reviewed})
    builder.add("LATE", learner_changes={"ehcp": stale})
    on_deadline = check_json(builder.records, "2027-03-31")
    assert ("phase-transfer-review", "LATE") not in rules_of(on_deadline)
    after = check_json(builder.records, "2027-04-01")
    transfer = [f for f in after["findings"] if f["rule"] == "phase-transfer-review"]
    assert [(f["learner"], f["due"]) for f in transfer] == [("LATE", "2027-03-31")]


def test_an_incomplete_latest_review_warns(builder):
    folder = builder.add("L1")
    partial = review("2026-10-20")
    del partial["outcomes"]
    del partial["interventions"]
    from .factory import dump

    dump(folder / "reviews/2026-27-autumn-1.yaml", partial)
    report = check_json(builder.records, "2026-11-20")
    [finding] = [f for f in report["findings"] if f["rule"] == "review-incomplete"]
    assert finding["message"] == (
        "The 2026-27 autumn 1 review gives no rating for outcome O1, intervention "
        "zones. Add a rating for each: an active target or planned outcome left "
        "unrated counts as not on track."
    )
    assert finding["file"] == "records/learners/L1/reviews/2026-27-autumn-1.yaml"
    # The unrated outcome makes the learner not on track; the intervention does not.
    assert figures(report, "on_track") == (0, 1, 0)


def test_ehcp_review_due_within_eight_weeks(builder):
    # Last annual review 2026-05-20, so the next is due 2027-05-20.
    builder.add("L1")
    assert ("ehcp-review-due", "L1") not in rules_of(
        check_json(builder.records, "2027-03-24")
    )
    report = check_json(builder.records, "2027-03-25")  # 56 days before
    [due] = [f for f in report["findings"] if f["rule"] == "ehcp-review-due"]
    assert due["due"] == "2027-05-20"
    assert due["severity"] == "warning"


def test_the_calendar_running_out_warns(builder):
    builder.add("L1")
    # The calendar ends on 21 July 2027; the warning starts eight weeks before.
    assert ("calendar-ends", None) not in rules_of(
        check_json(builder.records, "2027-05-26")
    )
    report = check_json(builder.records, "2027-05-27")
    [ends] = [f for f in report["findings"] if f["rule"] == "calendar-ends"]
    assert ends["file"] == "records/school.yaml"
    assert ends["line"] == 3
    assert ends["message"] == (
        "The calendar in school.yaml ends on 21 July 2027, so no review falls due "
        "after that. Add the next academic year's half terms."
    )


def test_an_unreadable_review_is_not_also_missed(builder):
    folder = builder.add("L1")
    (folder / "reviews/2026-27-autumn-1.yaml").write_text("date: [\n")
    report = check_json(builder.records, "2026-11-20")
    assert rules_of(report) == [("yaml", "L1")]
    for key in KPIS:
        assert figures(report, key) == (0, 1, 0), key


def test_a_broken_programmes_file_is_reported_once_and_first(builder):
    builder.add("L1")
    (builder.records / "programmes.yaml").write_text("programmes:\n  - id zones\n")
    report = check_json(builder.records, "2026-11-20")
    first = report["findings"][0]
    assert first["file"] == "records/programmes.yaml"
    assert first["rule"] == "schema"
    assert {f["rule"] for f in report["findings"]} == {"schema"}
    for key in KPIS:
        assert figures(report, key) == (0, 1, 0), key


def test_trend_points_are_judged_the_day_after_each_deadline(builder):
    from generator.cohort import read_cohort
    from generator.pages.views import SiteView
    from generator.rules import evaluate

    folder = builder.add("L1")
    from .factory import dump

    dump(folder / "reviews/2026-27-autumn-1.yaml", review("2026-10-20", T1="behind"))
    cohort = read_cohort(builder.records)
    view = SiteView(evaluate(cohort, date(2026, 11, 20)))
    points = {
        p.label: (p.as_of, p.figure.met, p.figure.eligible)
        for p in view.kpi_view("on_track").trend
    }
    # Autumn 1 2026-27's deadline is 2 November: its point is the 3rd and shows
    # its own review (behind), not summer 2's.
    assert points["2026-27 autumn 1"] == (date(2026, 11, 3), 0, 1)
    assert points["2025-26 summer 2"] == (date(2026, 8, 2), 1, 1)
    assert points["2025-26 autumn 1"] == (date(2025, 11, 4), 1, 1)
    assert "2026-27 autumn 2" not in points
