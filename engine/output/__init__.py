"""Rendering check results: one small module per format behind one factory.

`result.py` holds the exit-code policy; `words.py` turns findings into sentences and numbers
into Dutch or English notation; each format module only lays those out.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the command line imports this package; the engine loads only for a check
    from woonpact.engine.check import CheckResult

Renderer = Callable[["CheckResult", str], str]

FORMATS = ("table", "json", "markdown")


def renderer(name: str) -> Renderer:
    """Import only the chosen format, to keep the start-up path short."""
    if name == "json":
        from woonpact.engine.output.json_format import render  # noqa: PLC0415
    elif name == "markdown":
        from woonpact.engine.output.markdown import render  # noqa: PLC0415
    else:
        from woonpact.engine.output.table import render  # noqa: PLC0415
    return render


ReportRenderer = Callable[["CheckResult", str, "int | None"], str]


def report_renderer(name: str) -> ReportRenderer:
    """The review-meeting report in HTML or Markdown (`woonpact report`)."""
    if name == "html":
        from woonpact.engine.output.html import render  # noqa: PLC0415
    else:
        from woonpact.engine.output.markdown_report import render  # noqa: PLC0415
    return render
