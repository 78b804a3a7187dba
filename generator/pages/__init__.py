"""Write the site's Markdown pages from a check result."""

from __future__ import annotations

from collections import defaultdict
from functools import cache
from pathlib import Path

import jinja2

from ..calendar import long_date
from ..findings import Finding
from ..records import KPI_KEYS
from ..report import KPI_NAMES, percent
from ..rules import Result
from . import views
from .charts import trend_chart
from .learner_view import LearnerView, change, measure_name, measure_value, read_measure
from .markdown import Md, escape, finalize, link, yaml_str

ASSETS = Path(__file__).parent / "assets"


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
        long_date=long_date, percent=percent, escape=escape, yaml_str=yaml_str
    )
    env.globals.update(
        link=link,
        Md=Md,
        KPI_NAMES=KPI_NAMES,
        KPI_KEYS=KPI_KEYS,
        read_measure=read_measure,
        measure_name=measure_name,
        measure_value=measure_value,
        change=change,
    )
    return env


def render(template: str, **context) -> str:
    return environment().get_template(template).render(**context)


def write_pages(result: Result, out: Path, progress=iter) -> int:
    """Write every page of the site into `out`; returns the number of pages."""
    site = views.SiteView.build(result)
    by_learner: dict[str | None, list[Finding]] = defaultdict(list)
    for finding in result.findings:
        by_learner[finding.learner].append(finding)

    pages: dict[str, str] = {
        "index.md": render("home.md.j2", site=site),
        "reviews.md": render("reviews.md.j2", site=site),
        "data-quality.md": render("data_quality.md.j2", site=site),
        "learners/index.md": render("learners.md.j2", site=site),
        "programmes/index.md": render("programmes.md.j2", site=site),
    }
    for key in KPI_KEYS:
        kpi = site.kpi_view(key)
        pages[f"kpi/{key}.md"] = render("kpi.md.j2", site=site, kpi=kpi)
        points = [(point.label, point.figure.value) for point in kpi.trend]
        title = f"{KPI_NAMES[key]}: share of eligible learners meeting it, by half term"
        pages[f"charts/kpi-{key}.svg"] = trend_chart(title, points, kpi.figure.target)
    for programme in site.programmes:
        pages[f"programmes/{programme.id}.md"] = render(
            "programme.md.j2", site=site, programme=programme
        )
    for learner in progress(site.published):
        page = LearnerView.build(learner, site, by_learner.get(learner.id, []))
        pages[f"learners/{learner.id}.md"] = render(
            "learner.md.j2", site=site, page=page
        )
        for name, svg in page.charts.items():
            pages[f"charts/learners/{name}"] = svg

    for name, text in pages.items():
        path = out / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    for asset in ASSETS.iterdir():
        target = out / "assets" / asset.name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(asset.read_bytes())
    return len(pages)
