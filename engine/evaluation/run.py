"""Evaluate every rule of a pack for the chosen years: one finding per scope instance and year.

This is the only place that enumerates scope instances, so the invariant "exactly one finding
per rule, scope instance and year" is kept in one loop. A per-entity rule with no entity in
scope still yields one finding (not applicable) so that no clause silently disappears.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from engine import collector
from engine.evaluation.compiled import COLLECTION_NOUNS, CompiledRule, compile_rule
from engine.evaluation.context import Context, History
from engine.evaluation.judge import Judge
from engine.facts.vocabulary import vocabulary
from engine.language.compiler import MissingFact
from engine.model.facts import FactSet
from engine.model.finding import Finding, ScopeInstance, Status
from engine.model.pack import Pack, Rule, ScopeKind
from engine.params import Parameters


class Evaluation:
    """A pack compiled against the parameters, ready to judge any history of its fact sets."""

    def __init__(self, pack: Pack, parameters: Parameters, rules: Iterable[Rule] | None = None) -> None:
        self.pack = pack
        self.parameters = parameters
        self.compiled = tuple(compile_rule(rule, parameters) for rule in (pack.rules if rules is None else rules))
        self.judges = tuple(Judge(c) for c in self.compiled)
        self.additive = vocabulary().summable

    def history(self, fact_sets: Mapping[int, FactSet]) -> History:
        corporations = tuple(p.id for p in self.pack.corporations())
        return History(fact_sets, self.parameters, corporations, self.additive)

    def run(self, fact_sets: Mapping[int, FactSet], years: Iterable[int] | None = None) -> list[Finding]:
        history = self.history(fact_sets)
        chosen = sorted(years) if years is not None else sorted(fact_sets)
        findings: list[Finding] = []
        with collector.paused():
            for year in chosen:
                for judge in self.judges:
                    findings.extend(self._rule_year(judge, history, year))
        return findings

    def _rule_year(self, judge: Judge, history: History, year: int) -> Iterator[Finding]:
        rule = judge.rule
        outside = not rule.first_year <= year <= rule.last_year
        if outside and rule.versions > 1:
            return  # another version of this clause (before or after an allonge) covers the year
        if outside and rule.scope.kind is ScopeKind.EACH:
            collection = rule.scope.collection or ""
            whole = ScopeInstance("collection", collection, COLLECTION_NOUNS[collection].nl)
            yield Finding(rule, year, whole, Status.NOT_APPLICABLE, "outside_years",
                          details=(("first", rule.first_year), ("last", rule.last_year)))
            return
        for ctx, ent, scope in self._instances(judge.c, history, year):
            if isinstance(ent, Finding):
                yield ent
            elif outside:
                yield Finding(rule, year, scope, Status.NOT_APPLICABLE, "outside_years",
                              details=(("first", rule.first_year), ("last", rule.last_year)))
            else:
                yield judge(ctx, ent, scope)

    def _instances(self, compiled: CompiledRule, history: History,
                   year: int) -> Iterator[tuple[Context, Any, ScopeInstance]]:
        rule, pack = compiled.rule, self.pack
        scope = rule.scope
        if scope.kind is ScopeKind.AGREEMENT:
            yield history.context(year, None), None, ScopeInstance("agreement", pack.id, pack.municipality)
        elif scope.kind is ScopeKind.CORPORATIONS:
            for party in pack.corporations():
                yield history.context(year, party.id), None, ScopeInstance("party", party.id, party.name, party.id)
        elif scope.kind is ScopeKind.PARTY:
            party = pack.party(scope.party or "")
            name = party.name if party else scope.party or ""
            yield history.context(year, scope.party), None, ScopeInstance("party", scope.party or "", name, scope.party)
        else:
            yield from self._entity_instances(compiled, history, year)

    def _entity_instances(self, compiled: CompiledRule, history: History,
                          year: int) -> Iterator[tuple[Context, Any, ScopeInstance]]:
        rule = compiled.rule
        collection = rule.scope.collection or ""
        ctx = history.context(year, None)
        noun = COLLECTION_NOUNS[collection]
        whole = ScopeInstance("collection", collection, noun.nl)
        try:
            entities = ctx.entities(collection)
        except MissingFact as missing:
            yield ctx, _collection_finding(rule, year, whole, Status.MISSING_DATA, "missing",
                                           missing=(f"{missing.name} ({year})",)), whole
            return
        found = False
        judge_where, trigger_when = compiled.where, compiled.trigger_when
        for ent in entities:
            try:
                if judge_where is not None and not judge_where(ctx, ent):
                    continue
                if trigger_when is not None and not trigger_when(ctx, ent):
                    continue
            except MissingFact as missing:
                scope = _entity_scope(collection, ent)
                found = True
                yield ctx, _collection_finding(rule, year, scope, Status.MISSING_DATA, "missing",
                                               missing=(f"{missing.name} ({ent.get('id')}, {year})",)), scope
                continue
            found = True
            yield ctx, ent, _entity_scope(collection, ent)  # built only for entities in scope
        if not found:
            reason = "trigger_quiet" if rule.trigger is not None else "no_entities"
            yield ctx, _collection_finding(rule, year, whole, Status.NOT_APPLICABLE, reason), whole


def _entity_scope(collection: str, ent: Any) -> ScopeInstance:
    return ScopeInstance("entity", f"{collection}/{ent.get('id')}", str(ent.get("name") or ent.get("id")),
                         ent.get("party"))


def _collection_finding(rule: Rule, year: int, scope: ScopeInstance, status: Status, reason: str,
                        **fields: Any) -> Finding:
    return Finding(rule, year, scope, status, reason, **fields)
