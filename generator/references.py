"""Checks that reach across fields and files: ids that must point at something,
ids that must be unique, and numbers that must fit their scale."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path

from .explain import did_you_mean, short
from .learner_checks import (
    area_problem,
    duplicate_ids,
    learner_file_problems,
    unknown_message,
)
from .load import Document
from .records import Programme, School
from .validate import label

Problem = tuple[str, int, str]  # rule, line, message


def programme_problems(document: Document, school: School | None) -> list[Problem]:
    data = document.data
    problems: list[Problem] = list(
        duplicate_ids(document, ("programmes",), "programme", "id")
    )
    for index, programme in enumerate(data["programmes"]):
        if programme["id"] == "index":
            problems.append(
                (
                    "schema",
                    document.line(("programmes", index, "id")),
                    "'index' cannot be a programme id: the site uses that name for the "
                    "list of programmes. Choose another id.",
                )
            )
    if school is None:
        return problems
    for index, programme in enumerate(data["programmes"]):
        path = ("programmes", index, "area")
        if programme["area"] not in school.areas:
            problems.append(
                area_problem(document, path, programme["area"], school, "programmes")
            )
    return problems


def review_name_message(name: str, school: School, taken: Iterable[str] = ()) -> str:
    """Why a review file's name is not a half term; `taken` are the names of the
    learner's other review files, never suggested as the one meant."""
    key = name.removesuffix(".yaml")
    year = re.fullmatch(r"(\d{4}-\d{2})-(autumn|spring|summer)-[12]", key)
    if year and not any(term.key.startswith(year[1]) for term in school.half_terms):
        return (
            f"The review file name '{name}' is for {year[1]}, but school.yaml has no "
            f"term dates for {year[1]} yet. Add that year to the calendar in "
            "school.yaml (the data lead usually does this), and the review counts."
        )
    keys = [term.key for term in school.half_terms if term.key not in set(taken)]
    guess = did_you_mean(key, keys)
    return (
        f"The review file name '{name}' is not a half term in the school.yaml "
        f"calendar, so Pathways cannot tell which half term it reviews.{guess} Name "
        "it after its half term, for example 2026-27-autumn-1.yaml."
    )


def learner_problems(
    folder: Path,
    documents: dict[str, tuple[Path, Document]],
    reviews: dict[str, tuple[Path, Document]],
    school: School,
    programmes: dict[str, Programme] | None,
) -> list[tuple[Path, str, int, str]]:
    """Every broken reference in one learner's files, as (file, rule, line, message)."""
    found: list[tuple[Path, str, int, str]] = []

    def add(path: Path, problems: Iterable[Problem]) -> None:
        found.extend((path, *problem) for problem in problems)

    def ids(name: str, read) -> set[str] | None:
        """Ids a file defines; None when it is missing or unreadable: its own
        finding says so, and checking against it would only repeat that."""
        return read(documents[name][1].data) if name in documents else None

    ehcp_ids = ids("learner.yaml", lambda d: {o["id"] for o in d["ehcp"]["outcomes"]})
    target_ids = ids("ilp.yaml", lambda d: {t["id"] for t in d["targets"]})
    outcome_ids = ids("ilp.yaml", lambda d: {o["id"] for o in d["outcomes"]})
    placed = ids("interventions.yaml", lambda d: {p["programme"] for p in d})
    checks = {
        "learner.yaml": lambda doc: learner_file_problems(folder.name, doc, school),
        "baseline.yaml": lambda doc: _baseline_file(doc, school),
        "ilp.yaml": lambda doc: _ilp_file(doc, school, ehcp_ids),
        "interventions.yaml": lambda doc: _interventions_file(
            doc, school, programmes, target_ids
        ),
    }
    for name, (path, document) in documents.items():
        add(path, checks[name](document))
    for path, document in reviews.values():
        add(path, _review_file(document, target_ids, outcome_ids, placed))
        add(path, _review_date(path, document, school, documents.get("learner.yaml")))
    return found


def _measures(
    document: Document, school: School, kind: str
) -> Iterator[tuple[tuple, dict]]:
    data = document.data
    if kind == "baseline":
        for section in ("academic", "psed"):
            for index, measure in enumerate(data[section]):
                yield (section, index), measure
    else:
        for index, placement in enumerate(data):
            for moment in ("entry", "exit"):
                if moment in placement:
                    yield (index, moment), placement[moment]


def _measure_problems(
    document: Document, school: School, kind: str
) -> Iterator[Problem]:
    for path, measure in _measures(document, school, kind):
        if "area" in measure and measure["area"] not in school.areas:
            yield area_problem(document, (*path, "area"), measure["area"], school, kind)
        scale_id = measure.get("scale")
        if scale_id is None:
            continue
        if scale_id not in school.scales:
            yield (
                "reference",
                document.line((*path, "scale")),
                unknown_message(
                    "a scale in school.yaml",
                    f"{label(path, document.data, kind)} → scale",
                    scale_id,
                    school.scales,
                    "Use one of the scales listed in school.yaml, or add it there.",
                ),
            )
            continue
        scale, value = school.scales[scale_id], measure["value"]
        if isinstance(value, bool) or not isinstance(value, int | float):
            text = str(value).strip()
            if re.fullmatch(r"0[0-9]+", text):
                fix = f"Write {int(text)}, without the leading zero."
            elif re.fullmatch(r"[-+]?[0-9]+(\.[0-9]+)?", text):
                fix = f"Remove the quotation marks around {text}."
            else:
                fix = "Write the score, or remove the scale if the result is in words."
            yield (
                "schema",
                document.line((*path, "value")),
                f"{label(path, document.data, kind)} → value: '{short(value)}' is "
                f"not a number, but the scale {scale_id} needs a score from "
                f"{scale.min:g} to {scale.max:g}. {fix}",
            )
        elif not scale.min <= value <= scale.max:
            yield (
                "schema",
                document.line((*path, "value")),
                f"{label(path, document.data, kind)} → value: {value:g} is outside "
                f"the scale {scale_id}, which runs from {scale.min:g} to "
                f"{scale.max:g}. Check the score.",
            )


def _baseline_file(document: Document, school: School) -> Iterator[Problem]:
    yield from _measure_problems(document, school, "baseline")
    for index, area in enumerate(document.data["priorities"]):
        if area not in school.areas:
            yield area_problem(
                document, ("priorities", index), area, school, "baseline"
            )


def _ilp_file(
    document: Document, school: School, ehcp_ids: set[str] | None
) -> Iterator[Problem]:
    data = document.data
    yield from duplicate_ids(document, ("targets",), "target", "id")
    yield from duplicate_ids(document, ("outcomes",), "outcome", "id")
    for index, target in enumerate(data["targets"]):
        if target["area"] not in school.areas:
            yield area_problem(
                document, ("targets", index, "area"), target["area"], school, "ilp"
            )
        if ehcp_ids is not None and target["ehcp_outcome"] not in ehcp_ids:
            path = ("targets", index, "ehcp_outcome")
            yield (
                "reference",
                document.line(path),
                unknown_message(
                    "an EHCP outcome in learner.yaml",
                    label(path, data, "ilp"),
                    target["ehcp_outcome"],
                    ehcp_ids,
                    "Use the id of one of the EHCP outcomes in learner.yaml.",
                ),
            )


def _interventions_file(
    document: Document,
    school: School,
    programmes: dict[str, Programme] | None,
    target_ids: set[str] | None,
) -> Iterator[Problem]:
    data = document.data
    yield from _measure_problems(document, school, "interventions")
    for index, placement in enumerate(data):
        if programmes is not None and placement["programme"] not in programmes:
            yield (
                "reference",
                document.line((index, "programme")),
                unknown_message(
                    "a programme in programmes.yaml",
                    f"{label((index,), data, 'interventions')} → programme",
                    placement["programme"],
                    programmes,
                    "Use the id of a programme in programmes.yaml, or add the "
                    "programme there.",
                ),
            )
        if placement["area"] not in school.areas:
            yield area_problem(
                document, (index, "area"), placement["area"], school, "interventions"
            )
        for number, target in enumerate(placement["targets"]):
            if target_ids is not None and target not in target_ids:
                fix = (
                    "Use the id of a target in ilp.yaml."
                    if target_ids
                    else (
                        "This learner has no ILP target yet, so there is nothing to "
                        "link: write targets: [] until there is."
                    )
                )
                yield (
                    "reference",
                    document.line((index, "targets", number)),
                    unknown_message(
                        "a target in ilp.yaml",
                        f"{label((index,), data, 'interventions')} → targets",
                        target,
                        target_ids,
                        fix,
                    ),
                )
        if "end" in placement and placement["end"] < placement["start"]:
            yield (
                "schema",
                document.line((index, "end")),
                f"{label((index,), data, 'interventions')} → end "
                f"({placement['end']}) is before its start ({placement['start']}). "
                "Check both dates.",
            )
    yield from _overlapping_placements(document)


def _overlapping_placements(document: Document) -> Iterator[Problem]:
    by_programme: dict[str, list[int]] = defaultdict(list)
    for index, placement in enumerate(document.data):
        by_programme[placement["programme"]].append(index)
    for programme, indexes in by_programme.items():
        spans = sorted(
            (document.data[i]["start"], document.data[i].get("end") or "9999-12-31", i)
            for i in indexes
        )
        for (_, end, _), (start, _, later) in zip(spans, spans[1:], strict=False):
            if start <= end:
                yield (
                    "schema",
                    document.line((later, "start")),
                    f"This placement on {programme} starts before the earlier one on "
                    f"{programme} has ended. A learner can have one placement on a "
                    "programme at a time: give the earlier one an end date, or "
                    "merge them.",
                )


def _review_date(
    path: Path,
    document: Document,
    school: School,
    learner: tuple[Path, Document] | None,
) -> Iterator[Problem]:
    """A review held before its half term began is a copied file or a slip; one
    held before the learner started or after they left means a date is wrong
    (a mistyped entry or leaving date would quietly drop the learner from the
    KPIs)."""
    term = school.half_term(path.stem)
    held = document.data["date"]
    line = document.line(("date",))
    if term is not None and held < term.start.isoformat():
        yield (
            "schema",
            line,
            f"date: {held} is before the {term.title} half term began "
            f"({term.start.isoformat()}), so this cannot be its review. Check the "
            "date, or whether the file has the right name.",
        )
        return
    if learner is None or "not_held" in document.data:
        return
    data = learner[1].data
    if held < data["entry_date"]:
        yield (
            "reference",
            line,
            f"date: {held} is before the learner started ({data['entry_date']}, the "
            "entry_date in learner.yaml). One of the two dates is wrong.",
        )
    elif data.get("leaving_date") and held > data["leaving_date"]:
        yield (
            "reference",
            line,
            f"date: {held} is after the learner left ({data['leaving_date']}, the "
            "leaving_date in learner.yaml). One of the two dates is wrong.",
        )


def _review_file(
    document: Document,
    target_ids: set[str] | None,
    outcome_ids: set[str] | None,
    placed: set[str] | None,
) -> Iterator[Problem]:
    sections = (
        (
            "targets",
            target_ids,
            "a target in ilp.yaml",
            "Use the id of a target in ilp.yaml.",
        ),
        (
            "outcomes",
            outcome_ids,
            "a subject outcome in ilp.yaml",
            "Use the id of an outcome in ilp.yaml.",
        ),
        (
            "interventions",
            placed,
            "a programme this learner is placed on in interventions.yaml",
            "Rate interventions by the programme id used in interventions.yaml.",
        ),
    )
    for section, known, kind, fix in sections:
        for key in document.data.get(section) or {}:
            if known is not None and key not in known:
                yield (
                    "reference",
                    document.line((section, key)),
                    unknown_message(kind, section, key, known, fix),
                )
