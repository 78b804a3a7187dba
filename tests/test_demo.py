"""`pathways demo`: made-up schools that are valid, varied and reproducible."""

from __future__ import annotations

from .conftest import check_json, run


def files(folder):
    return {
        p.relative_to(folder): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def test_the_same_seed_gives_the_same_files_and_they_are_valid(tmp_path):
    for name in ("a", "b"):
        code, output = run(
            "demo", "--learners", "30", "--seed", "3", str(tmp_path / name / "records")
        )
        assert code == 0, output
    assert files(tmp_path / "a") == files(tmp_path / "b")
    report = check_json(tmp_path / "a/records", "2026-12-03")
    broken = [
        f for f in report["findings"] if f["rule"] in ("yaml", "schema", "reference")
    ]
    assert broken == []
    assert report["kpis"]["on_track"]["eligible"] > 15
    code, _ = run(
        "demo", "--learners", "30", "--seed", "4", str(tmp_path / "c/records")
    )
    assert files(tmp_path / "a") != files(tmp_path / "c")


def test_demo_never_writes_into_a_folder_in_use(tmp_path):
    (tmp_path / "x").mkdir()
    (tmp_path / "x/keep.txt").write_text("mine")
    code, output = run("demo", str(tmp_path / "x"))
    assert code == 2
    assert (tmp_path / "x/keep.txt").read_text() == "mine"
