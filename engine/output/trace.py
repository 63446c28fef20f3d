"""How a finding's value was built, for a person who wants to follow it.

A cumulative value is each year's figure and their sum (139 = 80 in 2025 + 59 in 2026), a share
its numerator and denominator, an agreement-wide figure the corporations' parts when the
municipality gave none; every figure with who supplied it from which system, every national
parameter with its date and source; for a clause with a trajectory, its course so far.

The judge (engine/evaluation/judge.py) never builds this: a sweep that only counts statuses
must not pay for it. A trace is worked out afterwards, only for the findings a report or JSON
shows, by evaluating the parts of the rule's expressions again with the same compiled code
against the same facts, so it cannot tell a different story from the finding.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from woonpact.engine.check import CheckResult
from woonpact.engine.evaluation.compiled import environment
from woonpact.engine.evaluation.context import Context, History
from woonpact.engine.i18n import say
from woonpact.engine.language.compiler import compile_expression
from woonpact.engine.language.functions import FUNCTIONS
from woonpact.engine.language.missing import MissingFact
from woonpact.engine.language.types import check
from woonpact.engine.language.units import Environment
from woonpact.engine.model import ast
from woonpact.engine.model.facts import FactSet
from woonpact.engine.model.finding import Finding
from woonpact.engine.model.pack import Pack, Rule, ScopeKind
from woonpact.engine.output.phrases import Phrases
from woonpact.engine.output.words import party_names, value_text
from woonpact.engine.params import bundled as parameters


@dataclass(frozen=True)
class Term:
    """One number a value is made of: a year's figure, a part, a corporation's share of a sum."""

    words: str
    value: Any
    year: int | None = None
    party: str | None = None


@dataclass(frozen=True)
class Step:
    """A value and the terms it is made of: `years` (added up), `share` (part over whole),
    `parties` (the corporations' figures added up)."""

    kind: str
    words: str
    value: Any
    unit: str
    terms: tuple[Term, ...]
    measure: bool = False  # the rule's measure itself: its words are the finding's already


@dataclass(frozen=True)
class Supplied:
    """A figure as a fact set gives it, and by whom."""

    name: str
    words: str
    year: int
    value: Any
    unit: str
    party: str | None  # whose section; None for the municipality's (the agreement as a whole)
    supplied_by: str | None
    system: str | None
    contested_by: str | None = None
    reason: str | None = None


@dataclass(frozen=True)
class ParameterUse:
    name: str
    words: str
    year: int
    value: Any
    unit: str
    valid_from: Any
    source: str
    status: str


@dataclass(frozen=True)
class Trace:
    steps: tuple[Step, ...] = ()
    figures: tuple[Supplied, ...] = ()
    parameters: tuple[ParameterUse, ...] = ()
    path: tuple[tuple[int, Any, Any], ...] = ()  # (year, value, target) of a charted clause so far
    entity: tuple[Supplied, ...] = field(default=())  # the attributes of the item judged


class Tracer:
    """Traces the findings of one check; compiles each part of an expression once."""

    def __init__(self, result: CheckResult, lang: str) -> None:
        self.result = result
        self.phrases = Phrases.of(result.pack, lang)
        corporations = tuple(p.id for p in result.pack.corporations())
        self.parameters = parameters()
        self.history = History(
            result.fact_sets, self.parameters, corporations, self.phrases.vocab.summable
        )
        self._closures: dict[tuple[str, ast.Node, str | None], Callable[[Any, Any], Any]] = {}
        self._units: dict[tuple[str, ast.Node, str | None], str] = {}
        self._envs: dict[tuple[str, str | None], Environment] = {}
        self._plans: dict[int, _Plan] = {}
        self._items: dict[tuple[int, str | None, str], dict[str, Any]] = {}
        self._series: dict[tuple[str, str], list[Finding]] = {}
        # what a figure read in a year says, the same for every finding that reads it
        self._supplied: dict[tuple[str, int, str | None], Supplied | None] = {}
        self._parts: dict[tuple[str, int], tuple[tuple[Term, ...], Step | None]] = {}
        for f in result.findings:
            self._series.setdefault((f.rule.key, f.scope.id), []).append(f)

    def trace(self, finding: Finding) -> Trace:
        rule = finding.rule
        plan = self._plans.get(id(rule))  # not by key: a clause's versions share theirs
        if plan is None:
            plan = self._plans[id(rule)] = _plan(rule)
        if plan.untraced:
            return _UNTRACED
        ctx, ent = self._context(finding)
        walk = _Walk(self, rule)
        if ent is not _NONE:
            for tree in plan.trees:
                walk.node(tree, ctx, ent, plan.inside)
        path: tuple[tuple[int, Any, Any], ...] = ()
        if plan.charted:
            path = tuple(
                (f.year, f.value, f.target)
                for f in self._series.get((rule.key, finding.scope.id), ())
                if f.year <= finding.year and f.value is not None
            )
        return Trace(
            tuple(walk.steps.values()),
            tuple(walk.figures.values()),
            tuple(walk.parameters.values()),
            path,
            tuple(walk.attributes.values()),
        )

    def supplied(self, name: str, year: int, party: str | None,
                 facts: FactSet) -> Supplied | None:
        """The figure `name` of `year` as `party`'s section (None: the municipality's) gives
        it, and by whom; None when that section has no such figure. Worked out once per check:
        a national check's twelve ratio clauses read the same corporation's figures."""
        key = (name, year, party)
        if key in self._supplied:
            return self._supplied[key]
        section = facts.parties.get(party) if party is not None else facts.agreement_section
        found = None
        if section is not None and name in section.figures:
            contest = section.contested.get(name)
            found = Supplied(name, self.phrases.words(ast.Name(name, 0)), year,
                             section.figures[name], self.phrases.vocab.figures[name], party,
                             section.supplier, section.system,
                             contest.by if contest else None,
                             contest.reason if contest else None)
        self._supplied[key] = found
        return found

    def parts(self, name: str, year: int, facts: FactSet,
              summed: bool) -> tuple[tuple[Term, ...], Step | None]:
        """The corporations' own figures `name` of `year`, and their sum as a step when the
        figure adds up (or is read `summed`); the sum is None unless every corporation gave
        its part. Once per check, as `supplied`."""
        key = (name, year)
        found = self._parts.get(key)
        if found is None:
            parts = tuple(
                Term(party_names(self.result.pack, [corporation]),
                     facts.parties[corporation].figures[name], year, corporation)
                for corporation in self.history.corporations
                if corporation in facts.parties and name in facts.parties[corporation].figures)
            total = None
            if parts:
                summed_up = (sum(t.value for t in parts)
                             if len(parts) == len(self.history.corporations) else None)
                total = Step("parties", f"{self.phrases.words(ast.Name(name, 0))} {year}",
                             summed_up, self.phrases.vocab.figures[name], parts)
            found = self._parts[key] = (parts, total)
        parts, total = found
        return parts, (total if summed or name in self.history.additive else None)

    def _context(self, finding: Finding) -> tuple[Context, Any]:
        rule, scope = finding.rule, finding.scope
        party = (
            scope.party if rule.scope.kind in (ScopeKind.CORPORATIONS, ScopeKind.PARTY) else None
        )
        ctx = self.history.context(finding.year, party)
        if rule.scope.kind is not ScopeKind.EACH:
            return ctx, None
        collection = rule.scope.collection or ""
        key = (finding.year, party, collection)
        by_id = self._items.get(key)
        if by_id is None:
            by_id = self._items[key] = _by_id(ctx, collection)
        return ctx, by_id.get(scope.id.partition("/")[2], _NONE)

    def value(self, rule: Rule, node: ast.Node, ctx: Context, ent: Any, inside: str | None) -> Any:
        """The node's value in this context, or None when a fact it needs is missing.

        Closures are kept by the node itself, not its `id`: the parts of a share of items are
        built for the trace and dropped, and a later one may get a dropped one's `id`."""
        key = (rule.key, node, inside)
        closure = self._closures.get(key)
        if closure is None:
            closure = self._closures[key] = compile_expression(node, self._env(rule, inside))
        try:
            return closure(ctx, ent)
        except MissingFact:
            return None

    def unit(self, rule: Rule, node: ast.Node, inside: str | None) -> str:
        """The unit of a part of a rule's expression, as the load-time check finds it (once)."""
        key = (rule.key, node, inside)
        unit = self._units.get(key)
        if unit is None:
            unit = self._units[key] = check(node, self._env(rule, inside)).unit
        return unit

    def _env(self, rule: Rule, inside: str | None) -> Environment:
        key = (rule.key, inside)
        if key not in self._envs:
            env = environment(rule, self.parameters)
            self._envs[key] = env.inside(inside) if inside and env.entity != inside else env
        return self._envs[key]


def charted(rule: Rule) -> bool:
    """A clause whose course matters: one with a deadline or trajectory, or a cumulative measure.
    (Here rather than in the report, which charts them, so that a check's JSON, which gives
    their course so far, need not load the report's modules.)"""
    return rule.deadline is not None or rule.trajectory is not None or (
        rule.measure is not None and any(isinstance(node, ast.Call) and node.func == "cumulative"
                                         for node in ast.walk(rule.measure.tree)))


_NONE = object()  # a per-entity finding whose item is no longer among the facts


def _by_id(ctx: Context, collection: str) -> dict[str, Any]:
    """The items of a collection by their ids (the first of any two alike), looked up once for
    all the findings on its items instead of going through them for each."""
    try:
        entities = ctx.entities(collection)
    except MissingFact:
        return {}
    found: dict[str, Any] = {}
    for row in entities.rows():
        found.setdefault(str(entities.get(row, "id")), row)
    return found


_UNTRACED = Trace()  # a clause without a measure or a norm: nothing to follow


@dataclass(frozen=True)
class _Plan:
    """What a trace of any finding of a rule goes through, worked out once per rule: the trees
    of its measure and its norm's bounds, the collection they see, whether it is charted."""

    rule: Rule  # kept, so that no other rule is given its `id` meanwhile
    untraced: bool
    trees: tuple[ast.Node, ...]
    inside: str | None
    charted: bool


def _plan(rule: Rule) -> _Plan:
    trees = [rule.measure.tree] if rule.measure else []
    if rule.norm:
        trees += [n for n in (rule.norm.tree.bound, rule.norm.tree.upper) if n is not None]
    return _Plan(
        rule,
        rule.measure is None and rule.norm is None,
        tuple(trees),
        rule.scope.collection if rule.scope.kind is ScopeKind.EACH else None,
        charted(rule),
    )


class _Walk:
    """Goes through one rule's expressions for one finding, gathering what its value rests on."""

    def __init__(self, tracer: Tracer, rule: Rule) -> None:
        self.tracer, self.rule = tracer, rule
        self.phrases = tracer.phrases
        self.steps: dict[tuple[Any, ...], Step] = {}
        self.figures: dict[tuple[str, int, str | None], Supplied] = {}
        self.parameters: dict[tuple[str, int], ParameterUse] = {}
        self.attributes: dict[str, Supplied] = {}

    def node(self, node: ast.Node, ctx: Context, ent: Any, inside: str | None) -> None:
        match node:
            case ast.Call(func=func):
                FUNCTIONS[func].trace(node, _CallWalk(self, node, ctx, ent, inside))
            case ast.Unary(operand=operand):
                self.node(operand, ctx, ent, inside)
            case ast.Binary(left=left, right=right):
                self.node(left, ctx, ent, inside)
                self.node(right, ctx, ent, inside)
            case ast.Name(name=name) if (
                inside is not None and name in self.phrases.vocab.collections[inside]
            ):
                if ent is not None and inside == self.rule.scope.collection:
                    self._attribute(name, ent, ctx)
            case ast.Name(name=name) if name in self.phrases.vocab.figures:
                self.figure(name, ctx)

    def year_of(self, node: ast.Node, ctx: Context) -> int:
        """A year argument as written (2022) or counted from the year judged (`year_judged - 1`)."""
        if isinstance(node, ast.Number):
            return int(node.value)
        return int(self.tracer.value(self.rule, node, ctx, None, None))

    def step(
        self,
        kind: str,
        node: ast.Node,
        ctx: Context,
        ent: Any,
        inside: str | None,
        terms: tuple[Term, ...],
    ) -> None:
        measure = self.rule.measure is not None and node is self.rule.measure.tree
        self.steps.setdefault(
            (kind, id(node), ctx.year),
            Step(
                kind,
                self.phrases.words(node, inside),
                self.tracer.value(self.rule, node, ctx, ent, inside),
                self.tracer.unit(self.rule, node, inside),
                terms,
                measure,
            ),
        )

    def figure(self, name: str, ctx: Context, summed: bool = False) -> None:
        """A figure as the context reads it: a party's own, the municipality's, or else the
        corporations' parts; `summed`: the corporations' parts whatever the municipality's
        section says (`corporations(stock_total)`, not the municipality's stock_total)."""
        facts = ctx.facts()
        if facts is None:
            return
        tracer, year = self.tracer, ctx.year
        if not summed and (ctx.party is not None or name in facts.agreement_section.figures):
            self._cite(tracer.supplied(name, year, ctx.party, facts))
            return
        parts, total = tracer.parts(name, year, facts, summed)
        for term in parts:
            self._cite(tracer.supplied(name, year, term.party, facts))
        if total is not None:
            self.steps.setdefault(("parties", name, year), total)

    def _cite(self, supplied: Supplied | None) -> None:
        if supplied is not None:
            self.figures.setdefault((supplied.name, supplied.year, supplied.party), supplied)

    def _attribute(self, name: str, ent: Any, ctx: Context) -> None:
        collection = self.rule.scope.collection or ""
        attributes = self.phrases.vocab.collections[collection]
        index = tuple(attributes).index(name)
        if ent[index] is None:
            return
        unit = attributes[name]
        self.attributes.setdefault(
            name,
            Supplied(
                f"{collection}.{name}",
                self.phrases.words(ast.Name(name, 0), collection),
                ctx.year,
                ent[index],
                unit,
                None,
                None,
                None,
            ),
        )

    def parameter(self, name: str, year: int) -> None:
        found = self.tracer.parameters.by_name.get(name)
        in_force = found.in_force(year) if found is not None else None
        if found is None or in_force is None:
            return
        self.parameters.setdefault(
            (name, year),
            ParameterUse(
                name,
                self.phrases.words(ast.Call("param", (ast.Name(name, 0),), None, 0)),
                year,
                in_force.value,
                found.unit,
                in_force.valid_from,
                in_force.source,
                in_force.status,
            ),
        )


class _CallWalk:
    """One call as its function's trace goes through it (functions/base.py `Walk`)."""

    def __init__(self, walk: _Walk, call: ast.Call, ctx: Context, ent: Any,
                 inside: str | None) -> None:
        self.walk, self.call, self.ctx, self.ent, self.inside = walk, call, ctx, ent, inside

    @property
    def year(self) -> int:
        return self.ctx.year

    def visit(self, node: ast.Node, year: int | None = None,
              collection: str | None = None) -> None:
        ctx = self.ctx if year is None else self.ctx.at_year(year)
        self.walk.node(node, ctx, self.ent, collection or self.inside)

    def year_of(self, node: ast.Node) -> int:
        return self.walk.year_of(node, self.ctx)

    def parameter(self, name: str, year: int) -> None:
        self.walk.parameter(name, year)

    def summed(self, figure: str) -> None:
        self.walk.figure(figure, self.ctx, summed=True)

    def step(self, kind: str, terms: Sequence[tuple[ast.Node, int | None]]) -> None:
        walk, ctx, inside = self.walk, self.ctx, self.inside
        built = tuple(
            Term(walk.phrases.words(node, inside),
                 walk.tracer.value(walk.rule, node, ctx if year is None else ctx.at_year(year),
                                   self.ent, inside),
                 year)
            for node, year in terms
        )
        walk.step(kind, self.call, ctx, self.ent, inside, built)


# -- in words -------------------------------------------------------------------------------------


def computation(trace: Trace, lang: str) -> list[str]:
    """The sums and shares behind the value, one line each: "965 = 120 (2020) + …"."""
    lines = []
    for step in (s for s in trace.steps if s.kind in ("years", "share")):
        total = value_text(step.value, step.unit, lang)
        if step.kind == "years":
            sum_ = " + ".join(
                f"{value_text(t.value, 'number', lang)} ({t.year})" for t in step.terms
            )
        else:
            part, whole = step.terms
            sum_ = (f"{value_text(part.value, 'number', lang)} {part.words} / "
                    f"{value_text(whole.value, 'number', lang)} {whole.words}")
        lines.append(f"{total} = {sum_}" if step.measure else f"{step.words}: {total} = {sum_}")
    return lines


def provenance(trace: Trace, pack: Pack, lang: str) -> list[str]:
    """Where each figure and parameter came from: the corporations' parts of a sum, the party,
    who supplied it from which system, a contest; a parameter's date and source."""
    lines = []
    for step in (s for s in trace.steps if s.kind == "parties"):
        terms = " + ".join(
            f"{value_text(t.value, step.unit, lang)} ({t.words})" for t in step.terms
        )
        lines.append(f"{step.words}: {value_text(step.value, step.unit, lang)} = {terms}")
    for item in trace.figures:
        whose = party_names(pack, [item.party]) if item.party else say("trace.municipality", lang)
        supplied = ", ".join(
            x
            for x in (
                party_names(pack, [item.supplied_by]) if item.supplied_by else "",
                item.system or "",
            )
            if x
        )
        line = say(
            "trace.figure",
            lang,
            words=item.words,
            year=item.year,
            value=value_text(item.value, item.unit, lang),
            whose=whose,
            supplied=supplied or say("trace.unknown_supplier", lang),
        )
        if item.contested_by:
            line += say(
                "trace.contested",
                lang,
                party=party_names(pack, [item.contested_by]),
                reason=item.reason or "",
            )
        lines.append(line)
    lines += [f"{item.words}: {value_text(item.value, item.unit, lang)}" for item in trace.entity]
    for use in trace.parameters:
        lines.append(
            say(
                "trace.parameter",
                lang,
                words=use.words,
                year=use.year,
                value=value_text(use.value, use.unit if use.unit != "index" else "number", lang),
                since=value_text(use.valid_from, "date", lang),
                source=use.source or "-",
            )
        )
    return lines


def trace_json(trace: Trace) -> dict[str, Any]:
    """The trace as check's JSON gives it (docs/schemas/check-output.schema.json)."""
    return {
        "steps": [
            {
                "kind": s.kind,
                "what": s.words,
                "value": _plain(s.value),
                "unit": s.unit,
                "terms": [
                    {"what": t.words, "value": _plain(t.value), "year": t.year, "party": t.party}
                    for t in s.terms
                ],
            }
            for s in trace.steps
        ],
        "figures": [
            {
                "name": f.name,
                "what": f.words,
                "year": f.year,
                "value": _plain(f.value),
                "party": f.party,
                "supplied_by": f.supplied_by,
                "system": f.system,
                "contested_by": f.contested_by,
                "reason": f.reason,
            }
            for f in (*trace.figures, *trace.entity)
        ],
        "parameters": [
            {
                "name": p.name,
                "what": p.words,
                "year": p.year,
                "value": _plain(p.value),
                "valid_from": p.valid_from.isoformat(),
                "source": p.source,
                "status": p.status,
            }
            for p in trace.parameters
        ],
        "path": [
            {"year": year, "value": _plain(value), "target": _plain(target)}
            for year, value, target in trace.path
        ],
    }


def _plain(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    return round(value, 6) if isinstance(value, float) else value
