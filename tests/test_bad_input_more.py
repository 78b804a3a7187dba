"""More staff mistakes, found by trying to break Pathways, each with its finding."""

from __future__ import annotations

import json
import os

import pytest

from generator import cli

from .conftest import check_json, run
from .factory import SchoolBuilder
from .test_bad_input import AS_OF, L1, edit, findings, messages_for


@pytest.fixture
def school(tmp_path) -> SchoolBuilder:
    builder = SchoolBuilder(tmp_path)
    builder.add("L1")
    return builder


def test_anything_unexpected_is_a_short_message_and_exit_2(school, monkeypatch):
    def explode(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(cli, "check_records", explode)
    monkeypatch.delenv("PATHWAYS_DEBUG", raising=False)
    code, output = run("check", "--records", str(school.records), "--as-of", AS_OF)
    assert code == 2
    assert "Pathways stopped on something it did not expect (boom)." in output
    assert "Traceback" not in output


def test_a_file_system_problem_is_told_without_python_names(school, monkeypatch):
    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied", "/srv/site")

    monkeypatch.setattr(cli, "check_records", refuse)
    monkeypatch.delenv("PATHWAYS_DEBUG", raising=False)
    code, output = run("check", "--records", str(school.records), "--as-of", AS_OF)
    assert code == 2
    assert (
        "Pathways could not use /srv/site: Permission denied. Check that the folder "
        "exists and can be written to. Nothing in records/ was changed."
    ) in output
    assert "Error" not in output.replace("Error:", "")


def test_ctrl_c_stops_with_exit_130_and_says_nothing_was_lost(school, monkeypatch):
    def interrupt(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "check_records", interrupt)
    code, output = run("check", "--records", str(school.records), "--as-of", AS_OF)
    assert code == 130
    assert "Stopped. Nothing in records/ was changed" in output
    assert "Aborted" not in output


@pytest.mark.parametrize(
    ("file", "old", "new", "line", "message"),
    [
        (
            "learner.yaml",
            "year_group: 7",
            "year_group: 7.0",
            7,
            "year_group: 7.0 is not a whole number. Write a whole number such as 7.",
        ),
        (
            "learner.yaml",
            "  family: Tester",
            "  family: |\n    Tester\n    Smith",
            4,
            "name → family: is written over more than one line. Write it on one line.",
        ),
        (
            "learner.yaml",
            "  primary: SEMH",
            "  primary: SEMH\n  secondary: [SEMH]",
            12,
            "needs → secondary lists SEMH, which is already the primary need. "
            "Remove it "
            "from secondary.",
        ),
        (
            "learner.yaml",
            "  primary: SEMH",
            "  primary: [SEMH, SLCN]",
            11,
            "needs → primary: holds a list, but one value is needed here. Use one of: "
            "SEMH, ASC, SLCN, MLD, SLD, PMLD, SpLD, HI, VI, MSI, PD, OTH. (Other "
            "needs go "
            "under secondary.)",
        ),
        (
            "ilp.yaml",
            "learner_voice: I want to stay calm.",
            "learner_voice: [not recorded]",
            3,
            "learner_voice: is read as a list or a set of fields, because YAML treats "
            "text that starts with [ or { (or a line starting with '- ') that way. "
            "If it "
            "is text, put the whole value in double quotes.",
        ),
        (
            "ilp.yaml",
            "learner_voice: I want to stay calm.",
            "learner_voice: I like art # and maths",
            3,
            "YAML reads ' #' as the start of a comment, so only 'I like art' is "
            "kept and "
            "'# and maths' is "
            "lost. If that is a note, put two spaces before the # (or move the "
            "note to a line of its own); if the # belongs to the value, put the "
            "whole value in quotes.",
        ),
        (
            "ilp.yaml",
            "learner_voice: I want to stay calm.",
            "learner_voice: I soft\u00adhyphen",
            3,
            "The text here contains a soft hyphen (U+00AD), which cannot be seen but "
            "changes how the text reads or sorts. It usually comes from pasting. "
            "Retype "
            "the value.",
        ),
        (
            "ilp.yaml",
            "learner_involved: true",
            "learner_involved:true",
            2,
            "'learner_involved:' needs a space after the colon, as in "
            "'learner_involved: ...'.",
        ),
        (
            "ilp.yaml",
            "- id: O1",
            "-id: O1",
            13,
            "This line starts with '-' but has no space after it. Write '- ' (a "
            "dash and "
            "a space) to start a list entry.",
        ),
        (
            "ilp.yaml",
            "learner_voice: I want to stay calm.",
            "learner_voice: *calm* me",
            3,
            "A value here starts with *, which YAML reads as a reference to another "
            "value. Put the whole value in double quotes.",
        ),
        (
            "ilp.yaml",
            "outcomes:\n",
            "- {id: t1, area: literacy, ehcp_outcome: E1, target: x, "
            "success_criteria: y,"
            " by: 2027-07-01, status: active}\noutcomes:\n",
            12,
            "Two targets have ids that differ only in capitals, 'T1' and 't1' (lines 5 "
            "and 12). Give each target its own id.",
        ),
        (
            "learner.yaml",
            "  family: Tester",
            '  family: "Tester',
            4,
            "A quotation mark opened on this line is never closed. Add the closing "
            "quotation mark at the end of the text.",
        ),
        (
            "learner.yaml",
            "    text: Will manage strong feelings.",
            '    text: "Will manage" strong feelings.',
            19,
            "YAML cannot read the end of this line. A value that starts with a "
            "quotation mark, [ or { must end with it: put the whole value in double "
            'quotes, for example learner_voice: "Calm corner" is where I want. Inside '
            "single quotes, write an apostrophe twice ('Hazel''s class').",
        ),
        (
            "learner.yaml",
            "group: Kestrels",
            "group: > Kestrels",
            8,
            "Text after > or | must start on the next line, indented. Move the text "
            "to the line below, or put the whole value in double quotes.",
        ),
        (
            "learner.yaml",
            "  primary: SEMH",
            "  primary: [SEMH",
            11,
            "A list opened with [ (or a group with {) is never closed. Close it with ] "
            "(or }), or, if the text itself starts with [ or {, put the whole value in "
            "double quotes.",
        ),
        (
            "learner.yaml",
            "year_group: 7",
            "year_group:\u00a07",
            7,
            "This line has a non-breaking space (U+00A0), usually pasted in from Word "
            "or a web page, which YAML does not read as a space. Replace it with an "
            "ordinary space.",
        ),
        (
            "learner.yaml",
            "  primary: SEMH",
            "  primary: ASD",
            11,
            "needs → primary: 'ASD' is not allowed. Did you mean 'ASC'? Use one of: "
            "SEMH, ASC, SLCN, MLD, SLD, PMLD, SpLD, HI, VI, MSI, PD, OTH.",
        ),
        (
            "learner.yaml",
            "  primary: SEMH",
            "  primary: SEMH\n  secondary: [SLCN, dyslexia]",
            12,
            "needs → secondary → item 2: 'dyslexia' is not allowed. Did you mean "
            "'SpLD'? Use one of: SEMH, ASC, SLCN, MLD, SLD, PMLD, SpLD, HI, VI, MSI, "
            "PD, OTH.",
        ),
        (
            "learner.yaml",
            "  family: Tester",
            "  family: Null",
            4,
            "name → family: is blank. Fill it in (surname, as on the school roll). "
            "If 'Null' is the text meant, put it in quotes: 'Null'.",
        ),
        (
            "learner.yaml",
            "  given: Sam",
            "  given: True",
            3,
            "name → given: true is read as yes or no, but words are needed here "
            "(first name, as on the school roll). If 'True' is the text meant, put it "
            "in quotes: 'True'.",
        ),
        (
            "learner.yaml",
            "group: Kestrels",
            'group: "Kestrels, see C:\\new\\test"',
            8,
            "Inside double quotes a backslash starts a special character (\\n is a "
            "new line, \\t a tab), so this text would not be kept as typed. Use "
            "single quotes instead, or no quotes.",
        ),
    ],
    ids=[
        "7.0",
        "two-line name",
        "secondary repeats primary",
        "two primary needs",
        "brackets",
        "hash",
        "soft hyphen",
        "no space after colon",
        "no space after dash",
        "asterisk",
        "ids in two cases",
        "unclosed quotation mark",
        "text after a closing quotation mark",
        "text after >",
        "unclosed [",
        "non-breaking space",
        "a need's other name",
        "a secondary need's other name",
        "a surname YAML reads as blank",
        "a name YAML reads as yes or no",
        "a backslash in double quotes",
    ],
)
def test_more_mistakes(school, file, old, new, line, message):
    edit(school.records / "learners/L1" / file, old, new)
    assert (line, message) in messages_for(school, f"{L1}/{file}")


def test_a_comment_after_two_spaces_is_a_comment(school):
    edit(
        school.records / "learners/L1/ilp.yaml",
        "learner_voice: I want to stay calm.",
        "learner_voice: I want to stay calm.  # said at the meeting",
    )
    assert findings(school) == []


def test_emoji_built_with_joiners_are_text(school):
    edit(
        school.records / "learners/L1/ilp.yaml",
        "learner_voice: I want to stay calm.",
        "learner_voice: Me and my family \U0001f468\u200d\U0001f469\u200d\U0001f467",
    )
    assert findings(school) == []


def test_numbers_keep_the_form_they_were_typed_in(tmp_path):
    from .factory import BASELINE

    school = SchoolBuilder(tmp_path)
    measure = {"measure": "Reading age", "area": "literacy", "value": "PLACEHOLDER"}
    school.add("L1", baseline={**BASELINE, "academic": [measure]})
    edit(
        school.records / "learners/L1/baseline.yaml",
        "value: PLACEHOLDER",
        "value: 8.10",
    )
    from generator.cohort import read_cohort

    cohort = read_cohort(school.records)
    assert str(cohort.learners[0].baseline.academic[0].value) == "8.10"


def test_a_quoted_or_zero_led_score_on_a_scale(school):
    path = school.records / "learners/L1/baseline.yaml"
    edit(path, "value: 22", "value: '22'")
    got = messages_for(school, f"{L1}/baseline.yaml")
    assert got[0][1].endswith(
        "needs a score from 0 to 40. Remove the quotation marks around 22."
    )
    edit(path, "value: '22'", "value: 022")
    got = messages_for(school, f"{L1}/baseline.yaml")
    assert got[0][1].endswith(
        "needs a score from 0 to 40. Write 22, without the leading zero."
    )


def test_a_file_saved_as_utf16(school):
    path = school.records / "learners/L1/ilp.yaml"
    path.write_bytes(path.read_text().encode("utf-16"))
    assert messages_for(school, f"{L1}/ilp.yaml") == [
        (
            1,
            "This file is saved as UTF-16 (called 'Unicode' in Notepad), which "
            "Pathways "
            "cannot read. Save it again with the UTF-8 encoding.",
        ),
    ]


def test_a_file_holding_only_a_document_marker(school):
    (school.records / "learners/L1/baseline.yaml").write_text("---\n")
    assert messages_for(school, f"{L1}/baseline.yaml") == [
        (1, "This file is empty. Fill it in, or delete it if it is not needed."),
    ]


def test_reviews_dated_outside_the_learners_time_at_school(school):
    edit(
        school.records / "learners/L1/learner.yaml",
        "entry_date: '2025-09-03'",
        "entry_date: 2025-11-01",
    )
    got = messages_for(school, f"{L1}/reviews/2025-26-autumn-1.yaml")
    assert got == [
        (
            1,
            "date: 2025-10-20 is before the learner started (2025-11-01, "
            "the entry_date in learner.yaml). One of the two dates is wrong.",
        )
    ]


def test_a_future_ehcp_issue_date_warns(school):
    edit(
        school.records / "learners/L1/learner.yaml",
        "issued: '2025-06-01'",
        "issued: 2062-06-01",
    )
    report = check_json(school.records, AS_OF)
    assert sorted(f["rule"] for f in report["findings"]) == ["date-in-future", "schema"]


def test_missed_review_advice_names_the_half_term(school):
    (school.records / "learners/L1/reviews/2026-27-autumn-1.yaml").unlink()
    [missed] = [
        f
        for f in check_json(school.records, AS_OF)["findings"]
        if f["rule"] == "review-missed"
    ]
    assert (
        "(pathways new review L1 --half-term 2026-27-autumn-1 starts it)"
        in missed["message"]
    )


def test_near_miss_names_get_a_rename_hint(school):
    folder = school.records / "learners/L1"
    (folder / "ilp.yaml").rename(folder / "ILP.yaml")
    (folder / "reviews").rename(folder / "Reviews")
    (school.records / "notes.txt").write_text("x")
    got = {
        (file, message.rsplit(". ", 1)[-1]) for _, file, _, message in findings(school)
    }
    assert (
        f"{L1}/ILP.yaml",
        "If it is meant to be read, rename it to ilp.yaml.",
    ) in got
    assert (f"{L1}/Reviews", "If it is meant to be read, rename it to reviews.") in got
    assert any(file == "records/notes.txt" for file, _ in got)


def test_a_misnamed_school_file_is_named(school):
    (school.records / "school.yaml").rename(school.records / "school.yml")
    code, output = run("check", "--records", str(school.records))
    assert code == 2
    assert "It has school.yml: rename it to school.yaml." in output


def test_as_of_outside_the_supported_years(school):
    code, output = run(
        "check", "--records", str(school.records), "--as-of", "1800-01-01"
    )
    assert code == 2
    assert "'1800-01-01' is outside the years 1900 to 2199." in output


def test_new_refuses_what_check_would_reject(school):
    records = str(school.records)
    code, output = run("new", "learner", "index", "--records", records)
    assert code == 2 and "'index' cannot be a learner id" in output
    school.add("LEFT", learner_changes={"leaving_date": "2026-07-22"}, reviews={})
    code, output = run("new", "review", "LEFT", "--records", records, "--as-of", AS_OF)
    assert code == 2
    assert "LEFT was not at the school for all of 2026-27 autumn 2" in output


def test_json_stays_valid_with_unreadable_file_names(school):
    name = os.fsdecode(b"notes\x93.txt")
    (school.records / "learners/L1" / name).write_text("x")
    code, output = run(
        "check", "--records", str(school.records), "--as-of", AS_OF, "--format", "json"
    )
    report = json.loads(output)
    assert any("notes" in f["file"] for f in report["findings"])


def _met_of_eligible(records) -> dict[str, tuple[int, int]]:
    report = check_json(records, AS_OF)
    return {key: (k["met"], k["eligible"]) for key, k in report["kpis"].items()}


def test_a_link_in_the_learners_folder_counts_as_one_broken_learner(school):
    # Before, any such entry made the whole school unusable: 0 of 2 everywhere.
    school.add("L2")
    (school.records / "learners/L9").symlink_to(school.records / "learners/L2")
    figures = _met_of_eligible(school.records)
    assert figures == dict.fromkeys(figures, (2, 3))
    assert set(figures) == {"baseline", "outcomes", "interventions", "on_track"}


def test_a_learner_folder_hidden_by_a_dot_is_an_error_and_still_counted(school):
    # Hiding a learner with a missed review must not make the figures look better.
    school.add("L2")
    (school.records / "learners/L2").rename(school.records / "learners/.L2")
    code, output = run(
        "check", "--records", str(school.records), "--as-of", AS_OF, "--format", "json"
    )
    assert code == 1
    [finding] = json.loads(output)["findings"]
    assert (finding["rule"], finding["severity"]) == ("schema", "error")
    assert finding["file"].endswith("records/learners/.L2")
    figures = _met_of_eligible(school.records)
    assert figures == dict.fromkeys(figures, (1, 2))


def test_a_learner_folder_whose_name_cannot_be_read_is_still_counted(school):
    name = os.fsdecode(b"L2\xeb")
    school.add("L2")
    (school.records / "learners/L2").rename(school.records / "learners" / name)
    figures = _met_of_eligible(school.records)
    assert figures == dict.fromkeys(figures, (1, 2))


@pytest.mark.parametrize(
    "dates",
    [
        {"entry_date": "2026-12-01"},  # after every review the learner has had
        {"leaving_date": "2024-01-01"},  # before they started
    ],
    ids=["entry after the reviews", "left before starting"],
)
def test_a_wrong_entry_or_leaving_date_never_takes_a_learner_out(school, dates):
    # Without this, L2 dropped out of every figure: 1 of 1 instead of 1 of 2.
    school.add("L2", learner_changes=dates)
    figures = _met_of_eligible(school.records)
    assert figures == dict.fromkeys(figures, (1, 2))


def test_a_record_file_that_is_a_link_leaves_its_learner_meeting_nothing(school):
    # It was counted as missing: the learner still met on track with no baseline.
    baseline = school.records / "learners/L1/baseline.yaml"
    target = school.records.parent / "elsewhere.yaml"
    target.write_bytes(baseline.read_bytes())
    baseline.unlink()
    baseline.symlink_to(target)
    figures = _met_of_eligible(school.records)
    assert figures == dict.fromkeys(figures, (0, 1))
