"""Write the site's Markdown pages from a check result."""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Callable
from functools import cache
from pathlib import Path

import jinja2

from ..cache import Store, code_digest
from ..calendar import long_date
from ..findings import Finding
from ..records import KPI_KEYS
from ..report import KPI_NAMES, percent, plural
from ..rules import Result
from . import views
from .charts import trend_chart
from .learner_view import LearnerView, change, measure_name, measure_value, read_measure
from .markdown import Md, escape, finalize, link, yaml_str

ASSETS = Path(__file__).parent / "assets"


# Roles staff write as initials: camhs reads CAMHS on a page, not "camhs".
ACRONYMS = frozenset(
    {"camhs", "senco", "salt", "elsa", "ot", "ta", "hlta", "ep", "slt", "sen", "pe"}
)


def role_name(slug: str) -> str:
    """A role id as a reader would write it: teaching-assistant → Teaching
    assistant, camhs → CAMHS, speech-and-language-therapist → Speech and
    language therapist."""
    words = [w.upper() if w in ACRONYMS else w for w in slug.split("-") if w]
    text = " ".join(words)
    return text[:1].upper() + text[1:]


@cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("generator.pages", "templates"),
        autoescape=False,  # Markdown, not HTML: `finalize` escapes instead
        finalize=finalize,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters.update(
        long_date=long_date,
        percent=percent,
        escape=escape,
        yaml_str=yaml_str,
        role=role_name,
        plural=plural,
    )
    env.globals.update(
        link=link,
        Md=Md,
        KPI_NAMES=KPI_NAMES,
        KPI_KEYS=KPI_KEYS,
        HOME_OVERDUE=25,
        read_measure=read_measure,
        measure_name=measure_name,
        measure_value=measure_value,
        change=change,
    )
    return env


def render(template: str, **context) -> str:
    return environment().get_template(template).render(**context)


Emit = Callable[[str, str | bytes], None]


def render_pages(
    result: Result, emit: Emit, progress=iter, cache: Store | None = None
) -> None:
    """Render every page of the site, handing each to `emit(name, text)` as it
    is made, so that no more than one learner's pages are in memory at once."""
    site = views.SiteView.build(result)
    by_learner: dict[str | None, list[Finding]] = defaultdict(list)
    for finding in result.findings:
        by_learner[finding.learner].append(finding)

    emit("index.md", render("home.md.j2", site=site))
    emit("reviews.md", render("reviews.md.j2", site=site))
    emit("data-quality.md", render("data_quality.md.j2", site=site))
    emit("learners/index.md", render("learners.md.j2", site=site))
    emit("programmes/index.md", render("programmes.md.j2", site=site))
    for key in KPI_KEYS:
        kpi = site.kpi_view(key)
        emit(f"kpi/{key}.md", render("kpi.md.j2", site=site, kpi=kpi))
        points = [(point.label, point.figure.value) for point in kpi.trend]
        title = f"{KPI_NAMES[key]}: share of eligible learners meeting it, by half term"
        emit(f"charts/kpi-{key}.svg", trend_chart(title, points, kpi.figure.target))
    for programme in site.programmes:
        emit(
            f"programmes/{programme.id}.md",
            render("programme.md.j2", site=site, programme=programme),
        )
    for learner in progress(site.published):
        findings = by_learner.get(learner.id, [])
        for name, text in _learner_pages(site, learner, findings, cache).items():
            emit(name, text)
    for asset in sorted(ASSETS.iterdir()):
        emit(f"assets/{asset.name}", asset.read_bytes())


def _learner_pages(site, learner, findings, cache: Store | None) -> dict[str, str]:
    """A learner's page and charts, from the cache when nothing they show changed."""
    key = None
    if cache is not None and learner.records.digest:
        changed = site.changed_by_folder.get(learner.records.folder, [])
        key = hashlib.sha256(
            repr((learner.records.digest, site.as_of, changed, code_digest())).encode()
        ).hexdigest()
        found = cache.get(key)
        if isinstance(found, dict):
            return found
    page = LearnerView.build(learner, site, findings)
    made = {f"learners/{learner.id}.md": render("learner.md.j2", site=site, page=page)}
    made.update({f"charts/learners/{name}": svg for name, svg in page.charts.items()})
    if key is not None:
        cache.put(key, made)
    return made


def write_pages(result: Result, out: Path, progress=iter) -> int:
    """Write every page of the site into `out`; returns the number of files."""
    written = 0

    def emit(name: str, text: str | bytes) -> None:
        nonlocal written
        path = out / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
        written += 1

    render_pages(result, emit, progress)
    return written
