"""What the user may want to know that changes no result: a cache entry that was not trusted, a
temporary file an interrupted run left behind.

The engine never prints (engine/errors.py), yet these are found deep inside loading, where
returning them would thread a list through every loader. So they are told here, and the command
line, which collects them for the length of one command, prints them after its own output.
Outside a collection (a test, the benchmark calling the engine) they are dropped.

A note's `severity` says who sees it: `note` always, `detail` only with `woonpact --verbose`.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from woonpact.engine.errors import Problem

_COLLECTED: ContextVar[list[Problem] | None] = ContextVar("woonpact_notes", default=None)


def tell(problem: Problem) -> None:
    collected = _COLLECTED.get()
    if collected is not None and problem not in collected:
        collected.append(problem)


@contextmanager
def collecting() -> Iterator[list[Problem]]:
    """The notes told while the block runs, in the order they were told, each once."""
    collected: list[Problem] = []
    token = _COLLECTED.set(collected)
    try:
        yield collected
    finally:
        _COLLECTED.reset(token)
