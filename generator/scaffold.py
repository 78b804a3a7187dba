"""Start new records for staff to fill in: a learner, or a half-termly review.

The files carry every required field with a comment saying what goes there.
Nothing that exists is ever overwritten.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from .calendar import HalfTerm
from .cohort import Cohort
from .learner_folder import LearnerRecords, id_problem
from .rules import ilp_on

NEEDS = "SEMH, ASC, SLCN, MLD, SLD, PMLD, SpLD, HI, VI, MSI, PD or OTH"


class ScaffoldRefused(Exception):
    """The file cannot be made: it exists already, or the request makes no sense."""


@dataclass(frozen=True)
class Scaffold:
    path: Path
    text: str


def yaml_scalar(text: str) -> str:
    """A YAML scalar that reads back as exactly this text: plain when it can be."""
    if re.fullmatch(r"[^\W\d_][\w .'-]*", text) and text.strip() == text:
        return text
    return json.dumps(text, ensure_ascii=False)


def _comment(text: str) -> str:
    return " ".join(text.split())


def new_learner(
    cohort: Cohort, learner_id: str, today: date, known: dict[str, str] | None = None
) -> Scaffold:
    """learner.yaml for a new learner: `known` fills fields already known (from a
    school MIS export, say) with values written as YAML; the rest are left blank,
    each with a comment saying what goes there."""
    problem = id_problem(learner_id)
    if problem:
        raise ScaffoldRefused(f"The id {problem}")
    folder = cohort.records / "learners" / learner_id
    clash = [r.id for r in cohort.learners if r.id.casefold() == learner_id.casefold()]
    if clash or folder.exists():
        raise ScaffoldRefused(
            f"There is already a learner folder {clash[0] if clash else learner_id}. "
            "Pathways never overwrites records: choose another id, or edit that "
            "learner's files."
        )
    areas = (
        ", ".join(sorted(cohort.school.areas)) if cohort.school else "see school.yaml"
    )
    values = {"entry_date": today.isoformat(), **(known or {})}

    def field(name: str, comment: str, indent: str = "") -> str:
        """The field with its guidance on the line above: a note after a value
        would need two spaces before its #, and a filled-in field must never
        turn a note into part of the value."""
        value = values.get(name)
        return f"{indent}# {comment}\n{indent}{name}:{f' {value}' if value else ''}"

    preferred = (
        f"  # the name they like to be called\n  preferred: {values['preferred']}"
        if values.get("preferred")
        else "  # preferred: the name they like to be called, if different"
    )
    text = f"""\
# A new learner. Fill in every field that is blank, then open a pull request.
# Dates are written year-month-day, for example 2026-09-03.
# The id is the same as the folder name.
id: {yaml_scalar(learner_id)}
name:
{field("given", "first name, as on the school roll", "  ")}
{field("family", "surname, as on the school roll", "  ")}
{preferred}
{field("date_of_birth", "for example 2014-05-01")}
{field("entry_date", "their first day at the school")}
{field("year_group", "a whole number: 0 for Reception, 7 for Year 7")}
{field("group", "their class")}
{field("key_worker", "who keeps their ILP and reviews")}
needs:
{field("primary", f"one of {NEEDS}", "  ")}
  # secondary: any other needs, for example [SLCN]
ehcp:
  # the date the local authority issued the EHCP
  issued:
  # the dates of annual reviews held so far
  annual_reviews: []
  outcomes:
    - id: E1
      # one of: {areas}
      area:
      # the outcome as written in the EHCP
      text:
"""
    return Scaffold(folder / "learner.yaml", text)


def current_half_term(terms: tuple[HalfTerm, ...], today: date) -> HalfTerm | None:
    """The latest half term that has started: during a holiday, the one just ended."""
    started = [term for term in terms if term.start <= today]
    return started[-1] if started else None


def new_review(
    cohort: Cohort, learner_id: str, half_term: str | None, today: date
) -> Scaffold:
    records = _learner(cohort, learner_id)
    school = cohort.school
    if school is None:
        raise ScaffoldRefused(
            "school.yaml cannot be read, so the half terms are unknown."
        )
    term = (
        school.half_term(half_term)
        if half_term
        else current_half_term(school.half_terms, today)
    )
    if term is None:
        keys = ", ".join(t.key for t in school.half_terms)
        raise ScaffoldRefused(
            f"'{half_term}' is not a half term in school.yaml. Use one of: {keys}."
            if half_term
            else "No half term in school.yaml has started yet."
        )
    learner = records.learner
    if term.start < learner.entry_date or (
        learner.leaving_date is not None and term.end >= learner.leaving_date
    ):
        raise ScaffoldRefused(
            f"{records.id} was not at the school for all of {term.title}, so no review "
            "is due for it. Check the learner's entry and leaving dates, or choose "
            "another half term with --half-term."
        )
    if records.broken and records.ilp is None and "ilp.yaml" in records.present:
        raise ScaffoldRefused(
            f"{records.id}'s ilp.yaml cannot be read, so the targets to rate are not "
            "known. Fix it first (pathways check shows how)."
        )
    path = cohort.records / "learners" / records.id / "reviews" / f"{term.key}.yaml"
    if path.exists():
        raise ScaffoldRefused(
            f"{path.name} already exists for {records.id}. Pathways never overwrites "
            "records: edit that file instead."
        )
    lines = [
        f"# The {term.title} review for {records.id}. Give every rating: achieved,",
        "# ahead, on-track, behind or no-evidence, with a note of the evidence.",
        "# If the review could not take place, keep only date and write",
        "# not_held: followed by the reason.",
        *_date_lines(term, today),
        f"reviewed_by: {yaml_scalar(learner.key_worker) if learner else ''}",
        "# true, or false if they were not there",
        "learner_present: true",
        "# their own words; delete this line if they said nothing",
        "learner_comment:",
    ]
    ilp = ilp_on(records, today)
    targets = [t for t in ilp.targets if t.active] if ilp else []
    outcomes = [o for o in ilp.outcomes if o.planned] if ilp else []
    placements = [p for p in records.placements if p.active(today)]
    sections = (
        ("targets", [(t.id, t.target) for t in targets]),
        ("outcomes", [(o.id, f"{o.subject}: {o.outcome}") for o in outcomes]),
        ("interventions", [(p.programme, p.frequency) for p in placements]),
    )
    for name, items in sections:
        if not items:
            lines.append(f"{name}: {{}}  # nothing to rate")
            continue
        lines.append(f"{name}:")
        for item_id, about in items:
            lines += [
                f"  # {_comment(about)}",
                f"  {item_id}:",
                "    rating:",
                "    # the evidence; delete this line if there is none",
                "    note:",
            ]
    return Scaffold(path, "\n".join(lines) + "\n")


def _date_lines(term: HalfTerm, today: date) -> list[str]:
    """Today, unless the half term is still to come: a review is held within it."""
    if today >= term.start:
        return [f"date: {today.isoformat()}"]
    return [
        f"# the day it is held, on or after {term.start.isoformat()}, when "
        f"{term.title} begins",
        "date:",
    ]


def _learner(cohort: Cohort, learner_id: str) -> LearnerRecords:
    for records in cohort.learners:
        if records.id == learner_id:
            if records.learner is None:
                raise ScaffoldRefused(
                    f"{learner_id}'s learner.yaml has mistakes, so Pathways cannot "
                    "use it yet. Fix them first: pathways check shows each one and "
                    "its line."
                )
            return records
    known = ", ".join(r.id for r in cohort.learners[:10])
    raise ScaffoldRefused(
        f"There is no learner {learner_id} in {cohort.records / 'learners'}. "
        f"Learners there include: {known}."
    )


def write(scaffold: Scaffold) -> None:
    """Create the file; refuse if anything is already there."""
    scaffold.path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with scaffold.path.open("x", encoding="utf-8") as stream:
            stream.write(scaffold.text)
    except FileExistsError:
        raise ScaffoldRefused(
            f"{scaffold.path} already exists; nothing was changed."
        ) from None
