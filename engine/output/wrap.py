"""Lines of at most a width, exactly as `textwrap.wrap` makes them, made faster for plain text.

The terminal table wraps every finding's sentence and every ladder step (a national check:
half a million texts), and `textwrap` splits each into words and spaces with a regular
expression built for hyphenated words and em-dashes, then fills the lines word by word. A
text that textwrap would only cut at its spaces (`_NOT_PLAIN`), whose words all fit on a line,
is cut where textwrap would cut it, at the last space that fits; anything else goes to textwrap
itself. tests/test_wrap.py holds the two to the same lines.
"""

from __future__ import annotations

import re
import textwrap

# Whitespace but the space (textwrap's str.strip() drops it all, \xa0 too), a hyphen before a
# letter (textwrap may break a word after it) and two hyphens (an em-dash): where textwrap does
# more than cut at spaces. A hyphen before a digit (12-06-2025) stays within its word.
_NOT_PLAIN = re.compile(r"[^\S ]|-[^\W\d]|--")
_RUNS = re.compile(r" +|[^ ]+")


def wrap(text: str, width: int, initial_indent: str = "", subsequent_indent: str = "") -> list[str]:
    """`textwrap.wrap(text, width, initial_indent=…, subsequent_indent=…)`."""
    room = width - max(len(initial_indent), len(subsequent_indent))
    if (text[:1] == " " or _NOT_PLAIN.search(text)
            or max(map(len, _RUNS.findall(text)), default=0) > room):
        return textwrap.wrap(text, width, initial_indent=initial_indent,
                             subsequent_indent=subsequent_indent)
    lines: list[str] = []
    start, end = 0, len(text)
    while start < end:
        if lines and text[start] == " ":  # a line after the first starts at a word
            start = len(text) - len(text[start:].lstrip(" "))
            if start == end:
                break
        indent = subsequent_indent if lines else initial_indent
        stop = start + width - len(indent)
        if stop >= end:
            cut = end
        elif text[stop] != " ":  # a word runs over: the line ends before it
            cut = text.rfind(" ", start, stop) + 1
        elif text[stop - 1] != " ":  # a word ends right at the width
            cut = stop
        else:  # spaces run over: the line ends at the word before them
            cut = len(text[start:stop].rstrip(" ")) + start
        line = text[start:cut].rstrip(" ")
        if line:
            lines.append(indent + line)
        start = cut
    return lines
