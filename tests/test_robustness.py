"""Nothing is lost and nothing raises: records stay as they were, a failed build
keeps the previous site, and random damage to records only ever gives findings."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator import site as site_module
from generator.site import BuildFailed

from .conftest import REPO, run
from .factory import SchoolBuilder


def tree_digest(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        digest.update(str(path.relative_to(folder)).encode())
        if path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()


@pytest.fixture
def project(tmp_path) -> SchoolBuilder:
    shutil.copy(REPO / "mkdocs.yml", tmp_path / "mkdocs.yml")
    shutil.copytree(REPO / "overrides", tmp_path / "overrides")
    builder = SchoolBuilder(tmp_path)
    builder.add("L1")
    builder.add("L2")
    return builder


def build(builder: SchoolBuilder) -> tuple[int, str]:
    return run(
        "build",
        "--records",
        str(builder.records),
        "--config",
        str(builder.records.parent / "mkdocs.yml"),
        "--as-of",
        "2026-11-20",
    )


def test_check_and_build_never_write_under_records(project):
    before = tree_digest(project.records)
    assert (
        run("check", "--records", str(project.records), "--as-of", "2026-11-20")[0] == 0
    )
    assert build(project)[0] == 0
    assert tree_digest(project.records) == before


@pytest.mark.parametrize(
    "failure", [BuildFailed("MkDocs stopped"), KeyboardInterrupt()]
)
def test_a_build_that_fails_part_way_leaves_the_previous_site(
    project, monkeypatch, failure
):
    assert build(project)[0] == 0
    site = project.records.parent / "site"
    before = tree_digest(site)

    def half_build(config_file: Path, site_tmp: Path, dirty: bool = False) -> None:
        (site_tmp / "index.html").write_text("half written")
        raise failure

    monkeypatch.setattr(site_module, "_run_mkdocs", half_build)
    code, output = build(project)
    if isinstance(failure, KeyboardInterrupt):
        assert code == 130  # as a shell reports Ctrl+C, with no traceback
        assert "Stopped. Nothing in records/ was changed" in output
    else:
        assert code == 2
        assert "MkDocs stopped" in output
    assert tree_digest(site) == before
    leftovers = [
        p.name
        for p in project.records.parent.iterdir()
        if p.name.startswith(".") and p.name != ".cache"  # the build cache stays
    ]
    assert leftovers == []


def test_the_site_folder_may_not_be_the_records_folder(project):
    code, output = run(
        "build",
        "--records",
        str(project.records),
        "--config",
        str(project.records.parent / "mkdocs.yml"),
        "--site-dir",
        str(project.records),
    )
    assert code == 2
    assert "overlaps the records folder" in output


# --- Random damage -------------------------------------------------------------

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=30),
    st.sampled_from(["2026-02-30", "01/09/2026", "yes", "007", "T1", "zones", ""]),
)
values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(
            st.sampled_from(["id", "area", "by", "date", "targets", "value", "x"])
            | st.text(max_size=8),
            inner,
            max_size=4,
        )
    ),
    max_leaves=12,
)
FILES = [
    "learners/L1/learner.yaml",
    "learners/L1/baseline.yaml",
    "learners/L1/ilp.yaml",
    "learners/L1/interventions.yaml",
    "learners/L1/reviews/2026-27-autumn-1.yaml",
    "school.yaml",
    "programmes.yaml",
]


def damage_by_value(records: Path, name: str, path: list, value) -> None:
    """Replace one value somewhere in a file with a random one."""
    target = records / name
    data = yaml.safe_load(target.read_text("utf-8"))
    node = data
    for step in path[:-1]:
        if isinstance(node, dict) and node:
            node = node[sorted(node)[step % len(node)]]
        elif isinstance(node, list) and node:
            node = node[step % len(node)]
    if isinstance(node, dict) and node:
        node[sorted(node)[path[-1] % len(node)]] = value
    elif isinstance(node, list) and node:
        node[path[-1] % len(node)] = value
    else:
        data = value
    target.write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")


def damage_by_bytes(records: Path, name: str, at: int, junk: bytes) -> None:
    target = records / name
    raw = target.read_bytes()
    cut = at % (len(raw) + 1)
    target.write_bytes(raw[:cut] + junk + raw[cut + len(junk) // 2 :])


def assert_only_findings(records: Path) -> None:
    code, output = run(
        "check", "--records", str(records), "--as-of", "2026-11-20", "--format", "json"
    )
    assert code in (0, 1), output
    report = json.loads(output)
    for finding in report["findings"]:
        assert finding["file"], finding
        assert finding["message"], finding


@pytest.fixture(scope="module")
def pristine(tmp_path_factory) -> Path:
    builder = SchoolBuilder(tmp_path_factory.mktemp("pristine"))
    builder.add("L1")
    builder.add("L2")
    return builder.records


RANDOM = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)


@RANDOM
@given(
    name=st.sampled_from(FILES),
    path=st.lists(st.integers(0, 50), min_size=1, max_size=5),
    value=values,
)
def test_random_values_give_findings_never_exceptions(
    pristine, tmp_path, name, path, value
):
    records = tmp_path / "r"
    shutil.rmtree(records, ignore_errors=True)
    shutil.copytree(pristine, records)
    damage_by_value(records, name, path, value)
    assert_only_findings(records)


@RANDOM
@given(
    name=st.sampled_from(FILES), at=st.integers(0, 5000), junk=st.binary(max_size=40)
)
def test_random_bytes_give_findings_never_exceptions(
    pristine, tmp_path, name, at, junk
):
    records = tmp_path / "r"
    shutil.rmtree(records, ignore_errors=True)
    shutil.copytree(pristine, records)
    damage_by_bytes(records, name, at, junk)
    assert_only_findings(records)
