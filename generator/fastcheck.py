"""The fast path for schema checks: a compiled validator answers "valid?" for
the great majority of files, which pass; the full validator then explains only
the files that fail. Both must agree on every file, which the tests hold."""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator
from functools import cache
from typing import Any

import fastjsonschema

from .validate import follow, is_iso_date, schema

COMMON_PREFIX = "common.schema.json#/$defs/"


def _retarget(node: Any, internal_to_common: bool) -> None:
    """Point $refs at definitions copied into one self-contained schema."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str):
                if value.startswith(COMMON_PREFIX) or (
                    internal_to_common and value.startswith("#/$defs/")
                ):
                    node[key] = "#/$defs/common_" + value.rsplit("/", 1)[-1]
            else:
                _retarget(value, internal_to_common)
    elif isinstance(node, list):
        for item in node:
            _retarget(item, internal_to_common)


def bundled(kind: str) -> dict:
    """The kind's schema with the shared definitions copied in, as draft 7 (the
    newest draft the compiler knows; these schemas use nothing newer)."""
    own = copy.deepcopy(schema(kind))
    _retarget(own, internal_to_common=False)
    shared = copy.deepcopy(schema("common")["$defs"])
    _retarget(shared, internal_to_common=True)
    own.setdefault("$defs", {}).update({f"common_{k}": v for k, v in shared.items()})
    own["$schema"] = "http://json-schema.org/draft-07/schema#"
    if "if" in own:
        _without_if(own)
    return own


def _without_if(node: dict) -> None:
    """Rewrite `if: {required: [x]}, then: A, else: B` as `dependencies: {x: A}`
    with `anyOf: [B, {required: [x]}]`: the same rule, but valid files (B holds,
    x absent) pass without the compiled code raising and catching an exception."""
    condition, then, otherwise = node.pop("if"), node.pop("then"), node.pop("else")
    [field] = condition["required"]
    node["dependencies"] = {field: then}
    node["anyOf"] = [otherwise, {"required": [field]}]


def _integer_paths(node: Any, kind: str, path: tuple = ()) -> Iterator[tuple]:
    """Where the schema wants a whole number ('*' for any key or item)."""
    node, kind = follow(node, kind)
    if not isinstance(node, dict):
        return
    if node.get("type") == "integer":
        yield path
    for name, field in node.get("properties", {}).items():
        yield from _integer_paths(field, kind, (*path, name))
    for key in ("items", "additionalProperties"):
        if isinstance(node.get(key), dict):
            yield from _integer_paths(node[key], kind, (*path, "*"))


def _whole_numbers_only(data: Any, path: tuple) -> bool:
    """The compiler, like JSON Schema, takes 7.0 as an integer; Pathways does not."""
    if not path:
        return not isinstance(data, float)
    head, rest = path[0], path[1:]
    if head == "*":
        children = data.values() if isinstance(data, dict) else data
        if not isinstance(data, dict | list):
            return True
        return all(_whole_numbers_only(child, rest) for child in children)
    if isinstance(data, dict) and head in data:
        return _whole_numbers_only(data[head], rest)
    return True


@cache
def fast_validator(kind: str) -> Callable[[Any], bool]:
    """True when the data certainly passes the kind's schema."""
    compiled = fastjsonschema.compile(
        bundled(kind), formats={"date": is_iso_date}, use_default=False
    )
    integers = list(_integer_paths(schema(kind), kind))

    def valid(data: Any) -> bool:
        try:
            compiled(data)
        except fastjsonschema.JsonSchemaException:
            return False
        return all(_whole_numbers_only(data, path) for path in integers)

    return valid
