"""Pausing Python's cyclic garbage collector while many long-lived objects are built at once.

Loading fact sets and evaluating a pack create hundreds of thousands of containers (entities,
findings) that all survive and form no reference cycles. Each young collection then promotes
them, and the older collections rescan the whole heap (at national size, every loaded letting)
over and over: at national size the collector took 2.4 s of a 6.8 s evaluation and 1.2 s of a
6 s load while freeing almost nothing. Reference counting still frees everything that is not
cyclic during the pause, and the collector resumes (and catches up once) afterwards.

Pausing per file or per pack still leaves the older collections to rescan the growing heap
between them (at national size 1.0 s of the load and 1.5 s of the evaluation), so
`woonpact check` keeps the collector paused while it checks all the agreements it was given;
the process ends soon after. The checks create almost no cyclic garbage.

Resuming the collector after a long pause would still cost one scan of everything built
during it: the young generation holds all of it, and the first allocation afterwards
collects it (0.35 s after a national load, 0.2 s after its evaluation). The outermost pause
therefore ends by moving every object to the oldest generation without scanning it
(`gc.freeze()` then `gc.unfreeze()`, which is what unfreeze is documented to do). A cycle
among them is still freed, by the next full collection.

The rule this sets for the model (docs/design.md, "Clever parts and their rules"): its objects
form no reference cycles, since cyclic garbage made during a pause waits for that full
collection; tests/test_collector.py walks the bundled agreements' objects for one.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused() -> Iterator[None]:
    """Disable the cyclic collector for the block; nested pauses leave it to the outermost one."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.freeze()
            gc.unfreeze()
            gc.enable()
