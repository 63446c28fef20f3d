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

from woonpact.engine import cache, yamlio
from woonpact.engine.codes import code_problems, conditions_read, matched_codes
from woonpact.engine.errors import InputError, Problem
from woonpact.engine.evaluation.run import Evaluation
from woonpact.engine.evaluation.scopes import entity_id, fixed_instances
from woonpact.engine.facts import tables
from woonpact.engine.facts.loader import FACT_SUFFIXES, fact_files, load_fact_set
from woonpact.engine.facts.plausible import implausible
from woonpact.engine.ladder.escalate import escalate
from woonpact.engine.ladder.history import concerned
from woonpact.engine.model.escalation import Escalation
from woonpact.engine.model.facts import EscalationEvent, FactSet
from woonpact.engine.model.finding import Finding, Status
from woonpact.engine.model.pack import Pack, Rule, ScopeKind
from woonpact.engine.params import bundled as parameters  # noqa: F401 - tests import it from here
from woonpact.engine.rules.packs import (
    Vocabularies,
    facts_vocabulary,
    included_packs,
    included_rules,
    pack_by_path,
    pack_parameters,
    period,
)
from woonpact.engine.rules.registry import find_pack
from woonpact.engine.suggest import closest


@dataclass(frozen=True)
class CheckResult:
    pack: Pack
    fact_sets: dict[int, FactSet]
    findings: list[Finding]
    years: tuple[int, ...]
    escalations: tuple[Escalation, ...] = ()
    # legal, probably not meant: a meeting matching no finding, a valid but implausible value
    warnings: tuple[Problem, ...] = ()


def fact_histories(targets: Iterable[Path], rules: Path | None = None,
                   problems: list[Problem] | None = None) -> list[dict[int, FactSet]]:
    """The fact sets of the files and folders given, one history per agreement, in the order
    the agreements first appear: `2025.yaml 2026.yaml` of one agreement are one history (its
    running totals and ladder span both), and `facts/*/` is one history per folder. A file
    named twice is read once; two files of one agreement and year are refused. With `problems`,
    a file that cannot be loaded adds its problems there and the others are still read, so
    that all are reported in one run."""
    vocabularies = Vocabularies(rules)  # each fact set is validated against its pack's vocabulary
    found: dict[str, dict[int, FactSet]] = {}
    seen: set[Path] = set()
    for target in targets:
        for file in fact_files(target):
            if file.resolve() in seen:
                continue
            seen.add(file.resolve())
            try:
                fact_set = read_fact_set(file, vocabularies)
            except InputError as error:
                if problems is None:
                    raise
                problems += error.problems
                continue
            history = found.setdefault(fact_set.agreement, {})
            if fact_set.year in history:
                raise InputError(Problem("facts.year_twice", file=file, field="year", params={
                    "year": fact_set.year, "first": history[fact_set.year].path, "second": file}))
            history[fact_set.year] = fact_set
    return list(found.values())


def read_fact_set(file: Path, vocabularies: Vocabularies) -> FactSet:
    """One fact file, through the cache, validated against its pack's vocabulary; an entry made
    before the pack's declarations changed is read again."""
    return cache.cached(file, "facts", lambda p: load_fact_set(p, vocabularies),
                        current=lambda found: found.vocabulary == vocabularies(found.agreement).key)


def load_facts(targets: list[Path], rules: Path | None = None) -> dict[int, FactSet]:
    """The history of the one agreement the files and folders given belong to."""
    found = fact_histories(targets, rules)
    if len(found) > 1:
        agreements = sorted(next(iter(history.values())).agreement for history in found)
        raise InputError(Problem("facts.mixed_agreements", params={"found": ", ".join(agreements)}))
    return found[0] if found else {}


def clause_versions(pack: Pack, rules: Iterable[Rule]) -> dict[str, list[Rule]]:
    """Each name facts may give a clause (its id for the pack's own, `<pack>/<id>` for any), with
    the versions of the clause it reaches."""
    found: dict[str, list[Rule]] = defaultdict(list)
    for rule in rules:
        for name in rule.called_in(pack.id):
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
                                               for identifier in entities.column("id")
                                               if identifier is not None))
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
                   fact_sets: Mapping[int, FactSet], file: Path | None, field: str,
                   file_year: int | None) -> list[Problem]:
    """An escalation event's clause, rung, scope and year checked against the pack; `field` is
    where the event stands (`escalations[2]`), or empty for `woonpact record`'s options
    (`--rule`); `file_year` is the year of the fact file it is recorded in. Its scope must be
    found in the facts of the year it concerns (any year given, when that one is not)."""
    def at(name: str) -> str:
        return f"{field}.{name}" if field else f"--{name}"

    rungs = list(pack.ladder.rung_ids())
    problems = []
    if event.rule not in versions:
        problems.append(Problem("facts.event_unknown_rule", file=file, field=at("rule"),
                                params={"rule": event.rule,
                                        "suggestion": closest(event.rule, versions) or ""}))
    else:
        year = event.concerned_year
        in_scope = [fact_sets[year]] if year in fact_sets else list(fact_sets.values())
        problems += scope_problem(pack, event.rule, versions[event.rule], event.scope, in_scope,
                                  file, at("scope"))
        rungs = [r.id for r in pack.ladder.track(versions[event.rule][-1])]  # its dispute's rungs
    if event.rung not in rungs:
        problems.append(Problem("facts.unknown_rung", file=file, field=at("rung"),
                                params={"rung": event.rung, "rungs": ", ".join(rungs),
                                        "suggestion": closest(event.rung, rungs) or ""}))
    return problems + year_problems(pack, event, file, at, file_year)


def year_problems(pack: Pack, event: EscalationEvent, file: Path | None, at: Callable[[str], str],
                  file_year: int | None) -> list[Problem]:
    """The year a meeting concerns must be plain and possible (docs/ladder.md): a meeting held in
    another year than its file's says which one it is about; it concerns a year of the
    agreement's period and is not held before that year began. One held more than a year after
    it is allowed, with a warning."""
    year = event.concerned_year
    first, last = period(pack)
    params = {"date": event.date.isoformat(), "year": year, "file_year": file_year, "first": first,
              "last": last}
    if event.concerns is None and file_year is not None and file_year != event.date.year:
        return [Problem("facts.event_year_unsaid", file=file, field=at("date"), params=params)]
    if not first <= year <= last:
        said = "concerns" if event.concerns is not None else "date"
        return [Problem("facts.event_outside_period", file=file, field=at(said), params=params)]
    if event.date.year < year:
        return [Problem("facts.event_before_year", file=file, field=at("date"), params=params)]
    if event.date.year > year + 1:
        return [Problem("facts.event_long_after", file=file, field=at("date"), params=params,
                        severity="warning")]
    return []


def unmatched_meetings(pack: Pack, fact_sets: Mapping[int, FactSet], findings: Iterable[Finding],
                       last: int) -> list[Problem]:
    """Warnings for the recorded meetings (about a year up to `last`) whose clause did not fall
    short in the year they concern: such a meeting moves nothing on the ladder, and is most
    likely about another year (`concerns`) or another party (`scope`)."""
    findings = list(findings)
    found = (unmatched(pack, event, findings, fact_set.path, f"escalations[{i}]")
             for fact_set in fact_sets.values() for i, event in enumerate(fact_set.escalations)
             if event.concerned_year <= last)
    return [problem for problem in found if problem is not None]


def shortfalls(pack: Pack, event: EscalationEvent, findings: Iterable[Finding]) -> list[Finding]:
    """The breaches and warnings a recorded meeting is about, and the fired triggers whose
    action is talks that the meeting is (judge.meeting_on)."""
    return [f for f in concerned(event, findings, pack.id)
            if f.status in (Status.BREACH, Status.WARNING) or f.reason == "action_taken"]


def unmatched(pack: Pack, event: EscalationEvent, findings: list[Finding], file: Path | None,
              field: str) -> Problem | None:
    """The warning for a meeting that is about no shortfall, or None."""
    if shortfalls(pack, event, findings):
        return None
    found = concerned(event, findings, pack.id)
    params = {"rule": event.rule, "year": event.concerned_year,
              "scopes": ", ".join(dict.fromkeys(f.scope.label for f in found))}
    return Problem("facts.event_unmatched" if found else "facts.event_no_finding", file=file,
                   field=field, params=params, severity="warning")


def cross_check(pack: Pack, fact_sets: dict[int, FactSet],
                rules: tuple[Rule, ...] | None = None) -> list[Problem]:
    """Facts must name parties, rules, scopes and the codes rules match on (engine/codes.py) of
    their own pack; a typo is caught here, by name. Returns the warnings: values that are valid
    but implausible (engine/facts/plausible.py), a meeting held long after the year it concerns.

    An event's scope must be found in the year it concerns (it is about that year's finding), a
    deviation's in any year given (it may cover several). Errors are raised; the warnings are
    returned, placed at their line.
    """
    party_ids = [p.id for p in pack.parties]
    rules = pack.rules if rules is None else rules
    versions = clause_versions(pack, rules)
    codes, conditions = matched_codes(rules), conditions_read(rules, clause_names(pack, rules))
    problems = []
    for fact_set in fact_sets.values():
        if fact_set.agreement != pack.id:
            problems.append(Problem("facts.agreement_mismatch", file=fact_set.path,
                                    field="agreement",
                                    params={"found": fact_set.agreement, "expected": pack.id}))
        for party in fact_set.parties:
            if party not in party_ids:
                problems.append(Problem("facts.unknown_party", file=fact_set.path,
                                        field=f"parties.{party}",
                                        params={"party": party, "pack": pack.id,
                                                "suggestion": closest(party, party_ids) or ""}))
        problems += code_problems(pack, fact_set, codes, conditions)
        for i, event in enumerate(fact_set.escalations):
            problems += event_problems(pack, versions, event, fact_sets, fact_set.path,
                                       f"escalations[{i}]", fact_set.year)
        for i, deviation in enumerate(fact_set.deviations):
            if deviation.rule not in versions:
                problems.append(Problem("facts.deviation_unknown_rule", file=fact_set.path,
                                        field=f"deviations[{i}].rule",
                                        params={"rule": deviation.rule,
                                                "suggestion": closest(deviation.rule, versions)
                                                or ""}))
            else:
                problems += scope_problem(pack, deviation.rule, versions[deviation.rule],
                                          deviation.scope,
                                          fact_sets.values(), fact_set.path,
                                          f"deviations[{i}].scope")
            for party in deviation.approved_by:
                if party not in party_ids:
                    problems.append(Problem("facts.unknown_party", file=fact_set.path,
                                            field=f"deviations[{i}].approved_by",
                                            params={"party": party, "pack": pack.id,
                                                    "suggestion": closest(party, party_ids) or ""}))
    if any(p.severity == "error" for p in problems):
        raise InputError(placed([p for p in problems if p.severity == "error"]))
    return placed(problems + [w for fact_set in fact_sets.values()
                              for w in (*implausible(fact_set), *_misnamed(fact_set))])


def _misnamed(fact_set: FactSet) -> list[Problem]:
    """A file named for one year (`2028.yaml`) whose `year` says another: most likely last
    year's file copied and not yet changed, which would otherwise be judged as last year."""
    stem = fact_set.path.stem
    if len(stem) == 4 and stem.isdigit() and int(stem) != fact_set.year:
        return [Problem("facts.year_not_name", file=fact_set.path, field="year",
                        severity="warning", params={"name": fact_set.path.name,
                                                    "year": fact_set.year})]
    return []


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
            from woonpact.engine.facts import workbook  # openpyxl only for a workbook

            places = workbook.read(file, Vocabularies(None)).places
            return lambda problem: workbook.locate(problem, places, file)
        data = yamlio.load(file)
    except (InputError, OSError):
        return lambda problem: problem  # not a file (a rule test's case): no line to give

    csv_places: dict[Path, Callable[[int, str], tuple[int | None, int | None]]] = {}

    def at(problem: Problem) -> Problem:
        steps = yamlio.steps(problem.field or "")
        match steps:
            case ["collections", str(name), int(index), str(attribute), *_] if \
                    isinstance(source := data.get("collections", {}).get(name), dict) \
                    and "csv" in source:
                table = file.parent / source["csv"]  # an entity of a CSV collection: its cell
                if table not in csv_places:
                    csv_places[table] = tables.locator(table)
                line, column = csv_places[table](index, attribute)
                return replace(problem, file=table, line=line, column=column)
        line, column = yamlio.locate(data, steps)
        return replace(problem, line=line, column=column)
    return at


def resolve_pack(fact_sets: dict[int, FactSet], rules: Path | None) -> Pack:
    if rules is not None and rules.is_file():
        return pack_by_path(rules)
    if not fact_sets:
        raise InputError(Problem("cli.no_pack"))
    agreement = next(iter(fact_sets.values())).agreement
    return pack_by_path(find_pack(agreement, rules) if rules else find_pack(agreement))


@dataclass(frozen=True)
class Meeting:
    """A meeting `woonpact record` is about to write, checked against its agreement's history:
    the event with the year it concerns written out, the shortfalls it is about, and the
    warnings to show (none matched, held long after)."""

    event: EscalationEvent
    pack: Pack
    history: dict[int, FactSet]
    rules: tuple[Rule, ...]
    shortfalls: tuple[Finding, ...]
    warnings: tuple[Problem, ...]
    vocabularies: Vocabularies  # what the file is validated against once written

    def cross_check(self, after: FactSet) -> None:
        """The fact set as written, checked with the rest of the history as `check` would."""
        cross_check(self.pack, {**self.history, after.year: after}, self.rules)


def meeting_to_record(file: Path, event: EscalationEvent, rules: Path | None = None) -> Meeting:
    """Check a meeting to record in fact file `file` against its agreement: the history is the
    fact sets of that agreement in the file's folder. Bad input (an unknown clause, rung or
    scope; a year that is not plain) is raised before anything is written."""
    vocabularies = Vocabularies(rules)
    own = read_fact_set(file, vocabularies)
    folder = fact_histories([file.parent], rules) if file.suffix.lower() in FACT_SUFFIXES else []
    same = next((h for h in folder if own.agreement in (f.agreement for f in h.values())), {})
    history = {**same, own.year: own}
    pack = resolve_pack(history, rules)
    all_rules = included_rules(pack, rules)
    versions = clause_versions(pack, all_rules)
    problems = event_problems(pack, versions, event, history, file, "", own.year)
    if errors := [p for p in problems if p.severity == "error"]:
        raise InputError(errors)
    event = replace(event, concerns=event.concerned_year)  # the file says which year
    findings = judge_history(history, rules).findings
    missed = unmatched(pack, event, findings, file, "")
    return Meeting(event, pack, history, all_rules, tuple(shortfalls(pack, event, findings)),
                   (*problems, *([missed] if missed else [])), vocabularies)


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
    figures: set[str] = set()
    collections: set[str] = set()
    all_rules = included_rules(pack, rules)
    for rule in all_rules:
        reads = rule.reads
        figures |= set(reads.figures) | set(reads.summed)
        collections |= set(reads.collections) | ({"deliverables"} if rule.milestone else set())
        if rule.scope.collection:
            collections.add(rule.scope.collection)
    clauses = clause_names(pack, all_rules)
    return FactNames(frozenset(figures), frozenset(collections),
                     conditions_read(all_rules, clauses), tuple(dict.fromkeys(clauses.values())))


def clause_names(pack: Pack, rules: Iterable[Rule]) -> dict[str, str]:
    """How facts name each rule's clause: `3.2-7` for the pack's own, `npa-2022/efg` for an
    included one; by the rule's key."""
    return {rule.key: rule.id if rule.pack == pack.id else rule.key for rule in rules}


def judged_years(pack: Pack, fact_sets: dict[int, FactSet]) -> tuple[int, ...]:
    """The years of `period` with a fact set; a fact set before the period is history (a
    baseline)."""
    first, last = period(pack)
    inside = tuple(y for y in sorted(fact_sets) if first <= y <= last)
    return inside or tuple(sorted(fact_sets))


def check(targets: list[Path], rules: Path | None = None, year: int | None = None) -> CheckResult:
    """Judge the history of the one agreement the files and folders given belong to."""
    return judge_history(load_facts(targets, rules), rules, year)


def check_each(targets: list[Path], rules: Path | None = None,
               year: int | None = None) -> list[CheckResult]:
    """Judge the files and folders given, one history per agreement (`fact_histories`).

    Nothing is judged while any file has a problem, and then every problem of every file and of
    every cross-check is reported in one run, not in rounds."""
    return [judged(*checked, rules, year) for checked in cross_checked_histories(targets, rules)]


def cross_checked_histories(targets: list[Path], rules: Path | None = None,
                            ) -> list[tuple[dict[int, FactSet], Pack, list[Problem]]]:
    """The histories of the files and folders given, each with its pack and the warnings of
    cross-checking it; every problem of every file and cross-check is raised in one run."""
    problems: list[Problem] = []
    checked = []
    for history in fact_histories(targets, rules, problems):
        try:
            checked.append((history, *cross_checked(history, rules)))
        except InputError as error:
            problems += error.problems
    if problems:
        raise InputError(problems)
    return checked


def cross_checked(fact_sets: dict[int, FactSet], rules: Path | None) -> tuple[Pack, list[Problem]]:
    """The agreement's pack, with the warnings of cross-checking the history against it."""
    pack = resolve_pack(fact_sets, rules)
    return pack, cross_check(pack, fact_sets, included_rules(pack, rules))


def judge_history(fact_sets: dict[int, FactSet], rules: Path | None = None,
                  year: int | None = None) -> CheckResult:
    return judged(fact_sets, *cross_checked(fact_sets, rules), rules, year)


def judged(fact_sets: dict[int, FactSet], pack: Pack, warnings: list[Problem], rules: Path | None,
           year: int | None) -> CheckResult:
    """The findings and ladder steps of a cross-checked history."""
    packs = included_packs(pack, rules)
    all_rules = included_rules(pack, rules)
    if year is not None and year not in fact_sets:
        raise InputError(Problem("facts.no_year", params={
            "year": year, "years": ", ".join(map(str, sorted(fact_sets)))}))
    years = (year,) if year is not None else judged_years(pack, fact_sets)
    history = tuple(y for y in judged_years(pack, fact_sets) if y <= max(years)) or years
    evaluation = Evaluation(pack, pack_parameters(packs), all_rules, facts_vocabulary(packs))
    findings = evaluation.run(fact_sets, history)
    findings, escalations = escalate(pack, findings, fact_sets, years)
    warnings = [*warnings, *placed(unmatched_meetings(pack, fact_sets, findings, max(years)))]
    return CheckResult(pack, fact_sets, [f for f in findings if f.year in years], years,
                       escalations, tuple(warnings))
