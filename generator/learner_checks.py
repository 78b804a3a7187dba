"""Checks of a learner's own learner.yaml beyond its schema, and of learner
folder names that would clash on Windows and Mac computers."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import Any

from .explain import did_you_mean
from .load import Document
from .records import School
from .validate import label

Problem = tuple[str, int, str]  # rule, line, message


def unknown_message(
    kind: str, where: str, value: str, known: Iterable[str], fix: str
) -> str:
    options = sorted(known)
    guess = did_you_mean(value, options)
    listed = (
        f" The ones there now: {', '.join(options)}." if 0 < len(options) <= 12 else ""
    )
    return f"{where}: '{value}' is not {kind}.{guess} {fix}{listed}"


def area_problem(document: Document, path: tuple, area: str, school: School, kind: str):
    where = label(path, document.data, kind)
    return (
        "reference",
        document.line(path),
        unknown_message(
            "an area in school.yaml",
            where,
            area,
            school.areas,
            "Use one of the areas listed in school.yaml, or add it there.",
        ),
    )


def duplicate_ids(
    document: Document, path: tuple, noun: str, id_field: str
) -> Iterator[Problem]:
    node: Any = document.data
    for key in path:
        node = node[key]
    first: dict[str, tuple[str, int]] = {}  # by id in lower case: as typed, index
    for index, item in enumerate(node):
        ident = item[id_field]
        if ident.casefold() not in first:
            first[ident.casefold()] = (ident, index)
            continue
        earlier, earlier_index = first[ident.casefold()]
        earlier_line = document.line((*path, earlier_index, id_field))
        line = document.line((*path, index, id_field))
        which = (
            f"the id '{ident}'"
            if earlier == ident
            else f"ids that differ only in capitals, '{earlier}' and '{ident}'"
        )
        yield (
            "schema",
            line,
            f"Two {noun}s have {which} (lines {earlier_line} and {line}). Give "
            f"each {noun} its own id.",
        )


def learner_file_problems(
    folder_id: str, document: Document, school: School
) -> Iterator[Problem]:
    data = document.data
    if data["id"] != folder_id:
        yield (
            "reference",
            document.line(("id",)),
            f"id: '{data['id']}' differs from the folder name '{folder_id}'. The id "
            "and the folder name must be the same: change one to match the other.",
        )
    yield from duplicate_ids(document, ("ehcp", "outcomes"), "EHCP outcome", "id")
    needs = data["needs"]
    if needs["primary"] in needs.get("secondary", []):
        yield (
            "schema",
            document.line(("needs", "secondary")),
            f"needs → secondary lists {needs['primary']}, which is already the primary "
            "need. Remove it from secondary.",
        )
    for index, outcome in enumerate(data["ehcp"]["outcomes"]):
        if outcome["area"] not in school.areas:
            yield area_problem(
                document,
                ("ehcp", "outcomes", index, "area"),
                outcome["area"],
                school,
                "learner",
            )
    entry, leaving = data["entry_date"], data.get("leaving_date")
    if leaving is not None and leaving < entry:
        yield (
            "schema",
            document.line(("leaving_date",)),
            f"leaving_date ({leaving}) is before entry_date ({entry}). Check both "
            "dates.",
        )
    yield from _dates_in_order(document)


def _dates_in_order(document: Document) -> Iterator[Problem]:
    """Dates that cannot all be right: born after starting school, and so on."""
    data = document.data
    ehcp = data["ehcp"]
    pairs = [
        (("date_of_birth",), ("entry_date",), "the date of birth"),
        (("date_of_birth",), ("ehcp", "issued"), "the date of birth"),
    ]
    pairs += [
        (("ehcp", "issued"), ("ehcp", "annual_reviews", index), "the EHCP's issue")
        for index in range(len(ehcp["annual_reviews"]))
    ]

    def value(path: tuple) -> str:
        node = data
        for key in path:
            node = node[key]
        return node

    for earlier, later, first in pairs:
        if value(later) < value(earlier):
            yield (
                "schema",
                document.line(later),
                f"{label(later, data, 'learner')}: {value(later)} is before "
                f"{first} ({value(earlier)}), so one of them must be wrong. Check "
                "both dates.",
            )


def case_clashes(names: list[str]) -> dict[str, tuple[str, ...]]:
    """Learner folders whose names differ only in case, by the name in lower case:
    on Windows and Macs they would be one folder, and their pages one address."""
    by_folded: dict[str, list[str]] = defaultdict(list)
    for name in names:
        by_folded[name.casefold()].append(name)
    return {key: tuple(group) for key, group in by_folded.items() if len(group) > 1}


def clash_message(group: tuple[str, ...]) -> str:
    shown = " and ".join(f"'{name}'" for name in group[:3])
    more = f" (and {len(group) - 3} more)" if len(group) > 3 else ""
    return (
        f"The learner folders {shown}{more} differ only in capital letters, which "
        "Windows and Mac computers treat as the same folder. Give one of them a "
        "different id."
    )
