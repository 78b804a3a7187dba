"""Findings and figures as text for people, JSON for scripts and CI annotations."""

from __future__ import annotations

import json
from collections.abc import Iterable

from .calendar import long_date
from .findings import Finding
from .records import KPI_KEYS
from .rules import KpiFigure, Result

KPI_NAMES = {
    "baseline": "Baseline on entry",
    "outcomes": "Personalised outcomes",
    "interventions": "Interventions in place",
    "on_track": "On track",
}


def percent(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.0%}"


def as_json(result: Result) -> dict:
    return {
        "as_of": result.as_of.isoformat(),
        "school": result.cohort.school.name if result.cohort.school else None,
        "kpis": {key: result.kpis[key].as_json() for key in KPI_KEYS},
        "findings": [finding.as_json() for finding in result.findings],
    }


def render_json(result: Result) -> str:
    return json.dumps(as_json(result), indent=2, ensure_ascii=False)


def _kpi_row(figure: KpiFigure) -> str:
    achieved = {True: "yes", False: "no", None: "n/a"}[figure.achieved]
    return (
        f"{KPI_NAMES[figure.key]:<24}{figure.met:>5}{figure.eligible:>10}"
        f"{figure.pending:>9}{percent(figure.value):>8}{percent(figure.target):>8}"
        f"  {achieved}"
    )


def render_text(result: Result, quiet: bool = False) -> str:
    school = result.cohort.school
    name = school.name if school else "the school"
    lines = []
    if not quiet:
        lines += [
            f"Pathways check for {name}, as of {long_date(result.as_of)}",
            "",
            f"{'KPI':<24}{'met':>5}{'eligible':>10}{'pending':>9}{'value':>8}"
            f"{'target':>8}  achieved",
            *(_kpi_row(result.kpis[key]) for key in KPI_KEYS),
            "",
            "Pending learners are not counted yet: new entrants in their first "
            "weeks, and, for On track, learners with no review deadline passed.",
        ]
    for heading, group in (("Errors", result.errors), ("Warnings", result.warnings)):
        if group and not (quiet and heading == "Warnings"):
            lines += ["", f"{heading} ({len(group)}):", *_finding_lines(group)]
    lines += ["", summary(result)]
    return "\n".join(lines).lstrip("\n")


def _finding_lines(findings: Iterable[Finding]) -> list[str]:
    lines = []
    for finding in findings:
        where = finding.file + (f":{finding.line}" if finding.line else "")
        lines.append(f"  {where}  [{finding.rule}]")
        lines.append(f"      {finding.message}")
    return lines


def summary(result: Result) -> str:
    errors, warnings = len(result.errors), len(result.warnings)
    if not errors and not warnings:
        return "No problems found."
    return f"{plural(errors, 'error')} and {plural(warnings, 'warning')}."


def plural(number: int, noun: str) -> str:
    """'1 error', '2 errors'."""
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render_github(result: Result) -> str:
    """GitHub Actions workflow commands: one annotation per finding."""
    lines = []
    for finding in result.findings:
        props = [f"file={_escape_property(finding.file)}"]
        if finding.line:
            props.append(f"line={finding.line}")
        props.append(f"title={_escape_property('Pathways ' + finding.rule)}")
        lines.append(
            f"::{finding.severity} {','.join(props)}::{_escape_data(finding.message)}"
        )
    figures = ", ".join(
        f"{key} {result.kpis[key].met}/{result.kpis[key].eligible}" for key in KPI_KEYS
    )
    lines.append(
        f"Pathways KPIs as of {result.as_of.isoformat()}: {figures}. {summary(result)}"
    )
    return "\n".join(lines)


RENDERERS = {"text": render_text, "json": render_json, "github": render_github}
