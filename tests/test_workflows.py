"""The CI gate files parse, and every pathways command they run exists."""

from __future__ import annotations

import re
import shlex

import pytest
import yaml

from .conftest import REPO, run

FILES = [
    ".github/workflows/pathways.yml",
    ".gitlab-ci.yml",
    ".pre-commit-hooks.yaml",
    ".pre-commit-config.yaml",
]


def commands(node) -> list[str]:
    """Every shell line in a parsed CI file that runs pathways."""
    found = []
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("run", "script", "entry") and isinstance(value, str):
                found.extend(value.splitlines())
            elif key == "script" and isinstance(value, list):
                found.extend(value)
            else:
                found.extend(commands(value))
    elif isinstance(node, list):
        for item in node:
            found.extend(commands(item))
    return [line for line in found if re.search(r"\bpathways\b", line)]


@pytest.mark.parametrize("name", FILES)
def test_parses_and_calls_real_commands(name):
    data = yaml.safe_load((REPO / name).read_text("utf-8"))
    lines = commands(data)
    assert lines, f"{name} runs no pathways command"
    for line in lines:
        words = shlex.split(line.split("||")[0])
        words = words[words.index("pathways") + 1 :]
        command = [w for w in words if not w.startswith("-")][:1]
        options = [w.split("=")[0] for w in words if w.startswith("--")]
        code, output = run(*command, "--help")
        assert code == 0, f"{name}: 'pathways {command[0]}' does not exist"
        for option in options:
            assert option in output, f"{name}: {option} is not an option of {command}"


def test_github_annotates_pull_requests():
    workflow = yaml.safe_load((REPO / FILES[0]).read_text("utf-8"))
    steps = workflow["jobs"]["check"]["steps"]
    assert any(step.get("run") == "pathways check --format github" for step in steps)
    assert "pull_request" in workflow[True]  # YAML 1.1 reads the key "on" as true
