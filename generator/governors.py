"""`pathways report`: the KPI table and its breakdowns for governors and leaders.

A group smaller than the school's `privacy.min_group_size` is never given as a
figure, since a figure for two or three learners can identify a child.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from .breakdowns import SPLITS, Group, breakdowns
from .calendar import long_date
from .pages.markdown import escape
from .records import KPI_KEYS
from .report import KPI_NAMES, percent
from .rules import Result

FORMATS = ("markdown", "csv", "json")


def _min_size(result: Result) -> int:
    school = result.cohort.school
    return school.settings.min_group_size if school else 5


def _small(eligible: int, minimum: int) -> bool:
    return 0 < eligible < minimum


def report_rows(result: Result) -> list[dict[str, Any]]:
    """One row for each KPI as a whole and for each group of each breakdown."""
    minimum = _min_size(result)
    rows = []
    for key in KPI_KEYS:
        figure = result.kpis[key]
        whole = Group("All learners", figure.met, figure.eligible, figure.pending)
        rows.append(_row(key, "school", whole, minimum, figure.target))
        for split, groups in breakdowns(result, key).items():
            rows.extend(
                _row(key, split, group, minimum, figure.target) for group in groups
            )
    return rows


def _row(key: str, split: str, group: Group, minimum: int, target: float) -> dict:
    hidden = _small(group.eligible, minimum)
    return {
        "kpi": key,
        "breakdown": split,
        "group": group.name,
        "met": None if hidden else group.met,
        "eligible": None if hidden else group.eligible,
        "value": None if hidden else group.value,
        "target": target,
        "suppressed": hidden,
        "shown_as": f"fewer than {minimum}" if hidden else None,
    }


def render(result: Result, output_format: str) -> str:
    return {"markdown": _markdown, "csv": _csv, "json": _json}[output_format](result)


def _json(result: Result) -> str:
    school = result.cohort.school
    report = {
        "as_of": result.as_of.isoformat(),
        "school": school.name if school else None,
        "min_group_size": _min_size(result),
        "rows": report_rows(result),
    }
    return json.dumps(report, indent=2, ensure_ascii=False)


def _csv(result: Result) -> str:
    buffer = io.StringIO()
    columns = ["kpi", "breakdown", "group", "met", "eligible", "value", "target"]
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    for row in report_rows(result):
        if row["suppressed"]:
            writer.writerow(
                [
                    row["kpi"],
                    row["breakdown"],
                    row["group"],
                    row["shown_as"],
                    row["shown_as"],
                    "",
                    row["target"],
                ]
            )
        else:
            value = "" if row["value"] is None else f"{row['value']:.4f}"
            writer.writerow(
                [
                    row["kpi"],
                    row["breakdown"],
                    row["group"],
                    row["met"],
                    row["eligible"],
                    value,
                    row["target"],
                ]
            )
    return buffer.getvalue()


def _markdown(result: Result) -> str:
    school = result.cohort.school
    minimum = _min_size(result)
    lines = [
        f"# Personalised pathways: {school.name if school else 'the school'}",
        "",
        f"KPIs as of {long_date(result.as_of)}. Groups of fewer than {minimum} "
        "learners are not given as figures, so that no child can be identified.",
    ]
    rows = report_rows(result)
    for key in KPI_KEYS:
        figure = result.kpis[key]
        achieved = {True: "met", False: "not met", None: "nothing to measure yet"}
        lines += [
            "",
            f"## {KPI_NAMES[key]}",
            "",
            f"Target {percent(figure.target)}: {achieved[figure.achieved]}.",
        ]
        for split, (heading, _) in {"school": ("School", None), **SPLITS}.items():
            lines += [
                "",
                f"| {heading} | Met | Eligible | Value |",
                "|---|---|---|---|",
            ]
            for row in rows:
                if row["kpi"] == key and row["breakdown"] == split:
                    lines.append(_markdown_row(row))
    return "\n".join(lines) + "\n"


def _markdown_row(row: dict) -> str:
    name = escape(row["group"])
    if row["suppressed"]:
        return f"| {name} | {row['shown_as']} | {row['shown_as']} | – |"
    return f"| {name} | {row['met']} | {row['eligible']} | {percent(row['value'])} |"
