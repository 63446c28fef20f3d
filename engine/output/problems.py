"""Bad-input problems as the lines a person reads: place, field, what is wrong, what to do."""

from __future__ import annotations

from woonpact.engine.errors import Problem
from woonpact.engine.i18n import say


def problem_line(problem: Problem, lang: str) -> str:
    label = say(f"severity.{problem.severity}", lang)  # notes: engine/notes.py
    field = f" [{problem.field}]" if problem.field else ""
    return f"{problem.where()}: {label}{field}: {say(problem.key, lang, **problem.params)}"
