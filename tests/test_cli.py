"""The command line: exit codes, output formats and "today" in the school's zone."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from generator import calendar

from .conftest import run
from .factory import SchoolBuilder


@pytest.fixture
def clean(tmp_path):
    builder = SchoolBuilder(tmp_path)
    builder.add("L1")
    return builder.records


@pytest.fixture
def missed(clean):
    (clean / "learners/L1/reviews/2026-27-autumn-1.yaml").unlink()
    return clean


def test_exit_0_without_errors(clean):
    code, output = run("check", "--records", str(clean), "--as-of", "2026-11-20")
    assert code == 0
    assert "No problems found." in output


def test_exit_1_with_errors(missed):
    code, output = run("check", "--records", str(missed), "--as-of", "2026-11-20")
    assert code == 1
    assert (
        "records/learners/L1/reviews/2026-27-autumn-1.yaml  [review-missed]" in output
    )
    assert output.rstrip().endswith("1 error and 0 warnings.")


def test_warnings_alone_exit_0(clean):
    # On 2026-12-20 autumn-2's deadline (28 December) is 8 days away.
    code, output = run("check", "--records", str(clean), "--as-of", "2026-12-20")
    assert code == 0
    assert "[review-due]" in output


@pytest.mark.parametrize(
    "args",
    [
        ["check", "--as-of", "20/11/2026"],
        ["check", "--as-of", "2026-02-30"],
        ["check", "--format", "xml"],
        ["check", "--records", "/nonexistent/records"],
        ["build", "--records", "/nonexistent/records"],
    ],
)
def test_exit_2_when_the_check_cannot_run(clean, args):
    if "--records" not in args:
        args = [*args, "--records", str(clean)]
    code, output = run(*args)
    assert code == 2, output


def test_exit_2_without_school_yaml(clean):
    (clean / "school.yaml").unlink()
    code, output = run("check", "--records", str(clean))
    assert code == 2
    assert "has no school.yaml" in output


def test_json_shape(missed):
    code, output = run(
        "check", "--records", str(missed), "--as-of", "2026-11-20", "--format", "json"
    )
    assert code == 1
    report = json.loads(output)
    assert report["as_of"] == "2026-11-20"
    assert set(report["kpis"]) == {"baseline", "outcomes", "interventions", "on_track"}
    assert report["kpis"]["on_track"] == {
        "met": 0,
        "eligible": 1,
        "pending": 0,
        "value": 0.0,
        "target": 0.8,
        "achieved": False,
    }
    [finding] = report["findings"]
    assert finding == {
        "rule": "review-missed",
        "severity": "error",
        "learner": "L1",
        "file": "records/learners/L1/reviews/2026-27-autumn-1.yaml",
        "line": None,
        "message": finding["message"],
        "half_term": "2026-27-autumn-1",
        "due": "2026-11-02",
    }
    assert finding["message"].startswith(
        "The 2026-27 autumn 1 review was due by 2 November 2026 and has not been "
        "recorded."
    )


def test_github_annotations(missed):
    ilp = missed / "learners/L1/ilp.yaml"
    ilp.write_text(
        ilp.read_text().replace("learner_involved: true", "learner_involved: no")
    )
    code, output = run(
        "check", "--records", str(missed), "--as-of", "2026-11-20", "--format", "github"
    )
    assert code == 1
    lines = output.splitlines()
    assert lines[0] == (
        "::error file=records/learners/L1/ilp.yaml,line=2,title=Pathways schema::"
        "learner_involved: 'no' is not true or false. Write false instead of no."
    )
    assert lines[1].startswith(
        "::error file=records/learners/L1/reviews/2026-27-autumn-1.yaml,"
        "title=Pathways review-missed::The 2026-27 autumn 1 review"
    )
    assert lines[-1].startswith("Pathways KPIs as of 2026-11-20: baseline 0/1,")


def test_today_is_the_date_in_the_schools_time_zone(monkeypatch):
    # 23:30 UTC on 30 June is 00:30 on 1 July in London (British Summer Time).
    instant = datetime(2026, 6, 30, 23, 30, tzinfo=UTC)

    class Clock(datetime):
        @classmethod
        def now(cls, tz=None):
            return instant.astimezone(tz)

    monkeypatch.setattr(calendar, "datetime", Clock)
    assert calendar.today_in("Europe/London").isoformat() == "2026-07-01"
    assert calendar.today_in("UTC").isoformat() == "2026-06-30"


def test_default_as_of_uses_the_school_time_zone(clean, monkeypatch):
    instant = datetime(2026, 11, 2, 23, 30, tzinfo=UTC)

    class Clock(datetime):
        @classmethod
        def now(cls, tz=None):
            return instant.astimezone(tz)

    monkeypatch.setattr(calendar, "datetime", Clock)
    school = clean / "school.yaml"
    school.write_text(school.read_text().replace("Europe/London", "Asia/Tokyo"))
    (clean / "learners/L1/reviews/2026-27-autumn-1.yaml").unlink()
    # In Tokyo it is already 3 November, the day after autumn-1's deadline.
    code, output = run("check", "--records", str(clean), "--format", "json")
    assert json.loads(output)["as_of"] == "2026-11-03"
    assert code == 1


def all_commands(group=None, prefix=()):
    """Every command of the pathways command line, as its words."""
    import click

    from generator.cli import main

    group = group or main
    for name, command in sorted(group.commands.items()):
        if isinstance(command, click.Group):
            yield from all_commands(command, (*prefix, name))
        else:
            yield (*prefix, name)


def test_every_command_has_help_with_an_example_and_is_in_the_readme():
    from .conftest import REPO

    readme = (REPO / "README.md").read_text("utf-8")
    commands = list(all_commands())
    assert len(commands) >= 7
    for words in commands:
        code, output = run(*words, "--help")
        assert code == 0
        assert "Example:" in output, words
        assert f"pathways {' '.join(words)}" in readme, f"README never shows {words}"
        for option in ("-v, --verbose", "-q, --quiet"):
            assert option in output, (words, option)
    # The command list gives each command's summary whole, never cut short,
    # and the groups show an example too.
    for group in ([], ["new"]):
        code, output = run(*group, "--help")
        assert "Example:" in output, group
        listed = output.split("Commands:")[1]
        assert "..." not in listed, listed


def test_verbose_says_more_and_quiet_says_less(missed):
    args = ("check", "--records", str(missed), "--as-of", "2026-11-20")
    plain = run(*args)[1]
    more = run(*args, "-v")[1]
    assert "Findings by rule: review-missed 1." in more
    assert "Findings by rule" not in plain
    less = run(*args, "-q")[1]
    assert less.startswith("Errors (1):\n")
    code, output = run(*args, "-v", "-q")
    assert code == 2
    assert "Give -v or -q, not both." in output


def test_progress_bars_only_on_a_terminal_outside_ci(monkeypatch):
    import sys

    from generator.cli import progress_bar

    items = list(range(100))
    monkeypatch.setattr(sys.stderr, "isatty", lambda: False)
    assert type(progress_bar("x")(items)) is type(iter(items))
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    monkeypatch.setenv("CI", "true")
    assert type(progress_bar("x")(items)) is type(iter(items))
    monkeypatch.delenv("CI")
    assert type(progress_bar("x", quiet=True)(items)) is type(iter(items))
    bar = progress_bar("x")(items)
    assert type(bar) is not type(iter(items))
    assert list(bar) == items


def test_a_month_that_does_not_exist_is_named(clean):
    code, output = run("check", "--records", str(clean), "--as-of", "2026-13-01")
    assert code == 2
    assert "'2026-13-01' is not a real date: there is no month 13." in output
