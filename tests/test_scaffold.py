"""`pathways new`: files with every field to fill in, that pass once filled in,
and never an overwrite."""

from __future__ import annotations

import re

from .conftest import check_json, run
from .factory import SchoolBuilder


def fill(text: str, answers: dict[str, str]) -> str:
    """Put an answer after each blank 'field:' named in answers, in order."""
    for field, answer in answers.items():
        text, count = re.subn(
            rf"^(\s*(?:- )?){field}:(?=\s*(#|$))",
            rf"\g<1>{field}: {answer}",
            text,
            count=1,
            flags=re.M,
        )
        assert count == 1, field
    return text


def test_a_new_learner_passes_once_filled_in(tmp_path):
    school = SchoolBuilder(tmp_path)
    code, output = run(
        "new",
        "learner",
        "L9",
        "--records",
        str(school.records),
        "--as-of",
        "2026-11-02",
    )
    assert code == 0, output
    path = school.records / "learners/L9/learner.yaml"
    text = path.read_text()
    assert "entry_date: 2026-11-02" in text
    blank = check_json(school.records, "2026-11-03")
    assert {f["rule"] for f in blank["findings"]} == {"schema"}
    path.write_text(
        fill(
            text,
            {
                "given": "Siobhán",
                "family": "O'Brien",
                "date_of_birth": "2015-01-31",
                "year_group": "6",
                "group": "Kestrels",
                "key_worker": "Ms Key",
                "primary": "ASC",
                "issued": "2026-06-01",
                "area": "social-communication",
                "text": "Will join a group game.",
            },
        )
    )
    report = check_json(school.records, "2026-11-03")
    assert report["findings"] == []
    assert report["kpis"]["baseline"]["pending"] == 1


def test_a_new_review_lists_what_to_rate_and_passes_once_filled_in(tmp_path):
    school = SchoolBuilder(tmp_path)
    school.add("L1")
    code, output = run(
        "new", "review", "L1", "--records", str(school.records), "--as-of", "2026-12-10"
    )
    assert code == 0, output
    path = school.records / "learners/L1/reviews/2026-27-autumn-2.yaml"
    text = path.read_text()
    assert "  # Use a calm-down tool.\n  T1:\n    rating:\n" in text
    assert "  # English: Write a paragraph.\n  O1:\n" in text
    assert "  # weekly\n  zones:\n" in text
    # No note follows a value on its line, where filling it in could join them.
    assert not re.search(r"^[^#\n]*:[^#\n]*\S[^#\n]* #", text, flags=re.M)
    assert "reviewed_by: Ms Key\n" in text
    text = text.replace("learner_comment:", "# learner_comment:")
    text = re.sub(r"rating:\n    # the evidence.*\n    note:", "rating: on-track", text)
    path.write_text(text)
    report = check_json(school.records, "2026-12-29")
    assert report["findings"] == []
    assert report["kpis"]["on_track"]["met"] == 1


def test_never_overwrites(tmp_path):
    school = SchoolBuilder(tmp_path)
    folder = school.add("L1")
    review = folder / "reviews/2026-27-autumn-1.yaml"
    before = review.read_bytes()
    code, output = run(
        "new",
        "review",
        "L1",
        "--half-term",
        "2026-27-autumn-1",
        "--records",
        str(school.records),
    )
    assert code == 2
    assert "never overwrites" in output
    assert review.read_bytes() == before
    code, output = run("new", "learner", "l1", "--records", str(school.records))
    assert code == 2
    assert "There is already a learner folder L1." in output


def test_refuses_unknown_learners_half_terms_and_unsafe_ids(tmp_path):
    school = SchoolBuilder(tmp_path)
    school.add("L1")
    records = str(school.records)
    assert run("new", "review", "L7", "--records", records)[0] == 2
    code, output = run(
        "new", "review", "L1", "--half-term", "2026-27-autumn1", "--records", records
    )
    assert code == 2
    assert "'2026-27-autumn1' is not a half term in school.yaml" in output
    code, output = run("new", "learner", "../evil", "--records", records)
    assert code == 2
    assert not (school.records.parent / "evil").exists()


def test_a_review_for_a_half_term_still_to_come_leaves_its_date_to_fill_in(tmp_path):
    # Spring 1 of 2026-27 begins on 4 January 2027 in the test calendar; a review
    # dated 4 December 2026 could not be for it, so the date is left blank.
    school = SchoolBuilder(tmp_path)
    school.add("L1")
    code, output = run(
        "new",
        "review",
        "L1",
        "--half-term",
        "2026-27-spring-1",
        "--records",
        str(school.records),
        "--as-of",
        "2026-12-04",
    )
    assert code == 0, output
    path = school.records / "learners/L1/reviews/2026-27-spring-1.yaml"
    text = path.read_text()
    assert (
        "# the day it is held, on or after 2027-01-04, when 2026-27 spring 1 "
        "begins\ndate:\n"
    ) in text
    text = text.replace("learner_comment:", "# learner_comment:")
    text = re.sub(r"rating:\n    # the evidence.*\n    note:", "rating: on-track", text)
    path.write_text(fill(text, {"date": "2027-01-20"}))
    report = check_json(school.records, "2027-01-21")
    assert [f for f in report["findings"] if "spring-1" in f["file"]] == []


def test_a_review_for_a_learner_whose_file_has_mistakes_says_to_fix_them(tmp_path):
    school = SchoolBuilder(tmp_path)
    folder = school.add("L1")
    learner = folder / "learner.yaml"
    learner.write_text(learner.read_text().replace("key_worker: Ms Key", "key_worker:"))
    code, output = run("new", "review", "L1", "--records", str(school.records))
    assert code == 2
    assert (
        "L1's learner.yaml has mistakes, so Pathways cannot use it yet. Fix them "
        "first: pathways check shows each one and its line."
    ) in output


def test_an_id_of_digits_is_written_as_text(tmp_path):
    # Unquoted, 004417 reads as the number 4417 to the editor's YAML checker.
    school = SchoolBuilder(tmp_path)
    code, output = run("new", "learner", "004417", "--records", str(school.records))
    assert code == 0, output
    text = (school.records / "learners/004417/learner.yaml").read_text()
    assert '\nid: "004417"\n' in text
