"""Bad-input problems as the lines a person reads: place, field, what is wrong, what to do."""

from __future__ import annotations

from woonpact.engine.errors import Problem
from woonpact.engine.i18n import say

LABEL = {("error", "nl"): "fout", ("error", "en"): "error",
         ("warning", "nl"): "waarschuwing", ("warning", "en"): "warning",
         ("note", "nl"): "let op", ("note", "en"): "note",  # engine/notes.py
         ("detail", "nl"): "info", ("detail", "en"): "info"}


def problem_line(problem: Problem, lang: str) -> str:
    label = LABEL[(problem.severity, "en" if lang == "en" else "nl")]
    field = f" [{problem.field}]" if problem.field else ""
    return f"{problem.where()}: {label}{field}: {say(problem.key, lang, **problem.params)}"
