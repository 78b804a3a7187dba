"""JSON Schema checks, told in the words staff use rather than the validator's."""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Iterator
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from .calendar import MONTHS
from .load import Document, Path_

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "schemas"
KINDS = (
    "school",
    "programmes",
    "learner",
    "baseline",
    "ilp",
    "interventions",
    "review",
)
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_YAML11_BOOLEANS = {
    "yes": True,
    "no": False,
    "on": True,
    "off": False,
    "y": True,
    "n": False,
}
_ITEM_NAMES = {
    "targets": "target",
    "outcomes": "outcome",
    "academic": "academic measure",
    "psed": "PSED measure",
    "programmes": "programme",
    "calendar": "year",
    "annual_reviews": "annual review",
    "bands": "band",
}


def is_iso_date(value: object) -> bool:
    """True for a real calendar date written YYYY-MM-DD."""
    if not isinstance(value, str) or not _ISO_DATE.fullmatch(value):
        return False
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


_FORMATS = jsonschema.FormatChecker(formats=())
_FORMATS.checks("date")(is_iso_date)


@cache
def _registry() -> Registry:
    common = json.loads((SCHEMA_DIR / "common.schema.json").read_text("utf-8"))
    resource = Resource.from_contents(common, default_specification=DRAFT202012)
    return Registry().with_resource("common.schema.json", resource)


@cache
def schema(kind: str) -> dict:
    return json.loads((SCHEMA_DIR / f"{kind}.schema.json").read_text("utf-8"))


@cache
def validator(kind: str) -> Draft202012Validator:
    return Draft202012Validator(
        schema(kind), registry=_registry(), format_checker=_FORMATS
    )


def schema_problems(kind: str, document: Document) -> list[tuple[int, str]]:
    """Every way the document breaks its schema, as (line, plain message)."""
    problems = []
    for error in _leaf_errors(validator(kind).iter_errors(document.data)):
        line, message = _explain(kind, error, document)
        problems.append((line, message))
    return sorted(set(problems))


def _leaf_errors(errors: Iterator[jsonschema.ValidationError]) -> Iterator:
    for error in errors:
        if error.validator in ("anyOf", "oneOf") and error.context:
            yield from _leaf_errors(iter(error.context))
        else:
            yield error


def label(path: Path_, data: Any, kind: str) -> str:
    """Name a place in a record as staff see it, for example 'target T3 → by'."""
    parts: list[str] = []
    node = data
    parent_key: str | int | None = kind if kind == "interventions" else None
    for key in path:
        child = node[key] if _has(node, key) else None
        if isinstance(key, int):
            if parts and parts[-1] == parent_key:
                parts.pop()  # "target T1" already says which list it is in
            parts.append(_item_name(parent_key, key, child, kind))
        else:
            parts.append(str(key))
        node, parent_key = child, key
    return " → ".join(parts) if parts else "the file"


def _has(node: Any, key: str | int) -> bool:
    if isinstance(node, dict):
        return key in node
    return isinstance(node, list) and isinstance(key, int) and key < len(node)


def _item_name(parent: str | int | None, index: int, item: Any, kind: str) -> str:
    if parent == "interventions":
        name = "placement"
        ident = item.get("programme") if isinstance(item, dict) else None
    elif parent == "calendar":
        name = "year"
        ident = item.get("year") if isinstance(item, dict) else None
    else:
        name = _ITEM_NAMES.get(str(parent), "item")
        if parent == "outcomes" and kind == "learner":
            name = "EHCP outcome"
        ident = item.get("id") if isinstance(item, dict) else None
    if isinstance(ident, str) and ident:
        return f"{name} {ident}"
    return f"{name} {index + 1}"


def _resolve(node: Any, kind: str) -> Any:
    """Follow a $ref to the definition it names, in this schema or the shared one."""
    while isinstance(node, dict) and "$ref" in node:
        where, _, pointer = node["$ref"].partition("#")
        target: Any = schema(where.removesuffix(".schema.json") if where else kind)
        for part in pointer.strip("/").split("/") if pointer.strip("/") else ():
            target = target[part]
        kind = where.removesuffix(".schema.json") if where else kind
        node = target
    return node


def field_schema(kind: str, path: Path_) -> dict:
    """The schema of the field at `path`, as written where the field is declared."""
    node: Any = schema(kind)
    for key in path:
        resolved = _resolve(node, kind)
        if not isinstance(resolved, dict):
            return {}
        if isinstance(key, int):
            node = resolved.get("items", {})
        else:
            extra = resolved.get("additionalProperties", {})
            node = resolved.get("properties", {}).get(key, extra)
    if isinstance(node, dict) and "description" not in node:
        node = _resolve(node, kind)
    return node if isinstance(node, dict) else {}


def _explain(kind: str, error: jsonschema.ValidationError, document: Document):
    path = tuple(error.absolute_path)
    where = label(path, document.data, kind)
    value = error.instance
    check = error.validator
    schema_here = error.schema if isinstance(error.schema, dict) else {}

    if check == "required":
        name = re.search(r"'(.*?)'", error.message)
        missing = name.group(1) if name else "a field"
        about = _describe(schema_here.get("properties", {}).get(missing, {}))
        return document.line(path), (
            f"{where}: '{missing}' is missing. Add it{about}."
            if path
            else f"'{missing}' is missing. Add it{about}."
        )
    if check == "additionalProperties":
        allowed = sorted(schema_here.get("properties", {}))
        extras = [key for key in value if key not in allowed]
        key = extras[0] if extras else "?"
        line = document.line((*path, key))
        guess = _did_you_mean(key, allowed)
        place = f" in {where}" if path else ""
        listed = ", ".join(allowed) if allowed else "none"
        return line, (
            f"'{key}' is not a field Pathways knows{place}.{guess} "
            f"The fields allowed here are: {listed}."
        )
    if error.schema is False or check == "false":
        return document.line(path), _not_allowed(kind, where)
    if check == "propertyNames":
        return _bad_key(error, path, document, where)
    if error.absolute_schema_path and "propertyNames" in error.absolute_schema_path:
        return _bad_key(error, path, document, where)
    declared = field_schema(kind, path)
    about = {**schema_here, "description": declared.get("description")}
    problem = _value_problem(check, value, about)
    if not path:
        return document.line(path), f"The whole file {problem}"
    return document.line(path), f"{where}: {problem}"


def _bad_key(error, path: Path_, document: Document, where: str):
    key = error.instance if isinstance(error.instance, str) else str(error.instance)
    line = document.line((*path, key))
    allowed = error.schema.get("enum") if isinstance(error.schema, dict) else None
    if allowed:
        guess = _did_you_mean(key, allowed)
        return line, (
            f"{where}: '{key}' is not allowed here.{guess} "
            f"Use one of: {', '.join(allowed)}."
        )
    return line, (
        f"{where}: '{key}' cannot be used as a code here. Use lower-case letters, "
        "digits and hyphens, for example emotional-regulation."
    )


def _not_allowed(kind: str, where: str) -> str:
    if kind == "review":
        return (
            f"{where} cannot be given in a review that records not_held. Remove "
            "not_held if the review took place, or remove this field."
        )
    return f"{where} is not allowed here. Remove it."


def _value_problem(check: str, value: Any, schema_here: dict) -> str:
    if value is None and check in ("type", "minLength", "format", "pattern", "enum"):
        return f"is blank. Fill it in{_describe(schema_here)}."
    if check == "type":
        return _wrong_type(value, schema_here.get("type"), schema_here)
    if check == "format":
        return _bad_date(value)
    if check == "enum":
        options = [str(option) for option in schema_here["enum"]]
        guess = _did_you_mean(str(value), options)
        return f"'{value}' is not allowed.{guess} Use one of: {', '.join(options)}."
    if check == "pattern":
        return f"'{value}' is not written the right way. {_describe_plain(schema_here)}"
    if check == "minLength":
        return f"is blank. Fill it in{_describe(schema_here)}."
    if check == "maxLength":
        return (
            f"is too long ({len(value):,} characters; at most "
            f"{schema_here['maxLength']:,}). Shorten it."
        )
    if check == "minItems":
        return f"needs at least one entry{_describe(schema_here)}."
    if check == "minProperties":
        return f"needs at least one entry{_describe(schema_here)}."
    if check == "uniqueItems":
        return "lists the same entry more than once. Remove the repeat."
    if check == "minimum":
        return f"{value} is too small: the lowest allowed is {schema_here['minimum']}."
    if check == "maximum":
        return f"{value} is too large: the highest allowed is {schema_here['maximum']}."
    return f"'{value}' is not allowed here ({check}). {_describe_plain(schema_here)}"


def _wrong_type(value: Any, expected: Any, schema_here: dict) -> str:
    wanted = set(expected) if isinstance(expected, list) else {expected}
    if "boolean" in wanted:
        word = str(value).strip().lower()
        if word in _YAML11_BOOLEANS:
            meant = "true" if _YAML11_BOOLEANS[word] else "false"
            return f"'{value}' is not true or false. Write {meant} instead of {value}."
        return f"'{value}' is not true or false. Write true or false."
    if wanted & {"integer", "number"} and isinstance(value, str):
        if re.fullmatch(r"[-+]?0[0-9]+", value):
            return (
                f"'{value}' starts with a zero. Write the number without the "
                f"leading zero: {int(value)}."
            )
        if wanted == {"integer"}:
            return f"'{value}' is not a whole number. Write a number such as 7."
        if "string" not in wanted:
            return f"'{value}' is not a number. Write a number such as 0.8."
    if wanted == {"integer"} and isinstance(value, float):
        return f"{value} is not a whole number. Write a whole number such as 7."
    if "string" in wanted and isinstance(value, bool):
        return (
            f"{str(value).lower()} is read as yes/no, not as text. Put the text in "
            f"quotes: '{str(value).lower()}'."
        )
    if "string" in wanted and isinstance(value, int | float):
        return (
            f"{value} is a number, but text is needed here. Put it in quotes: "
            f"'{value}'."
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
            f"'{value}' is a single value, but a list is needed here: start each "
            "entry on its own line with '- ', or write [] for none."
        )
    if "object" in wanted:
        return (
            f"'{value}' is a single value, but a set of 'name: value' fields is "
            "needed here."
        )
    needed = " or ".join(
        _KIND_WORDS[kind] for kind in sorted(wanted) if kind in _KIND_WORDS
    )
    return f"is {_kind_of(value)}, but {needed or 'something else'} is needed here."


_KIND_WORDS = {
    "string": "text",
    "number": "a number",
    "integer": "a whole number",
    "boolean": "true or false",
    "array": "a list",
    "object": "a set of fields",
    "null": "nothing",
}


def _kind_of(value: Any) -> str:
    if isinstance(value, list):
        return "a list (lines starting with '- ')"
    if isinstance(value, dict):
        return "a set of fields"
    if isinstance(value, bool):
        return f"{str(value).lower()} (yes/no)"
    return f"'{value}'"


def _bad_date(value: Any) -> str:
    text = str(value)
    if _ISO_DATE.fullmatch(text):
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


def _describe_plain(subschema: dict) -> str:
    text = subschema.get("description") if isinstance(subschema, dict) else None
    return text or ""


def _lower_first(text: str) -> str:
    if len(text) > 1 and text[0].isupper() and not text[1].isupper():
        return text[0].lower() + text[1:]
    return text


def _did_you_mean(word: str, options: list[str]) -> str:
    close = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    if not close:
        lowered = {option.lower(): option for option in options}
        if word.lower() in lowered:
            close = [lowered[word.lower()]]
    return f" Did you mean '{close[0]}'?" if close else ""


did_you_mean = _did_you_mean
