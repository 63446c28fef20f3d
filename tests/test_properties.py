"""Invariants of the engine, checked with hypothesis over generated fact sets."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.support import BUNDLED_FACTS, fact_sets, judge, pack
from woonpact.engine.check import included_rules, load_facts, parameters, resolve_pack
from woonpact.engine.evaluation.judge import Judge
from woonpact.engine.evaluation.run import Evaluation
from woonpact.engine.facts.vocabulary import vocabulary
from woonpact.engine.model.finding import Finding, Status
from woonpact.engine.model.pack import Pack, ScopeKind

PACK = "stichtse-vecht-2025"
RANK = {Status.BREACH: 0, Status.WARNING: 1, Status.COMPLIANT: 2}
SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])

counts = st.integers(min_value=0, max_value=5000)


@st.composite
def party_figures(draw: Any) -> dict[str, Any]:
    units = vocabulary().figures
    names = draw(st.lists(st.sampled_from(sorted(n for n, u in units.items() if u == "count")),
                          unique=True))
    return {name: draw(counts) for name in names}


@st.composite
def projects(draw: Any) -> list[dict[str, Any]]:
    items = []
    for i in range(draw(st.integers(0, 6))):
        homes = draw(st.integers(1, 80))
        item = {"id": f"p{i}", "homes": homes, "social_rent_homes": draw(st.integers(0, homes)),
                "developer_disagreement": draw(st.booleans()),
                "escalated_to_bestuurlijk_overleg": draw(st.booleans())}
        items.append(item)
    return items


@st.composite
def neighbourhoods(draw: Any) -> list[dict[str, Any]]:
    items = []
    for i in range(draw(st.integers(0, 5))):
        homes = draw(st.integers(1, 3000))
        items.append({"id": f"n{i}", "homes": homes,
                      "social_rent_homes": draw(st.integers(0, homes)),
                      "differentiation_plan": draw(st.booleans())})
    return items


@st.composite
def meetings(draw: Any) -> list[dict[str, Any]]:
    kinds = ["ambtelijk_overleg", "bestuurlijk_overleg", "ketenpartneroverleg"]
    return [{"kind": draw(st.sampled_from(kinds)),
             "date": f"2025-{draw(st.integers(1, 12)):02d}-15"}
            for _ in range(draw(st.integers(0, 8)))]


@st.composite
def year_facts(draw: Any) -> dict[str, Any]:
    data: dict[str, Any] = {"parties": {p: {"figures": draw(party_figures())}
                                        for p in ("portaal", "vo")}}
    if draw(st.booleans()):
        data["municipality"] = {"figures": draw(party_figures())}
    collections: dict[str, Any] = {}
    for name, strategy in (("projects", projects()), ("neighbourhoods", neighbourhoods()),
                           ("meetings", meetings())):
        if draw(st.booleans()):
            collections[name] = draw(strategy)
    data["collections"] = collections
    return data


def run(years: dict[int, dict[str, Any]]) -> list[Finding]:
    return Evaluation(pack(PACK), parameters()).run(fact_sets(PACK, years))


def key(f: Finding) -> tuple[Any, ...]:
    return (f.rule.key, f.year, f.scope.id, f.status, repr(f.value), f.reason, f.missing)


@SETTINGS
@given(year_facts())
def test_a_finding_is_deterministic(data: dict[str, Any]) -> None:
    assert [key(f) for f in run({2025: data})] == [key(f) for f in run({2025: data})]


@SETTINGS
@given(year_facts(), st.randoms(use_true_random=False))
def test_reordering_entities_changes_nothing(data: dict[str, Any], random: Any) -> None:
    shuffled = {**data, "collections": {name: random.sample(items, len(items))
                                        for name, items in data["collections"].items()}}
    assert Counter(map(key, run({2025: data}))) == Counter(map(key, run({2025: shuffled})))


@SETTINGS
@given(year_facts())
def test_every_rule_yields_one_finding_per_scope_instance_and_year(data: dict[str, Any]) -> None:
    the_pack = pack(PACK)
    findings = run({2025: data})
    per_rule: dict[str, list[Finding]] = {}
    for f in findings:
        per_rule.setdefault(f.rule.id, []).append(f)
    assert set(per_rule) == {r.id for r in the_pack.rules}
    for rule in the_pack.rules:
        found = per_rule[rule.id]
        scopes = Counter(f.scope.id for f in found)
        assert all(n == 1 for n in scopes.values()), (rule.id, scopes)
        if rule.scope.kind is ScopeKind.CORPORATIONS:
            assert set(scopes) == {"portaal", "vo"}
        elif rule.scope.kind is not ScopeKind.EACH:
            assert len(found) == 1
        else:
            assert len(found) >= 1  # one per entity in scope, or one for the empty collection


@SETTINGS
@given(st.integers(1, 500), st.data())
def test_raising_the_numerator_of_an_at_least_share_never_worsens_a_finding(total: int,
                                                                           data: Any) -> None:
    part = data.draw(st.integers(0, total))
    more = data.draw(st.integers(part, total))
    for rule in ("3.2-4", "3.4-2"):
        figure = "lettings_huurtoeslag" if rule == "3.2-4" else "lettings_special_groups"

        def status(n: int, rule: str = rule, figure: str = figure) -> Status:
            figures = {"lettings_total": total, figure: n}
            findings = judge(PACK, rule, {2025: {"parties": {"portaal": {"figures": figures},
                                                             "vo": {"figures": figures}}}})
            return findings[-1].status

        assert RANK[status(more)] >= RANK[status(part)]


@SETTINGS
@given(st.integers(16, 200), st.data())
def test_raising_social_homes_in_a_project_never_worsens_3_1_1(homes: int, data: Any) -> None:
    social = data.draw(st.integers(0, homes))
    more = data.draw(st.integers(social, homes))

    def status(n: int) -> Status:
        (finding,) = judge(PACK, "3.1-1", {2025: {"collections": {"projects": [
            {"id": "p", "homes": homes, "social_rent_homes": n}]}}})
        return finding.status

    assert RANK[status(more)] >= RANK[status(social)]


def test_an_empty_rule_selection_evaluates_nothing() -> None:
    assert Evaluation(pack(PACK), parameters(), ()).run(fact_sets(PACK, {2025: {}})) == []


def generic(evaluation: Evaluation) -> Evaluation:
    """The evaluation with every judge asking all questions, none skipped as never arising."""
    for each in evaluation.judges:
        each.ask = Judge._judge
    return evaluation


def same_findings(the_pack: Pack, years: dict[int, Any]) -> None:
    rules = included_rules(the_pack)
    fast = Evaluation(the_pack, parameters(), rules).run(years)
    slow = generic(Evaluation(the_pack, parameters(), rules)).run(years)
    assert fast == slow
    assert list(map(repr, fast)) == list(map(repr, slow))  # the same types too (15 is not 15.0)


@SETTINGS
@given(year_facts(), year_facts())
def test_a_norm_judged_without_the_questions_that_never_arise_finds_the_same(
        first: dict[str, Any], second: dict[str, Any]) -> None:
    judges = Evaluation(pack(PACK), parameters()).judges
    assert any(each.ask is Judge._constant_norm for each in judges)
    same_findings(pack(PACK), fact_sets(PACK, {2025: first, 2026: second}))


@pytest.mark.parametrize("figures", [
    {"lettings_total": 40, "lettings_free_allocation": 6, "lettings_special_groups": 12},
    {"lettings_total": 40, "lettings_free_allocation": 7, "lettings_special_groups": 11},
    {"lettings_total": 0, "lettings_free_allocation": 0, "lettings_special_groups": 0},
    {"lettings_free_allocation": 6, "lettings_special_groups": 12},
    {"lettings_total": 40},
])
def test_a_share_of_two_figures_read_by_the_judge_finds_as_the_generic_path(
        figures: dict[str, int]) -> None:
    """Stichtse Vecht 3.2-7 (free allocation at most 15%) and 3.4-2 (special groups at least
    30%) at their boundaries (6 and 12 of 40), just past them, a share of nothing, and a
    missing whole or part: `Judge._constant_norm` reads the figures itself."""
    judges = {each.rule.id: each for each in Evaluation(pack(PACK), parameters()).judges}
    assert judges["3.2-7"].ask is judges["3.4-2"].ask is Judge._constant_norm
    assert judges["3.2-7"]._share_of == ("lettings_free_allocation", "lettings_total")
    same_findings(pack(PACK), fact_sets(PACK, {2025: {"parties": {
        "portaal": {"figures": figures}, "vo": {"figures": {"lettings_total": 10}}}}}))


def test_every_bundled_agreement_finds_the_same_without_the_questions_that_never_arise() -> None:
    for folder in sorted(p for p in BUNDLED_FACTS.iterdir() if p.is_dir()):
        fact_sets_found = load_facts([folder])
        same_findings(resolve_pack(fact_sets_found, None), fact_sets_found)
