"""Recording a meeting on the disputes ladder in a year's fact file, safely.

A YAML file is edited as text, so comments and layout survive: the event is appended to the
`escalations:` block (created at the end when there is none). A workbook gets the event as the
next row of its `escalations` sheet (engine/facts/workbook.py). The result is written to a
temporary file beside the original, loaded and validated exactly as `check` would, compared
with the original (everything it held is still there, plus this one event), and only then
put in place with one atomic rename. A failure at any point leaves the original file whole.
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from woonpact.engine.errors import InputError, Problem
from woonpact.engine.facts.loader import load_fact_set
from woonpact.engine.facts.vocabulary import Vocabularies, shared_only
from woonpact.engine.model.facts import EscalationEvent, FactSet

_KEY = re.compile(r"^escalations:[ \t]*(?P<rest>[^#\n]*?)[ \t]*(#.*)?$")


def event_yaml(event: EscalationEvent, indent: str) -> str:
    """The event as a block-list item; free text goes in double quotes (JSON strings are YAML)."""
    fields = [("rule", json.dumps(event.rule, ensure_ascii=False)), ("rung", event.rung),
              ("date", event.date.isoformat())]
    if event.concerns is not None:
        fields.append(("concerns", str(event.concerns)))
    if event.outcome:
        fields.append(("outcome", event.outcome))
    if event.scope:
        fields.append(("scope", json.dumps(event.scope, ensure_ascii=False)))
    if event.note:
        fields.append(("note", json.dumps(event.note, ensure_ascii=False)))
    first, *rest = (f"{name}: {value}" for name, value in fields)
    return "".join([f"{indent}- {first}\n", *(f"{indent}  {line}\n" for line in rest)])


def with_event(text: str, event: EscalationEvent, path: Path) -> str:
    """The file's text with the event appended to its `escalations:` block."""
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    start = next((i for i, line in enumerate(lines) if _KEY.match(line.rstrip("\n"))), None)
    if start is None:
        gap = "" if not lines or lines[-1].strip() == "" else "\n"
        return "".join(lines) + gap + "escalations:\n" + event_yaml(event, "  ")
    rest = _KEY.match(lines[start].rstrip("\n")).group("rest")  # type: ignore[union-attr]
    if rest == "[]":
        lines[start] = "escalations:\n"
    elif rest:
        raise InputError(Problem("record.flow_list", file=path, line=start + 1, field="escalations"))
    end = start + 1
    items = []
    for i in range(start + 1, len(lines)):
        line = lines[i]
        if line.strip() == "" or line.lstrip().startswith("#"):
            continue
        if not (line[0] in " \t" or line.startswith("- ")):
            break  # the next top-level key
        if line.lstrip().startswith("- "):
            items.append(line)
        end = i + 1
    indent = re.match(r"[ \t]*", items[0]).group(0) if items else "  "  # type: ignore[union-attr]
    return "".join([*lines[:end], event_yaml(event, indent), *lines[end:]])


def _same_but_one(before: FactSet, after: FactSet, event: EscalationEvent) -> bool:
    expected = dataclasses.replace(before, escalations=(*before.escalations, event))
    return dataclasses.replace(after, path=before.path) == expected


def record(path: Path, event: EscalationEvent, check: Callable[[FactSet], None],
           write: Callable[[int, str], None] | None = None,
           vocabularies: Vocabularies = shared_only) -> None:
    """Append `event` to the fact file at `path`; `check` cross-checks the result with its pack.

    `write` writes the new text to the temporary file's descriptor (tests pass one that fails
    halfway to show that the original survives); `vocabularies` gives its pack's vocabulary,
    with the figures the pack declares (engine/rules/packs.py).
    """
    if path.suffix.lower() not in (".yaml", ".yml", ".xlsx"):
        raise InputError(Problem("record.not_yaml", file=path))
    before = load_fact_set(path, vocabularies)
    text = _edited(path, event)
    fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}.", suffix=path.suffix)
    temporary = Path(name)
    try:
        (write or _write)(fd, text)
        try:
            after = load_fact_set(temporary, vocabularies)
            check(after)
        except InputError as error:  # name the user's file, not the temporary one
            raise InputError([dataclasses.replace(p, file=path) for p in error.problems]) from None
        if not _same_but_one(before, after, event):
            raise InputError(Problem("record.not_preserved", file=path))
        shutil.copymode(path, temporary)
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def _edited(path: Path, event: EscalationEvent) -> str | bytes:
    """The new content: a YAML file's text with the event appended; a workbook with the event
    as the next row of its `escalations` sheet."""
    if path.suffix.lower() == ".xlsx":
        from woonpact.engine.facts import workbook  # noqa: PLC0415 - openpyxl only for a workbook

        return workbook.with_event(path, event)
    return with_event(path.read_text(encoding="utf-8"), event, path)


def _write(fd: int, text: str | bytes) -> None:
    with os.fdopen(fd, "wb") as handle:
        handle.write(text.encode("utf-8") if isinstance(text, str) else text)
        handle.flush()
        os.fsync(handle.fileno())
