"""Tests from the seed text (seed 003) for every stichtse-vecht-2025 clause, boundaries included."""

from __future__ import annotations

from pathlib import Path

import pytest

from woonpact.engine.check import check
from woonpact.engine.model.finding import Status
from tests.support import BUNDLED_FACTS, judge, status_by_scope, statuses

PACK = "stichtse-vecht-2025"
C, W, B = Status.COMPLIANT, Status.WARNING, Status.BREACH
NA, ND, MD = Status.NOT_APPLICABLE, Status.NOT_DUE, Status.MISSING_DATA


def parties(**figures: dict) -> dict:
    return {"parties": {party: {"figures": f} for party, f in figures.items()}}


def one(rule: str, years: dict, year: int | None = None) -> Status:
    (finding,) = judge(PACK, rule, years, year)
    return finding.status


# -- visie-30: "Samen willen we het aandeel vergroten naar minimaal 30% in de voorraad" ---------

def test_visie_30_behind_the_straight_path_from_22_3_percent_is_a_warning() -> None:
    # 2026 target on the path 22.3% (2024) -> 30% (2030): 22.3 + 7.7 * 2/6 = 24.87%
    years = {2026: {"municipality": {"figures": {"stock_total": 10000, "stock_social": 2480}}}}
    finding, = judge(PACK, "visie-30", years)
    assert finding.status is W and finding.reason == "behind_trajectory"
    assert finding.distance is not None and finding.distance.amount == 7  # 2487 - 2480


def test_visie_30_on_the_path_complies_and_30_percent_in_2030_complies() -> None:
    on_path = {2026: {"municipality": {"figures": {"stock_total": 10000, "stock_social": 2487}}}}
    assert one("visie-30", on_path) is C
    exactly = {2030: {"municipality": {"figures": {"stock_total": 10000, "stock_social": 3000}}}}
    assert one("visie-30", exactly) is C


def test_visie_30_shortfall_in_2030_is_only_a_warning_because_it_is_an_aim() -> None:
    years = {2030: {"municipality": {"figures": {"stock_total": 10000, "stock_social": 2999}}}}
    assert one("visie-30", years) is W


# -- visie-1108: "Dat betekent voor Portaal 535 SH en 107 MH. Voor V&O 360 SH en 72 MH." -------

@pytest.mark.parametrize(("rule", "party", "figure", "target"), [
    ("visie-1108-portaal", "portaal", "new_build_social", 535),
    ("visie-1108-portaal-mh", "portaal", "new_build_mid_rent", 107),
    ("visie-1108-vo", "vo", "new_build_social", 360),
    ("visie-1108-vo-mh", "vo", "new_build_mid_rent", 72),
])
def test_visie_1108_counts_completions_since_2025_against_the_guiding_aim(
        rule: str, party: str, figure: str, target: int) -> None:
    per_year = target // 6
    years = {y: parties(**{party: {figure: per_year}}) for y in range(2025, 2031)}
    years[2030] = parties(**{party: {figure: target - per_year * 5}})
    assert one(rule, years, 2030) is C  # exactly the target by 2030
    years[2030] = parties(**{party: {figure: target - per_year * 5 - 1}})
    assert one(rule, years, 2030) is W  # one short: an aim, so a warning


def test_visie_1108_missing_year_is_missing_data_naming_it() -> None:
    years = {2026: parties(vo={"new_build_social": 60})}
    finding, = judge(PACK, "visie-1108-vo", years)
    assert finding.status is MD
    assert any("2025" in m for m in finding.missing)


# -- 3.1-1: "bij 16 woningen of meer minimaal 30% in de sociale huursector" -----------------------

def projects(*items: dict) -> dict:
    return {"collections": {"projects": list(items)}}


def test_3_1_1_exactly_16_homes_applies_and_exactly_30_percent_complies() -> None:
    years = {2025: projects({"id": "a", "homes": 20, "social_rent_homes": 6},
                            {"id": "b", "homes": 16, "social_rent_homes": 4})}
    assert status_by_scope(judge(PACK, "3.1-1", years)) == {"projects/a": C, "projects/b": B}


def test_3_1_1_fifteen_homes_is_out_of_scope() -> None:
    years = {2025: projects({"id": "small", "homes": 15, "social_rent_homes": 0})}
    finding, = judge(PACK, "3.1-1", years)
    assert finding.status is NA and finding.reason == "no_entities"


def test_3_1_1_breach_says_how_many_social_homes_are_missing() -> None:
    years = {2025: projects({"id": "p", "homes": 32, "social_rent_homes": 6})}
    finding, = judge(PACK, "3.1-1", years)
    assert finding.status is B
    assert finding.distance is not None and finding.distance.amount == 4  # 9.6 -> 10 needed


# -- 3.1-4: "geen overeenstemming [...] dan wordt er opgeschaald naar bestuurlijk overleg" -------

def test_3_1_4_disagreement_not_escalated_is_a_breach_and_escalated_complies() -> None:
    years = {2026: projects(
        {"id": "open", "homes": 30, "developer_disagreement": True},
        {"id": "done", "homes": 30, "developer_disagreement": True, "escalated_to_bestuurlijk_overleg": True},
        {"id": "calm", "homes": 30})}
    assert status_by_scope(judge(PACK, "3.1-4", years)) == {"projects/open": B, "projects/done": C}


def test_3_1_4_without_disagreement_is_not_applicable() -> None:
    assert one("3.1-4", {2026: projects({"id": "calm", "homes": 30})}) is NA


# -- 3.1-9: net growth and the sales caps ------------------------------------------------------

def test_3_1_9_net_growth_summed_over_corporations() -> None:
    flows = {"new_build_social": 10, "demolished_social": 4, "sold_social": 3, "liberalised": 3}
    assert one("3.1-9", {2025: parties(portaal=flows, vo=flows)}) is W  # net 0: not growth
    grown = {**flows, "new_build_social": 11}
    assert one("3.1-9", {2025: parties(portaal=grown, vo=flows)}) is C


@pytest.mark.parametrize(("rule", "party", "cap"), [("3.1-9-portaal", "portaal", 180), ("3.1-9-vo", "vo", 60)])
def test_3_1_9_sales_cap_over_2025_through_2030(rule: str, party: str, cap: int) -> None:
    years = {2025: parties(**{party: {"sold_total": cap - 10}}), 2026: parties(**{party: {"sold_total": 10}})}
    assert one(rule, years) is C  # exactly the cap
    years[2026] = parties(**{party: {"sold_total": 11}})
    assert one(rule, years) is B  # one over


# -- milestones 3.1-6, 3.2-2, 3.4-7 -------------------------------------------------------------

def delivered(item: str, date: str) -> dict:
    return {"collections": {"deliverables": [{"id": item, "date": date}]}}


def test_3_1_6_session_in_2025() -> None:
    assert one("3.1-6", {2025: delivered("sessie-planprocessen", "2025-12-31")}) is C
    assert one("3.1-6", {2025: {"collections": {"deliverables": []}}}) is B


def test_3_2_2_rent_policy_delivered_in_2026_is_late() -> None:
    finding, = judge(PACK, "3.2-2", {2025: {"collections": {"deliverables": []}},
                                     2026: delivered("huurbeleid-portaal", "2026-01-10")})
    assert finding.status is B and finding.reason == "delivered_late"


def test_3_4_7_covenant_is_not_due_before_2030() -> None:
    assert one("3.4-7", {2025: {"collections": {"deliverables": []}}}) is ND


def test_milestone_without_any_deliverables_section_is_missing_data() -> None:
    assert one("3.1-6", {2025: {}}) is MD


# -- 3.2-1 Portaal: towards 75% below the 2nd aftoppingsgrens in five years ----------------------

def portaal_stock(below: int, total: int = 1000) -> dict:
    return parties(portaal={"stock_below_aftoppingsgrens_2": below, "stock_total": total})


def test_3_2_1_on_the_path_down_complies_and_behind_it_warns() -> None:
    years = {2025: portaal_stock(830), 2026: portaal_stock(810)}  # target 2026: 83 - 8/4 = 81%
    assert one("3.2-1", years) is C
    years[2026] = portaal_stock(811)
    assert one("3.2-1", years) is W


def test_3_2_1_exactly_75_percent_in_2029_complies() -> None:
    years = {2025: portaal_stock(830), 2029: portaal_stock(750)}
    assert one("3.2-1", years) is C
    years[2029] = portaal_stock(751)
    assert one("3.2-1", years) is W  # an aim: a warning, not a breach


# -- 3.2-4 V&O: "minimaal 70% van de woningen aan huishoudens met huurtoeslag" ------------------

def test_3_2_4_exactly_70_percent_complies() -> None:
    assert one("3.2-4", {2025: parties(vo={"lettings_total": 100, "lettings_huurtoeslag": 70})}) is C
    assert one("3.2-4", {2025: parties(vo={"lettings_total": 100, "lettings_huurtoeslag": 69})}) is B


# -- 3.2-7: "een vrije toewijzingsruimte [...] van maximaal 15%" ---------------------------------

def test_3_2_7_exactly_15_percent_complies_per_corporation() -> None:
    years = {2025: parties(portaal={"lettings_total": 240, "lettings_free_allocation": 36},
                           vo={"lettings_total": 240, "lettings_free_allocation": 37})}
    assert status_by_scope(judge(PACK, "3.2-7", years)) == {"portaal": C, "vo": B}


def test_3_2_7_breach_counts_lettings_over_the_room_and_flags_a_contested_figure() -> None:
    years = {2026: parties(portaal={"lettings_total": 240, "lettings_free_allocation":
                                    {"value": 50, "contested_by": "gemeente", "reason": "telling"}},
                           vo={"lettings_total": 100, "lettings_free_allocation": 1})}
    portaal = next(f for f in judge(PACK, "3.2-7", years) if f.scope.id == "portaal")
    assert portaal.status is B
    assert portaal.distance is not None and portaal.distance.amount == 14
    assert [f.name for f in portaal.contested] == ["lettings_free_allocation"]


# -- 3.3-2: "De corporaties handelen conform de Nationale Prestatieafspraken (waaronder uitfasering
# EFG-labels uiterlijk 2028)" -- the national rule npa-2025/efg, judged in this pack's context. ---

def efg(portaal: tuple[int, int], vo: tuple[int, int] = (0, 0)) -> dict:
    return parties(portaal={"stock_label_efg": portaal[0], "stock_label_efg_exempt": portaal[1]},
                   vo={"stock_label_efg": vo[0], "stock_label_efg_exempt": vo[1]})


def test_3_3_2_is_the_national_efg_rule_included_once() -> None:
    from tests.support import pack

    assert "npa-2025" in pack(PACK).includes
    assert not any(rule.id == "3.3-2" for rule in pack(PACK).rules)
    finding = judge(PACK, "npa-2025/efg", {2028: efg((0, 0))})[0]
    assert finding.rule.key == "npa-2025/efg"


def test_3_3_2_exempt_homes_may_remain_in_2028() -> None:
    assert status_by_scope(judge(PACK, "npa-2025/efg", {2028: efg((5, 5))})) == {"portaal": C, "vo": C}


def test_3_3_2_one_non_exempt_efg_home_in_2028_is_a_breach() -> None:
    assert status_by_scope(judge(PACK, "npa-2025/efg", {2028: efg((6, 5))}))["portaal"] is B


def test_3_3_2_before_2028_is_not_yet_due() -> None:
    assert status_by_scope(judge(PACK, "npa-2025/efg", {2026: efg((21, 0))}))["portaal"] is ND


# -- 3.2-3: "De corporaties voeren huurverhoging door conform de Nationale Prestatieafspraken" ----

def test_3_2_3_rent_sum_increase_at_the_national_cap_complies() -> None:
    """2025: the Nationale prestatieafspraken 2025-2035 cap the average at 4.5% (no longer CAO
    6.7% - 0.5 = 6.2%); 2026: the statutory maximum per home, 4.1%."""
    years = {2025: parties(portaal={"rent_sum_increase": "4.5%"},
                           vo={"rent_sum_increase": "4.51%"})}
    assert status_by_scope(judge(PACK, "npa-2025/huursom", years)) == {"portaal": C, "vo": B}
    years = {2026: parties(portaal={"rent_sum_increase": "4.1%"}, vo={"rent_sum_increase": "4.2%"})}
    found = status_by_scope(judge(PACK, "npa-2025/huurverhoging-max", years))
    assert found == {"portaal": C, "vo": B}


# -- 3.4-1: "in wijken met > 60% sociale huur actief op woondifferentiatie [...] sturen" ----------

def test_3_4_1_exactly_60_percent_is_not_covered_and_above_is() -> None:
    years = {2025: {"collections": {"neighbourhoods": [
        {"id": "sixty", "homes": 100, "social_rent_homes": 60},
        {"id": "above", "homes": 100, "social_rent_homes": 61},
        {"id": "steered", "homes": 100, "social_rent_homes": 70, "differentiation_plan": True}]}}}
    assert status_by_scope(judge(PACK, "3.4-1", years)) == {"neighbourhoods/above": W, "neighbourhoods/steered": C}


# -- 3.4-2 and 3.4-3: 30% to special groups, 40% of those to statushouders, talks above 30% ------

def lettings(special: int, statushouders: int = 0, total: int = 100) -> dict:
    figures = {"lettings_total": total, "lettings_special_groups": special, "lettings_statushouders": statushouders}
    return parties(portaal=figures, vo=figures)


def test_3_4_2_exactly_30_percent_complies_and_below_is_an_effort_warning() -> None:
    assert statuses(judge(PACK, "3.4-2", {2025: lettings(30)})) == [C, C]
    assert statuses(judge(PACK, "3.4-2", {2025: lettings(29)})) == [W, W]


def test_3_4_2_statushouders_40_percent_of_the_special_groups() -> None:
    assert statuses(judge(PACK, "3.4-2-statushouders", {2025: lettings(30, 12)})) == [C, C]
    assert statuses(judge(PACK, "3.4-2-statushouders", {2025: lettings(30, 11)})) == [W, W]


def test_3_4_3_talks_only_when_30_percent_is_exceeded() -> None:
    assert statuses(judge(PACK, "3.4-3", {2025: lettings(30)})) == [NA, NA]
    fired = judge(PACK, "3.4-3", {2025: lettings(31)})
    assert statuses(fired) == [W, W] and all(f.action is not None for f in fired)


# -- 2.3 and 3.5-5: the meeting cycle -----------------------------------------------------------

def meetings(*items: tuple[str, str]) -> dict:
    return {"collections": {"meetings": [{"kind": kind, "date": date} for kind, date in items]}}


def test_2_3_ao_once_in_q1_and_once_in_q3() -> None:
    years = {2025: meetings(("ambtelijk_overleg", "2025-03-31"), ("ambtelijk_overleg", "2025-10-01"))}
    assert one("2.3-ao-q1", years) is C
    assert one("2.3-ao-q3", years) is B  # 1 October is Q4


def attended(kind: str, date: str, *parties: str) -> dict:
    return {"collections": {"meetings": [{"kind": kind, "date": date, "parties": list(parties)}]}}


def test_2_3_bo_once_a_year_with_both_tenant_organisations() -> None:
    """'Jaarlijks vindt eenmaal BO [...] plaats, waarbij ook de huurdersorganisaties aanwezig zijn.'"""
    everyone = ("gemeente", "portaal", "vo", "huurdersraad-portaal", "hbo-vo")
    assert one("2.3-bo", {2025: attended("bestuurlijk_overleg", "2025-11-20", *everyone)}) is C
    assert one("2.3-bo", {2025: attended("ambtelijk_overleg", "2025-11-20", *everyone)}) is B
    without_hbo = attended("bestuurlijk_overleg", "2025-11-20", *everyone[:-1])
    assert one("2.3-bo", {2025: without_hbo}) is B


def test_3_5_5_ketenpartneroverleg_four_times() -> None:
    four = [("ketenpartneroverleg", f"2025-{m:02d}-01") for m in (2, 5, 9, 12)]
    assert one("3.5-5", {2025: meetings(*four)}) is C
    assert one("3.5-5", {2025: meetings(*four[:3])}) is B


def test_meetings_not_recorded_at_all_is_missing_data() -> None:
    assert one("2.3-bo", {2025: {}}) is MD


# -- the bundled facts ---------------------------------------------------------------------------

def test_bundled_facts_show_every_status() -> None:
    result = check([BUNDLED_FACTS / PACK])
    assert {f.status for f in result.findings} == set(Status)


def test_every_rule_quotes_its_source() -> None:
    from tests.support import pack

    for rule in pack(PACK).rules:
        assert rule.source.quote.strip() and rule.source.section.strip(), rule.id
        assert Path(__file__).read_text(encoding="utf-8").count(f'"{rule.id}"') >= 1, f"no test names {rule.id}"


def test_a_per_entity_rule_outside_its_years_is_not_applicable_even_without_the_collection() -> None:
    from woonpact.engine.check import parameters
    from woonpact.engine.evaluation.run import Evaluation
    from tests.support import fact_sets, pack

    rule = next(r for r in pack(PACK).rules if r.id == "3.1-1")
    (finding,) = Evaluation(pack(PACK), parameters(), [rule]).run(fact_sets(PACK, {2031: {}}), [2031])
    assert finding.status is NA and finding.reason == "outside_years"


# -- further dated and yearly clauses: 2.3 (evaluatie), 3.1-15, 3.2-8, 3.3-11, 3.3-12, 3.4-10,
#    3.4-13, 3.4-14 are deliverables; 3.1-5, 3.3-1, 3.5-2 meetings; 3.1-13, 3.5-1 deliveries per corporation

@pytest.mark.parametrize(("rule", "item", "due"), [
    ("3.1-15", "evaluatie-wooncoach", "2025-12-31"),        # "in 2025 geëvalueerd"
    ("3.2-8", "voorzieningenwijzer", "2025-07-31"),         # "medio 2025"
    ("3.3-11", "pilot-gespikkeld-bezit", "2025-12-31"),     # "In 2025 wijzen we een pilot aan"
    ("3.3-12", "pilot-gemengd-bezit", "2025-12-31"),
    ("3.4-10", "werkafspraken-overlast", "2025-12-31"),     # "in 2025 concrete werkafspraken"
    ("3.4-13", "evaluatie-wijkaanpak", "2025-12-31"),       # "In 2025 evalueren we de aanpak"
])
def test_dated_deliverables_due_in_2025(rule: str, item: str, due: str) -> None:
    assert one(rule, {2025: delivered(item, due)}) is C  # on the last day complies
    assert one(rule, {2025: {"collections": {"deliverables": []}}}) is B
    finding, = judge(PACK, rule, {2025: {"collections": {"deliverables": []}}, 2026: delivered(item, "2026-01-02")})
    assert finding.status is B and finding.reason == "delivered_late"


def test_3_2_8_one_day_after_mid_2025_is_late() -> None:
    assert one("3.2-8", {2025: delivered("voorzieningenwijzer", "2025-08-01")}) is B


@pytest.mark.parametrize(("rule", "item"), [("2.3-evaluatie", "evaluatie-prestatieafspraken"),
                                             ("3.4-14", "evaluatie-persoonsgerichte-aanpak")])
def test_yearly_evaluations_count_only_in_their_own_year(rule: str, item: str) -> None:
    assert one(rule, {2026: delivered(item, "2026-12-31")}) is C
    assert one(rule, {2025: delivered(item, "2025-12-01"), 2026: {"collections": {"deliverables": []}}}) is B


@pytest.mark.parametrize(("rule", "kind", "needed", "quarter_month"), [
    ("3.1-5", "planningsoverleg", 1, "10"),   # "Jaarlijks vindt in Q4 een planningsoverleg plaats"
    ("3.3-1", "kennisdeling", 2, "04"),       # "Jaarlijks [...] twee keer op om kennis en plannen te delen"
    ("3.5-2", "woonzorgoverleg", 2, "05"),    # "Twee keer per jaar zoeken corporaties en gemeenten elkaar op"
])
def test_meeting_counts(rule: str, kind: str, needed: int, quarter_month: str) -> None:
    held = [(kind, f"2025-{quarter_month}-0{day}") for day in range(1, needed + 1)]
    assert one(rule, {2025: meetings(*held)}) is C
    assert one(rule, {2025: meetings(*held[:-1])}) is B


def test_3_1_5_planning_meeting_must_be_in_q4() -> None:
    assert one("3.1-5", {2025: meetings(("planningsoverleg", "2025-09-30"))}) is B


@pytest.mark.parametrize(("rule", "item"), [("3.1-13", "mutatiedata"), ("3.5-1", "mutaties-voorraad")])
def test_twice_yearly_deliveries_per_corporation(rule: str, item: str) -> None:
    items = [{"id": item, "party": party, "date": date} for party in ("portaal", "vo")
             for date in ("2025-07-01", "2025-12-01")][:-1]  # V&O delivered once
    findings = judge(PACK, rule, {2025: {"collections": {"deliverables": items}}})
    assert status_by_scope(findings) == {"portaal": C, "vo": B}
