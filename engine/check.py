"""The main job as a function: load a pack and its fact sets, evaluate, return the findings.

The command line and the tests both call this; it raises `InputError` for bad input and never
prints. Loading goes through `engine.cache`, so a second run over unchanged files skips YAML
parsing and schema validation.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from woonpact.engine import cache, paths, yamlio
from woonpact.engine.errors import InputError, Problem
from woonpact.engine.evaluation.run import Evaluation
from woonpact.engine.evaluation.scopes import entity_id, fixed_instances
from woonpact.engine.facts.loader import fact_files, load_fact_set
from woonpact.engine.ladder.escalate import escalate
from woonpact.engine.ladder.history import names
from woonpact.engine.language import ast
from woonpact.engine.model.escalation import Escalation
from woonpact.engine.model.facts import EscalationEvent, FactSet
from woonpact.engine.model.finding import Finding
from woonpact.engine.model.pack import Pack, Rule, ScopeKind
from woonpact.engine.params import Parameters, load_parameters
from woonpact.engine.rules.loader import load_pack, rule_trees
from woonpact.engine.rules.registry import find_pack, pack_path
from woonpact.engine.suggest import closest


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
    """A pack's expressions are checked against the parameters' names, so its entry depends on
    them; an included pack is an entry of its own (`included_rules`)."""
    return cache.cached(path, "pack", lambda p: load_pack(p, parameters()), shared=True,
                        depends=(paths.PARAMETERS,))


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


def clause_versions(pack: Pack, rules: Iterable[Rule]) -> dict[str, list[Rule]]:
    """Each name facts may give a clause (its id for the pack's own, `<pack>/<id>` for any), with
    the versions of the clause it reaches."""
    found: dict[str, list[Rule]] = defaultdict(list)
    for rule in rules:
        for name in names(rule, pack.id):
            found[name].append(rule)
    return found


def scope_ids(pack: Pack, versions: Iterable[Rule], fact_sets: Iterable[FactSet]) -> list[str]:
    """Whom a clause's findings can be about, by the ids a recorded `scope` names them with: the
    instances judged every year, and for a clause per entity each entity of its collection in
    the facts given (engine/evaluation/scopes.py)."""
    found: dict[str, None] = {}
    for rule in versions:
        found.update(dict.fromkeys(scope.id for _, scope in fixed_instances(pack, rule)))
        if rule.scope.kind is ScopeKind.EACH:
            collection = rule.scope.collection or ""
            for fact_set in fact_sets:
                entities = fact_set.collections.get(collection)
                if entities is not None and "id" in entities.position:
                    found.update(dict.fromkeys(entity_id(collection, identifier)
                                               for identifier in entities.column("id") if identifier is not None))
    return list(found)


def scope_problem(pack: Pack, name: str, versions: Iterable[Rule], scope: str | None,
                  fact_sets: Iterable[FactSet], file: Path | None, field: str) -> list[Problem]:
    """A recorded `scope` that names nobody the clause is about would silently match nothing."""
    if scope is None:
        return []
    allowed = scope_ids(pack, versions, fact_sets)
    if scope in allowed:
        return []
    shown = allowed if len(allowed) <= 6 else [*allowed[:5], f"… ({len(allowed)})"]
    return [Problem("facts.unknown_scope", file=file, field=field,
                    params={"scope": scope, "rule": name, "allowed": ", ".join(shown) or "—",
                            "suggestion": closest(scope, allowed) or ""})]


def event_problems(pack: Pack, versions: Mapping[str, list[Rule]], event: EscalationEvent,
                   fact_sets: Iterable[FactSet], file: Path | None, field: str) -> list[Problem]:
    """An escalation event's clause, rung and scope checked against the pack; `field` is where
    the event stands (`escalations[2]`), or empty for `woonpact record`'s options (`--rule`)."""
    def at(name: str) -> str:
        return f"{field}.{name}" if field else f"--{name}"

    rungs = [r.id for r in pack.ladder.rungs]
    problems = []
    if event.rule not in versions:
        problems.append(Problem("facts.event_unknown_rule", file=file, field=at("rule"),
                                params={"rule": event.rule, "suggestion": closest(event.rule, versions) or ""}))
    else:
        problems += scope_problem(pack, event.rule, versions[event.rule], event.scope, fact_sets, file, at("scope"))
    if event.rung not in rungs:
        problems.append(Problem("facts.unknown_rung", file=file, field=at("rung"),
                                params={"rung": event.rung, "rungs": ", ".join(rungs),
                                        "suggestion": closest(event.rung, rungs) or ""}))
    return problems


def cross_check(pack: Pack, fact_sets: dict[int, FactSet], rules: tuple[Rule, ...] | None = None) -> None:
    """Facts must name parties, rules and scopes of their own pack; a typo is caught here, by name.

    An event's scope must be found in its own year (it is about that year's finding), a
    deviation's in any year given (it may cover several).
    """
    party_ids = [p.id for p in pack.parties]
    versions = clause_versions(pack, pack.rules if rules is None else rules)
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
        problems += participant_problems(pack, fact_set, party_ids)
        for i, event in enumerate(fact_set.escalations):
            problems += event_problems(pack, versions, event, [fact_set], fact_set.path, f"escalations[{i}]")
        for i, deviation in enumerate(fact_set.deviations):
            if deviation.rule not in versions:
                problems.append(Problem("facts.deviation_unknown_rule", file=fact_set.path,
                                        field=f"deviations[{i}].rule",
                                        params={"rule": deviation.rule, "suggestion": closest(deviation.rule, versions) or ""}))
            else:
                problems += scope_problem(pack, deviation.rule, versions[deviation.rule], deviation.scope,
                                          fact_sets.values(), fact_set.path, f"deviations[{i}].scope")
            for party in deviation.approved_by:
                if party not in party_ids:
                    problems.append(Problem("facts.unknown_party", file=fact_set.path, field=f"deviations[{i}].approved_by",
                                            params={"party": party, "pack": pack.id,
                                                    "suggestion": closest(party, party_ids) or ""}))
    if problems:
        raise InputError(placed(problems))


def participant_problems(pack: Pack, fact_set: FactSet, party_ids: list[str]) -> list[Problem]:
    """A meeting's participants are party ids of the pack: rules test them by id (`"gemeente" in
    parties`), so a name the pack does not know would silently make a meeting count for nobody."""
    meetings = fact_set.collections.get("meetings")
    if meetings is None or "parties" not in meetings.position:
        return []
    return [Problem("facts.unknown_participant", file=fact_set.path, field=f"collections.meetings[{i}].parties[{j}]",
                    params={"party": party, "pack": pack.id, "allowed": ", ".join(party_ids),
                            "suggestion": closest(party, party_ids) or ""})
            for i, parties in enumerate(meetings.column("parties")) if isinstance(parties, list)
            for j, party in enumerate(parties) if party not in party_ids]


def placed(problems: list[Problem]) -> list[Problem]:
    """The problems at their line (in a workbook: their cell). A fact set keeps no positions, so
    its file is read again, only when there is something to report."""
    locators: dict[Path, Callable[[Problem], Problem]] = {}
    found = []
    for problem in problems:
        if problem.line is not None or problem.file is None or not problem.field:
            found.append(problem)
            continue
        if problem.file not in locators:
            locators[problem.file] = _locator(problem.file)
        found.append(locators[problem.file](problem))
    return found


def _locator(file: Path) -> Callable[[Problem], Problem]:
    try:
        if file.suffix.lower() == ".xlsx":
            from woonpact.engine.facts import workbook  # noqa: PLC0415 - openpyxl only for a workbook

            places = workbook.read(file)[1]
            return lambda problem: workbook.locate(problem, places, file)
        data = yamlio.load(file)
    except (InputError, OSError):
        return lambda problem: problem  # not a file (a rule test's case): no line to give

    def at(problem: Problem) -> Problem:
        line, column = yamlio.locate(data, yamlio.steps(problem.field or ""))
        return replace(problem, line=line, column=column)
    return at


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


@dataclass(frozen=True)
class FactNames:
    """The names a fact set for a pack uses: what a fact-set template asks for, and no more."""

    figures: frozenset[str]
    collections: frozenset[str]
    conditions: Mapping[str, tuple[str, ...]]  # each condition read, with the clauses that read it
    clauses: tuple[str, ...]  # as facts name them: `3.2-7`, an included one `npa-2022/efg`


def fact_names_read(pack: Pack, rules: Path | None = None) -> FactNames:
    """The figures, collections and conditions a pack's rules (its included ones too) read, and
    the clauses a record of the ladder may name."""
    from woonpact.engine.evaluation.compiled import compile_rule  # noqa: PLC0415  (not on check's path)

    figures: set[str] = set()
    collections: set[str] = set()
    conditions: dict[str, dict[str, None]] = {}
    clauses: dict[str, None] = {}
    for rule in included_rules(pack, rules):
        reads = compile_rule(rule, parameters()).reads
        figures |= set(reads.figures)
        collections |= set(reads.collections) | ({"deliverables"} if rule.milestone else set())
        if rule.scope.collection:
            collections.add(rule.scope.collection)
        clause = rule.id if rule.pack == pack.id else rule.key
        clauses[clause] = None
        for node in (n for tree in rule_trees(rule) for n in ast.walk(tree)):
            if isinstance(node, ast.Call) and node.func == "condition" and isinstance(node.args[0], ast.Text):
                conditions.setdefault(node.args[0].value, {})[clause] = None
    return FactNames(frozenset(figures), frozenset(collections),
                     {name: tuple(read_by) for name, read_by in conditions.items()}, tuple(clauses))


def judged_years(pack: Pack, fact_sets: dict[int, FactSet]) -> tuple[int, ...]:
    """The years within the agreement's period, and after it as far as one of its own clauses
    runs ("tot en met 2025"); a fact set before the period is history (a baseline)."""
    last = max((pack.last_year, *(r.last_year for r in pack.rules)))
    inside = tuple(y for y in sorted(fact_sets) if pack.first_year <= y <= last)
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
