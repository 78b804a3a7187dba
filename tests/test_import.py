"""`pathways import`: learner folders from an MIS pupil list, never overwriting,
with every row it could not use listed and why."""

from __future__ import annotations

from pathlib import Path

import yaml

from .conftest import check_json, run
from .factory import SchoolBuilder

PUPILS = (Path(__file__).parent / "data/pupils.csv").read_text("utf-8")


def test_import_makes_learners_and_lists_the_rest(tmp_path):
    school = SchoolBuilder(tmp_path)
    school.add("L1")
    before = (school.records / "learners/L1/learner.yaml").read_bytes()
    pupils = tmp_path / "pupils.csv"
    pupils.write_text(PUPILS, encoding="utf-8-sig")  # Excel's "CSV UTF-8"
    code, output = run("import", str(pupils), "--records", str(school.records))
    assert code == 1
    assert output.splitlines()[-9:] == [
        "Left as they are (1 learner already there): L1",
        "",
        "Could not use 4 rows:",
        "  row 4: '31/02/2015' in Date of Birth is not a date (write it like "
        "01/09/2026 or 2026-09-01)",
        "  row 5: 'Nursery' in Year Group is not a year group (write it like 7, Year "
        "7 or R)",
        "  row 6: the Admission Number column is empty",
        "  row 7: A1001 appears earlier in the file",
        "",
        "2 learners started. Fill in each one's key worker and EHCP, then run pathways "
        "check.",
    ]
    assert (school.records / "learners/L1/learner.yaml").read_bytes() == before
    made = yaml.safe_load((school.records / "learners/A1001/learner.yaml").read_text())
    assert made["name"] == {
        "given": "Siobhán",
        "family": "O'Brien",
        "preferred": "Shiv",
    }
    assert str(made["date_of_birth"]) == "2014-03-14"
    assert made["year_group"] == 8
    assert made["group"] == "Oak"
    assert made["needs"] == {"primary": "SEMH"}
    second = yaml.safe_load(
        (school.records / "learners/A1002/learner.yaml").read_text()
    )
    assert second["needs"] == {"primary": "ASC"}  # the DfE code ASD is Pathways' ASC


def test_imported_learners_need_only_what_the_mis_does_not_know(tmp_path):
    school = SchoolBuilder(tmp_path)
    pupils = tmp_path / "pupils.csv"
    pupils.write_text(PUPILS.split("\n")[0] + "\n" + PUPILS.split("\n")[1] + "\n")
    run("import", str(pupils), "--records", str(school.records))
    report = check_json(school.records, "2026-12-03")
    blank = sorted(f["message"].split(":")[0] for f in report["findings"])
    assert blank == [
        "ehcp → EHCP outcome E1 → area",
        "ehcp → EHCP outcome E1 → text",
        "ehcp → issued",
        "key_worker",
    ]


def test_other_headings_with_map(tmp_path):
    school = SchoolBuilder(tmp_path)
    pupils = tmp_path / "pupils.csv"
    pupils.write_text(
        "Adno,First,Last,DOB,NCY,Group,Need,Start\n"
        "B7,Ana,Silva,2014-01-02,R,Oak,SLCN,2026-09-01\n"
    )
    code, output = run(
        "import",
        str(pupils),
        "--records",
        str(school.records),
        "--map",
        "Adno=id",
        "--map",
        "First=given",
        "--map",
        "Last=family",
        "--map",
        "NCY=year_group",
        "--map",
        "Group=group",
        "--map",
        "Need=primary",
        "--map",
        "Start=entry_date",
    )
    assert code == 0, output
    made = yaml.safe_load((school.records / "learners/B7/learner.yaml").read_text())
    assert made["year_group"] == 0


def test_a_file_that_cannot_be_used_at_all(tmp_path):
    school = SchoolBuilder(tmp_path)
    pupils = tmp_path / "pupils.csv"
    pupils.write_text("Name,Class\nAna,Oak\n")
    code, output = run("import", str(pupils), "--records", str(school.records))
    assert code == 2
    assert "The file has no column for id, given, family, date_of_birth" in output
    pupils.write_bytes("Admission Number\nÀ1\n".encode("cp1252"))
    code, output = run("import", str(pupils), "--records", str(school.records))
    assert code == 2
    assert "is not saved as UTF-8" in output


def test_every_problem_in_a_row_is_listed_and_semicolons_are_understood(tmp_path):
    school = SchoolBuilder(tmp_path)
    pupils = tmp_path / "pupils.csv"
    pupils.write_text(
        "Adno;Legal Forename;Legal Surname;DOB;Year;Class;Primary Need;Entry Date\n"
        "C1;;Patel;;Year 20;Oak;Dyslexia;1/9/2026\n"
        "C2;Priya;Patel;03/04/2014;9;Oak;SEMH;01/09/2026\n",
        encoding="utf-8",
    )
    code, output = run("import", str(pupils), "--records", str(school.records))
    assert code == 1
    assert output.splitlines()[-4:] == [
        "Could not use 1 row:",
        "  row 2: the Legal Forename column is empty; the DOB column is empty; "
        "'Year 20' in Year is not a year group (write it like 7, Year 7 or R)",
        "",
        "1 learner started. Fill in each one's key worker and EHCP, then run "
        "pathways check.",
    ]
    assert (school.records / "learners/C2/learner.yaml").exists()


def test_importing_the_same_file_again_changes_nothing_and_is_not_an_error(tmp_path):
    school = SchoolBuilder(tmp_path)
    pupils = tmp_path / "pupils.csv"
    pupils.write_text(PUPILS.split("\n")[0] + "\n" + PUPILS.split("\n")[1] + "\n")
    args = ("--records", str(school.records))
    assert run("import", str(pupils), *args)[0] == 0
    made = school.records / "learners/A1001/learner.yaml"
    before = made.read_bytes()
    code, output = run("import", str(pupils), *args)
    assert code == 0
    assert output.splitlines()[-3:] == [
        "Left as they are (1 learner already there): A1001",
        "",
        "No learner was started.",
    ]
    assert made.read_bytes() == before
