"""Pausing the cyclic garbage collector: restored afterwards, nested pauses leave it to the outermost."""

from __future__ import annotations

import gc

import pytest

from woonpact.engine import collector


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
