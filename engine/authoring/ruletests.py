"""Rule tests as data: example facts next to a pack, and the findings its rules must give.

A policy adviser proves that a rule does what the clause says by writing cases in
`rules/tests/<pack>.tests.yaml` (schema: docs/schemas/rule-tests.schema.json):

    pack: voorbeeld-2025
    cases:
      - name: exactly 10% complies
        facts:
          2025: {parties: {woonstad: {figures: {lettings_total: 100, lettings_free_allocation:
          10}}}}
        expect:
          - {rule: "2.4", scope: woonstad, status: compliant, value: 10%}

Each case is judged exactly as `woonpact check` judges a fact file: the facts are validated
against the facts schema and evaluated by the same engine; only the rules a case names are run.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from woonpact.engine import schema, yamlio
from woonpact.engine.authoring.generate import rule_tests_schema
from woonpact.engine.check import cross_check
from woonpact.engine.errors import InputError, Problem
from woonpact.engine.evaluation.run import Evaluation
from woonpact.engine.facts.loader import fact_set_from_data
from woonpact.engine.facts.vocabulary import Vocabulary, vocabulary
from woonpact.engine.language.compare import close
from woonpact.engine.model.finding import Finding, Status
from woonpact.engine.model.pack import Pack, Rule
from woonpact.engine.output.result import ExitCode
from woonpact.engine.rules.packs import (
    facts_vocabulary,
    included_packs,
    included_rules,
    pack_by_path,
    pack_parameters,
)
from woonpact.engine.rules.registry import find_pack
from woonpact.engine.suggest import closest

TESTS_FOLDER = "tests"
SUFFIX = ".tests.yaml"


@dataclass(frozen=True)
class Expectation:
    rule: str
    status: Status
    year: int | None
    scope: str | None
    value: Any
    reason: str | None
    line: int | None


@dataclass(frozen=True)
class Case:
    name: str
    line: int | None
    facts: dict[int, Any]
    expect: tuple[Expectation, ...]

    @property
    def last_year(self) -> int:
        return max(self.facts)


@dataclass(frozen=True)
class RuleTests:
    path: Path
    pack_id: str
    cases: tuple[Case, ...]
    context: str | None = None  # the pack whose parties judge the rules, for a national layer

    def key(self, rule: str) -> str:
        """`2.4` -> `<pack>/2.4`; an included rule is already named `<pack>/<id>`."""
        return rule if "/" in rule else f"{self.pack_id}/{rule}"


@dataclass(frozen=True)
class Mismatch:
    """An expectation not met: the findings it was compared with (none when nothing matched)."""

    expectation: Expectation
    year: int
    found: tuple[Finding, ...]


@dataclass(frozen=True)
class CaseResult:
    case: Case
    mismatches: tuple[Mismatch, ...]

    @property
    def passed(self) -> bool:
        return not self.mismatches


def rule_tests_path(pack_path: Path) -> Path:
    """Where a pack's tests live: `rules/tests/<pack>.tests.yaml` beside `rules/<pack>.yaml`."""
    return pack_path.parent / TESTS_FOLDER / f"{pack_path.stem}{SUFFIX}"


def rule_test_files(targets: list[Path]) -> list[Path]:
    """The test files the arguments stand for: a test file, a pack file (its tests), or a
    folder of packs (the tests of each). A pack without tests is an error: write them."""
    found: list[Path] = []
    problems = []
    for target in targets:
        packs = sorted(target.glob("*.yaml")) if target.is_dir() else [target]
        for path in packs:
            if path.name.endswith(SUFFIX):
                found.append(path)
            elif not path.exists():
                problems.append(Problem("file.missing", file=path))
            elif (tests := rule_tests_path(path)).exists():
                found.append(tests)
            else:
                problems.append(Problem("ruletest.none", file=path,
                                        params={"pack": path.stem, "file": tests}))
    if problems:
        raise InputError(problems)
    return found


def load_rule_tests(path: Path) -> RuleTests:
    data = yamlio.load(path)
    vocab = _vocabulary(path, data)
    own = (f"rule-tests-{vocab.key}", rule_tests_schema(dict(vocab.schema))) if vocab.key else None
    schema.validate(data, "rule-tests.schema.json", path, own)
    cases = []
    for i, raw in enumerate(data["cases"]):
        expect = tuple(
            Expectation(e["rule"], Status(e["status"]), e.get("year"), e.get("scope"),
                        e.get("value"),
                        e.get("reason"), yamlio.locate(data, ["cases", i, "expect", j])[0])
            for j, e in enumerate(raw["expect"])
        )
        facts = {int(year): fact_data for year, fact_data in raw["facts"].items()}
        cases.append(Case(raw["name"], yamlio.locate(data, ["cases", i])[0], facts, expect))
    return RuleTests(path, data["pack"], tuple(cases), data.get("context"))


def pack_for(tests: RuleTests) -> Pack:
    """The pack the cases are judged in (the `context`, else the tested pack itself)."""
    return _judging_pack(tests.path, tests.context or tests.pack_id)


def _judging_pack(path: Path, pack_id: str) -> Pack:
    """The pack beside the tests folder (`rules/<pack>.yaml`), else a bundled one."""
    beside = path.parent.parent / f"{pack_id}.yaml"
    return pack_by_path(beside if beside.exists() else find_pack(pack_id))


def _vocabulary(path: Path, data: Any) -> Vocabulary:
    """The vocabulary a tests file's facts may use: its pack's, with the figures and values it
    declares; the shared one when the file names no pack that loads (which is reported later)."""
    pack_id = data.get("context") or data.get("pack") if isinstance(data, dict) else None
    if not isinstance(pack_id, str):
        return vocabulary()
    try:
        return facts_vocabulary(included_packs(_judging_pack(path, pack_id)))
    except InputError:
        return vocabulary()


def run(tests: RuleTests) -> list[CaseResult]:
    pack = pack_for(tests)
    rules = included_rules(pack)
    _check_rule_names(tests, rules)
    return [run_case(pack, rules, case, tests) for case in tests.cases]


def exit_code(results: list[CaseResult]) -> ExitCode:
    return ExitCode.OK if all(r.passed for r in results) else ExitCode.FAILING


def run_case(pack: Pack, rules: tuple[Rule, ...], case: Case, tests: RuleTests) -> CaseResult:
    packs = included_packs(pack)  # their own figures and dated values, as `check` reads them
    vocab = facts_vocabulary(packs)
    fact_sets = {}
    for year, data in case.facts.items():
        try:
            fact_sets[year] = fact_set_from_data({"agreement": pack.id, "year": year, **data},
                                                 tests.path, vocab)
        except InputError as error:
            raise InputError([replace(p, field=f"facts.{year}.{p.field}")
                              for p in error.problems]) from None
    cross_check(pack, fact_sets, rules)
    named = {tests.key(e.rule) for e in case.expect}
    chosen = [r for r in rules if r.key in named]
    years = sorted({e.year or case.last_year for e in case.expect})
    findings = Evaluation(pack, pack_parameters(packs), chosen, vocab).run(fact_sets, years)
    mismatches = []
    for expectation in case.expect:
        year = expectation.year or case.last_year
        found = tuple(f for f in findings
                      if f.rule.key == tests.key(expectation.rule) and f.year == year
                      and expectation.scope in (None, f.scope.id))
        if not found or not all(_meets(f, expectation) for f in found):
            mismatches.append(Mismatch(expectation, year, found))
    return CaseResult(case, tuple(mismatches))


def _meets(finding: Finding, expectation: Expectation) -> bool:
    if finding.status is not expectation.status:
        return False
    if expectation.reason is not None and finding.reason != expectation.reason:
        return False
    return expectation.value is None or same_value(finding.value, expectation.value)


def same_value(found: Any, expected: Any) -> bool:
    """`10%` is the share 0.1; a number is compared as the engine compares; a date as YYYY-MM-DD."""
    if isinstance(expected, str) and expected.strip().endswith("%"):
        expected = float(expected.strip().rstrip("%").strip()) / 100
    if isinstance(found, bool) or isinstance(expected, bool):
        return found is expected
    if isinstance(found, (int, float)) and isinstance(expected, (int, float)):
        return close(float(found), float(expected))
    if isinstance(found, dt.date):
        return found.isoformat() == str(expected)
    return bool(found == expected)


def _check_rule_names(tests: RuleTests, rules: tuple[Rule, ...]) -> None:
    known = {r.key for r in rules}
    own = [r.id for r in rules if r.pack == tests.pack_id]
    problems = [
        Problem("ruletest.unknown_rule", tests.path, e.line, None, f"cases[{i}].expect[{j}].rule",
                {"rule": e.rule, "pack": tests.pack_id, "suggestion": closest(e.rule, own) or ""})
        for i, case in enumerate(tests.cases) for j,
        e in enumerate(case.expect) if tests.key(e.rule) not in known
    ]
    if problems:
        raise InputError(problems)
