"""Write the pages where mkdocs.yml looks, run MkDocs, and swap the new site in.

Both the pages folder and the site folder are built beside the old ones and
swapped in only when complete, so a failed or interrupted build leaves the
previous site as it was.
"""

from __future__ import annotations

import gc
import json
import logging
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from .cache import CACHE_DIR, Store, code_digest, digest_files
from .pages import render_pages
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


@dataclass
class Prepared:
    """Pages written and ready for MkDocs: what the second half of a build needs,
    with none of the records, so their memory can go before MkDocs runs."""

    config_file: Path
    target: Path
    changed: set[str]
    removed: set[str]
    use_cache: bool


def build_site(
    result: Result,
    config_file: Path,
    site_dir: Path | None = None,
    progress=iter,
    use_cache: bool = False,
) -> Path:
    """Build the whole site for `result`; returns the folder it is in."""
    prepared = write_site_pages(result, config_file, site_dir, progress, use_cache)
    del result
    return run_mkdocs(prepared)


def write_site_pages(
    result: Result,
    config_file: Path,
    site_dir: Path | None = None,
    progress=iter,
    use_cache: bool = False,
) -> Prepared:
    """Check the folders, then write the pages where mkdocs.yml says."""
    docs_dir, configured_site = site_folders(config_file)
    target = (site_dir or configured_site).resolve()
    _refuse_records_folder(result, docs_dir, target)
    _refuse_foreign(docs_dir, PAGES_MARK, "docs_dir in mkdocs.yml")
    _refuse_foreign(target, SITE_MARK, "the site folder")
    target.parent.mkdir(parents=True, exist_ok=True)
    store = Store(result.cohort.root / CACHE_DIR / "pages") if use_cache else None
    changed, removed = sync_pages(result, docs_dir, progress, store)
    log.info("Updated %d page files and removed %d.", len(changed), len(removed))
    return Prepared(config_file, target, changed, removed, use_cache)


def run_mkdocs(prepared: Prepared) -> Path:
    """Build the site from the written pages and swap it in when it is complete.

    With the cache, MkDocs rebuilds only the changed pages, into a copy of the
    last site, and the search index is merged; without it, or when mkdocs.yml,
    the theme or Pathways itself changed, it builds everything.
    """
    gc.collect()  # the records are gone by now: give their memory to MkDocs
    config_file, target = prepared.config_file, prepared.target
    manifest = _manifest(config_file)
    directory_urls = _directory_urls(config_file)
    site_tmp = Path(tempfile.mkdtemp(prefix=".site-", dir=target.parent))
    _open_to_readers(site_tmp)
    try:
        if prepared.use_cache and _read_manifest(target) == manifest:
            log.info("Rebuilding the changed pages with MkDocs…")
            _copy_tree(target, site_tmp)
            _forget(site_tmp, prepared.changed | prepared.removed, directory_urls)
            _run_mkdocs(config_file, site_tmp, dirty=True)
            _merge_search_index(target, site_tmp, prepared.removed, directory_urls)
        else:
            log.info("Building the site with MkDocs…")
            _run_mkdocs(config_file, site_tmp)
        (site_tmp / SITE_MARK).write_text(json.dumps(manifest, indent=1))
        _swap_in(site_tmp, target)
    finally:
        shutil.rmtree(site_tmp, ignore_errors=True)
    return target


def _open_to_readers(folder: Path) -> None:
    """mkdtemp makes a folder only its owner can open; a site is for a web server
    to read, so give it the modes any new folder would get."""
    umask = os.umask(0)
    os.umask(umask)
    folder.chmod(0o777 & ~umask)


def sync_pages(
    result: Result, docs_dir: Path, progress=iter, store: Store | None = None
) -> tuple[set[str], set[str]]:
    """Write the pages into `docs_dir` in place, touching only files whose text
    changed and deleting pages that are gone; returns (changed, removed) names.

    Unchanged files keep their modification times, which is how MkDocs knows
    which pages it need not build again.
    """
    docs_dir.mkdir(parents=True, exist_ok=True)
    before = {
        path.relative_to(docs_dir).as_posix()
        for path in docs_dir.rglob("*")
        if path.is_file() and not path.name.startswith(".")
    }
    written: set[str] = set()
    changed: set[str] = set()

    def emit(name: str, text: str | bytes) -> None:
        data = text if isinstance(text, bytes) else text.encode("utf-8")
        path = docs_dir / name
        written.add(name)
        try:
            if path.read_bytes() == data:
                return
        except OSError:
            pass
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        changed.add(name)

    render_pages(result, emit, progress, store)
    removed = before - written
    for name in removed:
        (docs_dir / name).unlink(missing_ok=True)
    (docs_dir / PAGES_MARK).write_text(MARK_TEXT)
    return changed, removed


def _manifest(config_file: Path) -> dict[str, str]:
    """What a site depends on besides its pages: if any of it changes, the next
    build is a full one."""
    from importlib.metadata import version

    base = config_file.resolve().parent
    theme = sorted(p for p in (base / "overrides").rglob("*") if p.is_file())
    return {
        "pathways": code_digest(),
        "config": digest_files([config_file.resolve(), *theme]),
        "mkdocs": version("mkdocs"),
        "material": version("mkdocs-material"),
    }


def _read_manifest(site: Path) -> dict | None:
    try:
        return json.loads((site / SITE_MARK).read_text("utf-8"))
    except (OSError, ValueError):
        return None


def _directory_urls(config_file: Path) -> bool:
    from mkdocs.utils.yaml import yaml_load

    with config_file.open("rb") as stream:
        raw = yaml_load(stream) or {}
    return bool(raw.get("use_directory_urls", True))


def _site_path(page: str, directory_urls: bool) -> str:
    """Where MkDocs writes the page or file `page` of the docs folder."""
    if not page.endswith(".md"):
        return page
    stem = page[: -len(".md")]
    if stem == "index" or stem.endswith("/index") or not directory_urls:
        return f"{stem}.html"
    return f"{stem}/index.html"


# Files MkDocs writes on every build, dirty or not, and that a dirty build
# would otherwise leave half right.
ALWAYS_WRITTEN = (
    "404.html",
    "sitemap.xml",
    "sitemap.xml.gz",
    "search/search_index.json",
)


def _copy_tree(source: Path, copy: Path) -> None:
    """A full copy of the last site, keeping modification times (which MkDocs
    compares to decide what to rebuild). A copy, not links: MkDocs writes some
    files in place, and the last site must stay as it was until the swap."""
    shutil.copytree(source, copy, copy_function=shutil.copy2, dirs_exist_ok=True)
    (copy / SITE_MARK).unlink(missing_ok=True)


def _forget(site: Path, pages: set[str], directory_urls: bool) -> None:
    for page in pages:
        (site / _site_path(page, directory_urls)).unlink(missing_ok=True)
    for name in ALWAYS_WRITTEN:
        (site / name).unlink(missing_ok=True)


def _merge_search_index(
    old_site: Path, new_site: Path, removed: set[str], directory_urls: bool
) -> None:
    """MkDocs indexes only the pages a dirty build rebuilt: keep the last index's
    entries for every other page that still exists."""
    path = Path("search/search_index.json")
    try:
        old = json.loads((old_site / path).read_text("utf-8"))
        new = json.loads((new_site / path).read_text("utf-8"))
    except (OSError, ValueError):
        return
    gone = {_site_path(page, directory_urls) for page in removed}

    def page_of(entry: dict) -> str:
        return entry["location"].split("#", 1)[0]

    rebuilt = {page_of(entry) for entry in new["docs"]}
    kept = [
        entry
        for entry in old["docs"]
        if page_of(entry) not in rebuilt and page_of(entry) not in gone
    ]
    new["docs"] = kept + new["docs"]
    (new_site / path).write_text(json.dumps(new, separators=(",", ":")), "utf-8")


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


def _run_mkdocs(config_file: Path, site_tmp: Path, dirty: bool = False) -> None:
    from jinja2 import TemplateError, TemplateSyntaxError
    from mkdocs.commands.build import build
    from mkdocs.exceptions import MkDocsException

    config = _load_config(config_file, site_dir=str(site_tmp))
    try:
        with _quiet_dirty_warning():
            build(config, dirty=dirty)
    except MkDocsException as error:
        raise BuildFailed(f"MkDocs could not build the site: {error}") from None
    except TemplateError as error:
        where = ""
        if isinstance(error, TemplateSyntaxError):
            name = Path(error.filename or error.name or "a template")
            if name.is_relative_to(config_file.parent.resolve()):
                name = name.relative_to(config_file.parent.resolve())
            where = f" ({name.as_posix()}, line {error.lineno})"
        message = (error.message or "").rstrip(".")
        raise BuildFailed(
            f"The site's page templates have a mistake{where}: {message}. If "
            "overrides/ was changed, undo that change. The previous site is kept."
        ) from None


@contextmanager
def _quiet_dirty_warning() -> Iterator[None]:
    """MkDocs warns that a dirty build may leave navigation and search wrong; this
    site's navigation is fixed and its search index is merged afterwards."""

    def drop(record: logging.LogRecord) -> bool:
        return "'dirty' build" not in record.getMessage()

    logger = logging.getLogger("mkdocs.commands.build")
    logger.addFilter(drop)
    try:
        yield
    finally:
        logger.removeFilter(drop)


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
