"""Schema errors told in the words staff use: which field, what is wrong, what to
write instead. No validator jargon, no JSON paths, no schema dumps."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from datetime import date
from typing import Any

import jsonschema

from .calendar import MONTHS
from .load import Document, Path_
from .needs import need_code
from .validate import ISO_DATE, field_schema, label, resolve, resolved_field_schema

YAML11_BOOLEANS = {
    "yes": True,
    "no": False,
    "on": True,
    "off": False,
    "y": True,
    "n": False,
}
RATINGS = ("achieved", "ahead", "on-track", "behind", "no-evidence")
KIND_WORDS = {
    "string": "text",
    "number": "a number",
    "integer": "a whole number",
    "boolean": "true or false",
    "array": "a list",
    "object": "a set of fields",
    "null": "nothing",
}
Explained = tuple[Path_, int, str]  # the place, its line, the message


def short(value: Any, limit: int = 60) -> str:
    """A value as messages quote it: never a whole pasted file."""
    text = " ".join(str(value).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def did_you_mean(word: str, options: list[str]) -> str:
    close = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    if not close:
        lowered = {option.lower(): option for option in options}
        if word.lower() in lowered:
            close = [lowered[word.lower()]]
    return f" Did you mean '{close[0]}'?" if close else ""


def explain(
    kind: str, error: jsonschema.ValidationError, document: Document
) -> Iterator[Explained]:
    """One or more plain messages for one validator error."""
    path = tuple(error.absolute_path)
    where = label(path, document.data, kind)
    check = error.validator
    here = error.schema if isinstance(error.schema, dict) else {}

    if check == "required":
        name = re.search(r"'(.*?)'", error.message)
        missing = name.group(1) if name else "a field"
        if isinstance(error.instance, dict) and _misspelt(missing, error.instance):
            return  # the misspelt field's own finding says "Did you mean …?"
        about = _describe(here.get("properties", {}).get(missing, {}))
        prefix = f"{where}: " if path else ""
        yield (
            (*path, missing),
            document.line(path),
            (f"{prefix}'{missing}' is missing. Add it{about}."),
        )
    elif check == "additionalProperties":
        yield from _unknown_fields(error, path, document, where)
    elif check == "not":
        yield path, document.line(path), _not_allowed(kind, where)
    elif "propertyNames" in error.absolute_schema_path:
        yield _bad_key(kind, error, path, document, where)
    else:
        declared = {**here, "description": field_schema(kind, path).get("description")}
        problem = _value_problem(kind, check, error.instance, declared, path)
        if "string" in str(here.get("type", "")):
            problem += _read_as_yaml_word(error.instance, document.typed(path))
        message = f"The whole file {problem}" if not path else f"{where}: {problem}"
        yield path, document.line(path), message


def _read_as_yaml_word(value: Any, typed: str | None) -> str:
    """When YAML took a word for blank or for yes/no (a surname Null, a name True),
    how to keep it as the word."""
    if not typed or not typed.isalpha() or typed in ("true", "false"):
        return ""
    if value is None or isinstance(value, bool):
        return f" If '{short(typed)}' is the text meant, put it in quotes: '{typed}'."
    return ""


def _misspelt(missing: str, present: dict) -> bool:
    keys = [str(key) for key in present if key != missing]
    return bool(difflib.get_close_matches(missing, keys, n=1, cutoff=0.8)) or any(
        re.sub(r"[\s_-]", "", key).lower() == missing.replace("_", "").lower()
        for key in keys
    )


def _unknown_fields(error, path: Path_, document: Document, where: str):
    allowed = sorted(error.schema.get("properties", {}))
    place = f" in {where}" if path else ""
    listed = ", ".join(allowed) if allowed else "none"
    for key in error.instance:
        if key in allowed:
            continue
        guess = did_you_mean(key, allowed)
        yield (
            (*path, key),
            document.line((*path, key)),
            (
                f"'{short(key)}' is not a field Pathways knows{place}.{guess} "
                f"The fields allowed here are: {listed}."
            ),
        )


def _bad_key(
    kind: str, error, path: Path_, document: Document, where: str
) -> Explained:
    key = str(error.instance)
    line = document.line((*path, key))
    allowed = error.schema.get("enum") if isinstance(error.schema, dict) else None
    if allowed:
        guess = did_you_mean(key, allowed)
        return (
            (*path, key),
            line,
            (
                f"{where}: '{short(key)}' is not allowed here.{guess} "
                f"Use one of: {', '.join(allowed)}."
            ),
        )
    rules = resolved_field_schema(kind, path).get("propertyNames", {})
    about = resolved_field_schema_of(kind, rules).get("description", "")
    suggestion = _suggest(key, rules, kind)
    return (
        (*path, key),
        line,
        (
            f"{where}: '{short(key)}' cannot be used as a name here.{suggestion} "
            f"{about}"
        ).rstrip(),
    )


def resolved_field_schema_of(kind: str, subschema: dict) -> dict:
    return resolve(subschema, kind) if isinstance(subschema, dict) else {}


def _not_allowed(kind: str, where: str) -> str:
    if kind == "review":
        return (
            f"{where} cannot be given in a review that records not_held. Remove "
            "not_held if the review took place, or remove this field."
        )
    return f"{where} is not allowed here. Remove it."


def _value_problem(kind: str, check: str, value: Any, here: dict, path: Path_) -> str:
    if value is None and check in ("type", "minLength", "format", "pattern", "enum"):
        return _blank(kind, here, path)
    if (
        check in ("minLength", "pattern")
        and isinstance(value, str)
        and not value.strip()
    ):
        return _blank(kind, here, path)  # spaces only
    if check == "type":
        if here.get("format") == "date" or (
            resolved_field_schema(kind, path).get("format") == "date"
        ):
            return _bad_date(value)
        return _wrong_type(value, here.get("type"), here, path)
    if check == "format":
        return _bad_date(value)
    if check == "enum" and isinstance(value, list):
        options = ", ".join(str(option) for option in here["enum"])
        return (
            f"holds a list, but one value is needed here. Use one of: {options}. "
            "(Other needs go under secondary.)"
            if path and path[-1] == "primary"
            else f"holds a list, but one value is needed here. Use one of: {options}."
        )
    if check == "enum":
        options = [str(option) for option in here["enum"]]
        code = need_code(str(value)) if "SEMH" in options else None
        guess = (
            f" Did you mean '{code}'?" if code else did_you_mean(str(value), options)
        )
        return (
            f"'{short(value)}' is not allowed.{guess} Use one of: {', '.join(options)}."
        )
    if check == "pattern" and isinstance(value, str) and "\n" in value.strip():
        return "is written over more than one line. Write it on one line."
    if check == "pattern":
        suggestion = _suggest(str(value), here, kind)
        about = here.get("description") or ""
        shown = short(value)
        return f"'{shown}' is not written the right way.{suggestion} {about}".rstrip()
    if check == "maxLength":
        return (
            f"is too long ({len(value):,} characters; at most "
            f"{here['maxLength']:,}). Shorten it."
        )
    if check in ("minItems", "minProperties"):
        return f"needs at least one entry{_describe(here)}."
    if check == "uniqueItems":
        return "lists the same entry more than once. Remove the repeat."
    if check == "minimum":
        return f"{short(value)} is too small: the lowest allowed is {here['minimum']}."
    if check == "maximum":
        return f"{short(value)} is too large: the highest allowed is {here['maximum']}."
    about = here.get("description") or ""
    return f"'{short(value)}' is not allowed here. {about}".rstrip()


def _blank(kind: str, here: dict, path: Path_) -> str:
    """A blank value: fill it in, or, where the field may be left out, delete it."""
    parent = resolved_field_schema(kind, path[:-1]) if path else {}
    optional = (
        bool(path)
        and path[-1] in parent.get("properties", {})
        and path[-1] not in _ever_required(parent)
    )
    leave_out = ", or delete the line if there is nothing to write" if optional else ""
    return f"is blank. Fill it in{_describe(here)}{leave_out}."


def _ever_required(subschema: dict) -> set[str]:
    """Every field the schema requires in any case (then, else, each of oneOf…)."""
    fields = set(subschema.get("required", ()))
    branches = [subschema[key] for key in ("then", "else") if key in subschema]
    for combined in ("allOf", "anyOf", "oneOf"):
        branches += subschema.get(combined, ())
    for branch in branches:
        fields |= _ever_required(branch)
    return fields


def _suggest(value: str, here: dict, kind: str) -> str:
    """A likely correct spelling for a code or id, when one can be guessed."""
    pattern = resolved_field_schema_of(kind, here).get("pattern")
    if not pattern:
        return ""
    for candidate in (
        value.strip(),
        re.sub(r"[^A-Za-z0-9_-]+", "", value),
        re.sub(r"[^a-z0-9]+", "-", value.strip().lower()).strip("-"),
    ):
        if candidate and candidate != value and re.fullmatch(pattern, candidate):
            return f" Did you mean '{candidate}'?"
    return ""


def _wrong_type(value: Any, expected: Any, here: dict, path: Path_) -> str:
    wanted = set(expected) if isinstance(expected, list) else {expected}
    shown = short(value)
    if "boolean" in wanted:
        word = str(value).strip().lower()
        if word in ("true", "false"):
            return (
                f"'{shown}' is in quotes, so it is text. Write {word} without quotes."
            )
        if word in YAML11_BOOLEANS:
            meant = "true" if YAML11_BOOLEANS[word] else "false"
            return f"'{shown}' is not true or false. Write {meant} instead of {shown}."
        return f"'{shown}' is not true or false. Write true or false."
    if wanted & {"integer", "number"} and isinstance(value, str):
        if re.fullmatch(r"[-+]?0[0-9]+", value):
            return (
                f"'{shown}' starts with a zero. Write the number without the "
                f"leading zero: {int(value)}."
            )
        if wanted == {"integer"}:
            return f"'{shown}' is not a whole number. Write a number such as 7."
        if "string" not in wanted:
            return f"'{shown}' is not a number. Write a number such as 0.8."
    if wanted == {"integer"} and isinstance(value, float):
        return f"{shown} is not a whole number. Write a whole number such as 7."
    if wanted == {"string"} and isinstance(value, list | dict):
        return (
            "is read as a list or a set of fields, because YAML treats text that "
            "starts with [ or { (or a line starting with '- ') that way. If it is "
            "text, put the whole value in double quotes."
        )
    if "string" in wanted and isinstance(value, bool):
        return (
            f"{str(value).lower()} is read as yes or no, but words are needed "
            f"here{_describe(here)}."
        )
    if "string" in wanted and isinstance(value, int | float):
        return (
            f"{shown} is a number, but text is needed here. Put it in quotes: "
            f"'{shown}'."
        )
    if "object" in wanted and isinstance(value, list):
        return (
            "is a list (lines starting with '- '), but a set of fields is needed "
            "here: write 'name: value' lines instead."
        )
    if "array" in wanted and isinstance(value, dict):
        return (
            "is a set of fields, but a list is needed here: start each entry on its "
            "own line with '- '."
        )
    if "array" in wanted:
        return (
            f"'{shown}' is a single value, but a list is needed here: start each "
            "entry on its own line with '- ', or write [] for none."
        )
    if "object" in wanted:
        if value in RATINGS and path:
            return (
                f"'{shown}' needs to be written as a rating: "
                f"{path[-1]}: {{rating: {value}}}, with a note if you like."
            )
        if not path:
            return "holds a single value, but it should hold 'name: value' fields."
        return (
            f"'{shown}' is a single value, but a set of 'name: value' fields is "
            "needed here."
        )
    needed = " or ".join(KIND_WORDS[k] for k in sorted(wanted) if k in KIND_WORDS)
    return f"is {_kind_of(value)}, but {needed or 'something else'} is needed here."


def _kind_of(value: Any) -> str:
    if isinstance(value, list):
        return "a list (lines starting with '- ')"
    if isinstance(value, dict):
        return "a set of fields"
    if isinstance(value, bool):
        return f"{str(value).lower()} (yes/no)"
    return f"'{short(value)}'"


def _bad_date(value: Any) -> str:
    text = short(value)
    if ISO_DATE.fullmatch(text):
        year = int(text[:4])
        if not 1900 <= year <= 2199:
            return f"'{text}' is too far from today to be right. Check the year."
        return (
            f"'{text}' is not a real date: that day does not exist. Check the day "
            "and month."
        )
    british = re.fullmatch(
        r"([0-9]{1,2})[/.-]([0-9]{1,2})[/.-]([0-9]{4})", text.strip()
    )
    if british:
        day, month, year = (int(part) for part in british.groups())
        try:
            meant = date(year, month, day).isoformat()
        except ValueError:
            meant = None
        if meant:
            return (
                f"'{text}' is not written year-month-day. Write {meant} "
                f"(for {day} {MONTHS[month - 1]} {year})."
            )
    return (
        f"'{text}' is not a date written year-month-day. Write the date like "
        "2026-09-03 for 3 September 2026."
    )


def _describe(subschema: dict) -> str:
    text = subschema.get("description") if isinstance(subschema, dict) else None
    return f" ({_lower_first(text.rstrip('.'))})" if text else ""


def _lower_first(text: str) -> str:
    if len(text) > 1 and text[0].isupper() and not text[1].isupper():
        return text[0].lower() + text[1:]
    return text
