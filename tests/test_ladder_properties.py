"""Invariants of the ladder, on durable-rules, for any history of signals."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from woonpact.engine.ladder import chart as signals
from woonpact.engine.ladder.chart import QUIET, MAX_RUNGS, Position, chart
from woonpact.engine.ladder.runner import DurableRunner

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


def test_every_chart_has_one_start_and_fits_durable_rules() -> None:
    for rungs in range(1, MAX_RUNGS + 1):
        c = chart(rungs)
        targets = {t.target.name for t in c.transitions}
        assert set(c.positions) - targets == {QUIET}
        assert len(c.transitions) < 500  # durable-rules fails on rulesets of about 510 rules
