"""Pausing the cyclic garbage collector: restored afterwards, nested pauses leave it to the
outermost."""

from __future__ import annotations

import enum
import gc
from collections.abc import Iterator

import pytest

from tests.support import BUNDLED_FACTS
from woonpact.engine import collector
from woonpact.engine.check import check


def test_a_pause_disables_the_collector_and_the_outermost_restores_it() -> None:
    assert gc.isenabled()
    with collector.paused():
        assert not gc.isenabled()
        with collector.paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the inner pause must not resume it
    assert gc.isenabled()


def test_a_pause_restores_the_collector_after_an_error_and_leaves_a_disabled_one_alone() -> None:
    with pytest.raises(ValueError), collector.paused():
        raise ValueError
    assert gc.isenabled()
    gc.disable()
    try:
        with collector.paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_what_a_pause_built_is_not_scanned_again_on_resuming() -> None:
    """The objects built during a pause go to the oldest generation, so resuming does not set
    off a young collection over all of them; a cycle among them is still collectable."""
    with collector.paused():
        built = [[] for _ in range(50_000)]
        cycle: list = []
        cycle.append(cycle)
    assert gc.get_count()[0] < 1_000
    assert any(o is built for o in gc.get_objects(generation=2))
    del cycle
    assert gc.collect() >= 1


def _followed(item: object) -> bool:
    """Containers and the objects of our own classes (not classes, functions or enum members)."""
    if isinstance(item, (dict, list, tuple, set, frozenset)):
        return True
    return type(item).__module__.startswith("woonpact.") and not isinstance(item, enum.Enum)


def cycle(root: object) -> list[str] | None:
    """A reference cycle among the model objects reachable from `root`, by the types along it,
    or None."""
    state: dict[int, bool] = {}  # id -> on the current path
    path: list[object] = []
    stack: list[Iterator[object]] = []

    def enter(item: object) -> None:
        state[id(item)] = True
        path.append(item)
        stack.append(iter([r for r in gc.get_referents(item) if _followed(r)]))

    enter(root)
    while stack:
        child = next(stack[-1], None)
        if child is None:
            stack.pop()
            state[id(path.pop())] = False
        elif state.get(id(child)):
            start = next(i for i, item in enumerate(path) if item is child)
            return [type(item).__name__ for item in path[start:]]
        elif id(child) not in state:
            enter(child)
    return None


def test_the_model_objects_form_no_reference_cycles() -> None:
    """What is built during a pause is never scanned for cycles until a full collection after
    it: a model object holding a reference back to what holds it (a rule to its pack, an entity
    to its collection) would keep every agreement's objects alive to the end of the run."""
    for folder in sorted(p for p in BUNDLED_FACTS.iterdir() if p.is_dir()):
        result = check([folder])
        for finding in result.findings:
            assert finding.facts_used is not None  # built, as the output reads it
        assert cycle(result) is None, folder.name
