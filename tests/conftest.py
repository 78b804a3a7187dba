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
