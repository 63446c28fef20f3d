"""National scale on durable-rules: thousands of clause episodes in one run, no limit hit."""

from __future__ import annotations

from dataclasses import replace

from tests.ladder_support import YEARS, national
from woonpact.engine.ladder.chart import QUIET, chart
from woonpact.engine.ladder.escalate import escalate
from woonpact.engine.ladder.history import histories
from woonpact.engine.ladder.reach import Reach
from woonpact.engine.ladder.runner import DurableRunner
from woonpact.engine.model.finding import Status
from woonpact.engine.params import bundled

EPISODES = 5_000


def test_five_thousand_clause_episodes_in_one_run() -> None:
    """More than 1,024 sessions (the host's limit for live ones) in one run of durable-rules,
    twice in one process; every history's result is what the chart's own table gives, also
    through the ladder stage, which runs each distinct history once."""
    pack, findings, fact_sets = national(EPISODES)
    _, steps = escalate(pack, findings, fact_sets, YEARS)
    clauses = {e.scope.id for e in steps}
    assert len(clauses) == EPISODES  # each failed at least once
    the_chart = chart(len(pack.ladder.rungs))
    expected = {}
    moving = histories(Reach(pack.ladder, bundled().laws), pack.id, findings, fact_sets)
    sequences = [[h.steps[i].signal for i in h.signalled] for h in moving]
    for _ in range(2):
        reached = list(DurableRunner().positions(the_chart, sequences))
        assert len(reached) == EPISODES
    for h, positions in zip(moving, reached, strict=True):
        here = QUIET
        for i in h.signalled:
            here = the_chart.step(here, h.steps[i].signal)
        expected[h.scope.id] = the_chart.positions[here]
        assert positions[-1] == expected[h.scope.id]
    last = {}
    for e in steps:
        last[e.scope.id] = e
    for scope, e in last.items():
        position = expected[scope]
        held = pack.ladder.rungs[position.held].id if position.held >= 0 else None
        assert e.rung == held or e.year < YEARS[-1]
    # a second run sees nothing of the first
    assert escalate(pack, findings, fact_sets, YEARS)[1] == steps


def test_only_clauses_that_failed_or_were_talked_about_get_a_history() -> None:
    """The others never leave the chart's start, and at national scale they are most."""
    pack, findings, fact_sets = national(300)
    quiet = {f.scope.id for f in findings[:60]}  # twenty instances, made compliant every year
    findings = [replace(f, status=Status.COMPLIANT) if f.scope.id in quiet else f for f in findings]
    talked = {e.scope for fact_set in fact_sets.values() for e in fact_set.escalations}
    assert quiet - talked and quiet & talked
    found = histories(Reach(pack.ladder, bundled().laws), pack.id, findings, fact_sets)
    assert {h.scope.id for h in found} == {f.scope.id for f in findings} - (quiet - talked)
    assert all(h.signalled for h in found)
