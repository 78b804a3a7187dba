"""Every staff mistake becomes one clear finding on the right line.

Each case edits one file of an otherwise perfect learner and states the finding
staff must see, word for word.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import check_json
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
                1,
                "'key_worker' is missing. Add it (the member of staff who keeps the "
                "learner's ILP and reviews).",
            ),
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
                "learner.yaml.",
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
                "add the programme there.",
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
                    "programme id used in interventions.yaml.",
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
                "school.yaml, or add it there.",
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


def test_a_file_over_the_size_cap_is_not_parsed(tmp_path):
    school = SchoolBuilder(tmp_path, settings={"max_file_kb": 2})
    school.add("L1")
    path = school.records / "learners/L1/ilp.yaml"
    edit(path, "I want to stay calm.", "x" * 3000)
    assert findings(school) == [
        (
            "yaml",
            f"{L1}/ilp.yaml",
            None,
            "This file is 3 KB, larger than the 2 KB a record may be, so it was not "
            "read. Check that nothing was pasted into it by mistake; if it really "
            "needs "
            "to be this big, raise max_file_kb in school.yaml settings.",
        ),
    ]


def test_a_review_named_for_no_half_term(school):
    reviews = school.records / "learners/L1/reviews"
    (reviews / "2026-27-autumn-1.yaml").rename(reviews / "2026-27-autumn1.yaml")
    got = findings(school)
    assert (
        "reference",
        f"{L1}/reviews/2026-27-autumn1.yaml",
        None,
        "The review file name '2026-27-autumn1.yaml' is not a half term in the "
        "school.yaml calendar, so Pathways cannot tell which half term it reviews. "
        "Did you mean '2026-27-autumn-1'? Name it after its half term, for example "
        "2026-27-autumn-1.yaml.",
    ) in got


def test_folder_names_unsafe_or_clashing(school):
    school.add("l1")
    school.add("Noor Haddad")
    got = {(rule, file) for rule, file, _, _ in findings(school)}
    assert ("reference", f"{L1}/learner.yaml") in got
    assert ("reference", "records/learners/l1/learner.yaml") in got
    assert ("schema", "records/learners/Noor Haddad") in got
