"""Work spread over every core: agreements are independent, so a check of many agreements may
judge them in worker processes, one per core.

Workers are forked (on Linux and macOS), so they start with everything the parent has loaded
and read the work from this module rather than having it sent to them; only each item's index goes
to a worker and only its result comes back, in the items' order. A check of a few agreements, or a
machine with one core, does the work in its own process: forking costs about 20 ms a worker.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

AT_LEAST = 4  # items before workers pay for themselves

_WORK: tuple[Callable[[Any], Any], Sequence[Any]] | None = None  # what forked workers read


def cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def _forks() -> bool:
    import multiprocessing  # 12 ms, only when workers may start

    return "fork" in multiprocessing.get_all_start_methods()


@contextmanager
def pool(workers: int) -> Iterator[Any]:
    """A pool of `workers` forked processes (the platform's default start elsewhere); work not
    started when the block ends early (bad input met) is cancelled, not waited for."""
    import multiprocessing  # 12 ms, only when workers start
    from concurrent.futures import ProcessPoolExecutor

    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else None
    executor = ProcessPoolExecutor(workers, multiprocessing.get_context(method))
    try:
        yield executor
    finally:
        executor.shutdown(wait=True, cancel_futures=True)


def spread(function: Callable[[T], R], items: Sequence[T]) -> Iterator[R]:
    """`function(item)` for every item, in order: in worker processes when there are at least
    `AT_LEAST` items, two cores and processes can be forked (not on Windows, where a worker
    would start without the work), else here. An exception raised for an item is raised here,
    when its turn comes."""
    workers = min(cores(), len(items))
    if workers < 2 or len(items) < AT_LEAST or not _forks():
        yield from map(function, items)
        return
    global _WORK
    _WORK = (function, items)
    try:
        with pool(workers) as executor:
            yield from executor.map(_do, range(len(items)))
    finally:
        _WORK = None


def _do(index: int) -> Any:
    assert _WORK is not None, "a worker reads the work its parent set before forking"
    function, items = _WORK
    return function(items[index])
