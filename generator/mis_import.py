"""`pathways import`: start learner folders from a pupil list exported from a
school MIS (SIMS, Arbor, Bromcom and the like) as CSV.

Each usable row becomes records/learners/<admission number>/learner.yaml with
what the MIS knows filled in; the EHCP and key worker are left for staff. A row
that cannot be used is listed with the reason, and nothing is ever overwritten.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from .cohort import Cohort
from .needs import fold, need_code
from .scaffold import Scaffold, ScaffoldRefused, new_learner, write, yaml_scalar

# Pathways field → headings MIS exports use for it (compared ignoring case,
# spaces and punctuation).
HEADINGS: dict[str, tuple[str, ...]] = {
    "id": ("admission number", "admission no", "adno", "adm no", "pupil id"),
    "given": ("legal forename", "forename", "first name", "legal first name"),
    "family": ("legal surname", "surname", "last name", "family name"),
    "preferred": (
        "preferred forename",
        "preferred name",
        "known as",
        "preferred first name",
    ),
    "date_of_birth": ("date of birth", "dob", "birth date"),
    "year_group": ("year group", "year", "ncy", "national curriculum year"),
    "group": ("class", "reg group", "registration group", "form", "tutor group"),
    "primary": ("sen primary need", "primary need", "sen need", "primary sen need"),
    "entry_date": ("entry date", "admission date", "date of admission", "start date"),
}
REQUIRED = (
    "id",
    "given",
    "family",
    "date_of_birth",
    "year_group",
    "group",
    "primary",
    "entry_date",
)


class ImportRefused(Exception):
    """The file cannot be used at all: unreadable, or a needed column is missing."""


@dataclass
class ImportResult:
    made: list[Path] = field(default_factory=list)
    skipped: list[tuple[int, str]] = field(default_factory=list)  # (row, why)
    # Rows for learners who already have a folder, which is left as it is.
    existing: list[tuple[int, str]] = field(default_factory=list)  # (row, id)


def read_rows(path: Path) -> list[dict[str, str]]:
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except OSError as error:
        raise ImportRefused(f"{path} cannot be opened ({error.strerror}).") from None
    except UnicodeDecodeError:
        raise ImportRefused(
            f"{path} is not saved as UTF-8. In the MIS or in Excel, save it as "
            "'CSV UTF-8 (comma delimited)' and import that file."
        ) from None
    return list(csv.DictReader(io.StringIO(text), dialect=_dialect(text)))


def _dialect(text: str) -> type[csv.Dialect] | csv.Dialect:
    """Commas, unless the headings are plainly split by semicolons or tabs, as
    Excel saves "CSV" in countries that write 1,5 for one and a half."""
    try:
        return csv.Sniffer().sniff(text.split("\n", 1)[0], delimiters=",;\t")
    except csv.Error:
        return csv.excel


def column_map(headings: list[str], mapping: dict[str, str]) -> dict[str, str]:
    """Pathways field → the CSV heading that holds it."""
    folded = {fold(heading): heading for heading in headings if heading}
    columns: dict[str, str] = {}
    for heading, name in mapping.items():
        if name not in HEADINGS:
            raise ImportRefused(
                f"--map {heading}={name}: '{name}' is not a field Pathways imports. "
                f"Use one of: {', '.join(HEADINGS)}."
            )
        if fold(heading) not in folded:
            raise ImportRefused(
                f"--map {heading}={name}: the file has no column '{heading}'."
            )
        columns[name] = folded[fold(heading)]
    for name, aliases in HEADINGS.items():
        if name not in columns:
            found = next((folded[a] for a in aliases if a in folded), None)
            if found:
                columns[name] = found
    missing = [name for name in REQUIRED if name not in columns]
    if missing:
        raise ImportRefused(
            f"The file has no column for {', '.join(missing)}. Its columns are: "
            f"{', '.join(h for h in headings if h)}. Say which column holds each with "
            '--map, for example --map "Adno=id".'
        )
    return columns


def parse_date(text: str) -> date:
    text = text.strip()
    british = re.fullmatch(r"([0-9]{1,2})[/.-]([0-9]{1,2})[/.-]([0-9]{4})", text)
    if british:
        day, month, year = (int(part) for part in british.groups())
        return date(year, month, day)
    if re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text):
        return date.fromisoformat(text)
    raise ValueError(text)


def parse_year(text: str) -> int:
    folded = fold(text)
    if folded in ("r", "rec", "reception"):
        return 0
    match = re.fullmatch(r"(?:year |y|yr )?([0-9]{1,2})", folded)
    if not match or int(match.group(1)) > 14:
        raise ValueError(text)
    return int(match.group(1))


def learner_values(row: dict[str, str], columns: dict[str, str]) -> dict[str, str]:
    """The row's values as YAML text, or ValueError with every reason."""

    def cell(name: str) -> str:
        return (row.get(columns[name]) or "").strip() if name in columns else ""

    values: dict[str, str] = {}
    problems: list[str] = []
    for name in ("given", "family", "group"):
        if cell(name):
            values[name] = yaml_scalar(cell(name))
        else:
            problems.append(f"the {columns[name]} column is empty")
    if cell("preferred") and cell("preferred") != cell("given"):
        values["preferred"] = yaml_scalar(cell("preferred"))
    for name in ("date_of_birth", "entry_date"):
        if not cell(name):
            problems.append(f"the {columns[name]} column is empty")
            continue
        try:
            values[name] = parse_date(cell(name)).isoformat()
        except ValueError:
            problems.append(
                f"'{cell(name)}' in {columns[name]} is not a date (write it like "
                "01/09/2026 or 2026-09-01)"
            )
    try:
        values["year_group"] = str(parse_year(cell("year_group")))
    except ValueError:
        problems.append(
            f"the {columns['year_group']} column is empty"
            if not cell("year_group")
            else f"'{cell('year_group')}' in {columns['year_group']} is not a year "
            "group (write it like 7, Year 7 or R)"
        )
    need = need_code(cell("primary"))
    if need is None:
        problems.append(
            f"the {columns['primary']} column is empty"
            if not cell("primary")
            else f"'{cell('primary')}' in {columns['primary']} is not a need "
            "Pathways knows (SEMH, ASC, SLCN, MLD, SLD, PMLD, SpLD, HI, VI, MSI, PD "
            "or OTH)"
        )
    if problems:
        raise ValueError("; ".join(problems))
    values["primary"] = need or ""
    return values


def import_pupils(
    cohort: Cohort, path: Path, mapping: dict[str, str], today: date
) -> ImportResult:
    """Make a learner folder for each usable row; list the others and why."""
    rows = read_rows(path)
    if not rows:
        raise ImportRefused(f"{path} has no pupils in it.")
    columns = column_map(list(rows[0]), mapping)
    result = ImportResult()
    seen: set[str] = set()
    existing = {records.id.casefold() for records in cohort.learners}
    made: list[Scaffold] = []
    for number, row in enumerate(rows, start=2):  # row 1 holds the headings
        learner_id = (row.get(columns["id"]) or "").strip()
        if not learner_id:
            result.skipped.append((number, f"the {columns['id']} column is empty"))
            continue
        if learner_id.casefold() in seen:
            result.skipped.append((number, f"{learner_id} appears earlier in the file"))
            continue
        seen.add(learner_id.casefold())
        if learner_id.casefold() in existing:
            result.existing.append((number, learner_id))
            continue
        try:
            values = learner_values(row, columns)
            made.append(new_learner(cohort, learner_id, today, values))
        except (ValueError, ScaffoldRefused) as error:
            result.skipped.append((number, str(error)))
    for scaffold in made:
        write(scaffold)
        result.made.append(scaffold.path)
    return result
