"""Invariants of the ladder, on durable-rules, for any history of signals."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from woonpact.engine.ladder import chart as signals
from woonpact.engine.ladder.chart import MAX_RUNGS, QUIET, Position, chart
from woonpact.engine.ladder.runner import DurableRunner, LadderFault, Memoised

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
