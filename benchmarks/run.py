"""Time `pathways check` and `pathways build` on made-up schools of several sizes.

From the top of the repository:

    .venv/bin/python benchmarks/run.py [--learners 1000 10000] [--keep DIR]

For each size it writes a demo school (generator/demo.py) into a scratch repository
with a copy of mkdocs.yml and overrides/, then runs each step in a fresh process,
reading its time and peak memory, and prints a Markdown table and the ratios the
project targets. benchmarks/README.md says what each line measures.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the generator package, even when not installed

from generator.demo import AS_OF, write_demo_school  # noqa: E402

BIN = Path(sys.executable).parent  # the environment's pathways and mkdocs
GIB = 1024**3
# The floor: the least any reader of the records must do, which is to read every
# file and parse it with libyaml.
FLOOR = """
import os, sys, yaml
for folder, _, names in os.walk(sys.argv[1]):
    for name in names:
        if name.endswith(".yaml"):
            with open(os.path.join(folder, name), encoding="utf-8") as stream:
                yaml.compose(stream.read(), Loader=yaml.CSafeLoader)
"""
STEPS = ("floor", "check", "build", "mkdocs", "rebuild")
LABELS = {
    "floor": "floor: read + compose (libyaml)",
    "check": "pathways check --format json",
    "build": "pathways build (from nothing)",
    "mkdocs": "bare mkdocs build",
    "rebuild": "pathways build after one record changed",
}


@dataclass
class Run:
    learners: int
    step: str
    seconds: float
    peak_bytes: int


def measure(argv: list[str], cwd: Path) -> tuple[float, int]:
    """Run `argv` in a fresh process; its wall-clock seconds and peak resident
    memory in bytes. Exit status 1 (findings in the records) counts as success."""
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        process = subprocess.Popen(
            argv, cwd=cwd, stdout=subprocess.DEVNULL, stderr=errors
        )
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode not in (0, 1):
            errors.seek(0)
            tail = errors.read().decode("utf-8", "replace")[-3000:]
            raise SystemExit(f"{argv[0]} exited with {process.returncode}:\n{tail}")
    # ru_maxrss is in kilobytes on Linux and in bytes on macOS.
    scale = 1 if sys.platform == "darwin" else 1024
    return seconds, usage.ru_maxrss * scale


def make_repository(folder: Path, learners: int, git: bool) -> Path:
    """A scratch repository: mkdocs.yml, overrides/ and a demo school's records."""
    folder.mkdir(parents=True)
    shutil.copy2(ROOT / "mkdocs.yml", folder / "mkdocs.yml")
    shutil.copytree(ROOT / "overrides", folder / "overrides")
    start = time.perf_counter()
    records = write_demo_school(folder / "records", learners)
    seconds = time.perf_counter() - start
    files = [path for path in records.rglob("*.yaml")]
    size = sum(path.stat().st_size for path in files)
    note(
        f"N={learners}: wrote {len(files)} files, {size / 2**20:.1f} MB "
        f"({size / learners / 1024:.1f} KB a learner) in {seconds:.1f} s"
    )
    if git and shutil.which("git"):
        # The build reads each record's last change from Git, as in a school.
        who = ["-c", "user.name=Benchmark", "-c", "user.email=benchmark@example.org"]
        for args in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "Demo"]):
            subprocess.run(["git", *who, *args], cwd=folder, check=True)
    return folder


def commands(repo: Path) -> dict[str, list[str]]:
    records, config = str(repo / "records"), str(repo / "mkdocs.yml")
    as_of = ["--as-of", AS_OF.isoformat()]
    return {
        "floor": [sys.executable, "-c", FLOOR, records],
        "check": [str(BIN / "pathways"), "check", "--records", records, *as_of]
        + ["--format", "json"],
        "build": [str(BIN / "pathways"), "build", "--records", records, *as_of]
        + ["--config", config, "-q", "--no-cache"],
        # The same pages and configuration as the build, into another folder.
        "mkdocs": [str(BIN / "mkdocs"), "build", "-q", "-f", config]
        + ["-d", str(repo / "site-bare")],
        # The same as build, with the cache an earlier build left (see benchmark).
        "rebuild": [str(BIN / "pathways"), "build", "--records", records, *as_of]
        + ["--config", config, "-q"],
    }


def change_one_record(repo: Path, round_: int) -> None:
    """Edit one learner's ILP as a member of staff would, so that a rebuild has
    exactly one learner's pages to redo."""
    ilp = sorted((repo / "records/learners").glob("*/ilp.yaml"))[0]
    text = ilp.read_text("utf-8")
    old = next(line for line in text.splitlines() if line.startswith("learner_voice:"))
    ilp.write_text(text.replace(old, f"learner_voice: Changed for round {round_}."))


# Steps that take seconds, not minutes: each is run this many times and the
# fastest counts, so that a moment of noise on a shared machine does not decide
# the check / floor ratio.
QUICK_STEPS = ("floor", "check")


def benchmark(repo: Path, learners: int, repeat: int, quick_repeat: int) -> list[Run]:
    runs = []
    for step, argv in commands(repo).items():
        best: tuple[float, int] | None = None
        if step == "rebuild":
            measure(argv, repo)  # a build that fills the cache, not timed
        for round_ in range(max(repeat, quick_repeat if step in QUICK_STEPS else 1)):
            if step == "rebuild":
                change_one_record(repo, round_)
            seconds, peak = measure(argv, repo)
            best = min(best or (seconds, peak), (seconds, peak))
        assert best is not None
        note(f"N={learners}: {LABELS[step]}: {best[0]:.2f} s, {best[1] / 2**20:.0f} MB")
        runs.append(Run(learners, step, *best))
    return runs


def table(runs: list[Run]) -> str:
    floor = {run.learners: run.seconds for run in runs if run.step == "floor"}
    lines = [
        "| N | step | seconds | × floor | ms / learner | peak MiB |",
        "|---:|---|---:|---:|---:|---:|",
    ]
    for run in runs:
        lines.append(
            f"| {run.learners:,} | {LABELS[run.step]} | {run.seconds:.2f} "
            f"| {run.seconds / floor[run.learners]:.1f} "
            f"| {run.seconds / run.learners * 1000:.2f} "
            f"| {run.peak_bytes / 2**20:.0f} |"
        )
    return "\n".join(lines)


def targets(runs: list[Run]) -> str:
    """The ratios the project aims for, each with its target and whether it is met."""
    at = {(run.learners, run.step): run for run in runs}
    sizes = sorted({run.learners for run in runs})
    small, large = sizes[0], sizes[-1]
    mid = 1000 if 1000 in sizes else small

    def line(what: str, value: float, target: str, met: bool, unit: str = "") -> str:
        verdict = "met" if met else "MISSED"
        return f"- {what}: **{value:.2f}{unit}** (target {target}): {verdict}"

    check = at[large, "check"].seconds / at[large, "floor"].seconds
    out = [line(f"check / floor at N={large:,}", check, "≤ 1.2", check <= 1.2)]
    if large != small:
        per = [at[n, "build"].seconds / n for n in (large, small)]
        growth = per[0] / per[1]
        out.append(
            line(
                f"build seconds per learner, N={large:,} / N={small:,}",
                growth,
                "≤ 1.5",
                growth <= 1.5,
            )
        )
    else:
        out.append("- build seconds per learner across sizes: needs two sizes")
    build = at[mid, "build"].seconds / at[mid, "mkdocs"].seconds
    out.append(
        line(f"build / bare mkdocs build at N={mid:,}", build, "≤ 1.3", build <= 1.3)
    )
    fraction = at[large, "rebuild"].seconds / at[large, "build"].seconds
    out.append(
        line(
            f"rebuild after one change / full build at N={large:,}",
            fraction,
            "a small fraction",
            fraction <= 0.2,
        )
    )
    peak = at[large, "build"].peak_bytes
    out.append(
        line(
            f"peak build memory at N={large:,}",
            peak / GIB,
            "< 2 GiB",
            peak < 2 * GIB,
            " GiB",
        )
    )
    return "\n".join(out)


def note(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


@contextmanager
def scratch(keep: Path | None) -> Iterator[Path]:
    if keep is not None:
        if keep.exists() and any(keep.iterdir()):
            raise SystemExit(f"--keep {keep}: the folder must be new or empty.")
        keep.mkdir(parents=True, exist_ok=True)
        yield keep
        return
    with tempfile.TemporaryDirectory(prefix="pathways-bench-") as folder:
        yield Path(folder)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--learners", type=int, nargs="+", default=[1000, 10000], metavar="N"
    )
    parser.add_argument(
        "--keep", type=Path, metavar="DIR", help="keep the schools and sites in DIR"
    )
    parser.add_argument(
        "--repeat", type=int, default=1, help="runs of each step; the fastest counts"
    )
    parser.add_argument(
        "--quick-repeat",
        type=int,
        default=3,
        help="runs of the floor and the check (seconds each); the fastest counts",
    )
    parser.add_argument(
        "--no-git", action="store_true", help="do not commit the records to Git"
    )
    args = parser.parse_args()
    runs: list[Run] = []
    with scratch(args.keep) as base:
        for learners in sorted(set(args.learners)):
            repo = make_repository(
                base / f"school-{learners}", learners, not args.no_git
            )
            runs += benchmark(
                repo, learners, max(1, args.repeat), max(1, args.quick_repeat)
            )
    print(table(runs))
    print()
    print(targets(runs))


if __name__ == "__main__":
    main()
