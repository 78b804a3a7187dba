"""Checks of school.yaml beyond its schema: a calendar that contradicts itself,
phase-transfer deadlines that are not real days, scales and bands upside down."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from .calendar import HALF_TERM_NAMES
from .load import Document
from .validate import label


def school_problems(document: Document) -> list[tuple[int, str]]:
    """Calendars that contradict themselves, impossible deadlines, upside-down
    scales."""
    data = document.data
    problems = list(_calendar_problems(document))
    for key, scale in data.get("scales", {}).items():
        if scale["min"] >= scale["max"]:
            problems.append(
                (
                    document.line(("scales", key, "min")),
                    f"scales → {key}: the lowest score ({scale['min']}) must be below "
                    f"the highest ({scale['max']}).",
                )
            )
        problems.extend(_band_problems(document, key, scale))
    deadlines = data.get("settings", {}).get("phase_transfer_deadlines", {})
    for kind, month_day in deadlines.items():
        month, day = (int(part) for part in month_day.split("-"))
        try:
            date(2001, month, day)  # a year without 29 February
        except ValueError:
            problems.append(
                (
                    document.line(("settings", "phase_transfer_deadlines", kind)),
                    f"settings → phase_transfer_deadlines → {kind}: '{month_day}' is "
                    "not a day that comes every year. Check the day and month.",
                )
            )
    return problems


def _band_problems(
    document: Document, key: str, scale: dict
) -> Iterator[tuple[int, str]]:
    """Bands must run upwards, sit inside their scale, and not overlap."""
    bands = scale.get("bands", [])
    for index, band in enumerate(bands):
        line = document.line(("scales", key, "bands", index))
        name = band["name"]
        if band["min"] > band["max"]:
            yield (
                line,
                f"scales → {key} → band '{name}': its lowest score is above its "
                "highest.",
            )
        elif band["min"] < scale["min"] or band["max"] > scale["max"]:
            yield (
                line,
                (
                    f"scales → {key} → band '{name}' runs outside the scale "
                    f"({scale['min']} to {scale['max']})."
                ),
            )
    ordered = sorted(bands, key=lambda band: band["min"])
    for lower, upper in zip(ordered, ordered[1:], strict=False):
        if upper["min"] <= lower["max"]:
            line = document.line(("scales", key, "bands"))
            yield (
                line,
                (
                    f"scales → {key}: the bands '{lower['name']}' and "
                    f"'{upper['name']}' "
                    "overlap, so a score could be in both. Make each band start "
                    "above the "
                    "one before."
                ),
            )


def _calendar_problems(document: Document) -> Iterator[tuple[int, str]]:
    data = document.data
    terms = []
    seen_years: dict[str, int] = {}
    for index, year in enumerate(data["calendar"]):
        label_line = document.line(("calendar", index, "year"))
        if year["year"] in seen_years:
            yield (
                label_line,
                (
                    f"The year {year['year']} appears twice in the calendar (lines "
                    f"{seen_years[year['year']]} and {label_line}). Give each academic "
                    "year once."
                ),
            )
        seen_years.setdefault(year["year"], label_line)
        first_year = int(year["year"][:4])
        if int(year["year"][5:]) != (first_year + 1) % 100:
            example = f"{first_year}-{(first_year + 1) % 100:02d}"
            yield (
                label_line,
                f"year: '{year['year']}' is not an academic year. Write the year it "
                f"starts and the one after, like {example}.",
            )
            continue
        order = [name for name in HALF_TERM_NAMES if name in year["half_terms"]]
        starts = [year["half_terms"][name]["start"] for name in order]
        if starts != sorted(starts):
            yield (
                label_line,
                (
                    f"The half terms of {year['year']} are not in date order: autumn-1 "
                    "comes first and summer-2 last. Check which dates belong to which "
                    "half term."
                ),
            )
        for name, dates in year["half_terms"].items():
            path = ("calendar", index, "half_terms", name)
            start = date.fromisoformat(dates["start"])
            end = date.fromisoformat(dates["end"])
            if end < start:
                yield (
                    document.line((*path, "end")),
                    (
                        f"{label(path, data, 'school')}: the last day ({dates['end']}) "
                        f"is before the first day ({dates['start']}). Check the dates."
                    ),
                )
            # An academic year runs from August to the July after it.
            if not date(first_year, 8, 1) <= start <= date(first_year + 1, 7, 31):
                yield (
                    document.line((*path, "start")),
                    (
                        f"{label(path, data, 'school')}: {dates['start']} is not "
                        "in the "
                        f"academic year {year['year']}. Check the year label and "
                        "the dates."
                    ),
                )
            terms.append((start, end, f"{year['year']}-{name}", path))
    terms.sort()
    for (_, end, first, _), (start, _, second, path) in zip(
        terms, terms[1:], strict=False
    ):
        if start <= end:
            yield (
                document.line((*path, "start")),
                (
                    f"Half term {second} starts before half term {first} ends. "
                    "Check the "
                    "dates of both."
                ),
            )
