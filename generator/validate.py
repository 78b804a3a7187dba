"""JSON Schema checks, told in the words staff use rather than the validator's."""

from __future__ import annotations

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
ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
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
    if not isinstance(value, str) or not ISO_DATE.fullmatch(value):
        return False
    try:
        day = date.fromisoformat(value)
    except ValueError:
        return False
    return 1900 <= day.year <= 2199  # further off, it is a slip of the keyboard


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


def _whole_number(checker: object, instance: object) -> bool:
    return isinstance(instance, int) and not isinstance(instance, bool)


# JSON Schema counts 7.0 as an integer; staff who type 7.0 for a year group or a
# count of days have made a slip, and Python's dates need a true whole number.
_Validator = jsonschema.validators.extend(
    Draft202012Validator,
    type_checker=Draft202012Validator.TYPE_CHECKER.redefine("integer", _whole_number),
)


# Tests turn this off to show that both paths give the same findings.
FAST_PATH = True


@cache
def validator(kind: str) -> Draft202012Validator:
    return _Validator(schema(kind), registry=_registry(), format_checker=_FORMATS)


def schema_problems(kind: str, document: Document) -> list[tuple[int, str]]:
    """Every way the document breaks its schema, as (line, plain message): one
    message for each place, the first the validator gives."""
    from .explain import explain
    from .fastcheck import fast_validator

    if FAST_PATH and fast_validator(kind)(document.data):
        return []
    problems: dict[Path_, list[tuple[int, str]]] = {}
    for error in _leaf_errors(validator(kind).iter_errors(document.data)):
        try:
            explained = list(explain(kind, error, document))
        except Exception:  # wording must never hide the finding itself
            path = tuple(error.absolute_path)
            explained = [
                (path, document.line(path), _plain_fallback(kind, path, document))
            ]
        for place, line, message in explained:
            problems.setdefault(place, []).append((line, message))
    return sorted({found[0] for found in problems.values()})


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
            name = _item_name(parent_key, key, child, kind)
            if parts and parts[-1] == parent_key and not name.startswith("item "):
                parts.pop()  # "target T1" already says which list it is in
            parts.append(name)
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


def follow(node: Any, kind: str) -> tuple[Any, str]:
    """Follow $refs to the definition they name; also says which schema file it
    is in, since a definition's own $refs are relative to that file."""
    while isinstance(node, dict) and "$ref" in node:
        where, _, pointer = node["$ref"].partition("#")
        kind = where.removesuffix(".schema.json") if where else kind
        node = schema(kind)
        for part in filter(None, pointer.split("/")):
            node = node[part]
    return node, kind


def resolve(node: Any, kind: str) -> Any:
    return follow(node, kind)[0]


def _field(kind: str, path: Path_) -> tuple[dict, str]:
    node: Any = schema(kind)
    for key in path:
        resolved, kind = follow(node, kind)
        if not isinstance(resolved, dict):
            return {}, kind
        if isinstance(key, int):
            node = resolved.get("items", {})
        else:
            extra = resolved.get("additionalProperties", {})
            node = resolved.get("properties", {}).get(key, extra)
    return (node if isinstance(node, dict) else {}), kind


def field_schema(kind: str, path: Path_) -> dict:
    """The schema of the field at `path`, as written where the field is declared
    (so its own description wins over that of the definition it refers to)."""
    node, kind = _field(kind, path)
    if "description" not in node:
        node = follow(node, kind)[0]
    return node if isinstance(node, dict) else {}


def resolved_field_schema(kind: str, path: Path_) -> dict:
    """The schema of the field at `path` with any $ref followed."""
    node, kind = _field(kind, path)
    found = follow(node, kind)[0]
    return found if isinstance(found, dict) else {}


def _plain_fallback(kind: str, path: Path_, document: Document) -> str:
    where = label(path, document.data, kind)
    return (
        f"{where}: this value does not fit the rules for this field. Compare it with "
        "the same field in another learner's records."
    )
