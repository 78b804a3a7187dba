"""Every staff mistake becomes one clear finding on the right line.

Each case edits one file of an otherwise perfect learner and states the finding
staff must see, word for word.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import check_json, run
from .factory import SchoolBuilder

AS_OF = "2026-11-20"


@pytest.fixture
def school(tmp_path) -> SchoolBuilder:
    builder = SchoolBuilder(tmp_path)
    builder.add("L1")
    return builder


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), "utf-8")


def findings(school: SchoolBuilder) -> list[tuple[str, str, int | None, str]]:
    report = check_json(school.records, AS_OF)
    return [(f["rule"], f["file"], f["line"], f["message"]) for f in report["findings"]]


L1 = "records/learners/L1"

CASES = {
    "yaml 1.1 boolean": (
        "ilp.yaml",
        "learner_involved: true",
        "learner_involved: yes",
        [
            (
                "schema",
                f"{L1}/ilp.yaml",
                2,
                "learner_involved: 'yes' is not true or false. Write true instead "
                "of yes.",
            )
        ],
    ),
    "impossible date": (
        "ilp.yaml",
        "agreed: '2025-10-01'",
        "agreed: 2026-02-30",
        [
            (
                "schema",
                f"{L1}/ilp.yaml",
                1,
                "agreed: '2026-02-30' is not a real date: that day does not exist. "
                "Check "
                "the day and month.",
            )
        ],
    ),
    "british date": (
        "ilp.yaml",
        "agreed: '2025-10-01'",
        "agreed: 01/10/2025",
        [
            (
                "schema",
                f"{L1}/ilp.yaml",
                1,
                "agreed: '01/10/2025' is not written year-month-day. Write 2025-10-01 "
                "(for 1 October 2025).",
            )
        ],
    ),
    "words for a date": (
        "ilp.yaml",
        "by: '2027-07-01'\n  status",
        "by: end of term\n  status",
        [
            (
                "schema",
                f"{L1}/ilp.yaml",
                10,
                "target T1 → by: 'end of term' is not a date written year-month-day. "
                "Write the date like 2026-09-03 for 3 September 2026.",
            )
        ],
    ),
    "blank value": (
        "ilp.yaml",
        "by: '2027-07-01'\n  status",
        "by:\n  status",
        [
            (
                "schema",
                f"{L1}/ilp.yaml",
                10,
                "target T1 → by: is blank. Fill it in (the date by which the target "
                "should be met).",
            )
        ],
    ),
    "blank value that may be left out": (
        "reviews/2026-27-autumn-1.yaml",
        "learner_present: true",
        "learner_present: true\nlearner_comment:",
        [
            (
                "schema",
                f"{L1}/reviews/2026-27-autumn-1.yaml",
                4,
                "learner_comment: is blank. Fill it in (what the learner said, in "
                "their own words), or delete the line if there is nothing to write.",
            )
        ],
    ),
    "blank value that is needed in a review": (
        "reviews/2026-27-autumn-1.yaml",
        "reviewed_by: Ms Key",
        "reviewed_by:",
        [
            (
                "schema",
                f"{L1}/reviews/2026-27-autumn-1.yaml",
                2,
                "reviewed_by: is blank. Fill it in (who held the review).",
            )
        ],
    ),
    "spaces only": (
        "reviews/2026-27-autumn-1.yaml",
        "reviewed_by: Ms Key",
        "reviewed_by: '   '",
        [
            (
                "schema",
                f"{L1}/reviews/2026-27-autumn-1.yaml",
                2,
                "reviewed_by: is blank. Fill it in (who held the review).",
            )
        ],
    ),
    "leading zero number": (
        "learner.yaml",
        "year_group: 7",
        "year_group: 07",
        [
            (
                "schema",
                f"{L1}/learner.yaml",
                7,
                "year_group: '07' starts with a zero. Write the number without the "
                "leading zero: 7.",
            )
        ],
    ),
    "duplicate key": (
        "ilp.yaml",
        "learner_involved: true",
        "learner_involved: true\nagreed: 2025-10-02",
        [
            (
                "yaml",
                f"{L1}/ilp.yaml",
                3,
                "'agreed' appears twice in the same place, on line 1 and line 3. "
                "Keep one "
                "of them: YAML would silently use only the second.",
            )
        ],
    ),
    "tab indent": (
        "learner.yaml",
        "  given: Sam",
        "\tgiven: Sam",
        [
            (
                "yaml",
                f"{L1}/learner.yaml",
                3,
                "This line is indented with a tab. YAML needs spaces: replace the "
                "tab with "
                "spaces so the line lines up with the ones around it.",
            )
        ],
    ),
    "anchor and alias": (
        "ilp.yaml",
        "learner_voice: I want to stay calm.",
        "learner_voice: &v I want to stay calm.\nextra: *v",
        [
            (
                "yaml",
                f"{L1}/ilp.yaml",
                3,
                "'&v' is a YAML anchor or alias, which Pathways does not accept. Write "
                "the value out in full, or put text that starts with & or * in quotes.",
            )
        ],
    ),
    "misspelt field": (
        "learner.yaml",
        "key_worker:",
        "keyworker:",
        [
            (
                "schema",
                f"{L1}/learner.yaml",
                9,
                "'keyworker' is not a field Pathways knows. Did you mean 'key_worker'? "
                "The fields allowed here are: date_of_birth, ehcp, entry_date, "
                "group, id, "
                "key_worker, leaving_date, name, needs, year_group.",
            ),
        ],
    ),
    "wrong case in a choice": (
        "ilp.yaml",
        "status: active",
        "status: Active",
        [
            (
                "schema",
                f"{L1}/ilp.yaml",
                11,
                "target T1 → status: 'Active' is not allowed. Did you mean "
                "'active'? Use "
                "one of: active, achieved, discontinued.",
            )
        ],
    ),
    "list where fields belong": (
        "learner.yaml",
        "name:\n  given: Sam\n  family: Tester",
        "name:\n- Sam\n- Tester",
        [
            (
                "schema",
                f"{L1}/learner.yaml",
                2,
                "name: is a list (lines starting with '- '), but a set of fields "
                "is needed "
                "here: write 'name: value' lines instead.",
            )
        ],
    ),
    "unknown ehcp outcome": (
        "ilp.yaml",
        "ehcp_outcome: E1",
        "ehcp_outcome: E11",
        [
            (
                "reference",
                f"{L1}/ilp.yaml",
                7,
                "target T1 → ehcp_outcome: 'E11' is not an EHCP outcome in "
                "learner.yaml. "
                "Did you mean 'E1'? Use the id of one of the EHCP outcomes in "
                "learner.yaml. The ones there now: E1.",
            )
        ],
    ),
    "unknown programme": (
        "interventions.yaml",
        "programme: zones",
        "programme: zone",
        [
            (
                "reference",
                f"{L1}/interventions.yaml",
                1,
                "placement zone → programme: 'zone' is not a programme in "
                "programmes.yaml. "
                "Did you mean 'zones'? Use the id of a programme in "
                "programmes.yaml, or "
                "add the programme there. The ones there now: phonics, zones.",
            ),
            # Every review rates zones, which this learner is no longer placed on.
            *[
                (
                    "reference",
                    f"{L1}/reviews/{key}.yaml",
                    11,
                    "interventions: 'zones' is not a programme this learner is "
                    "placed on in "
                    "interventions.yaml. Did you mean 'zone'? Rate interventions "
                    "by the "
                    "programme id used in interventions.yaml. The ones there now: "
                    "zone.",
                )
                for key in (
                    "2025-26-autumn-1",
                    "2025-26-autumn-2",
                    "2025-26-spring-1",
                    "2025-26-spring-2",
                    "2025-26-summer-1",
                    "2025-26-summer-2",
                    "2026-27-autumn-1",
                )
            ],
        ],
    ),
    "unknown area": (
        "ilp.yaml",
        "area: emotional-regulation",
        "area: emotional-regulaton",
        [
            (
                "reference",
                f"{L1}/ilp.yaml",
                6,
                "target T1 → area: 'emotional-regulaton' is not an area in "
                "school.yaml. "
                "Did you mean 'emotional-regulation'? Use one of the areas listed in "
                "school.yaml, or add it there. The ones there now: "
                "emotional-regulation, employment, literacy, numeracy, "
                "social-communication.",
            )
        ],
    ),
    "id differs from folder": (
        "learner.yaml",
        "id: L1",
        "id: L2",
        [
            (
                "reference",
                f"{L1}/learner.yaml",
                1,
                "id: 'L2' differs from the folder name 'L1'. The id and the folder "
                "name "
                "must be the same: change one to match the other.",
            )
        ],
    ),
}


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_each_mistake_gives_its_finding(school, case):
    name, old, new, expected = CASES[case]
    edit(school.records / "learners/L1" / name, old, new)
    assert sorted(findings(school)) == sorted(expected)


def test_the_broken_learner_meets_nothing_and_others_are_checked(school):
    school.add("L2")
    edit(
        school.records / "learners/L1/ilp.yaml",
        "learner_involved: true",
        "learner_involved: yes",
    )
    report = check_json(school.records, AS_OF)
    for key in ("baseline", "outcomes", "interventions", "on_track"):
        kpi = report["kpis"][key]
        assert (kpi["met"], kpi["eligible"]) == (1, 2), key


def test_no_is_text_where_text_belongs(school):
    edit(school.records / "learners/L1/learner.yaml", "given: Sam", "given: No")
    edit(school.records / "learners/L1/learner.yaml", "group: Kestrels", "group: 'on'")
    assert findings(school) == []


def test_a_leading_zero_id_stays_as_typed(school):
    folder = school.records / "learners/L1"
    edit(folder / "ilp.yaml", "- id: O1", "- id: 007")
    for review in (folder / "reviews").iterdir():
        edit(review, "  O1:", "  007:")
    assert findings(school) == []


def test_byte_order_mark_and_windows_line_ends_are_accepted(school):
    path = school.records / "learners/L1/ilp.yaml"
    text = path.read_text("utf-8").replace("\n", "\r\n")
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    assert findings(school) == []


def test_a_file_saved_from_word_in_windows_1252(school):
    path = school.records / "learners/L1/ilp.yaml"
    text = path.read_text("utf-8").replace("I want", "I don\u2019t want")
    path.write_bytes(text.encode("cp1252"))
    assert findings(school) == [
        (
            "yaml",
            f"{L1}/ilp.yaml",
            3,
            "This file is not saved as UTF-8: a character on this line (byte 0x92, "
            "probably '\u2019' from Word or a Windows program) cannot be read. "
            "Save the "
            "file with the UTF-8 encoding, then check the letters on this line.",
        ),
    ]


def test_an_empty_file(school):
    (school.records / "learners/L1/baseline.yaml").write_text("# to do\n")
    assert findings(school) == [
        (
            "yaml",
            f"{L1}/baseline.yaml",
            1,
            "This file is empty. Fill it in, or delete it if it is not needed.",
        ),
    ]


def test_an_empty_learner_yaml_is_not_told_it_may_be_deleted(school):
    (school.records / "learners/L1/learner.yaml").write_text("\n")
    assert [f for f in findings(school) if f[1] == f"{L1}/learner.yaml"] == [
        (
            "yaml",
            f"{L1}/learner.yaml",
            1,
            "This file is empty. Every learner folder needs its learner.yaml: fill it "
            "in, using another learner's learner.yaml to see the fields it needs.",
        ),
    ]


def test_a_file_over_the_size_cap_is_not_parsed(tmp_path):
    school = SchoolBuilder(tmp_path, settings={"max_file_kb": 2})
    school.add("L1")
    path = school.records / "learners/L1/ilp.yaml"
    edit(path, "I want to stay calm.", "x" * 3000)
    assert findings(school) == [
        (
            "yaml",
            f"{L1}/ilp.yaml",
            1,
            "This file is 3 KB, larger than the 2 KB a record may be, so it was not "
            "read. Check that nothing was pasted into it by mistake. If it really "
            "needs to be this big, raise max_file_kb in school.yaml settings.",
        ),
    ]


def test_a_review_named_for_no_half_term(school):
    reviews = school.records / "learners/L1/reviews"
    (reviews / "2026-27-autumn-1.yaml").rename(reviews / "2026-27-autumn1.yaml")
    got = findings(school)
    assert (
        "reference",
        f"{L1}/reviews/2026-27-autumn1.yaml",
        1,
        "The review file name '2026-27-autumn1.yaml' is not a half term in the "
        "school.yaml calendar, so Pathways cannot tell which half term it reviews. "
        "Did you mean '2026-27-autumn-1'? Name it after its half term, for example "
        "2026-27-autumn-1.yaml.",
    ) in got


def test_a_review_never_suggests_a_name_already_taken(school):
    # The factory's learner has reviews for every half term up to 2026-27 autumn 1;
    # a copy named for 2026-27 autumn 2's near miss cannot be told to become the
    # autumn 1 file that is already there.
    reviews = school.records / "learners/L1/reviews"
    (reviews / "2026-27-autum-1.yaml").write_bytes(
        (reviews / "2026-27-autumn-1.yaml").read_bytes()
    )
    [message] = [m for _, f, _, m in findings(school) if f.endswith("autum-1.yaml")]
    assert "Did you mean '2026-27-autumn-2'?" in message


def test_a_review_for_a_year_the_calendar_does_not_have_yet(school):
    reviews = school.records / "learners/L1/reviews"
    (reviews / "2027-28-autumn-1.yaml").write_bytes(
        (reviews / "2026-27-autumn-1.yaml").read_bytes()
    )
    assert (
        "reference",
        f"{L1}/reviews/2027-28-autumn-1.yaml",
        1,
        "The review file name '2027-28-autumn-1.yaml' is for 2027-28, but "
        "school.yaml has no term dates for 2027-28 yet. Add that year to the calendar "
        "in school.yaml (the data lead usually does this), and the review counts.",
    ) in findings(school)


def test_folder_names_unsafe_or_clashing(school):
    school.add("l1")
    school.add("Noor Haddad")
    got = {(rule, file) for rule, file, _, _ in findings(school)}
    assert ("reference", f"{L1}/learner.yaml") in got
    assert ("reference", "records/learners/l1/learner.yaml") in got
    assert ("schema", "records/learners/Noor Haddad") in got


# --- Found by trying to break it -------------------------------------------------


def messages_for(school: SchoolBuilder, file: str) -> list[tuple[int | None, str]]:
    return [
        (line, message) for _, name, line, message in findings(school) if name == file
    ]


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        (
            'learner_voice: "Calm corner" is where I want\n',
            3,
            "YAML cannot read the end of this line. A value that starts with a "
            "quotation mark, [ or { must end with it: put the whole value in double "
            'quotes, for example learner_voice: "Calm corner" is where I want. Inside '
            "single quotes, write an apostrophe twice ('Hazel''s class').",
        ),
        (
            "learner_voice: @home I am calm\n",
            3,
            "A value here starts with a character YAML keeps for itself, such as %, @ "
            "or a backtick (`). Put the whole value in double quotes.",
        ),
        (
            "learner_voice: I want to be calm #1 priority\n",
            3,
            "YAML reads ' #' as the start of a comment, so only 'I want to be calm' is "
            "kept and '#1 priority' is "
            "lost. If that is a note, put two spaces before the # (or move the "
            "note to a line of its own); if the # belongs to the value, put the "
            "whole value in quotes.",
        ),
        (
            "learner_voice: calm\u200b\n",  # pasted in, as it would be
            3,
            "The text here contains a zero-width space (U+200B), which cannot be seen "
            "but changes how the text reads or sorts. It usually comes from pasting. "
            "Retype the value.",
        ),
        (
            "learner_voice: calm\u00a0\n",
            3,
            "The text here starts or ends with an invisible space (often a "
            "non-breaking space from Word). Delete it and retype the space.",
        ),
        (
            "learner_voice: calm\x00*\n",
            3,
            "This line contains an invisible control character (U+0000), usually "
            "pasted in from another program. Retype the line.",
        ),
    ],
    ids=[
        "quote then words",
        "at sign",
        "cut by a comment",
        "zero width",
        "non-breaking space",
        "NUL beside an asterisk",
    ],
)
def test_yaml_typing_mistakes(school, text, line, message):
    edit(
        school.records / "learners/L1/ilp.yaml",
        "learner_voice: I want to stay calm.\n",
        text,
    )
    assert messages_for(school, f"{L1}/ilp.yaml") == [(line, message)]


def test_every_unknown_field_is_named(school):
    edit(
        school.records / "learners/L1/learner.yaml",
        "group: Kestrels",
        "grop: Kestrels\nkey_workr: Ms Key",
    )
    got = [message for _, message in messages_for(school, f"{L1}/learner.yaml")]
    assert any(
        m.startswith("'grop' is not a field Pathways knows. Did you mean 'group'?")
        for m in got
    )
    assert any(
        m.startswith(
            "'key_workr' is not a field Pathways knows. Did you mean 'key_worker'?"
        )
        for m in got
    )


def test_a_not_held_review_names_each_field_it_should_not_have(school):
    path = school.records / "learners/L1/reviews/2026-27-autumn-1.yaml"
    path.write_text(
        "date: 2026-10-20\nnot_held: Ill all half term.\n"
        "learner_present: true\nlearner_comment: hi\n"
    )
    assert messages_for(school, f"{L1}/reviews/2026-27-autumn-1.yaml") == [
        (
            3,
            "learner_present cannot be given in a review that records not_held. "
            "Remove not_held if the review took place, or remove this field.",
        ),
        (
            4,
            "learner_comment cannot be given in a review that records not_held. "
            "Remove not_held if the review took place, or remove this field.",
        ),
    ]


def test_ratings_and_quoted_booleans_are_explained(school):
    path = school.records / "learners/L1/reviews/2026-27-autumn-1.yaml"
    edit(path, "learner_present: true", "learner_present: 'true'")
    edit(
        path,
        "  T1:\n    rating: on-track",
        "  T1: on-track\n  Target 2:\n    rating: ahead",
    )
    got = messages_for(school, f"{L1}/reviews/2026-27-autumn-1.yaml")
    assert (
        3,
        "learner_present: 'true' is in quotes, so it is text. Write true "
        "without quotes.",
    ) in got
    assert (
        5,
        "targets → T1: 'on-track' needs to be written as a rating: T1: "
        "{rating: on-track}, with a note if you like.",
    ) in got
    assert (
        6,
        "targets: 'Target 2' cannot be used as a name here. Did you mean "
        "'Target2'? A short code made of letters, digits, hyphens and "
        "underscores, starting with a letter or digit, for example T1 or E2.",
    ) in got


def test_huge_numbers_and_far_dates_are_findings(school):
    edit(
        school.records / "learners/L1/learner.yaml",
        "year_group: 7",
        "year_group: " + "9" * 5000,
    )
    edit(
        school.records / "learners/L1/ilp.yaml",
        "agreed: '2025-10-01'",
        "agreed: 9999-12-31",
    )
    learner = messages_for(school, f"{L1}/learner.yaml")
    assert learner[0][1].startswith("year_group: '99999")
    assert learner[0][1].endswith("…' is not a whole number. Write a number such as 7.")
    assert messages_for(school, f"{L1}/ilp.yaml") == [
        (1, "agreed: '9999-12-31' is too far from today to be right. Check the year.")
    ]


def test_links_are_refused_and_never_read(school, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("token: ghp_SECRET\n")
    review = school.records / "learners/L1/reviews/2026-27-autumn-1.yaml"
    review.unlink()
    review.symlink_to(secret)
    code, output = run(
        "check", "--records", str(school.records), "--as-of", AS_OF, "--format", "json"
    )
    assert "ghp_SECRET" not in output
    assert (
        "yaml",
        f"{L1}/reviews/2026-27-autumn-1.yaml",
        None,
        "This is a link to somewhere else, not a file. Pathways reads only real files "
        "inside records/: replace the link with the file itself.",
    ) in findings(school)


def test_a_missing_learners_folder_is_an_error(school):
    (school.records / "learners").rename(school.records / "Learners")
    code, output = run("check", "--records", str(school.records), "--as-of", AS_OF)
    assert code == 1
    assert (
        "There is no learners folder in records/, so no learner was checked." in output
    )


def test_a_missing_programmes_file_is_one_finding(school):
    (school.records / "programmes.yaml").unlink()
    assert findings(school) == [
        (
            "schema",
            "records/programmes.yaml",
            None,
            "There is no programmes.yaml, so no intervention can be checked. Add the "
            "school's intervention programmes (write programmes: [] if there are none "
            "yet).",
        ),
    ]


def test_a_folder_where_a_file_belongs(school):
    path = school.records / "learners/L1/ilp.yaml"
    path.unlink()
    path.mkdir()
    assert (
        "yaml",
        f"{L1}/ilp.yaml",
        None,
        "ilp.yaml is a folder, not a file. Replace it with the ilp.yaml file.",
    ) in findings(school)


def test_ids_the_site_uses_for_its_own_pages(school):
    school.add("index")
    report = check_json(school.records, AS_OF)
    [finding] = [f for f in report["findings"] if f["file"] == "records/learners/index"]
    assert finding["message"] == (
        "The folder name 'index' cannot be a learner id: the site uses that name for "
        "one of its own pages. Choose another id. Rename the folder, and the id in "
        "its learner.yaml, to match."
    )


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        (
            "_L2019",
            "cannot be used as a learner id: use letters, digits, hyphens and "
            "underscores only, starting with a letter or digit, at most 40 characters "
            "and no spaces, for example L0042.",
        ),
        (
            "COM1",
            "cannot be a learner id: Windows keeps that name for itself, so the "
            "repository could not be opened on a Windows computer. Choose another id.",
        ),
    ],
)
def test_ids_that_cannot_name_a_folder_everywhere(school, name, reason):
    school.add(name)
    report = check_json(school.records, AS_OF)
    messages = [
        f["message"]
        for f in report["findings"]
        if f["file"] == f"records/learners/{name}"
    ]
    assert (
        f"The folder name '{name}' {reason} Rename the folder, and the id in its "
        "learner.yaml, to match."
    ) in messages
    code, output = run("new", "learner", name, "--records", str(school.records))
    assert code == 2
    assert f"The id '{name}' {reason}" in output
    assert "Rename the folder" not in output


def test_unreadable_folders_are_findings(school, monkeypatch):
    import os

    from generator import folders

    real = os.scandir

    def scandir(path):
        if Path(path).name == "reviews":
            raise PermissionError(13, "Permission denied")
        return real(path)

    monkeypatch.setattr(folders.os, "scandir", scandir)
    assert (
        "yaml",
        f"{L1}/reviews",
        None,
        "This folder cannot be opened (Permission denied), so nothing in it was "
        "checked. Ask whoever looks after the repository to fix its permissions.",
    ) in findings(school)


def test_a_year_label_that_does_not_match_its_dates(school):
    edit(school.records / "school.yaml", "- year: 2025-26", "- year: 2024-25")
    got = messages_for(school, "records/school.yaml")
    assert (
        7,
        "year 2024-25 → half_terms → autumn-1: 2025-09-03 is not in the academic "
        "year 2024-25. Check the year label and the dates.",
    ) in got


def test_a_year_given_twice(tmp_path):
    from .factory import SCHOOL

    extra = {"summer-2": {"start": "2027-07-23", "end": "2027-07-24"}}
    calendar = [*SCHOOL["calendar"], {"year": "2026-27", "half_terms": extra}]
    school = SchoolBuilder(tmp_path, calendar=calendar)
    school.add("L1")
    got = [m for _, m in messages_for(school, "records/school.yaml")]
    assert any(
        m.startswith("The year 2026-27 appears twice in the calendar") for m in got
    )


def test_impossible_phase_transfer_deadline(tmp_path):
    school = SchoolBuilder(
        tmp_path, settings={"phase_transfer_deadlines": {"post-16": "02-30"}}
    )
    school.add("L1")
    lines = (school.records / "school.yaml").read_text().splitlines()
    line = next(n for n, text in enumerate(lines, 1) if "post-16:" in text)
    assert messages_for(school, "records/school.yaml") == [
        (
            line,
            "settings → phase_transfer_deadlines → post-16: '02-30' is not a day that "
            "comes every year. Check the day and month.",
        ),
    ]


def test_dates_out_of_order(school):
    edit(
        school.records / "learners/L1/learner.yaml",
        "date_of_birth: '2014-05-01'",
        "date_of_birth: 2025-09-04",
    )
    got = messages_for(school, f"{L1}/learner.yaml")
    assert (
        6,
        "entry_date: 2025-09-03 is before the date of birth (2025-09-04), so "
        "one of them must be wrong. Check both dates.",
    ) in got


def test_a_review_dated_before_its_half_term(school):
    path = school.records / "learners/L1/reviews/2026-27-autumn-1.yaml"
    edit(path, "date: '2026-10-20'", "date: 2025-10-20")
    assert messages_for(school, f"{L1}/reviews/2026-27-autumn-1.yaml") == [
        (
            1,
            "date: 2025-10-20 is before the 2026-27 autumn 1 half term began "
            "(2026-09-02), so this cannot be its review. Check the date, or "
            "whether the "
            "file has the right name.",
        ),
    ]


def test_a_review_dated_after_as_of_is_not_said_to_be_missing(school):
    path = school.records / "learners/L1/reviews/2026-27-autumn-1.yaml"
    edit(path, "date: '2026-10-20'", "date: 2026-12-20")
    [missed] = [
        f
        for f in check_json(school.records, AS_OF)["findings"]
        if f["rule"] == "review-missed"
    ]
    assert missed["message"] == (
        "The 2026-27 autumn 1 review was due by 2 November 2026. Its file is dated 20 "
        "December 2026, after 20 November 2026, so it does not count yet. If the date "
        "is a slip, correct it."
    )


def test_wrongly_capitalised_extension_gets_a_rename_hint(school):
    path = school.records / "learners/L1/baseline.yaml"
    path.rename(path.with_name("baseline.YAML"))
    assert (
        "unknown-file",
        f"{L1}/baseline.YAML",
        1,
        "Pathways does not read this, so nothing in it counts. The files it reads "
        "here are named learner.yaml, baseline.yaml, ilp.yaml, interventions.yaml and "
        "the reviews folder. If it is meant to be read, rename it to baseline.yaml.",
    ) in findings(school)
