"""Help while typing: the schemas the editor uses describe every field, and an
independent validator (check-jsonschema, as editors would use the same schemas)
agrees with `pathways check` on which files are valid."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import RECORDS, REPO, check_json, example_school_only

SCHEMAS = sorted((REPO / "schemas").glob("*.schema.json"))
KIND_OF = {
    "school.yaml": "school",
    "programmes.yaml": "programmes",
    "learner.yaml": "learner",
    "baseline.yaml": "baseline",
    "ilp.yaml": "ilp",
    "interventions.yaml": "interventions",
}

pytestmark = example_school_only


def fields(node, where: str = ""):
    """Every declared field of a schema, skipping the if/then/else conditions."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("if", "then", "else"):
                continue
            if key == "properties":
                for name, field in value.items():
                    yield f"{where}.{name}", field
                    yield from fields(field, f"{where}.{name}")
            elif isinstance(value, dict | list):
                yield from fields(value, where)
    elif isinstance(node, list):
        for item in node:
            yield from fields(item, where)


@pytest.mark.parametrize("path", SCHEMAS, ids=lambda p: p.name)
def test_every_field_has_a_title_a_description_and_leaves_have_examples(path):
    schema = json.loads(path.read_text("utf-8"))
    for where, field in fields(schema):
        assert field.get("title"), f"{path.name}{where} has no title"
        assert field.get("description"), f"{path.name}{where} has no description"
        leaf = "properties" not in field and "items" not in field
        if (
            leaf
            and field.get("type") != "object"
            and not field.get("additionalProperties")
        ):
            assert field.get("examples"), f"{path.name}{where} has no examples"


def test_vs_code_maps_every_record_file_to_its_schema():
    settings = json.loads((REPO / ".vscode/settings.json").read_text("utf-8"))
    mapped = {
        Path(schema).name: pattern
        for schema, pattern in settings["yaml.schemas"].items()
    }
    assert mapped == {
        "school.schema.json": "records/school.yaml",
        "programmes.schema.json": "records/programmes.yaml",
        "learner.schema.json": "records/learners/*/learner.yaml",
        "baseline.schema.json": "records/learners/*/baseline.yaml",
        "ilp.schema.json": "records/learners/*/ilp.yaml",
        "interventions.schema.json": "records/learners/*/interventions.yaml",
        "review.schema.json": "records/learners/*/reviews/*.yaml",
    }
    for schema in settings["yaml.schemas"]:
        assert (REPO / schema).is_file()


def independent_verdict(path: Path, kind: str) -> bool:
    """True when check-jsonschema finds the file valid against its schema."""
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "check_jsonschema",
            "--schemafile",
            str(REPO / "schemas" / f"{kind}.schema.json"),
            str(path),
        ],
        capture_output=True,
        text=True,
    )
    return result.returncode == 0


# Mistakes that break a schema, each in one file of learner L2001.
BROKEN = {
    "yes for true": ("ilp.yaml", "learner_involved: true", "learner_involved: yes"),
    "impossible date": ("ilp.yaml", "agreed: 2025", "agreed: 2025-02-30\n# was: 2025"),
    "unknown field": ("learner.yaml", "key_worker:", "keyworker:"),
    "bad choice": ("ilp.yaml", "status: active", "status: Active"),
    "missing field": ("baseline.yaml", "assessed_by:", "assessed:"),
    "wrong type": ("learner.yaml", "year_group: ", "year_group: Year "),
    "bad rating": ("reviews/2026-27-autumn-1.yaml", "rating: on-track", "rating: fine"),
}


@pytest.fixture(scope="module")
def valid_verdicts(tmp_path_factory):
    report = check_json(RECORDS, "2026-12-03")
    invalid = {f["file"] for f in report["findings"] if f["rule"] in ("yaml", "schema")}
    return invalid


def test_both_find_the_example_records_valid(valid_verdicts):
    assert valid_verdicts == set()
    for name, kind in KIND_OF.items():
        for path in sorted(RECORDS.rglob(name))[:3]:
            assert independent_verdict(path, kind), path
    for path in sorted(RECORDS.glob("learners/*/reviews/*.yaml"))[:5]:
        assert independent_verdict(path, "review"), path


@pytest.mark.parametrize("case", BROKEN)
def test_both_find_the_same_file_broken(tmp_path, case):
    name, old, new = BROKEN[case]
    records = tmp_path / "records"
    shutil.copytree(RECORDS, records)
    path = records / "learners/L2001" / name
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), "utf-8")
    kind = "review" if "reviews/" in name else KIND_OF[name]
    report = check_json(records, "2026-12-03")
    broken = {f["file"] for f in report["findings"] if f["rule"] in ("yaml", "schema")}
    assert broken == {f"records/learners/L2001/{name}"}
    assert not independent_verdict(path, kind)
