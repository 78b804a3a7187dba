"""Every kind of page, opened in headless Chromium: no console errors, no request
outside localhost, record text shown literally, and no serious or critical
accessibility violation (axe-core, WCAG 2.2 AA rules).

Needs Debian's chromium, Playwright for Python and axe-core (npm, in
tests/browser). Without them the tests skip on a laptop and fail in CI.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from pathlib import Path
from urllib.parse import urlparse

import pytest

from .conftest import RECORDS, REPO, example_school_only, run
from .factory import dump

AXE = REPO / "tests/browser/node_modules/axe-core/axe.min.js"
SCREENSHOTS = REPO / "test-artifacts/screenshots"
AS_OF = "2026-12-03"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
HOSTILE = '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned=2">'
PAGES = {
    "home": "index.html",
    "kpi": "kpi/on_track.html",
    "kpi-baseline": "kpi/baseline.html",
    "reviews": "reviews.html",
    "learners": "learners/index.html",
    "learner": "learners/L2014.html",
    "hostile learner": "learners/X9001.html",
    "programmes": "programmes/index.html",
    "programme": "programmes/zones.html",
    "data quality": "data-quality.html",
}

pytestmark = example_school_only


def _missing() -> str | None:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright for Python is not installed"
    if not shutil.which("chromium"):
        return "Debian's chromium is not installed"
    if not AXE.exists():
        return "axe-core is not installed (npm ci --prefix tests/browser)"
    return None


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    reason = _missing()
    if reason:
        if os.environ.get("CI"):
            pytest.fail(f"Browser tests cannot run in CI: {reason}.")
        pytest.skip(reason)
    root = tmp_path_factory.mktemp("browser")
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(REPO / "overrides", root / "overrides")
    shutil.copytree(RECORDS, root / "records")
    _add_hostile_learner(root / "records")
    code, output = run(
        "build",
        "--records",
        str(root / "records"),
        "--config",
        str(root / "mkdocs.yml"),
        "--as-of",
        AS_OF,
        "-q",
    )
    assert code in (0, 1), output
    return root / "site"


def _add_hostile_learner(records: Path) -> None:
    """A learner whose every free-text field tries to become markup."""
    source = records / "learners/L2001"
    target = records / "learners/X9001"
    shutil.copytree(source, target)
    import yaml

    learner = yaml.safe_load((target / "learner.yaml").read_text("utf-8"))
    learner["id"] = "X9001"
    learner["name"] = {"given": "Zoë <b>bold</b>", "family": "O'Brien | # *x*"}
    dump(target / "learner.yaml", learner)
    ilp = yaml.safe_load((target / "ilp.yaml").read_text("utf-8"))
    ilp["learner_voice"] = HOSTILE + " [link](javascript:alert(1)) 1. not a list"
    dump(target / "ilp.yaml", ilp)


@pytest.fixture(scope="module")
def server(site):
    handler = functools.partial(QuietHandler, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="module")
def browser(server):
    from playwright.sync_api import sync_playwright

    # Playwright starts Chromium headless with a fresh, empty profile of its own.
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=shutil.which("chromium"), args=CHROMIUM_ARGS
        )
        yield launched
        launched.close()


def open_page(browser, url: str):
    """Open a page, recording console errors and every request it makes."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.errors, page.requests = [], []
    page.on("console", lambda m: m.type == "error" and page.errors.append(m.text))
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    page.on("request", lambda r: page.requests.append(r.url))
    page.goto(url, wait_until="load")
    page.wait_for_load_state("networkidle")
    return page


@pytest.mark.parametrize("name", PAGES)
def test_page_loads_cleanly_offline_and_accessibly(browser, server, name):
    page = open_page(browser, f"{server}/{PAGES[name]}")
    try:
        assert page.errors == [], page.errors
        outside = [
            url
            for url in page.requests
            if urlparse(url).hostname not in ("127.0.0.1", "localhost")
            and not url.startswith(("data:", "blob:"))
        ]
        assert outside == []
        page.add_script_tag(path=str(AXE))
        result = page.evaluate(
            "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})",
            WCAG_TAGS,
        )
        serious = [
            f"{v['id']} ({v['impact']}): {v['help']} — "
            + "; ".join(node["target"][0] for node in v["nodes"][:3])
            for v in result["violations"]
            if v["impact"] in ("serious", "critical")
        ]
        assert serious == []
    finally:
        page.close()


def test_record_text_is_shown_literally_and_never_runs(browser, server):
    page = open_page(browser, f"{server}/learners/X9001.html")
    try:
        assert page.evaluate("() => window.__pwned") is None
        text = page.inner_text("article")
        assert HOSTILE in text
        assert "[link](javascript:alert(1)) 1. not a list" in text
        assert "Zoë <b>bold</b> O'Brien | # *x*" in text
        assert page.locator("article a[href^='javascript']").count() == 0
    finally:
        page.close()


def test_learner_index_filters_and_sorts(browser, server):
    page = open_page(browser, f"{server}/learners/index.html")
    try:
        rows = page.locator(".pathways-index tbody tr")
        total = rows.count()
        page.get_by_label("Class").select_option("Oak")
        visible = [r for r in rows.all() if r.is_visible()]
        assert 0 < len(visible) < total
        assert all(r.locator("td").nth(1).inner_text() == "Oak" for r in visible)
        page.get_by_label("Class").select_option("")
        page.get_by_role("button", name="Year").click()
        years = [int(r.locator("td").nth(2).inner_text()) for r in rows.all()]
        assert years == sorted(years)
    finally:
        page.close()


def test_screenshots_and_print_view(browser, server):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for name, path in (
        ("home", "index.html"),
        ("kpi", "kpi/on_track.html"),
        ("learner", "learners/L2014.html"),
    ):
        page = open_page(browser, f"{server}/{path}")
        page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)
        page.close()
    page = open_page(browser, f"{server}/learners/L2014.html")
    try:
        page.emulate_media(media="print")
        hidden = page.evaluate(
            "() => ['.md-header', '.md-sidebar--primary', '.md-search']"
            ".map(s => document.querySelector(s))"
            ".filter(e => e && getComputedStyle(e).display !== 'none').length"
        )
        assert hidden == 0
        page.screenshot(path=str(SCREENSHOTS / "learner-print.png"), full_page=True)
    finally:
        page.close()
