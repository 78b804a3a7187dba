"""The `pathways` command: parse options, call a stage, turn outcomes into exits."""

from __future__ import annotations

import logging
import os
import re
import sys
from datetime import date
from pathlib import Path

import click

from . import governors, mis_import, report, scaffold
from .calendar import DEFAULT_TIMEZONE, today_in
from .check import check_records
from .cohort import Cohort, RecordsNotFound, read_cohort
from .rules import Result, evaluate
from .validate import is_iso_date

EXIT_OK, EXIT_FINDINGS, EXIT_CANNOT_RUN = 0, 1, 2


class AsOfDate(click.ParamType):
    name = "YYYY-MM-DD"

    def convert(self, value, param, ctx) -> date:
        if isinstance(value, date):
            return value
        if is_iso_date(value):
            return date.fromisoformat(value)
        if re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
            if not 1900 <= int(value[:4]) <= 2199:
                self.fail(f"'{value}' is outside the years 1900 to 2199.", param, ctx)
            self.fail(
                f"'{value}' is not a real date: that day does not exist.", param, ctx
            )
        self.fail(
            f"'{value}' is not a date written year-month-day, for example 2026-11-20.",
            param,
            ctx,
        )


records_option = click.option(
    "--records",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path("records"),
    show_default=True,
    help="The records folder to read.",
)
as_of_option = click.option(
    "--as-of",
    type=AsOfDate(),
    default=None,
    help="The date to check the records for (default: today where the school is).",
)
verbosity_options = [
    click.option(
        "-v", "--verbose", count=True, help="Say more about what is happening."
    ),
    click.option(
        "-q", "--quiet", is_flag=True, help="Print only errors and the summary."
    ),
]


def _verbosity(function):
    for option in reversed(verbosity_options):
        function = option(function)
    return function


def _configure_logging(verbose: int, quiet: bool) -> None:
    level = logging.WARNING if quiet else logging.INFO if verbose else logging.WARNING
    if verbose > 1:
        level = logging.DEBUG
    logging.basicConfig(level=level, format="%(message)s", stream=sys.stderr)


def progress_bar(label: str, quiet: bool = False):
    """A progress bar on a terminal; nothing in CI logs, pipes or with --quiet."""
    shown = sys.stderr.isatty() and not os.environ.get("CI") and not quiet

    def wrap(items: list):
        if not shown or len(items) < 50:
            return iter(items)
        return _bar_iter(items, label)

    return wrap


def _bar_iter(items: list, label: str):
    with click.progressbar(items, label=label, file=sys.stderr, show_pos=True) as bar:
        yield from bar


def load_and_evaluate(
    records: Path, as_of: date | None, quiet: bool = True
) -> tuple[Cohort, Result]:
    """Read the records and judge them; raises RecordsNotFound if there are none."""
    cohort = read_cohort(records, progress_bar("Reading learners' records", quiet))
    timezone = cohort.school.timezone if cohort.school else DEFAULT_TIMEZONE
    return cohort, evaluate(cohort, as_of or today_in(timezone))


def _exit_for(result: Result) -> int:
    return EXIT_FINDINGS if result.errors else EXIT_OK


class _Pathways(click.Group):
    """Turns anything unexpected into a short message and exit code 2: never a
    traceback in front of staff (run with PATHWAYS_DEBUG=1 to see one)."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except (SystemExit, KeyboardInterrupt):
            raise
        except Exception as error:
            if os.environ.get("PATHWAYS_DEBUG"):
                raise
            logging.getLogger(__name__).debug("Unexpected error", exc_info=True)
            raise _cannot_run(
                "Pathways stopped on something it did not expect "
                f"({type(error).__name__}: {error}). Nothing in records/ was "
                "changed. Please report this, with the command you ran; "
                "PATHWAYS_DEBUG=1 shows the details."
            ) from None


@click.group(cls=_Pathways, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="pathways")
def main() -> None:
    """Pathways: check learners' records against the school's KPIs and build the site.

    Run commands from the top of the school's repository, where records/ and
    mkdocs.yml are.
    """


@main.command()
@records_option
@as_of_option
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json", "github"]),
    default="text",
    show_default=True,
    help="text for people, json for scripts, github for pull-request annotations.",
)
@_verbosity
def check(
    records: Path, as_of: date | None, output_format: str, verbose: int, quiet: bool
):
    """Check the records and the KPIs.

    Exits 0 when there are no errors, 1 when errors were found, and 2 when the
    check cannot run at all.

    \b
    Example:
      pathways check --as-of 2026-11-20 --format json
    """
    _configure_logging(verbose, quiet)
    try:
        result = check_records(
            records, as_of, progress_bar("Checking learners' records", quiet)
        )
    except RecordsNotFound as error:
        raise _cannot_run(str(error)) from None
    if output_format == "text":
        click.echo(report.render_text(result, quiet=quiet))
    else:
        click.echo(report.RENDERERS[output_format](result))
    sys.exit(_exit_for(result))


@main.command()
@records_option
@as_of_option
@click.option(
    "--site-dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="Where to put the built site (default: site_dir in mkdocs.yml).",
)
@click.option(
    "--config",
    "config_file",
    type=click.Path(path_type=Path, dir_okay=False),
    default=Path("mkdocs.yml"),
    show_default=True,
    help="The MkDocs configuration that names where the pages go.",
)
@click.option("--strict", is_flag=True, help="Build nothing if the check finds errors.")
@click.option(
    "--cache/--no-cache",
    default=True,
    show_default=True,
    help="Reuse what an earlier build made from files that have not changed.",
)
@_verbosity
def build(
    records: Path,
    as_of: date | None,
    site_dir: Path | None,
    config_file: Path,
    strict: bool,
    cache: bool,
    verbose: int,
    quiet: bool,
):
    """Check the records, then build the site, showing any findings on it.

    The pages are written as Markdown into the docs_dir of mkdocs.yml, so plain
    `mkdocs build` and `mkdocs serve` work on them afterwards.

    \b
    Example:
      pathways build --as-of 2026-11-20
    """
    from .site import BuildFailed, run_mkdocs, write_site_pages

    _configure_logging(verbose, quiet)
    try:
        cohort = read_cohort(
            records, progress_bar("Reading learners' records", quiet), use_cache=cache
        )
    except RecordsNotFound as error:
        raise _cannot_run(str(error)) from None
    timezone = cohort.school.timezone if cohort.school else DEFAULT_TIMEZONE
    result = evaluate(cohort, as_of or today_in(timezone))
    click.echo(report.render_text(result, quiet=quiet))
    exit_code = _exit_for(result)
    if strict and result.errors:
        click.echo(
            "Not building: --strict was given and the check found errors.", err=True
        )
        sys.exit(EXIT_FINDINGS)
    try:
        prepared = write_site_pages(
            result, config_file, site_dir, progress_bar("Writing pages", quiet), cache
        )
        del cohort, result  # MkDocs needs the memory more than the records do
        built = run_mkdocs(prepared)
    except BuildFailed as error:
        raise _cannot_run(str(error)) from None
    if not quiet:
        click.echo(f"Built the site in {built}.")
    sys.exit(exit_code)


@main.command("serve")
@records_option
@as_of_option
@click.option(
    "--config",
    "config_file",
    type=click.Path(path_type=Path, dir_okay=False),
    default=Path("mkdocs.yml"),
    show_default=True,
    help="The MkDocs configuration that names where the pages go.",
)
@click.option(
    "--dev-addr",
    default="127.0.0.1:8000",
    show_default=True,
    help="The address to serve the preview on.",
)
@_verbosity
def serve_command(
    records: Path,
    as_of: date | None,
    config_file: Path,
    dev_addr: str,
    verbose: int,
    quiet: bool,
) -> None:
    """Preview the site, rebuilding it whenever a record changes.

    Open the address it prints in a browser; the page reloads itself after each
    save. Stop it with Ctrl+C.

    \b
    Example:
      pathways serve --dev-addr 127.0.0.1:8080
    """
    from .serve import serve
    from .site import BuildFailed

    logging.basicConfig(level=logging.WARNING if quiet else logging.INFO)
    try:
        load_and_evaluate(records, as_of)  # fail early, with exit code 2
        serve(
            config_file,
            records,
            lambda: load_and_evaluate(records, as_of)[1],
            dev_addr,
        )
    except (RecordsNotFound, BuildFailed) as error:
        raise _cannot_run(str(error)) from None


@main.command("demo")
@click.argument("out", type=click.Path(path_type=Path, file_okay=False))
@click.option(
    "--learners",
    type=click.IntRange(1, 100_000),
    default=100,
    show_default=True,
    help="How many made-up learners to write.",
)
@click.option(
    "--seed",
    type=int,
    default=1,
    show_default=True,
    help="The same seed always gives the same records, byte for byte.",
)
def demo_command(out: Path, learners: int, seed: int) -> None:
    """Write a made-up school's records, for trying Pathways out and benchmarks.

    Every name and sentence is invented. OUT must be a new or empty folder.

    \b
    Example:
      pathways demo --learners 1000 --seed 7 /tmp/demo/records
    """
    from .demo import write_demo_school

    try:
        write_demo_school(out, learners, seed)
    except FileExistsError:
        raise _cannot_run(f"{out} is not empty; choose a new folder.") from None
    click.echo(f"Wrote {learners} made-up learners to {out}.")


@main.command("report")
@records_option
@as_of_option
@click.option(
    "--format",
    "output_format",
    type=click.Choice(governors.FORMATS),
    default="markdown",
    show_default=True,
    help="markdown to read or paste, csv for a spreadsheet, json for scripts.",
)
@click.option(
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Write the report to this file instead of the screen.",
)
def report_command(
    records: Path, as_of: date | None, output_format: str, output: Path | None
):
    """The KPI table with its breakdowns, for governors and leaders.

    Groups smaller than privacy.min_group_size in school.yaml (default 5) are
    shown as "fewer than 5", never as a figure that could identify a child.

    \b
    Example:
      pathways report --format csv --as-of 2026-12-18 --output kpis.csv
    """
    try:
        _, result = load_and_evaluate(records, as_of)
    except RecordsNotFound as error:
        raise _cannot_run(str(error)) from None
    text = governors.render(result, output_format)
    if output is None:
        click.echo(text, nl=False)
    else:
        output.write_text(text, encoding="utf-8")
        click.echo(f"Wrote {output}.")


@main.command("import")
@click.argument(
    "csv_file", metavar="CSV", type=click.Path(path_type=Path, dir_okay=False)
)
@records_option
@as_of_option
@click.option(
    "--map",
    "mappings",
    multiple=True,
    metavar="HEADING=FIELD",
    help='Say which column holds a field, for example --map "Adno=id". Fields: '
    + ", ".join(mis_import.HEADINGS)
    + ".",
)
def import_command(
    csv_file: Path, records: Path, as_of: date | None, mappings: tuple[str, ...]
) -> None:
    """Start a learner folder for each pupil in a CSV exported from the school MIS.

    Reads admission number, legal and preferred names, date of birth, year
    group, class, SEN primary need and entry date. Never changes a learner who
    is already there; lists every row it could not use, and why.

    \b
    Example:
      pathways import pupils.csv --map "Reg Group=group"
    """
    mapping = {}
    for text in mappings:
        heading, _, name = text.rpartition("=")
        if not heading:
            raise click.BadParameter(
                f"'{text}' is not HEADING=FIELD.", param_hint="--map"
            )
        mapping[heading.strip()] = name.strip()
    try:
        cohort = read_cohort(records)
        timezone = cohort.school.timezone if cohort.school else DEFAULT_TIMEZONE
        result = mis_import.import_pupils(
            cohort, csv_file, mapping, as_of or today_in(timezone)
        )
    except (RecordsNotFound, mis_import.ImportRefused) as error:
        raise _cannot_run(str(error)) from None
    for path in result.made:
        click.echo(f"Made {path}")
    if result.skipped:
        click.echo(f"\nCould not use {len(result.skipped)} rows:")
        for number, why in result.skipped:
            click.echo(f"  row {number}: {why}")
    click.echo(
        f"\n{len(result.made)} learners started. Fill in each one's key worker and "
        "EHCP, then run pathways check."
    )
    sys.exit(EXIT_FINDINGS if result.skipped else EXIT_OK)


@main.group()
def new() -> None:
    """Start a new record from a template; never overwrites anything."""


@new.command("learner")
@click.argument("learner_id", metavar="ID")
@records_option
@as_of_option
def new_learner(learner_id: str, records: Path, as_of: date | None) -> None:
    """Make records/learners/ID/learner.yaml for a new learner to fill in.

    \b
    Example:
      pathways new learner L2031
    """
    _scaffold(
        records,
        lambda cohort, today: scaffold.new_learner(cohort, learner_id, today),
        as_of,
    )


@new.command("review")
@click.argument("learner_id", metavar="ID")
@click.option(
    "--half-term",
    default=None,
    help="The half term to review, such as 2026-27-spring-1 (default: the latest).",
)
@records_option
@as_of_option
def new_review(
    learner_id: str, half_term: str | None, records: Path, as_of: date | None
) -> None:
    """Make a review file listing the learner's active targets, outcomes and
    interventions, each with a rating to fill in.

    \b
    Example:
      pathways new review L2001 --half-term 2026-27-autumn-2
    """
    _scaffold(
        records,
        lambda cohort, today: scaffold.new_review(cohort, learner_id, half_term, today),
        as_of,
    )


def _scaffold(records: Path, make, as_of: date | None = None) -> None:
    try:
        cohort = read_cohort(records)
        timezone = cohort.school.timezone if cohort.school else DEFAULT_TIMEZONE
        made = make(cohort, as_of or today_in(timezone))
        scaffold.write(made)
    except (RecordsNotFound, scaffold.ScaffoldRefused) as error:
        raise _cannot_run(str(error)) from None
    click.echo(f"Made {made.path}. Fill in the blank fields, then run pathways check.")


def _cannot_run(message: str) -> click.ClickException:
    error = click.ClickException(message)
    error.exit_code = EXIT_CANNOT_RUN
    return error


if __name__ == "__main__":
    main()
