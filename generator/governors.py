"""`pathways report`: the KPI table and its breakdowns for governors and leaders.

A group smaller than the school's `privacy.min_group_size` is never given as a
figure, since a figure for two or three learners can identify a child. Nor may a
hidden group be worked out from the school's total less the groups shown: where it
could be (one group hidden, all or none of the hidden learners meeting the KPI, or
sizes that can only be one thing), the smallest groups shown are hidden as well.
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


def _small(group: Group, minimum: int) -> bool:
    """Too few to show: fewer than `minimum` counted in the figure, or a group of
    only pending learners (its row still names a few children) as small."""
    if group.eligible:
        return group.eligible < minimum
    return 0 < group.pending < minimum


def hidden_groups(groups: list[Group], minimum: int) -> tuple[set[str], set[str]]:
    """The groups of one breakdown to hide: those too small to show, and those
    hidden as well so that the small ones cannot be worked out.

    A group is too small when its figures count fewer than `minimum` learners,
    or when it holds only a few pending ones (it still names them). Taking
    the groups shown from the school's total gives the hidden groups' figures
    together, so the smallest groups shown join the hidden ones until that sum
    gives nothing away (see `_gives_away`), or nothing is left to hide.
    """
    small = {g.name for g in groups if _small(g, minimum)}
    hidden = {g.name for g in groups if g.name in small and g.eligible}
    shown = sorted(
        (g for g in groups if g.name not in small and g.eligible),
        key=lambda g: (g.eligible, g.name),
    )
    by_name = {g.name: g for g in groups}
    while (
        hidden and shown and _gives_away([by_name[n] for n in hidden], small, minimum)
    ):
        hidden.add(shown.pop(0).name)
    return small, hidden - small


def _gives_away(hidden: list[Group], small: set[str], minimum: int) -> bool:
    """Whether the hidden groups' figures together, which the total less the
    groups shown gives, would tell a reader any one hidden group's figures."""
    met = sum(g.met for g in hidden)
    eligible = sum(g.eligible for g in hidden)
    return (
        len(hidden) < 2  # one hidden group is the total less the rest
        or eligible < minimum  # together they are still a small group
        or met in (0, eligible)  # all met, or none did: so did each group
        # Each holds fewer than `minimum`: a sum of (minimum - 1) for each says
        # that each holds exactly minimum - 1.
        or (
            all(g.name in small for g in hidden)
            and eligible == len(hidden) * (minimum - 1)
        )
    )


def report_rows(result: Result) -> list[dict[str, Any]]:
    """One row for each KPI as a whole and for each group of each breakdown."""
    minimum = _min_size(result)
    too_small = f"fewer than {minimum}"
    rows = []
    for key in KPI_KEYS:
        figure = result.kpis[key]
        whole = Group("All learners", figure.met, figure.eligible, figure.pending)
        hidden = too_small if _small(whole, minimum) else None
        rows.append(_row(key, "school", whole, figure.target, hidden))
        for split, groups in breakdowns(result, key).items():
            small, protecting = hidden_groups(groups, minimum)
            for group in groups:
                hidden = (
                    too_small
                    if group.name in small
                    else NOT_SHOWN
                    if group.name in protecting
                    else None
                )
                rows.append(_row(key, split, group, figure.target, hidden))
    return rows


# What a group hidden to protect a smaller one shows instead of its figures.
NOT_SHOWN = "not shown"


def _row(
    key: str, split: str, group: Group, target: float, shown_as: str | None
) -> dict:
    hidden = shown_as is not None
    return {
        "kpi": key,
        "breakdown": split,
        "group": group.name,
        "met": None if hidden else group.met,
        "eligible": None if hidden else group.eligible,
        "value": None if hidden else group.value,
        "target": target,
        "suppressed": hidden,
        "shown_as": shown_as,
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
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(
        ["as_of", "kpi", "breakdown", "group", "met", "eligible", "value", "target"]
    )
    for row in report_rows(result):
        if row["suppressed"]:
            figures = [row["shown_as"], row["shown_as"], ""]
        else:
            value = "" if row["value"] is None else f"{row['value']:.4f}"
            figures = [row["met"], row["eligible"], value]
        writer.writerow(
            [result.as_of.isoformat(), row["kpi"], row["breakdown"]]
            + [spreadsheet_safe(row["group"])]
            + figures
            + [row["target"]]
        )
    return buffer.getvalue()


def spreadsheet_safe(text: str) -> str:
    """Text a spreadsheet will show as text: one starting with =, +, - or @ (a class
    named "=HYPERLINK(…)", say) would otherwise run as a formula when the file is
    opened, so it gets the apostrophe spreadsheets read as "this is text"."""
    return f"'{text}" if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def _markdown(result: Result) -> str:
    school = result.cohort.school
    minimum = _min_size(result)
    lines = [
        f"# Personalised pathways: {school.name if school else 'the school'}",
        "",
        f"KPIs as of {long_date(result.as_of)}. Groups of fewer than {minimum} "
        "learners are not given as figures, so that no child can be identified. "
        f"Where a hidden group could be worked out from the total, the next "
        f"smallest groups are hidden too ({NOT_SHOWN}).",
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
