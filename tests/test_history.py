"""Learner pages say when each record last changed, from the Git history."""

from __future__ import annotations

import os
import subprocess
from datetime import date

from generator.history import last_changed

from .factory import SchoolBuilder


def commit(root, message: str, when: str) -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_DATE": f"{when}T12:00:00",
        "GIT_COMMITTER_DATE": f"{when}T12:00:00",
        "GIT_AUTHOR_NAME": "T",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "T",
        "GIT_COMMITTER_EMAIL": "t@example.org",
    }
    subprocess.run(["git", "-C", str(root), "add", "-A"], check=True, env=env)
    subprocess.run(
        ["git", "-C", str(root), "commit", "-qm", message], check=True, env=env
    )


def test_the_newest_commit_touching_each_file(tmp_path):
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    school = SchoolBuilder(tmp_path)
    folder = school.add("L1")
    commit(tmp_path, "first", "2026-09-10")
    (folder / "ilp.yaml").write_text((folder / "ilp.yaml").read_text() + "# changed\n")
    commit(tmp_path, "second", "2026-10-05")
    changed = last_changed(tmp_path, school.records)
    assert changed["records/learners/L1/ilp.yaml"] == date(2026, 10, 5)
    assert changed["records/learners/L1/learner.yaml"] == date(2026, 9, 10)


def test_no_history_no_dates(tmp_path):
    school = SchoolBuilder(tmp_path)
    school.add("L1")
    assert last_changed(tmp_path, school.records) == {}
