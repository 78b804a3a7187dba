"""Shared helpers: run the command line, and paths to the records under test."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main

REPO = Path(__file__).resolve().parent.parent
RECORDS = REPO / "records"
SHARED_EXAMPLE = REPO.parent / "shared" / "examples" / "example-school"
EXAMPLE_NAME = "Wrenfield Vale School"


def holds_the_example_school() -> bool:
    """True while records/ holds the fictional example school that comes with
    Pathways. Once a school puts its own records there, the tests that pin the
    example's figures have nothing to test and are skipped."""
    try:
        text = (RECORDS / "school.yaml").read_text("utf-8")
    except OSError:
        return False
    return f"school: {EXAMPLE_NAME}\n" in text


example_school_only = pytest.mark.skipif(
    not holds_the_example_school(),
    reason="records/ holds a school's own records, not the example school",
)


def run(*args: str) -> tuple[int, str]:
    """Run `pathways` with arguments; returns (exit code, output)."""
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.output


def check_json(records: Path, as_of: str) -> dict:
    code, output = run(
        "check", "--records", str(records), "--as-of", as_of, "--format", "json"
    )
    assert code in (0, 1), output
    return json.loads(output)


@pytest.fixture
def school(tmp_path: Path) -> Path:
    """A copy of the repository's example records that a test may change."""
    import shutil

    target = tmp_path / "records"
    shutil.copytree(RECORDS, target)
    return target
