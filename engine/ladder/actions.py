"""Clause-specific actions beside the ladder: the consequence a clause names itself.

Some clauses say what happens when their situation arises (Westland 3.3-5: a home refused 50
times is reported to the municipality; Stichtse Vecht 3.1-4: a disagreement on the 30% goes to
bestuurlijk overleg; 3.4-3: above 30% the parties consult). Such a clause is a trigger; its
finding is `trigger_fired` when the pack cannot tell whether the action was taken (no `done`, and
no meeting on the clause recorded that year: the judge reads such a meeting as the talk taken),
and `action_missing` when it can and it was not. For each, in each chosen year, the action is a step
of its own beside the rungs, repeated while it stays due, with the years it has been due.

The same finding also goes up the ladder like any warning or breach (escalation.md: the action
is emitted "beside the ladder", and a breach recommends the first rung), so an action that stays
missing climbs as a persisting breach does. An agreed deviation covers the action as well.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence

from woonpact.engine.ladder.parties import involved
from woonpact.engine.model.escalation import Escalation, Reason
from woonpact.engine.model.finding import Finding
from woonpact.engine.model.pack import Pack

DUE = ("trigger_fired", "action_missing")


def actions(pack: Pack, findings: Iterable[Finding], years: Sequence[int]) -> list[Escalation]:
    """One step per clause instance and chosen year whose action is due and not taken."""
    by_instance: dict[tuple[str, str], list[Finding]] = defaultdict(list)
    for finding in findings:
        if finding.rule.trigger is not None:
            by_instance[(finding.rule.key, finding.scope.id)].append(finding)
    steps = []
    for clause in by_instance.values():
        run: list[Finding] = []  # the years in a row the action has been due, up to this one
        for finding in sorted(clause, key=lambda f: f.year):
            run = [*run, finding] if finding.reason in DUE and finding.deviation is None else []
            if run and finding.year in years:
                steps.append(_step(pack, finding, run))
    return steps


def _step(pack: Pack, finding: Finding, run: Sequence[Finding]) -> Escalation:
    reasons = tuple(Reason(f"ladder.action.{f.reason}", f.year) for f in run)
    why = ("ladder.why.action_missing" if finding.reason == "action_missing"
           else "ladder.why.action_due")
    reasons += (Reason(why, finding.year),)
    return Escalation(rule=finding.rule, year=finding.year, scope=finding.scope, rung=None,
                      recommended=None,
                      reasons=reasons, parties=involved(pack, finding.rule, finding.scope, None),
                      action=finding.action)
