"""The main job as a function: load a pack and its fact sets, evaluate, return the findings.

The command line and the tests both call this; it raises `InputError` for bad input and never
prints. Loading goes through `engine.cache`, so a second run over unchanged files skips YAML
parsing and schema validation.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from engine import cache, paths
from engine.errors import InputError, Problem
from engine.evaluation.run import Evaluation
from engine.facts.loader import fact_files, load_fact_set
from engine.ladder.escalate import escalate
from engine.model.escalation import Escalation
from engine.model.facts import FactSet
from engine.model.finding import Finding
from engine.model.pack import Pack, Rule
from engine.params import Parameters, load_parameters
from engine.rules.loader import load_pack
from engine.rules.registry import find_pack, pack_path
from engine.suggest import closest


@dataclass(frozen=True)
class CheckResult:
    pack: Pack
    fact_sets: dict[int, FactSet]
    findings: list[Finding]
    years: tuple[int, ...]
    escalations: tuple[Escalation, ...] = ()


def parameters() -> Parameters:
    return cache.cached(paths.PARAMETERS, "parameters", load_parameters, shared=True)


def pack_by_path(path: Path) -> Pack:
    params = parameters()
    return cache.cached(path, "pack", lambda p: load_pack(p, params), shared=True)  # packs include packs


def load_facts(targets: list[Path]) -> dict[int, FactSet]:
    fact_sets: dict[int, FactSet] = {}
    for target in targets:
        for file in fact_files(target):
            fact_set = cache.cached(file, "facts", load_fact_set)
            if fact_set.year in fact_sets:
                raise InputError(Problem("facts.year_twice", file=file, field="year", params={
                    "year": fact_set.year, "first": fact_sets[fact_set.year].path, "second": file}))
            fact_sets[fact_set.year] = fact_set
    agreements = sorted({f.agreement for f in fact_sets.values()})
    if len(agreements) > 1:
        raise InputError(Problem("facts.mixed_agreements", params={"found": ", ".join(agreements)}))
    return fact_sets


def rule_names(pack: Pack, rules: tuple[Rule, ...]) -> set[str]:
    """How facts may name a clause: its id for the pack's own, `<pack>/<id>` for any."""
    return {r.id for r in rules if r.pack == pack.id} | {r.key for r in rules}


def cross_check(pack: Pack, fact_sets: dict[int, FactSet], rules: tuple[Rule, ...] | None = None) -> None:
    """Facts must name parties and rules of their own pack; a typo is caught here, by name."""
    party_ids = [p.id for p in pack.parties]
    rule_ids = rule_names(pack, pack.rules if rules is None else rules)
    rungs = [r.id for r in pack.ladder.rungs]
    problems = []
    for fact_set in fact_sets.values():
        if fact_set.agreement != pack.id:
            problems.append(Problem("facts.agreement_mismatch", file=fact_set.path, field="agreement",
                                    params={"found": fact_set.agreement, "expected": pack.id}))
        for party in fact_set.parties:
            if party not in party_ids:
                problems.append(Problem("facts.unknown_party", file=fact_set.path, field=f"parties.{party}",
                                        params={"party": party, "pack": pack.id,
                                                "suggestion": closest(party, party_ids) or ""}))
        for i, event in enumerate(fact_set.escalations):
            if event.rule not in rule_ids:
                problems.append(Problem("facts.event_unknown_rule", file=fact_set.path,
                                        field=f"escalations[{i}].rule",
                                        params={"rule": event.rule, "suggestion": closest(event.rule, rule_ids) or ""}))
            if event.rung not in rungs:
                problems.append(Problem("facts.unknown_rung", file=fact_set.path, field=f"escalations[{i}].rung",
                                        params={"rung": event.rung, "rungs": ", ".join(rungs),
                                                "suggestion": closest(event.rung, rungs) or ""}))
        for i, deviation in enumerate(fact_set.deviations):
            if deviation.rule not in rule_ids:
                problems.append(Problem("facts.deviation_unknown_rule", file=fact_set.path,
                                        field=f"deviations[{i}].rule",
                                        params={"rule": deviation.rule, "suggestion": closest(deviation.rule, rule_ids) or ""}))
            for party in deviation.approved_by:
                if party not in party_ids:
                    problems.append(Problem("facts.unknown_party", file=fact_set.path, field=f"deviations[{i}].approved_by",
                                            params={"party": party, "pack": pack.id,
                                                    "suggestion": closest(party, party_ids) or ""}))
    if problems:
        raise InputError(problems)


def resolve_pack(fact_sets: dict[int, FactSet], rules: Path | None) -> Pack:
    if rules is not None and rules.is_file():
        return pack_by_path(rules)
    if not fact_sets:
        raise InputError(Problem("cli.no_pack"))
    agreement = next(iter(fact_sets.values())).agreement
    return pack_by_path(find_pack(agreement, rules) if rules else find_pack(agreement))


def included_rules(pack: Pack, rules: Path | None = None, chain: tuple[str, ...] = ()) -> tuple[Rule, ...]:
    """The pack's own rules followed by those of the packs it includes (the national layer).

    An included pack is looked for beside the including one, then among the bundled packs, so a
    rule author's own folder still gets the national layer.

    An included rule keeps its own pack id, so its findings name both packs: the rule's
    (`npa-2022/...`) and the one being checked.
    """
    if pack.id in chain:
        raise InputError(Problem("pack.include_cycle", file=pack.path,
                                 params={"chain": " -> ".join((*chain, pack.id))}))
    found = list(pack.rules)
    folder = rules if rules is not None and rules.is_dir() else pack.path.parent
    for included in pack.includes:
        path = pack_path(included, folder) or find_pack(included)  # else the bundled one
        found += included_rules(pack_by_path(path), rules, (*chain, pack.id))
    return tuple(found)


def fact_names_read(pack: Pack, rules: Path | None = None) -> tuple[set[str], set[str]]:
    """The figures and collections a pack's rules (its included ones too) read: what a fact-set
    template must ask for, and no more."""
    from engine.evaluation.compiled import compile_rule  # noqa: PLC0415  (not on check's path)

    figures: set[str] = set()
    collections: set[str] = set()
    for rule in included_rules(pack, rules):
        reads = compile_rule(rule, parameters()).reads
        figures |= set(reads.figures)
        collections |= set(reads.collections) | ({"deliverables"} if rule.milestone else set())
        if rule.scope.collection:
            collections.add(rule.scope.collection)
    return figures, collections


def judged_years(pack: Pack, fact_sets: dict[int, FactSet]) -> tuple[int, ...]:
    """The years within the agreement's period; a fact set before it is history (a baseline)."""
    inside = tuple(y for y in sorted(fact_sets) if pack.first_year <= y <= pack.last_year)
    return inside or tuple(sorted(fact_sets))


def check(targets: list[Path], rules: Path | None = None, year: int | None = None) -> CheckResult:
    fact_sets = load_facts(targets)
    pack = resolve_pack(fact_sets, rules)
    all_rules = included_rules(pack, rules)
    cross_check(pack, fact_sets, all_rules)
    if year is not None and year not in fact_sets:
        raise InputError(Problem("facts.no_year", params={
            "year": year, "years": ", ".join(map(str, sorted(fact_sets)))}))
    years = (year,) if year is not None else judged_years(pack, fact_sets)
    history = tuple(y for y in judged_years(pack, fact_sets) if y <= max(years)) or years
    findings = Evaluation(pack, parameters(), all_rules).run(fact_sets, history)
    findings, escalations = escalate(pack, findings, fact_sets, years)
    return CheckResult(pack, fact_sets, [f for f in findings if f.year in years], years, escalations)
