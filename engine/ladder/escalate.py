"""The ladder stage: from findings and recorded events to escalation steps, year by year.

Between judging and output. It marks findings covered by agreed deviations, builds each
clause's history (`history`), sends the histories that have something to escalate through the
chart (`runner`, durable-rules), and turns the positions reached into `Escalation`s with their
reasons; the actions clauses name themselves (`actions`) are steps beside them. The only thing
remembered between runs is what each distinct sequence of signals reached on the chart
(`runner.Memoised`), which that sequence alone decides: the same history always gives the same
steps.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import NamedTuple

from woonpact.engine.ladder.actions import actions
from woonpact.engine.ladder.chart import QUIET, Position, chart, failing
from woonpact.engine.ladder.deviations import mark_deviations
from woonpact.engine.ladder.history import ClauseHistory, Step, histories
from woonpact.engine.ladder.parties import involved
from woonpact.engine.ladder.reach import Reach
from woonpact.engine.ladder.runner import Runner, ladder_runner
from woonpact.engine.model.escalation import Escalation, Reason
from woonpact.engine.model.facts import FactSet
from woonpact.engine.model.finding import Finding
from woonpact.engine.model.pack import Pack, Rule, Rung
from woonpact.engine.model.parameters import Law
from woonpact.engine.params import bundled


def escalate(pack: Pack, findings: Iterable[Finding], fact_sets: Mapping[int, FactSet],
             years: Sequence[int], runner: Runner | None = None,
             laws: Mapping[str, Law] | None = None) -> tuple[list[Finding], tuple[Escalation, ...]]:
    """The findings (covered ones marked) and the escalation steps of the chosen years.

    `findings` must include every judged year up to the last chosen one: the ladder reads the
    whole history, the steps are reported for `years` only. `laws` are the national laws the
    ladder's rungs may stand on (default: the bundled national parameters').
    """
    reach = Reach(pack.ladder, bundled().laws if laws is None else laws)
    marked = mark_deviations(findings, fact_sets, pack.id)
    steps = actions(pack, marked, years)
    by_track: dict[int, list[ClauseHistory]] = defaultdict(list)  # one chart per number of rungs
    for history in histories(reach, pack.id, marked, fact_sets):
        if history.signalled:
            by_track[len(reach.track(history.rule))].append(history)
    for rungs, moving in by_track.items():
        runner = runner if runner is not None else ladder_runner()
        signalled = ([signal for i in h.signalled if (signal := h.steps[i].signal) is not None]
                     for h in moving)
        reached = runner.positions(chart(rungs), signalled)
        for history, positions in zip(moving, reached, strict=True):
            steps += escalations(pack, reach, history,
                                 dict(zip(history.signalled, positions, strict=True)), years)
    steps.sort(key=lambda e: (e.year, e.rule.key, e.scope.id, e.kind != "rung"))
    return marked, tuple(steps)


def escalations(pack: Pack, reach: Reach, history: ClauseHistory, after: Mapping[int, Position],
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
    reasons: list[Reason | None] = []  # each step's, made once for all the years it is cited in
    for year in years:
        if year not in at_year_end:
            continue
        position, start, last, closed_in, signal_at, closed_before = at_year_end[year]
        if position.in_episode or (position.phase == "closed" and closed_in == year):
            reasons += map(_reason, history.steps[len(reasons):last + 1])
            found.append(_escalation(pack, reach, history, position, Episode(
                history.steps[start:last + 1],
                history.steps[signal_at] if signal_at is not None else None,
                closed_before, tuple(r for r in reasons[start:last + 1] if r is not None)), year))
    return found


class Episode(NamedTuple):
    """An episode's steps so far, the last one that sent a signal, the year the episode before
    it closed (None when this is the clause's first), and the reasons its steps give: what the
    ladder's reason rests on. (A named tuple, as a history's `Step`: one is made for every step
    a national check reports, 86,000.)"""

    steps: Sequence[Step]
    last: Step | None
    closed_before: int | None
    reasons: tuple[Reason, ...]


def _escalation(pack: Pack, reach: Reach, history: ClauseHistory, position: Position,
                episode: Episode, year: int) -> Escalation:
    rule = next((s.finding.rule for s in reversed(episode.steps) if s.finding is not None),
                history.rule)
    rungs = reach.track(rule)
    held = rungs[position.held] if position.held >= 0 else None
    recommended = (rungs[position.recommended] if position.phase == "open"
                   and position.recommended is not None else None)
    then = rungs[_then(len(rungs), position, reach.cap(rule, year + 1))] \
        if position.phase == "held" else None
    reasons = (*episode.reasons,
               _why(reach, rule, position, held, recommended, then, episode, year))
    rung_for = recommended or held or rungs[0]
    footing = reach.footing(rung_for, reach.dispute(rule), year)
    scope = history.scope
    parties = reach.once(("involved", id(rule), scope.party, rung_for.id),
                         lambda: involved(pack, rule, scope, rung_for))
    return Escalation(rule=rule, year=year, scope=scope,
                      rung=held.id if held else None,
                      recommended=recommended.id if recommended else None,
                      reasons=reasons, parties=parties,
                      legal_basis=footing.text if footing else None,
                      legal_basis_from=footing.since if footing else None,
                      closed=position.phase == "closed", then=then.id if then else None)


def _then(rungs: int, position: Position, cap: int) -> int:
    """A rung held without a solution: the rung the chart recommends if the next evaluation
    finds the clause still failing (read from the chart's own table, so the step says what the
    ladder will do)."""
    the_chart = chart(rungs)
    after = the_chart.positions[the_chart.step(position.name, failing(warning=False, cap=cap))]
    return after.recommended if after.recommended is not None else position.held


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


def _why(reach: Reach, rule: Rule, position: Position, held: Rung | None, recommended: Rung | None,
         then: Rung | None, episode: Episode, year: int) -> Reason:
    """The ladder rule that put the clause where it is, as the last reason, worded for the
    episode's own history: a first shortfall or warning, one repeated with no rung held, one
    after an earlier episode closed, one that persists after a rung or first came after it; a
    rung held without a solution says what the next evaluation decides; at a rung the law or the
    agreement does not take the dispute past, which rung is closed and what would open it."""
    params: tuple[tuple[str, object], ...] = (("rung", held.id if held else ""),
                                              ("next", recommended.id if recommended else ""))
    failed = [i for i,
              s in enumerate(episode.steps) if s.signal is not None and s.signal["kind"] == "fail"]
    last = episode.last
    if position.phase == "closed":
        key = "closed"
    elif position.phase == "held":
        key = "awaiting" if then is not None and then is not held else "awaiting_top"
        params += (("then", then.id if then else ""), ("decides", year + 1))
    elif held is None and len(failed) > 1:
        key = "repeated"
        params += (("count", len(failed)), ("since", episode.steps[failed[0]].year))
    elif held is None and episode.closed_before is not None:
        key = "again"
        params += (("closed", episode.closed_before),)
    elif held is None:
        key = ("first_warning" if last is not None and last.signal
               and last.signal.get("warning") else "first")
    elif position.recommended == position.held + 1:
        meetings = [i for i, s in enumerate(episode.steps) if s.event is not None]
        key = "climb" if failed and meetings and failed[0] < meetings[-1] else "after_held"
    elif last is not None and last.signal is not None and last.signal.get("warning"):
        key = "warning"
    elif position.held >= reach.ceiling(rule) and position.held < len(reach.track(rule)) - 1:
        key = "ceiling"
    elif (blocked := reach.blocked(rule, year)) is not None:
        key = "bounded"
        rung = reach.track(rule)[blocked]
        dispute = reach.dispute(rule)
        params += (("beyond", rung.id), ("dispute", dispute.value),
                   ("laws", tuple((law.title, law.in_force, law.status)
                                  for law in reach.awaited(rung, dispute))),
                   ("other", any(b.dispute not in (None, dispute) for b in rung.basis)))
    else:
        key = "top"
    return Reason(f"ladder.why.{key}", year, None, params)
