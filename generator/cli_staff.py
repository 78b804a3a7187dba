"""The commands for starting records and reporting: new, import, demo and report.

Kept apart from check and build so each module stays small; they register on the
same `pathways` group.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import click

from . import governors, mis_import, scaffold
from .calendar import DEFAULT_TIMEZONE, today_in
from .cli import (
    EXIT_FINDINGS,
    EXIT_OK,
    _cannot_run,
    _configure_logging,
    _verbosity,
    as_of_for,
    as_of_option,
    load_and_evaluate,
    main,
    records_option,
)
from .cohort import RecordsNotFound, read_cohort
from .report import plural


@main.command("demo", short_help="Write a made-up school's records to try things on.")
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
@_verbosity
def demo_command(
    out: Path, learners: int, seed: int, verbose: int, quiet: bool
) -> None:
    """Write a made-up school's records, for trying Pathways out and benchmarks.

    Every name and sentence is invented. OUT must be a new or empty folder.

    \b
    Example:
      pathways demo --learners 1000 --seed 7 /tmp/demo/records
    """
    from .demo import write_demo_school

    _configure_logging(verbose, quiet)
    try:
        write_demo_school(out, learners, seed)
    except FileExistsError:
        raise _cannot_run(f"{out} is not empty; choose a new folder.") from None
    if not quiet:
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
@_verbosity
def report_command(
    records: Path,
    as_of: date | None,
    output_format: str,
    output: Path | None,
    verbose: int,
    quiet: bool,
):
    """The KPI table with its breakdowns, for governors and leaders.

    Groups smaller than privacy.min_group_size in school.yaml (default 5) are
    shown as "fewer than 5", never as a figure that could identify a child.

    \b
    Example:
      pathways report --format csv --as-of 2026-12-18 --output kpis.csv
    """
    _configure_logging(verbose, quiet)
    try:
        _, result = load_and_evaluate(records, as_of)
    except RecordsNotFound as error:
        raise _cannot_run(str(error)) from None
    text = governors.render(result, output_format)
    if output is None:
        click.echo(text, nl=False)
    else:
        output.write_text(text, encoding="utf-8")
        if not quiet:
            click.echo(f"Wrote {output}.")


@main.command("import", short_help="Start learners' folders from an MIS pupil list.")
@click.argument(
    "csv_file", metavar="CSV", type=click.Path(path_type=Path, dir_okay=False)
)
@records_option
@click.option(
    "--map",
    "mappings",
    multiple=True,
    metavar="HEADING=FIELD",
    help='Say which column holds a field, for example --map "Adno=id". Fields: '
    + ", ".join(mis_import.HEADINGS)
    + ".",
)
@_verbosity
def import_command(
    csv_file: Path, records: Path, mappings: tuple[str, ...], verbose: int, quiet: bool
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
    _configure_logging(verbose, quiet)
    try:
        cohort = read_cohort(records)
        timezone = cohort.school.timezone if cohort.school else DEFAULT_TIMEZONE
        result = mis_import.import_pupils(cohort, csv_file, mapping, today_in(timezone))
    except (RecordsNotFound, mis_import.ImportRefused) as error:
        raise _cannot_run(str(error)) from None
    for path in result.made:
        if not quiet:
            click.echo(f"Made {path}")
    if result.existing:
        ids = ", ".join(learner_id for _, learner_id in result.existing)
        click.echo(
            f"\nLeft as they are ({plural(len(result.existing), 'learner')} already "
            f"there): {ids}"
        )
    if result.skipped:
        click.echo(f"\nCould not use {plural(len(result.skipped), 'row')}:")
        for number, why in result.skipped:
            click.echo(f"  row {number}: {why}")
    if result.made:
        click.echo(
            f"\n{plural(len(result.made), 'learner')} started. Fill in each one's key "
            "worker and EHCP, then run pathways check."
        )
    else:
        click.echo("\nNo learner was started.")
    sys.exit(EXIT_FINDINGS if result.skipped else EXIT_OK)


@main.group()
def new() -> None:
    """Start a new record from a template; never overwrites anything.

    \b
    Example:
      pathways new review L2001
    """


@new.command("learner", short_help="Start a new learner's learner.yaml.")
@click.argument("learner_id", metavar="ID")
@records_option
@as_of_for("The entry date to fill in")
@_verbosity
def new_learner(
    learner_id: str, records: Path, as_of: date | None, verbose: int, quiet: bool
) -> None:
    """Make records/learners/ID/learner.yaml for a new learner to fill in.

    \b
    Example:
      pathways new learner L2031
    """
    _scaffold(
        records,
        lambda cohort, today: scaffold.new_learner(cohort, learner_id, today),
        as_of,
        verbose,
        quiet,
    )


@new.command("review", short_help="Start a learner's review for a half term.")
@click.argument("learner_id", metavar="ID")
@click.option(
    "--half-term",
    default=None,
    help="The half term to review, such as 2026-27-spring-1 (default: the latest).",
)
@records_option
@as_of_for("The day the review is written, which picks the half term and its date")
@_verbosity
def new_review(
    learner_id: str,
    half_term: str | None,
    records: Path,
    as_of: date | None,
    verbose: int,
    quiet: bool,
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
        verbose,
        quiet,
    )


def _scaffold(
    records: Path, make, as_of: date | None, verbose: int, quiet: bool
) -> None:
    _configure_logging(verbose, quiet)
    try:
        cohort = read_cohort(records)
        timezone = cohort.school.timezone if cohort.school else DEFAULT_TIMEZONE
        made = make(cohort, as_of or today_in(timezone))
        scaffold.write(made)
    except (RecordsNotFound, scaffold.ScaffoldRefused) as error:
        raise _cannot_run(str(error)) from None
    if not quiet:
        click.echo(
            f"Made {made.path}. Fill in the blank fields, then run pathways check."
        )
