"""Record text passed through `escape` renders as exactly that text, whatever it
holds: the same Markdown engine and extensions as the site."""

from __future__ import annotations

import html.parser
import re

import markdown
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.pages.markdown import escape

EXTENSIONS = ["tables", "attr_list", "md_in_html", "toc"]


class Text(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.tags: set[str] = set()

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        if tag == "br":
            self.parts.append(" ")

    def handle_data(self, data):
        self.parts.append(data)


def shown(text: str, in_table: bool) -> tuple[str, set[str]]:
    source = f"| a |\n|---|\n| {escape(text)} |\n" if in_table else escape(text)
    parser = Text()
    parser.feed(markdown.markdown(source, extensions=EXTENSIONS))
    return " ".join("".join(parser.parts).split()), parser.tags


def plain(text: str) -> str:
    return " ".join(text.split())


tricky = st.text(
    alphabet=st.sampled_from(
        list("ab 1.)-+:#*_`|<>&![](){}\\~^=$\"'\n\tZoëł") + ["\u00a0"]
    ),
    max_size=40,
)


@settings(max_examples=400, deadline=None)
@given(text=tricky)
def test_any_text_is_shown_as_typed_in_a_paragraph(text):
    got, tags = shown(text, in_table=False)
    assert got == plain(text)
    assert tags <= {"p", "br"}


@settings(max_examples=400, deadline=None)
@given(text=tricky)
def test_any_text_is_shown_as_typed_in_a_table_cell(text):
    got, tags = shown(text, in_table=True)
    assert got == plain("a " + text)
    assert tags <= {"table", "thead", "tbody", "tr", "th", "td", "br"}


def test_examples_staff_type():
    for text in [
        "# Not a heading",
        "1. not a list",
        "- not a bullet",
        "<script>x</script>",
        "a | b",
        "**bold**",
        "`code`",
        "[link](javascript:alert(1))",
        "Zoë O'Brien",
        "{: .class}",
        "===",
        "> quote",
    ]:
        assert shown(text, in_table=False)[0] == plain(text)
        assert re.fullmatch(r"[^\n]*", escape(text))
