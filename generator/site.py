"""Write the pages where mkdocs.yml looks, run MkDocs, and swap the new site in.

Both the pages folder and the site folder are built beside the old ones and
swapped in only when complete, so a failed or interrupted build leaves the
previous site as it was.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
from pathlib import Path

from .pages import write_pages
from .rules import Result

log = logging.getLogger(__name__)
PAGES_MARK, SITE_MARK = ".pathways-pages", ".pathways-site"
MARK_TEXT = "Written by pathways build, which replaces this folder on every build.\n"
PROJECT_FILES = (".git", "mkdocs.yml", "pyproject.toml", "records", "school.yaml")


class BuildFailed(Exception):
    """The site could not be built; the previous site is untouched."""


def site_folders(config_file: Path) -> tuple[Path, Path]:
    """The docs_dir and site_dir that mkdocs.yml names, as absolute paths."""
    from mkdocs.utils.yaml import yaml_load

    if not config_file.is_file():
        raise BuildFailed(
            f"There is no {config_file}. Run pathways build from the top of the "
            "repository, or give --config."
        )
    try:
        with config_file.open("rb") as stream:
            raw = yaml_load(stream) or {}
    except Exception as error:  # any YAML or tag error in a hand-edited file
        raise BuildFailed(f"{config_file} cannot be read: {error}") from None
    if not isinstance(raw, dict):
        raise BuildFailed(f"{config_file} is not a MkDocs configuration.")
    base = config_file.resolve().parent
    docs_dir = base / str(raw.get("docs_dir", "docs"))
    site_dir = base / str(raw.get("site_dir", "site"))
    return docs_dir.resolve(), site_dir.resolve()


def _load_config(config_file: Path, **overrides):
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    try:
        return load_config(str(config_file), **overrides)
    except MkDocsException as error:
        raise BuildFailed(f"{config_file} has a problem: {error}") from None


def build_site(
    result: Result, config_file: Path, site_dir: Path | None = None, progress=iter
) -> Path:
    """Build the whole site for `result`; returns the folder it is in."""
    docs_dir, configured_site = site_folders(config_file)
    target = (site_dir or configured_site).resolve()
    _refuse_records_folder(result, docs_dir, target)
    target.parent.mkdir(parents=True, exist_ok=True)

    pages_tmp = Path(tempfile.mkdtemp(prefix=".pages-", dir=docs_dir.parent))
    site_tmp = Path(tempfile.mkdtemp(prefix=".site-", dir=target.parent))
    try:
        _refuse_foreign(docs_dir, PAGES_MARK, "docs_dir in mkdocs.yml")
        _refuse_foreign(target, SITE_MARK, "the site folder")
        count = write_pages(result, pages_tmp, progress)
        (pages_tmp / PAGES_MARK).write_text(MARK_TEXT)
        log.info("Wrote %d pages.", count)
        _swap_in(pages_tmp, docs_dir)
        log.info("Building the site with MkDocs…")
        _run_mkdocs(config_file, site_tmp)
        (site_tmp / SITE_MARK).write_text(MARK_TEXT)
        _swap_in(site_tmp, target)
    finally:
        shutil.rmtree(pages_tmp, ignore_errors=True)
        shutil.rmtree(site_tmp, ignore_errors=True)
    return target


def _refuse_records_folder(result: Result, *folders: Path) -> None:
    records = result.cohort.records.resolve()
    for folder in folders:
        folder = folder.resolve()
        if folder == records or records in folder.parents or folder in records.parents:
            raise BuildFailed(
                f"{folder} overlaps the records folder {records}; the build would "
                "overwrite records. Choose another folder in mkdocs.yml or --site-dir."
            )


def _refuse_foreign(folder: Path, mark: str, what: str) -> None:
    """Refuse to replace a folder that Pathways did not make: a build replaces the
    whole folder, and a mistyped --site-dir must not wipe someone's work."""
    if not folder.exists() or (folder / mark).exists():
        return
    if folder.is_dir() and not any(folder.iterdir()):
        return
    first_page = "index.html" if mark == SITE_MARK else "index.md"
    looks_built = (folder / first_page).exists() and not any(
        (folder / name).exists() for name in PROJECT_FILES
    )
    if looks_built:
        return  # made by an earlier build, or by a plain `mkdocs build`
    raise BuildFailed(
        f"{folder} already holds files that Pathways did not write, and building "
        f"replaces the whole of {what}. Choose an empty or new folder."
    )


def _run_mkdocs(config_file: Path, site_tmp: Path) -> None:
    from mkdocs.commands.build import build
    from mkdocs.exceptions import MkDocsException

    config = _load_config(config_file, site_dir=str(site_tmp))
    try:
        build(config)
    except MkDocsException as error:
        raise BuildFailed(f"MkDocs could not build the site: {error}") from None


def _swap_in(new: Path, target: Path) -> None:
    """Replace `target` with `new` with two renames, keeping the old copy until the
    new one is in place."""
    old = None
    if target.exists():
        old = target.with_name(f".{target.name}-old-{new.name.lstrip('.')}")
        target.rename(old)
    new.rename(target)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
