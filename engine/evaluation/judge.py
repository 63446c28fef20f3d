"""Judging one rule for one scope instance in one year: measure, compare, decide the status.

The order of questions is the order a compliance officer asks them: does the clause apply this
year, is it suspended, are the facts there, is the deadline reached, is the norm met (within the
tolerance), is a signal level crossed, and if not, how far off is it and is it an effort or a
result obligation.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

from woonpact.engine.evaluation.compiled import CompiledRule
from woonpact.engine.evaluation.context import Context
from woonpact.engine.language.compare import NUMERIC_COMPARE, PLAIN_COMPARE
from woonpact.engine.language.constant import constant
from woonpact.engine.language.missing import MissingFact
from woonpact.engine.model import ast
from woonpact.engine.model.facts import EscalationEvent
from woonpact.engine.model.finding import Distance, FactUsed, Finding, ScopeInstance, Status
from woonpact.engine.model.pack import Obligation, Rule
from woonpact.engine.model.text import Text

COMPLIANT = Status.COMPLIANT
FAILING_OPS = {">=": "more", ">": "more", "<=": "fewer", "<": "fewer"}


def holds(op: str, value: Any, bound: Any, upper: Any = None) -> bool:
    if isinstance(value, (bool, str)) or isinstance(bound, (bool, str)):
        return PLAIN_COMPARE.get(op, lambda a, b: False)(value, bound)
    if op == "between":
        return NUMERIC_COMPARE[">="](value, bound) and NUMERIC_COMPARE["<="](value, upper)
    return NUMERIC_COMPARE[op](value, bound)


def meeting_on(rule: Rule, ctx: Context, scope: ScopeInstance) -> EscalationEvent | None:
    """The first recorded meeting on the clause that concerns the judged year, for this instance.

    A trigger that names no `done` check is a clause whose action is talks (Stichtse Vecht
    3.4-3: "treden partijen met elkaar in overleg"); the talk is recorded as a meeting on the
    clause (`escalations:`, `woonpact record --rule`), so that meeting is the action taken. A
    meeting counts for the year it concerns, whichever year's file holds it (docs/ladder.md)."""
    meetings = [e for facts in ctx.history.by_year.values() for e in facts.escalations
                if e.concerned_year == ctx.year and e.scope in (None, scope.id)
                and e.rule in rule.called_in(facts.agreement)]
    return min(meetings, key=lambda e: e.date, default=None)


def shortfall_status(rule: Rule) -> Status:
    """An effort obligation's shortfall is a warning unless the pack says otherwise."""
    if rule.obligation is Obligation.RESULT or rule.effort_shortfall == "breach":
        return Status.BREACH
    return Status.WARNING


class Judge:
    """Judges the rules of one pack against one history; holds nothing between findings."""

    __slots__ = ("c", "rule", "_figures", "_summed", "_attributes", "_parameters", "_measure",
                 "_share_of", "_op", "_meets", "_bound", "_shortfall", "ask")

    def __init__(self, compiled: CompiledRule) -> None:
        self.c = compiled
        self.rule = compiled.rule
        reads = compiled.reads
        collection = self.rule.scope.collection
        prefix = f"{collection}."
        order = tuple(compiled.env.collections[collection]) if collection else ()
        self._figures = tuple(sorted(reads.figures))
        self._summed = tuple(sorted(reads.summed))
        self._attributes = tuple((name, order.index(name[len(prefix):]))
                                 for name in sorted(reads.attributes)
                                 # (cited name, position in the entity's row)
                                 if name.startswith(prefix))
        self._parameters = tuple(sorted(reads.parameters))
        norm = self.rule.norm
        self._measure = compiled.measure
        self._share_of = compiled.share_parts.figures if compiled.share_parts else None
        self._op = norm.tree.op if norm else ""
        self._meets = NUMERIC_COMPARE.get(self._op)  # for the fast path; others ask `holds`
        self._bound = _numeric_constant(norm.tree.bound) if norm else None  # None: it reads facts
        self._shortfall = shortfall_status(self.rule)
        # The questions this rule can ever ask, decided once; a function, not a bound method,
        # so that a judge holds no reference to itself. `ask(judge, ...)` raises MissingFact,
        # which `__call__` (or a caller doing its work, run.py) turns into `missing`.
        self.ask = Judge._constant_norm if self._asks_only_the_norm() else Judge._judge

    def _asks_only_the_norm(self) -> bool:
        """Whether the rule is a number held against a constant and nothing else: no condition,
        milestone, trigger, signal, deadline or tolerance, and one side (<, <=, >, >=). Most are
        (the ratio clauses per corporation above all), and for them `_constant_norm` skips the
        questions that can never arise."""
        rule = self.rule
        return (self._op in FAILING_OPS and self._bound is not None and rule.unit != "bool"
                and self._measure is not None
                and all(part is None for part in (rule.applies_if, rule.milestone, rule.trigger,
                                                  rule.signal, rule.deadline, rule.tolerance)))

    def __call__(self, ctx: Context, ent: Any, scope: ScopeInstance) -> Finding:
        try:
            return self.ask(self, ctx, ent, scope)
        except MissingFact as missing:
            return self.missing(ctx, ent, scope, missing)

    def finding(self, ctx: Context, ent: Any, scope: ScopeInstance, status: Status, reason: str, *,
                value: Any = None, bound: Any = None, target: Any = None,
                distance: Distance | None = None,
                action: Text | None = None, details: tuple[tuple[str, Any], ...] = ()) -> Finding:
        return Finding(self.rule, ctx.year, scope, status, reason, value, bound, target, distance,
                       (_cite, self, ctx, ent), (), action, details)

    # -- the questions, in order ---------------------------------------------------------------

    def _judge(self, ctx: Context, ent: Any, scope: ScopeInstance) -> Finding:
        c, rule = self.c, self.rule
        if c.applies_if is not None and not c.applies_if(ctx, ent):
            return self.finding(ctx, ent, scope, Status.NOT_APPLICABLE, "suspended",
                                details=(("condition", rule.applies_if.text),))  # type: ignore[union-attr]
        if rule.milestone is not None:
            return self._milestone(ctx, ent, scope)
        if rule.trigger is not None:
            return self._trigger(ctx, ent, scope)
        return self._norm(ctx, ent, scope)

    def _norm(self, ctx: Context, ent: Any, scope: ScopeInstance) -> Finding:
        c, rule = self.c, self.rule
        assert c.measure is not None and c.bound is not None and rule.norm is not None
        value = c.measure(ctx, ent)
        bound = c.bound(ctx, ent)
        upper = c.upper(ctx, ent) if c.upper is not None else None
        op = rule.norm.tree.op
        if holds(op, value, bound, upper):
            if c.signal is not None and rule.signal is not None:
                level = c.signal(ctx, ent)
                if holds(rule.signal.level.tree.op, value, level):
                    return self.finding(ctx, ent, scope, Status.WARNING, "signal", value=value,
                                        bound=bound, target=level, action=rule.signal.action)
            return self.finding(ctx, ent, scope, Status.COMPLIANT, "met", value=value, bound=bound)
        if rule.deadline is not None and ctx.year < rule.deadline:
            return self._before_deadline(ctx, ent, scope, value, bound, op)
        tolerance = c.tolerance(ctx, ent) if c.tolerance is not None else None
        if tolerance is not None and self._within(op, value, bound, upper, tolerance):
            return self.finding(ctx, ent, scope, Status.COMPLIANT, "within_tolerance", value=value,
                                bound=bound, details=(("tolerance", tolerance),))
        return self.finding(ctx, ent, scope, self._shortfall, "not_met", value=value, bound=bound,
                            distance=self._distance(ctx, ent, op, value, bound, upper))

    def _constant_norm(self, ctx: Context, ent: Any, scope: ScopeInstance) -> Finding:
        """`_norm` for a rule that asks only the norm (`_asks_only_the_norm`); the same findings.

        A threshold rule evaluation costs about 1.2 µs, so this builds the finding itself (a
        keyword call of `finding` costs 0.2 µs). A share of two figures of the party's own
        section (the ratio clauses per corporation, which most findings judge) it reads itself:
        a call less than the compiled `share` (0.1 µs), and a shortfall stated in the part's
        count from the same two figures. Any other measure, or a figure not of the party's own
        (an agreement's sum over corporations, or missing), is measured as compiled."""
        share, own = self._share_of, ctx.own
        if share is not None and share[0] in own and share[1] in own:
            part, whole = own[share[0]], own[share[1]]
            if whole == 0:  # as `share`: a share of nothing is missing, not zero
                raise MissingFact("share of zero", ctx.year)
            value = part / whole
        else:
            share, value = None, self._measure(ctx, ent)  # type: ignore[misc]
        bound = self._bound
        cited = (_cite, self, ctx, ent)
        if self._meets(value, bound):  # type: ignore[misc]
            return _build(Finding, self.rule, ctx.year, scope, COMPLIANT, "met", value, bound, None,
                          None, cited)
        distance = (self._distance(ctx, ent, self._op, value, bound, None) if share is None
                    else self._short_in_count(self._op, bound, part, whole))
        return _build(Finding, self.rule, ctx.year, scope, self._shortfall, "not_met", value, bound,
                      None, distance, cited)

    def _before_deadline(self, ctx: Context, ent: Any, scope: ScopeInstance, value: Any,
                         bound: Any, op: str) -> Finding:
        target = self._trajectory_target(ctx, ent, bound)
        if target is None:
            return self.finding(ctx, ent, scope, Status.NOT_DUE, "before_deadline", value=value,
                                bound=bound, details=(("deadline", self.rule.deadline),))
        if holds(op, value, target):
            return self.finding(ctx, ent, scope, Status.COMPLIANT, "on_track", value=value,
                                bound=bound, target=target,
                                details=(("deadline", self.rule.deadline),))
        return self.finding(ctx, ent, scope, Status.WARNING, "behind_trajectory", value=value,
                            bound=bound, target=target,
                            distance=self._distance(ctx, ent, op, value, target, None),
                            details=(("deadline", self.rule.deadline),))

    def _trajectory_target(self, ctx: Context, ent: Any, bound: Any) -> Any:
        c, rule = self.c, self.rule
        trajectory = rule.trajectory
        if trajectory is None or rule.deadline is None:
            return None
        reached = [(year, fn) for year, fn in c.milestones if year <= ctx.year]
        if reached:
            return reached[-1][1](ctx, ent)
        if c.trajectory_start is not None and trajectory.start_year is not None:
            start = c.trajectory_start(ctx, ent)
            span = rule.deadline - trajectory.start_year
            return start + (bound - start) * (ctx.year - trajectory.start_year) / span
        return None

    @staticmethod
    def _within(op: str, value: Any, bound: Any, upper: Any, tolerance: Any) -> bool:
        if op in (">=", ">"):
            return holds(">=", value, bound - tolerance)
        if op in ("<=", "<"):
            return holds("<=", value, bound + tolerance)
        if op == "between":
            return holds("between", value, bound - tolerance, upper + tolerance)
        return holds("<=", abs(value - bound), tolerance)

    def _distance(self, ctx: Context, ent: Any, op: str, value: Any, bound: Any,
                  upper: Any) -> Distance | None:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return None
        if op == "between":
            op, bound = (">=", bound) if value < bound else ("<=", upper)
        direction = FAILING_OPS.get(op)
        if direction is None:
            return Distance(abs(value - bound), self.rule.unit,
                            "more" if value < bound else "fewer")
        parts = self.c.share_parts
        if parts is not None:
            return self._short_in_count(op, bound, parts.part(ctx, ent), parts.whole(ctx, ent))
        gap = abs(bound - value)
        unit = self.rule.unit
        return Distance(math.ceil(gap - 1e-9) if unit == "count" else gap, unit, direction)

    def _short_in_count(self, op: str, bound: Any, part: Any, whole: Any) -> Distance:
        """How many more (or fewer) of the part a share needs to meet a one-sided norm."""
        direction = FAILING_OPS[op]
        gap = bound * whole - part if direction == "more" else part - bound * whole
        amount = (max(1, math.ceil(gap - 1e-9)) if op in (">", "<") and gap <= 0
                  else math.ceil(gap - 1e-9))
        return _build_distance(Distance, amount, "count", direction,
                               self.c.share_parts.of)  # type: ignore[union-attr]

    def _trigger(self, ctx: Context, ent: Any, scope: ScopeInstance) -> Finding:
        c, rule = self.c, self.rule
        assert rule.trigger is not None
        value = c.measure(ctx, ent) if c.measure is not None else None
        if c.trigger_when is not None and not c.trigger_when(ctx, ent):
            return self.finding(ctx, ent, scope, Status.NOT_APPLICABLE, "trigger_quiet",
                                value=value)
        if c.trigger_done is None:
            meeting = meeting_on(rule, ctx, scope)
            if meeting is not None:
                return self.finding(ctx, ent, scope, Status.COMPLIANT, "action_taken", value=value,
                                    action=rule.trigger.action,
                                    details=(("held_on", meeting.date),))
            return self.finding(ctx, ent, scope, Status.WARNING, "trigger_fired", value=value,
                                action=rule.trigger.action)
        if c.trigger_done(ctx, ent):
            return self.finding(ctx, ent, scope, Status.COMPLIANT, "action_taken", value=value,
                                action=rule.trigger.action)
        return self.finding(ctx, ent, scope, shortfall_status(rule), "action_missing", value=value,
                            action=rule.trigger.action)

    def _milestone(self, ctx: Context, ent: Any, scope: ScopeInstance) -> Finding:
        rule = self.rule
        milestone = rule.milestone
        assert milestone is not None
        if milestone.due_each_year is not None:
            due = dt.date(ctx.year, *milestone.due_each_year)
            delivered = self._delivered(ctx, milestone.deliverable, [ctx.year], this_year_only=True)
        else:
            assert milestone.due is not None
            due = milestone.due
            delivered = self._delivered(ctx, milestone.deliverable, sorted(ctx.history.by_year),
                                        this_year_only=False)
        details = (("deliverable", milestone.deliverable), ("due", due))
        by_year_end = delivered is not None and delivered.year <= ctx.year
        if by_year_end and delivered <= due:  # type: ignore[operator]
            return self.finding(ctx, ent, scope, Status.COMPLIANT, "delivered", value=delivered,
                                bound=due, details=details)
        if ctx.year < due.year:
            return self.finding(ctx, ent, scope, Status.NOT_DUE, "not_yet_delivered", bound=due,
                                details=details)
        if delivered is not None and ctx.year == due.year:
            return self.finding(ctx, ent, scope, shortfall_status(rule), "delivered_late",
                                value=delivered, bound=due,
                                distance=Distance((delivered - due).days, "days", "fewer"),
                                details=details)
        if by_year_end:  # late, and the shortfall was the due year's: delivered from then on
            return self.finding(ctx, ent, scope, Status.COMPLIANT, "delivered_after_due",
                                value=delivered, bound=due, details=details)
        return self.finding(ctx, ent, scope, shortfall_status(rule), "overdue", bound=due,
                            details=details)

    @staticmethod
    def _delivered(ctx: Context, deliverable: str, years: list[int],
                   this_year_only: bool) -> dt.date | None:
        """The first delivery date in the fact sets of `years`; a deliverable naming no party
        counts for all.

        A one-off deliverable is looked for in every fact set given: its date, not the file it
        is recorded in, says when it was delivered, so a delivery recorded the year after it was
        due still tells the due year how late it was. A yearly deliverable (the bod) counts only
        when it was delivered in the year judged."""
        seen_any = False
        found: list[dt.date] = []
        for year in years:
            try:
                items = ctx.history.context(year, None).entities("deliverables")
            except MissingFact:
                continue
            seen_any = True
            rows = zip(*map(items.column, ("id", "party", "date")))
            found += [date for identifier, party, date in rows if identifier == deliverable
                      and (ctx.party is None or party in (None, ctx.party))
                      and not (this_year_only and date.year != ctx.year)]
        if not seen_any:
            raise MissingFact("deliverables", ctx.year)
        return min(found, default=None)

    # -- what the finding rests on ------------------------------------------------------------

    def _facts_used(self, ctx: Context, ent: Any) -> tuple[FactUsed, ...]:
        used = [cited for cited in map(ctx.cited, self._figures) if cited is not None]
        used += [cited for cited in map(ctx.cited_sum, self._summed) if cited is not None]
        if ent is not None:
            used += [FactUsed(name, ent[index], ctx.year) for name, index in self._attributes
                     if ent[index] is not None]
        for name in self._parameters:
            value = ctx.dated(name, ctx.year)
            if value is not None:
                used.append(FactUsed(f"param({name})", value, ctx.year,
                                     status=ctx.dated_status(name, ctx.year)))
        return tuple(used)

    def missing(self, ctx: Context, ent: Any, scope: ScopeInstance, first: MissingFact) -> Finding:
        """Name everything missing, not only the first thing the evaluation tripped over."""
        names = [_describe_missing(first, ctx)]
        reads = self.c.reads
        for name in sorted(reads.figures):
            try:
                ctx.figure(name)
            except MissingFact as other:
                names.append(_describe_missing(other, ctx))
        for name in sorted(reads.summed):
            try:
                ctx.corporations_sum(name)
            except MissingFact as other:
                names.append(_describe_missing(other, ctx))
        for name in sorted(reads.collections):
            try:
                ctx.entities(name)
            except MissingFact as other:
                names.append(_describe_missing(other, ctx))
        unique = tuple(dict.fromkeys(names))
        return Finding(self.rule, ctx.year, scope, Status.MISSING_DATA, "missing",
                       missing=unique, facts_used=(_cite, self, ctx, ent))


# Module globals for the fast path: in CPython 3.11 a class attribute is read 40 ns slower than
# a global, and calling the class Finding costs 0.15 µs more than calling its constructor
# (type.__call__ packs the arguments, then looks for an __init__), the class Distance 0.06 µs.
_cite = Judge._facts_used  # the citation deferred in a finding's `facts_used` (finding.Later)
_build = Finding.__new__
_build_distance = Distance.__new__


def _numeric_constant(node: ast.Node) -> float | None:
    value = constant(node)
    return None if isinstance(value, (bool, str)) else value


def _describe_missing(missing: MissingFact, ctx: Context) -> str:
    where = [w for w in (missing.entity, str(missing.year) if missing.year else None) if w]
    return f"{missing.name} ({', '.join(where)})" if where else missing.name
