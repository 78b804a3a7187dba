"""Rebuilds after one record changes redo only what depends on it, and give
exactly what a build from nothing gives."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from .conftest import REPO, run
from .factory import SchoolBuilder


def project(root: Path) -> SchoolBuilder:
    root.mkdir(parents=True, exist_ok=True)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(REPO / "overrides", root / "overrides")
    builder = SchoolBuilder(root)
    for learner in ("L1", "L2", "L3"):
        builder.add(learner)
    return builder


def build(root: Path, *extra: str) -> None:
    code, output = run(
        "build",
        "--records",
        str(root / "records"),
        "--config",
        str(root / "mkdocs.yml"),
        "--as-of",
        "2026-11-20",
        "-q",
        *extra,
    )
    assert code == 0, output


def files(site: Path) -> dict[str, bytes]:
    return {
        p.relative_to(site).as_posix(): p.read_bytes()
        for p in site.rglob("*")
        if p.is_file() and not p.name.startswith(".")
    }


def search_entries(site: Path) -> list:
    index = json.loads((site / "search/search_index.json").read_text())
    return sorted(json.dumps(entry, sort_keys=True) for entry in index["docs"])


def change_voice(records: Path, learner: str, words: str) -> None:
    ilp = records / "learners" / learner / "ilp.yaml"
    text = ilp.read_text()
    old = next(line for line in text.splitlines() if line.startswith("learner_voice:"))
    ilp.write_text(text.replace(old, f"learner_voice: {words}"))


def test_a_rebuild_after_one_change_matches_a_build_from_nothing(tmp_path):
    cached = project(tmp_path / "cached")
    build(cached.records.parent)
    site = cached.records.parent / "site"
    before = {p.name: p.stat().st_mtime_ns for p in (site / "learners").iterdir()}

    change_voice(cached.records, "L2", "I want to read comics.")
    shutil.rmtree(cached.records / "learners/L3")  # and a learner leaves
    build(cached.records.parent)
    after = {p.name: p.stat().st_mtime_ns for p in (site / "learners").iterdir()}
    assert after["L1.html"] == before["L1.html"]  # untouched: not rebuilt
    assert after["L2.html"] != before["L2.html"]
    assert "L3.html" not in after

    fresh = project(tmp_path / "fresh")
    change_voice(fresh.records, "L2", "I want to read comics.")
    shutil.rmtree(fresh.records / "learners/L3")
    build(fresh.records.parent, "--no-cache")
    other = fresh.records.parent / "site"

    ours, theirs = files(site), files(other)
    assert sorted(ours) == sorted(theirs)
    for name in ours:
        if name != "search/search_index.json":
            assert ours[name] == theirs[name], name
    assert search_entries(site) == search_entries(other)
    assert any("comics" in entry for entry in search_entries(site)) is False  # voice
    pages = cached.records.parent / "pages"
    assert files(pages) == files(fresh.records.parent / "pages")


def test_the_cache_is_never_trusted_over_the_files(tmp_path):
    cached = project(tmp_path)
    build(tmp_path)
    change_voice(cached.records, "L1", "I want to bake.")
    build(tmp_path)
    assert "I want to bake." in (tmp_path / "pages/learners/L1.md").read_text()
    # A damaged cache entry is rebuilt, not believed.
    for entry in (tmp_path / ".cache/pathways").rglob("*"):
        if entry.is_file():
            entry.write_bytes(b"not a pickle")
    change_voice(cached.records, "L1", "I want to bake bread.")
    build(tmp_path)
    assert "I want to bake bread." in (tmp_path / "pages/learners/L1.md").read_text()


def test_changing_mkdocs_yml_rebuilds_everything(tmp_path):
    cached = project(tmp_path)
    build(tmp_path)
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        config.read_text().replace("site_name: Pathways", "site_name: Pathways Trust")
    )
    build(tmp_path)
    assert "Pathways Trust" in (tmp_path / "site/learners/L1.html").read_text()
    del cached


def test_each_learners_change_dates_are_found_in_one_pass(tmp_path, monkeypatch):
    """The cache key of each learner's pages holds the dates their files last
    changed. Finding them once for the whole site, rather than walking every
    file's date for every learner, keeps a 10,000-learner rebuild linear: the
    walk once made a rebuild take half as long as a build from nothing."""
    from datetime import date

    from generator.cache import Store
    from generator.cohort import read_cohort
    from generator.pages import render_pages, views
    from generator.rules import evaluate

    class Counted(dict):
        walks = 0

        def items(self):
            Counted.walks += 1
            return super().items()

    history = Counted(
        {
            "records/learners/L1/ilp.yaml": date(2026, 9, 1),
            "records/learners/L1/reviews/2026-27-autumn-1.yaml": date(2026, 10, 2),
            "records/learners/L10/ilp.yaml": date(2026, 9, 3),
            "records/school.yaml": date(2026, 7, 1),
        }
    )
    monkeypatch.setattr(views, "last_changed", lambda root, records: history)
    builder = SchoolBuilder(tmp_path)
    for learner in ("L1", "L10", "L2"):
        builder.add(learner)
    result = evaluate(read_cohort(builder.records, use_cache=True), date(2026, 11, 20))
    site = views.SiteView.build(result)
    assert site.changed_by_folder == {
        "records/learners/L1": [
            ("records/learners/L1/ilp.yaml", "2026-09-01"),
            ("records/learners/L1/reviews/2026-27-autumn-1.yaml", "2026-10-02"),
        ],
        "records/learners/L10": [("records/learners/L10/ilp.yaml", "2026-09-03")],
    }
    Counted.walks = 0
    render_pages(result, lambda name, text: None, cache=Store(tmp_path / "pages"))
    assert Counted.walks == 1  # once for the site, not once for each learner
