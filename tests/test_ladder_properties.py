"""Invariants of the ladder, on durable-rules, for any history of signals."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from woonpact.engine import cache
from woonpact.engine.ladder import chart as signals
from woonpact.engine.ladder.chart import MAX_RUNGS, QUIET, Position, chart
from woonpact.engine.ladder.runner import LADDER, DurableRunner, LadderFault, Memoised

RUNGS = 3
CHART = chart(RUNGS)


@st.composite
def signal(draw: st.DrawFn) -> dict:
    kind = draw(st.sampled_from(["fail", "fail", "pass", "held"]))
    if kind == "fail":
        return signals.failing(warning=draw(st.booleans()), cap=draw(st.integers(0, RUNGS - 1)))
    if kind == "held":
        return signals.held(draw(st.integers(0, RUNGS - 1)), settled=draw(st.booleans()))
    return signals.compliant()


def history() -> st.SearchStrategy[list]:
    """A history as the ladder stage sends it: it starts with a failure or a meeting."""
    first = signal().filter(lambda s: s["kind"] != "pass")
    return st.builds(lambda a, rest: [a, *rest], first, st.lists(signal(), max_size=10))


def run(*histories: list) -> list[tuple[Position, ...]]:
    return list(DurableRunner().positions(CHART, histories))


def recommended(position: Position) -> int:
    return -1 if position.recommended is None or position.phase != "open" else position.recommended


@settings(max_examples=150, deadline=None)
@given(history())
def test_the_ladder_never_skips_a_rung(h: list) -> None:
    """A recommendation is at most one rung above the highest held; warnings do not climb."""
    (positions,) = run(h)
    for sig, here in zip(h, positions, strict=True):
        if here.phase == "open":
            assert here.recommended <= here.held + 1
            assert here.recommended <= max(sig["cap"], here.held) if sig["kind"] == "fail" else True
            if sig.get("warning"):
                assert here.recommended == max(here.held, 0)


@settings(max_examples=100, deadline=None)
@given(history(), st.lists(history(), max_size=4))
def test_the_state_depends_only_on_the_history(h: list, others: list) -> None:
    """Alone, among other histories, or in a later run: the same positions, the chart's own."""
    alone = run(h)[0]
    among = run(*others, h, *others)[len(others)]
    assert alone == among == run(h)[0]
    here = QUIET
    for sig, position in zip(h, alone, strict=True):
        here = CHART.step(here, sig)
        assert here == position.name


@settings(max_examples=100, deadline=None)
@given(history(), st.integers(0, RUNGS - 1), st.lists(signal(), max_size=6))
def test_a_later_resolved_meeting_never_raises_a_rung(h: list, rung: int, later: list) -> None:
    with_resolved, without = run([*h, signals.held(rung, settled=True), *later], [*h, *later])
    assert recommended(with_resolved[len(h)]) == -1
    assert recommended(with_resolved[-1]) <= recommended(without[-1])


class Counting:
    """A runner that records every history it is asked about."""

    def __init__(self) -> None:
        self.inner, self.asked = DurableRunner(), []

    def positions(self, chart, histories):
        histories = list(histories)
        self.asked += histories
        return self.inner.positions(chart, histories)


@settings(max_examples=60, deadline=None)
@given(st.lists(history(), min_size=1, max_size=5), st.data())
def test_the_memoised_ladder_reaches_what_durable_rules_reaches_for_every_history(
        distinct: list, data: st.DataObject) -> None:
    """Histories that recur, in any order: each reaches the positions it reaches run alone on
    durable-rules, and each distinct one is run on durable-rules once, in its first run."""
    again = data.draw(st.lists(st.sampled_from(distinct)))
    histories = data.draw(st.permutations(distinct + again))
    counting = Counting()
    memoised = Memoised(counting)
    assert list(memoised.positions(CHART, histories)) == run(*histories)
    assert list(memoised.positions(CHART, histories[::-1])) == run(*histories[::-1])
    unique = {tuple(tuple(sorted(s.items())) for s in h) for h in histories}
    assert len(counting.asked) == len(unique)


def test_the_memoised_ladder_tells_charts_apart() -> None:
    """The chart is part of what is remembered: a meeting at the third rung moves a clause on
    a three-rung ladder and is no move at all on a two-rung one."""
    third = [signals.failing(warning=False, cap=2), signals.held(2, settled=False)]
    memoised = Memoised(DurableRunner())
    (positions,) = memoised.positions(CHART, [third])
    assert positions[-1] == Position("held", 2)
    with pytest.raises(LadderFault):
        list(memoised.positions(chart(2), [third]))


def test_every_chart_has_one_start_and_fits_durable_rules() -> None:
    for rungs in range(1, MAX_RUNGS + 1):
        c = chart(rungs)
        targets = {t.target.name for t in c.transitions}
        assert set(c.positions) - targets == {QUIET}
        assert len(c.transitions) < 500  # durable-rules fails on rulesets of about 510 rules


@settings(max_examples=25, deadline=None)
@given(st.lists(history(), min_size=1, max_size=4), st.lists(history(), max_size=3))
def test_a_later_process_recalls_what_the_chart_reached_and_runs_only_new_histories(
        earlier: list, later: list) -> None:
    """A kept memo (`kept=True`, the process's runner) leaves what each history reached in the
    cache: a new `Memoised`, as a later process starts, hands the same positions out again and
    sends only the histories it has not seen through durable-rules."""
    with fresh_cache():
        first = Memoised(Counting(), kept=True)
        assert list(first.positions(CHART, earlier)) == run(*earlier)
        counting = Counting()
        second = Memoised(counting, kept=True)
        assert list(second.positions(CHART, [*earlier, *later])) == run(*earlier, *later)
    seen = {key(h) for h in earlier}
    assert {key(h) for h in counting.asked} == {key(h) for h in later} - seen


def key(h: list) -> tuple:
    return tuple(tuple(sorted(s.items())) for s in h)


@contextmanager
def fresh_cache() -> Iterator[Path]:
    """An empty cache folder of its own, for one hypothesis example (the suite shares one)."""
    before = os.environ["WOONPACT_CACHE"]
    with tempfile.TemporaryDirectory() as folder:
        os.environ["WOONPACT_CACHE"] = folder
        try:
            yield Path(folder)
        finally:
            os.environ["WOONPACT_CACHE"] = before
            cache.forget_shared()


def test_a_damaged_kept_memo_is_run_again_not_believed() -> None:
    """The kept positions are a sealed cache entry: one damaged byte and the histories go
    through durable-rules again, with the same positions, never a wrong one."""
    third = [signals.failing(warning=False, cap=2), signals.held(2, settled=False)]
    with fresh_cache() as folder:
        Memoised(Counting(), kept=True).positions(CHART, [third])
        (entry,) = folder.glob(f"{LADDER}-*.pickle")
        data = bytearray(entry.read_bytes())
        data[-5] ^= 0xFF
        entry.write_bytes(bytes(data))
        counting = Counting()
        assert list(Memoised(counting, kept=True).positions(CHART, [third])) == run(third)
    assert counting.asked == [third]
