"""`pathways build` on small schools: the pages, the site, and what it must not do."""

from __future__ import annotations

import html
import json
import os
import re
import shutil
from pathlib import Path

import pytest

from .conftest import REPO, run
from .factory import ILP, ON_TIME, SchoolBuilder, review


def project(tmp_path: Path) -> SchoolBuilder:
    """A school repository in tmp_path: records, mkdocs.yml and theme overrides."""
    shutil.copy(REPO / "mkdocs.yml", tmp_path / "mkdocs.yml")
    shutil.copytree(REPO / "overrides", tmp_path / "overrides")
    return SchoolBuilder(tmp_path)


def build(builder: SchoolBuilder, as_of: str = "2026-11-20") -> tuple[int, str]:
    root = builder.records.parent
    return run(
        "build",
        "--records",
        str(builder.records),
        "--config",
        str(root / "mkdocs.yml"),
        "--as-of",
        as_of,
    )


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("school")
    builder = project(root)
    voice = "<script>alert('x')</script> I like **maths** | and # hashes"
    builder.add("L1", ilp={**ILP, "learner_voice": voice})
    builder.add(
        "L2",
        learner_changes={
            "name": {"given": "Zoë", "family": "O'Brien"},
            "needs": {"primary": "ASC"},
        },
    )
    builder.add(
        "GONE",
        learner_changes={
            "name": {"given": "Leftschool", "family": "Person"},
            "leaving_date": "2026-07-22",
        },
        reviews={k: review(d) for k, d in ON_TIME.items() if k.startswith("2025-26")},
    )
    code, output = build(builder)
    assert code == 0, output
    return root


def test_pages_are_written_where_mkdocs_yml_says(built):
    pages = built / "pages"
    for name in (
        "index.md",
        "reviews.md",
        "data-quality.md",
        "learners/index.md",
        "learners/L1.md",
        "kpi/baseline.md",
        "kpi/on_track.md",
        "programmes/index.md",
        "programmes/zones.md",
        "charts/kpi-on_track.svg",
    ):
        assert (pages / name).is_file(), name


def test_home_shows_the_four_kpis(built):
    html = (built / "site/index.html").read_text()
    for name in (
        "Baseline on entry",
        "Personalised outcomes",
        "Interventions in place",
        "On track",
    ):
        assert name in html
    assert "20 November 2026" in html


def test_a_leaver_has_no_page_and_is_not_searchable(built):
    assert not (built / "pages/learners/GONE.md").exists()
    assert not (built / "site/learners/GONE.html").exists()
    index = (built / "site/search/search_index.json").read_text()
    assert "Leftschool" not in index
    assert "GONE" not in index


def test_record_text_is_literal(built):
    page = (built / "site/learners/L1.html").read_text()
    assert "<script>alert" not in page
    # What the browser shows once entities are decoded: exactly what was typed.
    shown = html.unescape(page)
    assert "<script>alert('x')</script> I like **maths** | and # hashes" in shown
    names = html.unescape((built / "site/learners/L2.html").read_text())
    assert (
        '<h1 id="zoe-obrien">Zoë O\'Brien</h1>' in names or "Zoë O'Brien</h1>" in names
    )


def test_every_page_asks_not_to_be_indexed_and_loads_nothing_from_outside(built):
    pages = list((built / "site").rglob("*.html"))
    assert len(pages) > 10
    outside = re.compile(r"""(?:src|href)=["']?(?:https?:)?//""")
    for page in pages:
        html = page.read_text()
        assert '<meta name="robots" content="noindex, nofollow">' in html, page
        assert not outside.search(html), page
        assert "fonts.googleapis" not in html and "fonts.gstatic" not in html


def test_mkdocs_build_works_on_the_written_pages(built, tmp_path):
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    config = load_config(str(built / "mkdocs.yml"), site_dir=str(tmp_path / "plain"))
    mkdocs_build(config)
    assert (tmp_path / "plain/learners/L1.html").is_file()


def test_errors_still_build_but_strict_does_not(tmp_path):
    builder = project(tmp_path)
    builder.add("L1")
    (builder.records / "learners/L1/reviews/2026-27-autumn-1.yaml").unlink()
    code, output = build(builder)
    assert code == 1
    page = (tmp_path / "pages/data-quality.md").read_text()
    assert "review-missed" in page
    shutil.rmtree(tmp_path / "site")
    code, output = run(
        "build",
        "--strict",
        "--records",
        str(builder.records),
        "--config",
        str(tmp_path / "mkdocs.yml"),
        "--as-of",
        "2026-11-20",
    )
    assert code == 1
    assert not (tmp_path / "site").exists()


def test_json_of_the_site_matches_check(built):
    code, output = run(
        "check",
        "--records",
        str(built / "records"),
        "--as-of",
        "2026-11-20",
        "--format",
        "json",
    )
    report = json.loads(output)
    # L1 and L2 on roll, both meeting everything; GONE left in July.
    assert report["kpis"]["on_track"]["eligible"] == 2


def test_names_sort_as_a_reader_expects():
    from generator.pages.views import collation_key

    names = ["Zoë", "Łucja", "Lewis", "O'Brien", "Obi", "Ólafur", "Siobhán", "ostler"]
    assert sorted(names, key=collation_key) == [
        "Lewis",
        "Łucja",
        "Obi",
        "O'Brien",
        "Ólafur",
        "ostler",
        "Siobhán",
        "Zoë",
    ]


def test_names_cannot_break_out_of_the_page_title(tmp_path):
    builder = project(tmp_path)
    name = {"given": "Tyler", "family": "</title><script>alert(1)</script>"}
    builder.add("L1", learner_changes={"name": name})
    assert build(builder)[0] == 0
    page = (tmp_path / "site/learners/L1.html").read_text()
    assert "<script>alert(1)" not in page
    assert "<title>Tyler &lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt; - " in page


def test_learners_whose_ids_differ_only_in_case_get_no_pages(tmp_path):
    builder = project(tmp_path)
    builder.add("L1")
    builder.add("l1")
    builder.add("L2")
    assert build(builder)[0] == 1
    pages = sorted(p.name for p in (tmp_path / "pages/learners").iterdir())
    assert pages == ["L2.md", "index.md"]


def test_a_learner_without_a_page_is_still_listed_as_missing_each_kpi(tmp_path):
    builder = project(tmp_path)
    builder.add("L1")
    builder.add("L2")
    (builder.records / "learners/L2").rename(builder.records / "learners/.L2")
    assert build(builder)[0] == 1
    page = (tmp_path / "pages/kpi/baseline.md").read_text("utf-8")
    assert "| 20 November 2026 | 1 | 2 | 0 | 50% | 100% | no |" in page
    assert (
        "| .L2 (learner.yaml to fix) |  |  | the learner's folder has no "
        "learner.yaml that can be read, so nothing can count until it is fixed |"
    ) in page
    assert not (tmp_path / "pages/learners/.L2.md").exists()


def test_a_site_dir_holding_other_work_is_not_replaced(tmp_path):
    builder = project(tmp_path)
    builder.add("L1")
    precious = tmp_path / "work"
    precious.mkdir()
    (precious / "essay.txt").write_text("mine")
    code, output = run(
        "build",
        "--records",
        str(builder.records),
        "--config",
        str(tmp_path / "mkdocs.yml"),
        "--site-dir",
        str(precious),
    )
    assert code == 2
    assert "already holds files that Pathways did not write" in output
    assert (precious / "essay.txt").read_text() == "mine"
    # An earlier Pathways site in the same place is replaced without fuss.
    assert build(builder)[0] == 0
    assert build(builder)[0] == 0


def test_the_site_folder_can_be_read_by_a_web_server(tmp_path):
    """The site is built in a temporary folder, which only its owner may open;
    once swapped in it has the modes of any new folder, so a web server can
    serve it."""
    builder = project(tmp_path)
    builder.add("L1")
    umask = os.umask(0o022)
    try:
        code, output = build(builder)
    finally:
        os.umask(umask)
    assert code == 0, output
    assert (tmp_path / "site").stat().st_mode & 0o777 == 0o755


def test_a_broken_theme_template_is_named_and_the_old_site_kept(tmp_path):
    builder = project(tmp_path)
    builder.add("L1")
    assert build(builder)[0] == 0
    before = (tmp_path / "site/index.html").read_bytes()
    template = tmp_path / "overrides/main.html"
    template.write_text(template.read_text("utf-8") + "\n{% endblock %}\n", "utf-8")
    code, output = build(builder)
    assert code == 2
    assert (
        "The site's page templates have a mistake (overrides/main.html, line 7): "
        "Encountered unknown tag 'endblock'. If overrides/ was changed, undo that "
        "change. The previous site is kept."
    ) in output
    assert "Traceback" not in output and "TemplateSyntaxError" not in output
    assert (tmp_path / "site/index.html").read_bytes() == before


def test_a_missing_mkdocs_yml_stops_the_build_before_the_check(tmp_path):
    builder = project(tmp_path)
    builder.add("L1")
    code, output = run(
        "build", "--records", str(builder.records), "--config", str(tmp_path / "no.yml")
    )
    assert code == 2
    assert f"There is no {tmp_path / 'no.yml'}." in output
    assert "Pathways check for" not in output


def test_roles_read_as_people_write_them():
    from generator.pages import role_name

    assert role_name("teaching-assistant") == "Teaching assistant"
    assert role_name("camhs") == "CAMHS"
    assert role_name("speech-and-language-therapist") == (
        "Speech and language therapist"
    )
    assert role_name("elsa-trained-ta") == "ELSA trained TA"


def test_data_quality_puts_files_with_errors_first(tmp_path):
    builder = project(tmp_path)
    builder.add("A1")
    builder.add("Z9")
    # A1: an unknown file, a warning. Z9: its latest review missing, an error.
    (builder.records / "learners/A1/notes.txt").write_text("x", "utf-8")
    (builder.records / "learners/Z9/reviews/2026-27-autumn-1.yaml").unlink()
    assert build(builder)[0] == 1
    page = (tmp_path / "pages/data-quality.md").read_text("utf-8")
    assert "1 error and 1 warning, as of 20 November 2026" in page
    headings = [line for line in page.splitlines() if line.startswith("## ")]
    assert headings == [
        "## records/learners/Z9/reviews/2026-27-autumn-1.yaml",
        "## records/learners/A1/notes.txt",
    ]
    programmes = (tmp_path / "pages/programmes/index.md").read_text("utf-8")
    assert "| Teaching assistant |" in programmes


def test_overdue_lists_say_when_a_learner_could_not_be_checked(tmp_path):
    # L2 has missed a review, but a blank key worker leaves learner.yaml
    # unreadable, so what L2 owes is unknown: "Nothing is overdue" would be false.
    builder = project(tmp_path)
    builder.add("L1")
    folder = builder.add("L2")
    (folder / "reviews/2026-27-autumn-1.yaml").unlink()
    learner = folder / "learner.yaml"
    learner.write_text(
        learner.read_text("utf-8").replace("key_worker: Ms Key", "key_worker:")
    )
    assert build(builder)[0] == 1
    notice = (
        "**Not every learner could be checked.** 1 learner: learner.yaml has "
        "mistakes to fix, so what that learner has overdue is not known and not "
        "listed here: "
        "[L2 (learner.yaml to fix)](learners/L2.md). Fix it first: [Data quality]"
        "(data-quality.md) says how."
    )
    home = (tmp_path / "pages/index.md").read_text("utf-8")
    assert notice in home
    assert "Nothing else is known to be overdue." in home
    reviews = (tmp_path / "pages/reviews.md").read_text("utf-8")
    assert notice in reviews
    assert "No other half-termly review is known to be overdue." in reviews
