"""Read record files safely into plain values that remember their lines.

Staff type YAML by hand, so the reader is strict where YAML 1.1 is surprising:
only `true` and `false` are booleans, `007` stays the text "007", dates stay
text until the schema has checked them, and duplicate keys, anchors, aliases,
tabs used for indenting and files that are not UTF-8 are refused with the line
to fix.
"""

from __future__ import annotations

import math
import os
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml

from .yaml_errors import ODD_SPACES, explain_yaml_error, layout_slip

try:
    _BaseLoader: type = yaml.CSafeLoader
except AttributeError:  # PyYAML built without libyaml: slower, same results
    _BaseLoader = yaml.SafeLoader

Key = str | int
Path_ = tuple[Key, ...]

MAX_DEPTH = 40
_PLAIN_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:seq",
    "tag:yaml.org,2002:map",
}
_INT = re.compile(r"[-+]?(0|[1-9][0-9]*)")
_FLOAT = re.compile(
    r"[-+]?([0-9]+\.[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?|[-+]?[0-9]+[eE][-+]?[0-9]+"
)
# The only plain words YAML 1.2 reads as something other than text.
_WORDS: dict[str, Any] = {
    **dict.fromkeys(("", "~", "null", "Null", "NULL")),
    **dict.fromkeys(("true", "True", "TRUE"), True),
    **dict.fromkeys(("false", "False", "FALSE"), False),
}
_NUMBER_START = frozenset("0123456789+-.")
_TAB_INDENT = re.compile(r"^[ ]*\t", re.MULTILINE)
# Control characters, zero-width characters and direction overrides: invisible,
# but they change how text reads, sorts and groups.
_INVISIBLE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\xad\u200b-\u200f\u202a-\u202e"
    "\u2060-\u2064\u2066-\u2069\ufeff]"
)
_CHARACTER_NAMES = {
    "\u200b": "a zero-width space",
    "\ufeff": "a byte-order mark",
    "\u202e": "a right-to-left override",
    "\u202d": "a left-to-right override",
    "\xad": "a soft hyphen",
    "\u200d": "a zero-width joiner",
}
_ODD_SPACES = "".join(ODD_SPACES)
# Anything the per-value text checks look for: an invisible character, an odd
# space, a ' #' that may cut a value short, or a backslash (escapes in double
# quotes can spell any character). One search of the whole file decides.
_NEEDS_TEXT_CHECKS = re.compile(_INVISIBLE.pattern[:-1] + _ODD_SPACES + "\\\\]| #|\t#")
MAX_NUMBER_DIGITS = 30
# An anchor (&name) or alias (*name) starts a value: after a colon, a dash, a
# bracket, a comma or a line start, with no space after the & or *.
_ANCHOR_LIKE = re.compile(r"(?:^|[\s:\[{,-])[&*][^\s&*]", re.MULTILINE)


class _Loader(_BaseLoader):  # type: ignore[misc, valid-type]
    """Composes nodes without YAML 1.1's guesses; values are typed here instead."""

    yaml_implicit_resolvers: dict = {}
    _DEFAULT_TAGS = {
        yaml.ScalarNode: "tag:yaml.org,2002:str",
        yaml.SequenceNode: "tag:yaml.org,2002:seq",
        yaml.MappingNode: "tag:yaml.org,2002:map",
    }

    def resolve(self, kind: type, value: Any, implicit: Any) -> str:
        # Every untagged node is plain text, a list or a mapping until _scalar
        # decides; skipping the resolver's lookups saves a third of parsing.
        return self._DEFAULT_TAGS[kind]


@dataclass
class Problem:
    """Something wrong with a file as a whole, before its fields are checked."""

    line: int | None
    message: str


@dataclass
class Document:
    """A parsed record: plain JSON-like values, and the parsed nodes they came
    from, which know every value's line. Lines are looked up only when a finding
    needs one, so reading a valid file costs no more than it must."""

    data: Any
    root: yaml.Node | None = field(default=None, repr=False)

    def line(self, path: Path_) -> int:
        """The line of the value at `path` (of its field name, for a field), or of
        its nearest parent that exists."""
        node = self.root
        if node is None:
            return 1
        line = node.start_mark.line + 1
        for key in path:
            if isinstance(node, yaml.MappingNode):
                found = _entry(node, key)
                if found is None:
                    break
                key_node, node = found
                line = key_node.start_mark.line + 1
            elif isinstance(node, yaml.SequenceNode) and isinstance(key, int):
                if not 0 <= key < len(node.value):
                    break
                node = node.value[key]
                line = node.start_mark.line + 1
            else:
                break
        return line

    def typed(self, path: Path_) -> str | None:
        """The value at `path` exactly as typed, when it is a single value."""
        node = self.root
        for key in path:
            if isinstance(node, yaml.MappingNode):
                found = _entry(node, key)
                node = found[1] if found else None
            elif isinstance(node, yaml.SequenceNode) and isinstance(key, int):
                node = node.value[key] if 0 <= key < len(node.value) else None
            else:
                return None
        return node.value if isinstance(node, yaml.ScalarNode) else None


def _entry(node: yaml.MappingNode, key: Key) -> tuple[yaml.Node, yaml.Node] | None:
    """The first key node and value node of `key` in a mapping."""
    for key_node, value_node in node.value:
        if key_node.value == key:
            return key_node, value_node
    return None


class _Refused(Exception):
    def __init__(self, line: int | None, message: str) -> None:
        super().__init__(message)
        self.problem = Problem(line, message)


class _Empty(Exception):
    """The file holds nothing: what to do about it depends on which file it is."""


def read_document(path: Path, max_bytes: int) -> Document | Problem:
    """Read one YAML record file, or say plainly why it cannot be read."""
    try:
        stream = path.open("rb")
    except OSError as error:
        return Problem(1, f"This file cannot be opened ({error.strerror}).")
    with stream:
        size = os.fstat(stream.fileno()).st_size
        if size > max_bytes:
            advice = (
                "If it really needs to be this big, raise max_file_kb in school.yaml "
                "settings."
                if path.name != "school.yaml"
                else "school.yaml itself may not be larger than this."
            )
            return Problem(
                1,
                f"This file is {_kb(size)}, larger than the {_kb(max_bytes)} a record "
                "may be, so it was not read. Check that nothing was pasted into it by "
                f"mistake. {advice}",
            )
        try:
            raw = stream.read()
        except OSError as error:
            return Problem(1, f"This file cannot be read ({error.strerror}).")
    try:
        return parse_document(raw)
    except _Empty:
        advice = NEEDED_FILES.get(
            path.name, "Fill it in, or delete it if it is not needed."
        )
        return Problem(1, f"This file is empty. {advice}")
    except _Refused as refused:
        return refused.problem


# Files that cannot simply be deleted, and how to fill each one in.
NEEDED_FILES = {
    "learner.yaml": "Every learner folder needs its learner.yaml: fill it in, "
    "using another learner's learner.yaml to see the fields it needs.",
    "school.yaml": "Fill it in: copy school.yaml from the example records that "
    "come with Pathways and change it for the school.",
    "programmes.yaml": "List the school's programmes in it, or write "
    "programmes: [] if there are none yet.",
}


def parse_document(raw: bytes) -> Document:
    """Parse the bytes of one record file; raises _Refused with the line to fix."""
    text = _decode(raw)
    if not text.strip() or all(
        not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()
    ):
        raise _Empty
    tab = _TAB_INDENT.search(text)
    if tab:
        line = text.count("\n", 0, tab.start()) + 1
        raise _Refused(
            line,
            "This line is indented with a tab. YAML needs spaces: replace the tab "
            "with spaces so the line lines up with the ones around it.",
        )
    if ("&" in text or "*" in text) and _ANCHOR_LIKE.search(text):
        # rare, so this second look at the file costs little
        _refuse_anchors(text)
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as error:
        raise _Refused(
            *layout_slip(text, error) or explain_yaml_error(error, text)
        ) from None
    except yaml.reader.ReaderError as error:
        line = text.count("\n", 0, error.position) + 1
        raise _Refused(
            line,
            f"This line contains an invisible control character "
            f"(U+{error.character:04X}), usually pasted in from another program. "
            "Retype the line.",
        ) from None
    except yaml.YAMLError as error:
        raise _Refused(None, f"This file cannot be read as YAML: {error}.") from None
    if node is None or (
        isinstance(node, yaml.ScalarNode) and not node.style and not node.value
    ):
        raise _Empty
    return Document(_Builder(text).build(node, 0), node)


def _kb(size: int) -> str:
    return f"{size / 1024:,.0f} KB"


def _decode(raw: bytes) -> str:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")) or raw[:200].count(b"\x00") > 10:
        raise _Refused(
            1,
            "This file is saved as UTF-16 (called 'Unicode' in Notepad), which "
            "Pathways cannot read. Save it again with the UTF-8 encoding.",
        )
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        bad = raw[error.start : error.start + 1]
        guess = bad.decode("cp1252", errors="replace")
        raise _Refused(
            line,
            f"This file is not saved as UTF-8: a character on this line (byte "
            f"0x{bad.hex()}, probably '{guess}' from Word or a Windows program) cannot "
            "be read. Save the file with the UTF-8 encoding, then check the letters "
            "on this line.",
        ) from None
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def _refuse_anchors(text: str) -> None:
    try:
        for token in yaml.scan(text, Loader=_Loader):
            if isinstance(token, yaml.AnchorToken | yaml.AliasToken):
                sign = "&" if isinstance(token, yaml.AnchorToken) else "*"
                raise _Refused(
                    token.start_mark.line + 1,
                    f"'{sign}{token.value}' is a YAML anchor or alias, which Pathways "
                    "does not accept. Write the value out in full, or put text that "
                    "starts with & or * in quotes.",
                )
    except yaml.YAMLError:
        return  # compose reports the same error, with a better message


class _Builder:
    """Turns composed nodes into plain values.

    This walk runs once for every value of every record, so it is written for
    speed: it keeps no paths or lines (Document.line finds those when needed),
    and the text checks run per value only when the file's text as a whole
    holds something they look for.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.seen: set[int] = set()
        self.check_text = _NEEDS_TEXT_CHECKS.search(text) is not None

    @cached_property
    def text_lines(self) -> list[str]:
        return self.text.split("\n")

    def build(self, node: yaml.Node, depth: int) -> Any:
        if node.tag not in _PLAIN_TAGS:
            raise _Refused(
                node.start_mark.line + 1,
                f"'{node.tag}' is a YAML tag, which Pathways does not accept. Remove "
                "it and write the value on its own.",
            )
        if type(node) is yaml.ScalarNode:
            if self.check_text:
                self._check_text(node)
            return _scalar(node)
        if id(node) in self.seen:
            raise _Refused(
                node.start_mark.line + 1,
                "This value repeats another with a YAML alias (*), which Pathways "
                "does not accept. Write the value out in full.",
            )
        if depth > MAX_DEPTH:
            raise _Refused(
                node.start_mark.line + 1,
                "The values here are nested too deeply to be a record.",
            )
        self.seen.add(id(node))
        depth += 1
        if type(node) is yaml.SequenceNode:
            return [self.build(item, depth) for item in node.value]
        mapping: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if type(key_node) is not yaml.ScalarNode:
                raise _Refused(
                    key_node.start_mark.line + 1,
                    "A field name here is a list or a set of fields. Field names "
                    "must be plain words such as 'date'.",
                )
            if self.check_text:
                self._check_text(key_node)
            key = key_node.value
            if key in mapping:
                first = _entry(node, key)[0].start_mark.line + 1  # type: ignore[index]
                line = key_node.start_mark.line + 1
                raise _Refused(
                    line,
                    f"'{key}' appears twice in the same place, on line {first} and "
                    f"line {line}. Keep one of them: YAML would silently use only "
                    "the second.",
                )
            mapping[key] = self.build(value_node, depth)
        return mapping

    def _check_text(self, node: yaml.ScalarNode) -> None:
        line = node.start_mark.line + 1
        if (
            node.style == '"'
            and "\\" in self.text[node.start_mark.index : node.end_mark.index]
        ):
            # "C:\new" in double quotes would silently become C:, a new line, "ew".
            raise _Refused(
                line,
                "Inside double quotes a backslash starts a special character (\\n "
                "is a new line, \\t a tab), so this text would not be kept as typed. "
                "Use single quotes instead, or no quotes.",
            )
        bad = next(
            (
                m
                for m in _INVISIBLE.finditer(node.value)
                if not _joins_emoji(node.value, m)
            ),
            None,
        )
        if bad:
            name = _CHARACTER_NAMES.get(bad.group(), "an invisible control character")
            raise _Refused(
                line,
                f"The text here contains {name} (U+{ord(bad.group()):04X}), which "
                "cannot be seen but changes how the text reads or sorts. It usually "
                "comes from pasting. Retype the value.",
            )
        visible = node.value.strip(" \t\n")
        if visible and (visible[0] in _ODD_SPACES or visible[-1] in _ODD_SPACES):
            raise _Refused(
                line,
                "The text here starts or ends with an invisible space (often a "
                "non-breaking space from Word). Delete it and retype the space.",
            )
        if not node.style and node.end_mark.line < len(self.text_lines):
            rest = self.text_lines[node.end_mark.line][node.end_mark.column :]
            # "value # more" is a slip; "value  # note", with two spaces, is the
            # usual way to add a comment, as the files `pathways new` makes do.
            if rest.startswith(("\t#", " #")) and not rest.startswith("  "):
                raise _Refused(
                    line,
                    f"YAML reads ' #' as the start of a comment, so only "
                    f"'{_short(node.value)}' is kept and '{_short(rest.strip())}' is "
                    "lost. If that is a note, put two spaces before the # (or move "
                    "the note to a line of its own); if the # belongs to the value, "
                    "put the whole value in quotes.",
                )


class TypedInt(int):
    """A whole number that remembers how it was typed (+44 stays '+44' in text)."""

    text: str

    def __new__(cls, text: str) -> TypedInt:
        number = super().__new__(cls, int(text))
        number.text = text
        return number

    def __str__(self) -> str:
        return self.text

    def __getnewargs__(self) -> tuple[str]:
        return (self.text,)


class TypedFloat(float):
    """A number that remembers how it was typed: a reading age of 8.10 stays 8.10."""

    text: str

    def __new__(cls, text: str) -> TypedFloat:
        number = super().__new__(cls, float(text))
        number.text = text
        return number

    def __str__(self) -> str:
        return self.text

    def __getnewargs__(self) -> tuple[str]:
        return (self.text,)


def _joins_emoji(text: str, match: re.Match) -> bool:
    """A zero-width joiner between two emoji builds one picture (a family, say)."""
    if match.group() != "\u200d":
        return False
    before, after = text[match.start() - 1 : match.start()], text[match.end() :][:1]
    return all(
        ch and (unicodedata.category(ch) in ("So", "Sk") or ch == "\ufe0f")
        for ch in (before, after)
    )


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _scalar(node: yaml.ScalarNode) -> Any:
    value = node.value
    if node.style or len(value) > MAX_NUMBER_DIGITS:
        return value  # quoted, or too long to be a number anyone typed
    if value in _WORDS:
        return _WORDS[value]
    if value[:1] not in _NUMBER_START:
        return value  # most values are words: no need to try them as numbers
    if _INT.fullmatch(value):
        return TypedInt(value)
    if _FLOAT.fullmatch(value) and not re.match(r"[-+]?0[0-9]", value):
        number = TypedFloat(value)
        return number if math.isfinite(number) else value
    return value
