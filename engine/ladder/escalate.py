"""The ladder stage: from findings and recorded events to escalation steps, year by year.

Between judging and output. It marks findings covered by agreed deviations, builds each
clause's history (`history`), sends the histories that have something to escalate through the
chart (`runner`, durable-rules), and turns the positions reached into `Escalation`s with their
reasons; the actions clauses name themselves (`actions`) are steps beside them. Nothing here is
remembered between runs: the same history always gives the same steps.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from woonpact.engine.ladder.actions import actions
from woonpact.engine.ladder.chart import QUIET, Position, chart
from woonpact.engine.ladder.deviations import mark_deviations
from woonpact.engine.ladder.history import ClauseHistory, Step, cap, histories
from woonpact.engine.ladder.parties import involved
from woonpact.engine.ladder.runner import DurableRunner, Runner
from woonpact.engine.model.escalation import Escalation, Reason
from woonpact.engine.model.facts import FactSet
from woonpact.engine.model.finding import Finding
from woonpact.engine.model.pack import Pack, Rule, Rung


def escalate(pack: Pack, findings: Iterable[Finding], fact_sets: Mapping[int, FactSet],
             years: Sequence[int], runner: Runner | None = None) -> tuple[list[Finding], tuple[Escalation, ...]]:
    """The findings (covered ones marked) and the escalation steps of the chosen years.

    `findings` must include every judged year up to the last chosen one: the ladder reads the
    whole history, the steps are reported for `years` only.
    """
    marked = mark_deviations(findings, fact_sets, pack.id)
    steps = actions(pack, marked, years)
    moving = [h for h in histories(pack.ladder, pack.id, marked, fact_sets) if h.signalled]
    if moving:
        runner = runner if runner is not None else DurableRunner()
        reached = runner.positions(chart(len(pack.ladder.rungs)),
                                   ([h.steps[i].signal for i in h.signalled] for h in moving))
        for history, positions in zip(moving, reached, strict=True):
            steps += escalations(pack, history, dict(zip(history.signalled, positions, strict=True)), years)
    steps.sort(key=lambda e: (e.year, e.rule.key, e.scope.id, e.kind != "rung"))
    return marked, tuple(steps)


def escalations(pack: Pack, history: ClauseHistory, after: Mapping[int, Position],
                years: Sequence[int]) -> list[Escalation]:
    """One step per chosen year in which the clause is in an episode or closed one."""
    position, start, closed_in, last_signal, closed_before = Position(QUIET), 0, None, None, None
    at_year_end: dict[int, tuple[Position, int, int, int | None, int | None, int | None]] = {}
    for i, step in enumerate(history.steps):
        if i in after:
            new = after[i]
            if not position.in_episode and (new.in_episode or step.event is not None):
                start, closed_before = i, closed_in
            if new.phase == "closed" and (position.in_episode or step.event is not None):
                closed_in = step.year
            position, last_signal = new, i
        at_year_end[step.year] = (position, start, i, closed_in, last_signal, closed_before)
    found = []
    for year in years:
        if year not in at_year_end:
            continue
        position, start, last, closed_in, signal_at, closed_before = at_year_end[year]
        if position.in_episode or (position.phase == "closed" and closed_in == year):
            found.append(_escalation(pack, history, position, Episode(
                history.steps[start:last + 1], history.steps[signal_at] if signal_at is not None else None,
                closed_before), year))
    return found


@dataclass(frozen=True)
class Episode:
    """An episode's steps so far, the last one that sent a signal, and the year the episode
    before it closed (None when this is the clause's first): what the ladder's reason rests on."""

    steps: Sequence[Step]
    last: Step | None
    closed_before: int | None


def _escalation(pack: Pack, history: ClauseHistory, position: Position, episode: Episode, year: int) -> Escalation:
    rungs = pack.ladder.rungs
    rule = next((s.finding.rule for s in reversed(episode.steps) if s.finding is not None), history.rule)
    held = rungs[position.held] if position.held >= 0 else None
    recommended = rungs[position.recommended] if position.phase == "open" and position.recommended is not None else None
    reasons = tuple(r for s in episode.steps if (r := _reason(s)) is not None)
    reasons += (_why(pack, rule, position, held, recommended, episode, year),)
    rung_for = recommended or held or rungs[0]
    return Escalation(rule=rule, year=year, scope=history.scope,
                      rung=held.id if held else None, recommended=recommended.id if recommended else None,
                      reasons=reasons, parties=involved(pack, rule, history.scope, rung_for),
                      legal_basis=rung_for.legal_basis, closed=position.phase == "closed")


def _reason(step: Step) -> Reason | None:
    if step.event is not None:
        e = step.event
        return Reason("ladder.held", step.year, e.date,
                      (("rung", e.rung), ("outcome", e.outcome or "none"), ("note", e.note)))
    f = step.finding
    if f is None:
        return None
    if f.deviation is not None:
        d = f.deviation
        return Reason("ladder.deviation", f.year, d.date, (("status", f.status.value),
                      ("approved_by", d.approved_by), ("reason", d.reason)))
    if step.signal is None:
        return None
    return Reason(f"ladder.{f.status.value}", f.year, None, (("status", f.status.value),))


def _why(pack: Pack, rule: Rule, position: Position, held: Rung | None, recommended: Rung | None,
         episode: Episode, year: int) -> Reason:
    """The ladder rule that put the clause where it is, as the last reason, worded for the
    episode's own history: a first shortfall or warning, one repeated with no rung held, one
    after an earlier episode closed, one that persists after a rung or first came after it."""
    params: tuple[tuple[str, object], ...] = (("rung", held.id if held else ""),
                                              ("next", recommended.id if recommended else ""))
    failed = [i for i, s in enumerate(episode.steps) if s.signal is not None and s.signal["kind"] == "fail"]
    last = episode.last
    if position.phase == "closed":
        key = "closed"
    elif position.phase == "held":
        key = "awaiting"
    elif held is None and len(failed) > 1:
        key = "repeated"
        params += (("count", len(failed)), ("since", episode.steps[failed[0]].year))
    elif held is None and episode.closed_before is not None:
        key = "again"
        params += (("closed", episode.closed_before),)
    elif held is None:
        key = "first_warning" if last is not None and last.signal and last.signal.get("warning") else "first"
    elif position.recommended == position.held + 1:
        meetings = [i for i, s in enumerate(episode.steps) if s.event is not None]
        key = "climb" if failed and meetings and failed[0] < meetings[-1] else "after_held"
    elif last is not None and last.signal is not None and last.signal.get("warning"):
        key = "warning"
    elif position.held >= cap(pack.ladder, rule) and position.held < len(pack.ladder.rungs) - 1:
        key = "ceiling"
    else:
        key = "top"
    return Reason(f"ladder.why.{key}", year, None, params)
