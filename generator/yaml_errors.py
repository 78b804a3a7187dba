"""What a YAML syntax error means for a member of staff, and where to look: the
parser's own words are for programmers, and its line is not always the one to
fix."""

from __future__ import annotations

import re

import yaml

_DASH_SLIP = re.compile(r"^\s*-[^\s-]")
_COLON_SLIP = re.compile(r"^\s*(- )?([A-Za-z_][\w-]*):(?=[^\s/])")
# Spaces that look ordinary but are not YAML's: pasted in from Word or a web page.
ODD_SPACES = {"\u00a0": "non-breaking space", "\u202f": "narrow non-breaking space"}
ODD_SPACES |= {"\u2007": "figure space", "\u3000": "wide space"}


def layout_slip(text: str, error: yaml.MarkedYAMLError) -> tuple[int, str] | None:
    """Two slips that make YAML report the wrong line: '-id:' and 'key:value'."""
    marks = [m.line for m in (error.context_mark, error.problem_mark) if m is not None]
    if not marks or "scanning a quoted scalar" in (error.context or ""):
        return None  # inside quotation marks, a line's layout means nothing
    lines = text.split("\n")
    for number in range(max(min(marks) - 1, 0), min(max(marks) + 1, len(lines))):
        line = lines[number]
        if _DASH_SLIP.match(line):
            return number + 1, (
                "This line starts with '-' but has no space after it. Write '- ' "
                "(a dash and a space) to start a list entry."
            )
        slip = _COLON_SLIP.match(line)
        if slip:
            return number + 1, (
                f"'{slip.group(2)}:' needs a space after the colon, as in "
                f"'{slip.group(2)}: ...'."
            )
    return None


def explain_yaml_error(
    error: yaml.MarkedYAMLError, text: str = ""
) -> tuple[int | None, str]:
    mark = error.problem_mark or error.context_mark
    line = mark.line + 1 if mark else None
    problem = error.problem or ""
    lines = text.split("\n")
    odd = _odd_space(lines, error)
    if odd:
        return odd
    if "scanning a block scalar" in (error.context or ""):
        return line, (
            "Text after > or | must start on the next line, indented. Move the text "
            "to the line below, or put the whole value in double quotes."
        )
    if "while parsing a flow" in (error.context or ""):
        # In a flow sequence or mapping YAML marks where the [ or { opened; for a
        # flow node it marks the end of the file, so look back for the bracket.
        if "flow node" in (error.context or "") or error.context_mark is None:
            opened = _last_line_with(lines, "[{", before=mark.line if mark else 0)
        else:
            opened = error.context_mark.line + 1
        return opened or line, (
            "A list opened with [ (or a group with {) is never closed. Close it with "
            "] (or }), or, if the text itself starts with [ or {, put the whole value "
            "in double quotes."
        )
    if "mapping values are not allowed" in problem:
        return line, (
            "YAML found a colon followed by a space where it did not expect one. If "
            "the value on this line contains ': ', put the whole value in quotes; "
            "otherwise line this field up with the fields around it."
        )
    if "did not find expected key" in problem:
        return line, (
            "YAML cannot read the end of this line. A value that starts with a "
            "quotation mark, [ or { must end with it: put the whole value in double "
            'quotes, for example learner_voice: "Calm corner" is where I want. Inside '
            "single quotes, write an apostrophe twice ('Hazel''s class')."
        )
    if "expected alphabetic or numeric character" in problem and "alias" in (
        error.context or ""
    ):
        return line, (
            "A value here starts with *, which YAML reads as a reference to another "
            "value. Put the whole value in double quotes."
        )
    if "block sequence entries are not allowed" in problem:
        return line, (
            "A value cannot start with '- ' on the same line as its field name. Put "
            "the whole value in double quotes, or start the list on the next line."
        )
    if "cannot start any token" in problem:
        return line, (
            "A value here starts with a character YAML keeps for itself, such as %, "
            "@ or a backtick (`). Put the whole value in double quotes."
        )
    if "expected '-' indicator" in problem:
        return line, (
            "This line sits inside a list but does not start with '- '. Start it "
            "with '- ' if it is another entry, or line it up with the fields of the "
            "entry above."
        )
    if "could not find expected ':'" in problem:
        if error.context_mark is not None:
            line = error.context_mark.line + 1  # where the unfinished line began
        return line, (
            "YAML expected 'name: value' here. Check that the line above has its "
            "colon, and that it lines up with the lines around it."
        )
    if "found duplicate anchor" in problem or "undefined alias" in problem:
        return line, (
            "This line uses a YAML anchor or alias (& or *), which Pathways does not "
            "accept. Write the value out in full, or put the text in quotes."
        )
    if "end of stream" in problem and "quoted scalar" in (error.context or ""):
        line = error.context_mark.line + 1 if error.context_mark else line
        return line, (
            "A quotation mark opened on this line is never closed. Add the closing "
            "quotation mark at the end of the text."
        )
    if "expected a single document" in (error.context or ""):
        return line, (
            "This file holds more than one YAML document (a line '---' part way "
            "through). Keep one record per file and remove the extra '---'."
        )
    if "special characters are not allowed" in problem:
        return line, (
            "This line contains an invisible control character, often pasted in "
            "from another program. Retype the line."
        )
    if "while parsing a block" in (error.context or "") or "indentation" in problem:
        return line, (
            "The indentation on this line does not match the lines above. Line it up "
            "with the other fields at the same level, using spaces."
        )
    if "nesting depth" in problem:
        return line, (
            "Lists or groups here sit too many levels inside each other for a "
            "record. Write the value out plainly."
        )
    return line, (
        "This line cannot be read as YAML. Compare it with the same field in "
        "another learner's records, or put the value in double quotes."
    )


def _odd_space(lines: list[str], error: yaml.MarkedYAMLError) -> tuple[int, str] | None:
    """A non-breaking or other unusual space on the lines YAML stopped at."""
    marks = [m.line for m in (error.context_mark, error.problem_mark) if m is not None]
    for number in sorted(set(marks)):
        text = lines[number] if number < len(lines) else ""
        for space, name in ODD_SPACES.items():
            if space in text:
                return number + 1, (
                    f"This line has a {name} (U+{ord(space):04X}), usually pasted "
                    "in from Word or a web page, which YAML does not read as a "
                    "space. Replace it with an ordinary space."
                )
    return None


def _last_line_with(lines: list[str], characters: str, before: int) -> int | None:
    for number in range(min(before, len(lines) - 1), -1, -1):
        if any(character in lines[number] for character in characters):
            return number + 1
    return None
