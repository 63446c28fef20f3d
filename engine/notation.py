"""Dutch notation where the facts want another: the exact text to write instead.

A Dutch data steward writes `4,6%` and `14-09-2027`; YAML, the workbook's text cells and a
comma-separated CSV want `4.6%` and `2027-09-14`. Guessing would be easy and mostly right, but a
verdict rests on it, so the value is refused with the text that means it (docs/tables.md says
where Dutch notation is read as it is: a CSV file separated by `;` or a tab).
"""

from __future__ import annotations

import datetime as dt
import re

DAY_FIRST = re.compile(r"([0-9]{1,2})[-/.]([0-9]{1,2})[-/.]([0-9]{4})")
_COMMA_SHARE = re.compile(r"\s*([0-9]+),([0-9]+)\s*%\s*")
_BARE_NUMBER = re.compile(r"\s*([0-9]+)(?:[.,]([0-9]+))?\s*")


def day_first(text: str) -> dt.date | None:
    """The day a D-M-YYYY text (with -, / or .) names, if it names one."""
    found = DAY_FIRST.fullmatch(text.strip())
    if found is None:
        return None
    day, month, year = map(int, found.groups())
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def share_fix(value: object) -> tuple[str, dict[str, str]] | None:
    """For a share written another way, the message key and the text to write: `4,6%` is
    `4.6%`; a bare number up to 1 is a fraction or a percentage without its sign, so both are
    offered (`0,3`: 30% or 0.3%)."""
    if isinstance(value, str) and (found := _COMMA_SHARE.fullmatch(value)):
        return "schema.share_comma", {"fix": f"{found[1]}.{found[2]}%"}
    text = repr(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else value
    if isinstance(text, str) and (found := _BARE_NUMBER.fullmatch(text)):
        written = f"{found[1]}.{found[2]}" if found[2] else found[1]
        if float(written) <= 1:
            fraction = f"{float(written) * 100:.10g}%"
            return "schema.share_fraction", {"fix": fraction, "percent": f"{written}%"}
        return "schema.share_bare", {"fix": f"{written}%"}
    return None
