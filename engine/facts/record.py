"""Recording a meeting on the disputes ladder in a year's fact file, safely.

The file is edited as it is, so comments, layout, line endings (CRLF stays CRLF) and a
byte-order mark survive: a YAML file gets the event appended to its `escalations:` block (created
at the end when there is none); a workbook gets it as the next row of its `escalations` sheet
(engine/facts/workbook.py). The whole read-modify-write holds the file's lock (engine/files.py
`exclusive`), so that concurrent calls each land once, in turn; a call that waits longer than
`WAIT` seconds is refused. The new content is written to a temporary file beside the original,
loaded and validated exactly as `check` would, compared with the original (everything it held is
still there, plus this one event), and only then put in place with one atomic rename
(engine/files.py `replace`: a symbolic link is written through to its target; a read-only file
is refused). A failure at any point leaves the original file whole.
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
from collections.abc import Callable
from pathlib import Path

from woonpact.engine import files
from woonpact.engine.errors import InputError, Problem
from woonpact.engine.facts.loader import load_fact_set
from woonpact.engine.facts.vocabulary import Vocabularies, shared_only
from woonpact.engine.model.facts import EscalationEvent, FactSet

_KEY = re.compile(r"^escalations:[ \t]*(?P<rest>[^#\n]*?)[ \t]*(#.*)?$")
WAIT = 30.0  # seconds a call waits for another `record` on the same file


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
    """The file's text with the event appended to its `escalations:` block, in the file's own
    line endings (those of its first line)."""
    lines = text.splitlines(keepends=True)
    newline = "\r\n" if lines and lines[0].endswith("\r\n") else "\n"
    if lines and not lines[-1].endswith(("\n", "\r")):
        lines[-1] += newline
    start = next((i for i, line in enumerate(lines) if _KEY.match(line.rstrip("\r\n"))), None)
    if start is None:
        gap = "" if not lines or lines[-1].strip() == "" else newline
        return "".join([*lines, gap, "escalations:", newline,
                        event_yaml(event, "  ").replace("\n", newline)])
    rest = _KEY.match(lines[start].rstrip("\r\n")).group("rest")  # type: ignore[union-attr]
    if rest == "[]":
        lines[start] = "escalations:" + newline
    elif rest:
        raise InputError(Problem("record.flow_list", file=path, line=start + 1,
                                 field="escalations"))
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
    return "".join([*lines[:end], event_yaml(event, indent).replace("\n", newline), *lines[end:]])


def _same_but_one(before: FactSet, after: FactSet, event: EscalationEvent) -> bool:
    """The file as written holds what it held and the one event more (its own bytes and the
    temporary name they were read under differ by design, so the files read are not compared)."""
    expected = dataclasses.replace(before, escalations=(*before.escalations, event))
    return dataclasses.replace(after, path=before.path, sources=before.sources) == expected


def record(path: Path, event: EscalationEvent, check: Callable[[FactSet], None],
           vocabularies: Vocabularies = shared_only) -> None:
    """Append `event` to the fact file at `path`; `check` cross-checks the result with its pack;
    `vocabularies` gives its pack's vocabulary, with the figures the pack declares.

    Raises `InputError` for everything that stops it, the file then unchanged: bad input, a
    read-only file, a full disk, a folder that cannot be written, the lock not free in time."""
    suffix = path.suffix.lower()
    if suffix not in (".yaml", ".yml", ".xlsx"):
        raise InputError(Problem("record.not_yaml", file=path))
    files.refuse_special(path)
    seen = files.read(path)
    before = load_fact_set(path, vocabularies)  # before the lock: validating imports jsonschema
    with files.exclusive(path, WAIT):
        target = Path(os.path.realpath(path))
        files.tell_leftovers(target.parent, target.name)  # none of them is in use: the lock is ours
        data = files.read(path)
        if data != seen:  # another call recorded while this one waited
            before = load_fact_set(path, vocabularies)

        def verify(temporary: Path) -> None:
            try:
                after = load_fact_set(temporary, vocabularies, as_kind=suffix)
                check(after)
            except InputError as error:  # name the user's file, not the temporary one
                problems = [dataclasses.replace(p, file=path) for p in error.problems]
                raise InputError(problems) from None
            if not _same_but_one(before, after, event):
                raise InputError(Problem("record.not_preserved", file=path))

        files.replace(path, _edited(path, data, event), verify)


def _edited(path: Path, data: bytes, event: EscalationEvent) -> bytes:
    """The new content: a YAML file's text with the event appended; a workbook with the event
    as the next row of its `escalations` sheet."""
    if path.suffix.lower() == ".xlsx":
        from woonpact.engine.facts import workbook  # openpyxl only for a workbook

        return workbook.with_event(path, event)
    return with_event(data.decode("utf-8"), event, path).encode("utf-8")
