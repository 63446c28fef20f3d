"""Bad input, reported once and clearly: which file, line and field, what is wrong, what to do.

Every loader raises `InputError`; the command line renders it in the user's language and exits
with code 2. Nothing below the command line prints or exits.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input file. `key` and `params` select a message in `engine.i18n`."""

    key: str
    file: Path | None = None
    line: int | None = None  # 1-based
    column: int | None = None  # 1-based
    field: str | None = None  # the dotted path inside the file, e.g. rules[3].norm
    params: dict[str, Any] = dataclasses.field(default_factory=dict)
    severity: str = "error"
    sheet: str | None = None  # in a workbook: line and column are the cell's row and column

    def where(self) -> str:
        place = str(self.file) if self.file else "<input>"
        if self.sheet is not None:
            return f"{place}:{self.sheet}!{_column_letters(self.column or 1)}{self.line or 1}"
        if self.line is not None:
            place += f":{self.line}"
            if self.column is not None:
                place += f":{self.column}"
        return place


def _column_letters(column: int) -> str:
    """Excel's name for a column: 1 -> A, 27 -> AA."""
    letters = ""
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


class InputError(Exception):
    """One or more problems with the input; nothing has been written when this is raised."""

    def __init__(self, problems: list[Problem] | Problem) -> None:
        self.problems = problems if isinstance(problems, list) else [problems]
        super().__init__("; ".join(p.key for p in self.problems))

    def __reduce__(self) -> tuple[type[InputError], tuple[list[Problem]]]:
        """Pickled with its problems, so that a worker process can raise it in its parent."""
        return InputError, (self.problems,)
