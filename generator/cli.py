"""The `pathways` command: parse options, call a stage, turn outcomes into exits."""

from __future__ import annotations

import logging
import os
import re
import sys
import time
from collections import Counter
from datetime import date
from pathlib import Path

import click

from . import report
from .calendar import DEFAULT_TIMEZONE, today_in
from .check import check_records
from .cohort import Cohort, RecordsNotFound, read_cohort
from .rules import Result, evaluate
from .validate import is_iso_date

EXIT_OK, EXIT_FINDINGS, EXIT_CANNOT_RUN = 0, 1, 2
EXIT_INTERRUPTED = 130  # stopped with Ctrl+C, as shells report it


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
            if not 1 <= int(value[5:7]) <= 12:
                self.fail(
                    f"'{value}' is not a real date: there is no month {value[5:7]}.",
                    param,
                    ctx,
                )
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


def as_of_for(what: str):
    """The --as-of option, saying what the date is for in this command."""
    return click.option(
        "--as-of",
        type=AsOfDate(),
        default=None,
        help=f"{what} (default: today where the school is).",
    )


as_of_option = as_of_for("The date to check the records for")
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


def _configure_logging(verbose: int, quiet: bool, chatty: bool = False) -> None:
    """Messages go to standard error: warnings always, more with -v, fewer with
    -q. `chatty` commands (serve) say what they are doing without -v."""
    if verbose and quiet:
        raise click.UsageError("Give -v or -q, not both.")
    level = logging.INFO if verbose or (chatty and not quiet) else logging.WARNING
    if verbose > 1:
        level = logging.DEBUG
    root = logging.getLogger()
    for handler in [h for h in root.handlers if getattr(h, "pathways", False)]:
        root.removeHandler(handler)  # one of ours, from an earlier command
    handler = logging.StreamHandler(sys.stderr)  # the stream of this command
    handler.pathways = True  # type: ignore[attr-defined]
    handler.setFormatter(logging.Formatter("%(message)s"))
    handler.addFilter(_not_mkdocs_chatter)
    root.addHandler(handler)
    root.setLevel(level)


# What MkDocs says that means nothing to staff, or is wrong for a Pathways site:
# learner pages are left out of the navigation on purpose, stale pages are swept
# by the build itself, and the live preview rebuilds only what changed on purpose.
MKDOCS_CHATTER = (
    'not included in the "nav"',
    "are not included in the",
    "contains stale files",
    "'dirty' build",
)


def _not_mkdocs_chatter(record: logging.LogRecord) -> bool:
    if not record.name.startswith("mkdocs"):
        return True
    message = record.getMessage()
    return not any(text in message for text in MKDOCS_CHATTER)


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


def _judge_cached(records: Path, as_of: date | None) -> Result:
    """Read through the cache: after an edit, only the changed learner is re-read."""
    cohort = read_cohort(records, use_cache=True)
    timezone = cohort.school.timezone if cohort.school else DEFAULT_TIMEZONE
    return evaluate(cohort, as_of or today_in(timezone))


def _say_more(result: Result, seconds: float) -> None:
    """With -v: how long the check took and how the findings fall by rule."""
    log = logging.getLogger("pathways")
    log.info("Checked %s in %.1f s.", result.cohort.records, seconds)
    rules = Counter(finding.rule for finding in result.findings)
    if rules:
        counts = ", ".join(f"{rule} {number}" for rule, number in sorted(rules.items()))
        log.info("Findings by rule: %s.", counts)


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
        except SystemExit:
            raise
        except KeyboardInterrupt:
            click.echo(
                "\nStopped. Nothing in records/ was changed, and the site is as the "
                "last complete build left it.",
                err=True,
            )
            sys.exit(EXIT_INTERRUPTED)
        except OSError as error:
            if os.environ.get("PATHWAYS_DEBUG"):
                raise
            where = f" {error.filename}" if error.filename else ""
            raise _cannot_run(
                f"Pathways could not use{where}: {error.strerror or error}. Check that "
                "the folder exists and can be written to. Nothing in records/ was "
                "changed."
            ) from None
        except Exception as error:
            if os.environ.get("PATHWAYS_DEBUG"):
                raise
            logging.getLogger(__name__).debug("Unexpected error", exc_info=True)
            raise _cannot_run(
                f"Pathways stopped on something it did not expect ({error}). Nothing "
                "in records/ was changed. Please report this, with the command you "
                "ran; PATHWAYS_DEBUG=1 shows the details."
            ) from None


@click.group(cls=_Pathways, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="pathways")
def main() -> None:
    """Pathways: check learners' records against the school's KPIs and build the site.

    Run commands from the top of the school's repository, where records/ and
    mkdocs.yml are. Each command has its own --help.

    \b
    Example:
      pathways check --as-of 2026-11-20
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
    start = time.perf_counter()
    try:
        result = check_records(
            records, as_of, progress_bar("Checking learners' records", quiet)
        )
    except RecordsNotFound as error:
        raise _cannot_run(str(error)) from None
    _say_more(result, time.perf_counter() - start)
    if output_format == "text":
        click.echo(report.render_text(result, quiet=quiet))
    else:
        click.echo(report.RENDERERS[output_format](result))
    sys.exit(_exit_for(result))


@main.command(short_help="Check the records, then build the site.")
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
    from .site import BuildFailed, run_mkdocs, site_folders, write_site_pages

    _configure_logging(verbose, quiet)
    try:
        site_folders(config_file)  # a missing or broken mkdocs.yml stops us first
    except BuildFailed as error:
        raise _cannot_run(str(error)) from None
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

    _configure_logging(verbose, quiet, chatty=True)
    try:
        load_and_evaluate(records, as_of)  # fail early, with exit code 2
        serve(
            config_file,
            records,
            lambda: _judge_cached(records, as_of),
            dev_addr,
        )
    except (RecordsNotFound, BuildFailed) as error:
        raise _cannot_run(str(error)) from None


def _cannot_run(message: str) -> click.ClickException:
    error = click.ClickException(message)
    error.exit_code = EXIT_CANNOT_RUN
    return error


# The commands staff use besides check, build and serve register themselves here.
from . import cli_staff  # noqa: E402, F401

if __name__ == "__main__":
    main()
