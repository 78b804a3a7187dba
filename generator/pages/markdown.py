"""Where text from records is escaped: every value printed into a page template
goes through `escape` unless it is already `Md`, Markdown the generator built.

Record text is shown exactly as typed: HTML stays literal, and Markdown marks
(pipes, #, *, _, backticks, list starts) cannot change a page's structure.
"""

from __future__ import annotations

import html
import json
import re
from datetime import date

from ..calendar import long_date

_ALWAYS = {
    "&": "&amp;",
    "<": "&lt;",
    ">": "&gt;",
    "\\": "&#92;",
    "`": "&#96;",
    "*": "&#42;",
    "_": "&#95;",
    "[": "&#91;",
    "]": "&#93;",
    "{": "&#123;",
    "}": "&#125;",
    "|": "&#124;",
    "#": "&#35;",
    "!": "&#33;",
    "$": "&#36;",
    "~": "&#126;",
    "^": "&#94;",
    "=": "&#61;",
}
_TABLE = str.maketrans(_ALWAYS)
_LINE_START = re.compile(r"^([+\-:])|^([0-9]+)([.)])")
_NEWLINES = re.compile(r"\r\n|\r|\n")
_NEEDS_WORK = re.compile(r"[&<>\\`*_\[\]{}|#!$~^=\r\n]|^[+\-:]|^[0-9]+[.)]")


class Md(str):
    """Markdown made by the generator, safe to print as it is."""


def escape(value: object) -> Md:
    """Record text as literal Markdown: one paragraph or table cell, as typed."""
    if isinstance(value, Md):
        return value
    if value is None:
        return Md("")
    if isinstance(value, bool):
        return Md("yes" if value else "no")
    if isinstance(value, date):
        return Md(long_date(value))
    text = str(value).strip()
    if not _NEEDS_WORK.search(text):
        return Md(text)  # most values: words, names, dates, ids
    text = _LINE_START.sub(_neutralise_start, text.translate(_TABLE))
    return Md(_NEWLINES.sub("<br>", text))


def _neutralise_start(match: re.Match) -> str:
    if match.group(1):
        return f"&#{ord(match.group(1))};"
    return f"{match.group(2)}&#{ord(match.group(3))};"


def link(text: object, href: str) -> Md:
    """A link whose words come from records; `href` is built from safe ids only."""
    return Md(f"[{escape(text)}]({href})")


def yaml_str(value: object) -> Md:
    """A page title for YAML front matter. Themes print the title into HTML as it
    is, so it is HTML-escaped here; a JSON string is valid YAML."""
    text = " ".join(str(value).split())
    return Md(json.dumps(html.escape(text), ensure_ascii=True))


def finalize(value: object) -> object:
    """Jinja2's finalize hook: escape every printed value by default."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return value
    return escape(value)
