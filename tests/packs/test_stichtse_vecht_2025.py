"""Tests from the seed text (seed 003) for every stichtse-vecht-2025 clause, boundaries included."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support import BUNDLED_FACTS, judge, status_by_scope, statuses
from woonpact.engine.check import check
from woonpact.engine.model.finding import Status

PACK = "stichtse-vecht-2025"
C, W, B = Status.COMPLIANT, Status.WARNING, Status.BREACH
NA, ND, MD = Status.NOT_APPLICABLE, Status.NOT_DUE, Status.MISSING_DATA


def parties(**figures: dict) -> dict:
    return {"parties": {party: {"figures": f} for party, f in figures.items()}}


def one(rule: str, years: dict, year: int | None = None) -> Status:
    (finding,) = judge(PACK, rule, years, year)
    return finding.status


# -- visie-30: "Samen willen we het aandeel vergroten naar minimaal 30% in de voorraad" ---------

def stock(social: int, total: int = 10000) -> dict:
    return {"municipality": {"figures": {"stock_total": total, "stock_social": social}}}


def test_visie_30_a_share_that_does_not_fall_complies_and_one_that_falls_warns() -> None:
    """visie-30: "willen vergroten" names a direction and no year; the same share as the year before
    complies, one home fewer is a warning (an aim)."""
    assert one("visie-30", {2024: stock(2230), 2025: stock(2230)}) is C
    finding, = judge(PACK, "visie-30", {2024: stock(2230), 2025: stock(2229)})
    assert finding.status is W and finding.distance is not None and finding.distance.amount == 1


def test_visie_30_has_no_deadline_so_2030_below_30_percent_but_growing_complies() -> None:
    """visie-30: no year is named for the 30%, so 25% in 2030 that grew on 2029 complies."""
    assert one("visie-30", {2029: stock(2400), 2030: stock(2500)}) is C


def test_visie_30_once_at_30_percent_a_fall_that_stays_above_it_complies() -> None:
    """visie-30: "naar minimaal 30%": above 30% a small fall is no shortfall; below 30% it is."""
    assert one("visie-30", {2029: stock(3200), 2030: stock(3000)}) is C
    assert one("visie-30", {2029: stock(3200), 2030: stock(2999)}) is W


def test_visie_30_without_last_years_figures_is_missing_data() -> None:
    assert one("visie-30", {2025: stock(2240)}) is MD


# -- visie-1108: "Volgens de Woondeal 2022 – 20230 [...] Dat betekent voor Portaal 535 SH en
#    107 MH. Voor V&O 360 SH en 72 MH." ----------------------------------------------------------

@pytest.mark.parametrize(("rule", "party", "figure", "target"), [
    ("visie-1108-portaal", "portaal", "new_build_social", 535),
    ("visie-1108-portaal-mh", "portaal", "new_build_mid_rent", 107),
    ("visie-1108-vo", "vo", "new_build_social", 360),
    ("visie-1108-vo-mh", "vo", "new_build_mid_rent", 72),
])
def test_visie_1108_counts_completions_since_2022_against_the_guiding_aim(
        rule: str, party: str, figure: str, target: int) -> None:
    """The Woondeal runs 2022-2030: exactly the target by the end of 2030, counted from 2022,
    complies; one short is a warning (an aim)."""
    per_year = target // 9
    years = {y: parties(**{party: {figure: per_year}}) for y in range(2022, 2031)}
    years[2030] = parties(**{party: {figure: target - per_year * 8}})
    assert one(rule, years, 2030) is C
    years[2030] = parties(**{party: {figure: target - per_year * 8 - 1}})
    assert one(rule, years, 2030) is W


def test_visie_1108_homes_completed_in_2022_to_2024_count() -> None:
    """visie-1108-portaal: 60 a year since 2022 is 240 by the end of 2025, on the path from 0 (end
    2021) to 535 (end 2030): 535 * 4/9 = 237.8. Counted from 2025 only, 60 would be far behind."""
    years = {y: parties(portaal={"new_build_social": 60}) for y in range(2022, 2026)}
    finding, = judge(PACK, "visie-1108-portaal", years)
    assert (finding.status, finding.reason, finding.value) == (C, "on_track", 240)
    years[2025] = parties(portaal={"new_build_social": 57})
    assert one("visie-1108-portaal", years) is W


def test_visie_1108_missing_year_is_missing_data_naming_it() -> None:
    years = {2025: parties(vo={"new_build_social": 60})}
    finding, = judge(PACK, "visie-1108-vo", years)
    assert finding.status is MD
    assert any("2022" in m for m in finding.missing)


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
        {"id": "done", "homes": 30, "developer_disagreement": True,
         "escalated_to_bestuurlijk_overleg": True},
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


CAPS = [("3.1-9-portaal", "portaal", 180), ("3.1-9-vo", "vo", 60)]


@pytest.mark.parametrize(("rule", "party", "cap"), CAPS)
def test_3_1_9_sales_cap_over_2025_through_2030(rule: str, party: str, cap: int) -> None:
    years = {2025: parties(**{party: {"sold_social": cap - 10}}),
             2026: parties(**{party: {"sold_social": 10}})}
    assert one(rule, years) is C  # exactly the cap
    years[2026] = parties(**{party: {"sold_social": 11}})
    assert one(rule, years) is B  # one over


@pytest.mark.parametrize(("rule", "party", "cap"), CAPS)
def test_3_1_9_the_cap_counts_social_homes_sold(rule: str, party: str, cap: int) -> None:
    """3.1-9 stands under "Ontwikkeling sociale huurvoorraad": other homes sold do not count."""
    years = {2025: parties(**{party: {"sold_social": cap, "sold_total": cap + 5}})}
    assert one(rule, years) is C


# -- milestones 3.1-6, 3.2-2, 3.4-7 -------------------------------------------------------------

def delivered(item: str, date: str) -> dict:
    return {"collections": {"deliverables": [{"id": item, "date": date}]}}


def test_3_1_6_session_in_2025() -> None:
    assert one("3.1-6", {2025: delivered("sessie-planprocessen", "2025-12-31")}) is C
    assert one("3.1-6", {2025: {"collections": {"deliverables": []}}}) is B


def rent_policy(date: str | None) -> dict:
    """Portaal's new rent policy, recorded in the facts of the year of its date (or never)."""
    years: dict = {year: {"collections": {"deliverables": []}} for year in (2025, 2026, 2027)}
    if date is not None:
        years[int(date[:4])] = {"collections": {"deliverables": [
            {"id": "huurbeleid-portaal", "party": "portaal", "date": date}]}}
    return years


@pytest.mark.parametrize(("date", "expected"), [
    ("2025-12-31", [(C, "delivered"), (C, "delivered"), (C, "delivered")]),   # on the due date
    ("2026-01-01", [(B, "delivered_late"), (C, "delivered_after_due"), (C, "delivered_after_due")]),
    ("2026-03-02", [(B, "delivered_late"), (C, "delivered_after_due"), (C, "delivered_after_due")]),
    (None, [(B, "overdue"), (B, "overdue"), (B, "overdue")]),                  # never
])
def test_3_2_2_a_late_rent_policy_is_one_shortfall_in_2025(date: str | None,
                                                           expected: list) -> None:
    """3.2-2: "Portaal ontwikkelt in 2025 nieuw huurbeleid". Delivered late (the bundled facts:
    02-03-2026, 61 days) it falls short in 2025, with the days late, and is delivered from 2026
    on; it does not fall short again in 2026 and 2027. Never delivered, it stays overdue."""
    years = rent_policy(date)
    found = [judge(PACK, "3.2-2", years, year)[0] for year in (2025, 2026, 2027)]
    assert [(f.status, f.reason) for f in found] == expected
    if date is not None and date > "2025-12-31":
        assert found[0].distance is not None and found[0].distance.amount == (
            1 if date == "2026-01-01" else 61)


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


# -- 3.2-4 V&O: "hanteert een huurprijs van 80% van maximaal redelijk en topt tussenwoningen af om
#    minimaal 70% van de woningen aan huishoudens met huurtoeslag toe te wijzen" ----------------

def test_3_2_4_the_70_percent_is_the_purpose_so_a_shortfall_is_a_warning() -> None:
    """3.2-4: "om ... toe te wijzen" states the purpose; 69% is a warning, not a breach."""
    def letting(huurtoeslag: int) -> dict:
        return {2025: parties(vo={"lettings_total": 100, "lettings_huurtoeslag": huurtoeslag})}
    assert one("3.2-4", letting(70)) is C
    assert one("3.2-4", letting(69)) is W


def test_3_2_4_huurprijs_the_rent_at_80_percent_of_the_maximum_is_the_commitment() -> None:
    """3.2-4-huurprijs: "hanteert een huurprijs van 80% van maximaal redelijk": exactly 80%
    complies, above it is a breach; lower rents are no shortfall."""
    def rent(share: str) -> dict:
        return {2025: parties(vo={"rent_share_max_reasonable": share})}
    assert one("3.2-4-huurprijs", rent("80%")) is C
    assert one("3.2-4-huurprijs", rent("72%")) is C
    assert one("3.2-4-huurprijs", rent("80.1%")) is B
    assert one("3.2-4-huurprijs", {2025: parties(vo={"lettings_total": 100})}) is MD


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
    assert status_by_scope(judge(PACK, "npa-2025/efg",
                                 {2028: efg((5, 5))})) == {"portaal": C, "vo": C}


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
    assert status_by_scope(judge(PACK, "3.4-1", years)) == {"neighbourhoods/above": W,
                                                            "neighbourhoods/steered": C}


# -- 3.4-2 and 3.4-3: 30% to special groups, 40% of those to statushouders, talks above 30% ------

def lettings(special: int, statushouders: int = 0, total: int = 100) -> dict:
    figures = {"lettings_total": total, "lettings_special_groups": special,
               "lettings_statushouders": statushouders}
    return parties(portaal=figures, vo=figures)


def test_3_4_2_exactly_30_percent_complies_and_below_is_an_effort_warning() -> None:
    assert statuses(judge(PACK, "3.4-2", {2025: lettings(30)})) == [C, C]
    assert statuses(judge(PACK, "3.4-2", {2025: lettings(29)})) == [W, W]


def test_3_4_2_statushouders_40_percent_of_the_30_percent_is_12_percent_of_all_lettings() -> None:
    """3.4-2: "Van deze 30% wordt 40% toegewezen aan statushouders": 12 of 100 lettings complies and
    11 warns, whatever share actually went to special groups."""
    assert statuses(judge(PACK, "3.4-2-statushouders", {2025: lettings(30, 12)})) == [C, C]
    assert statuses(judge(PACK, "3.4-2-statushouders", {2025: lettings(30, 11)})) == [W, W]
    assert statuses(judge(PACK, "3.4-2-statushouders", {2025: lettings(35, 12)})) == [C, C]
    assert statuses(judge(PACK, "3.4-2-statushouders", {2025: lettings(20, 10)})) == [W, W]


def test_3_4_3_talks_only_when_30_percent_is_exceeded() -> None:
    assert statuses(judge(PACK, "3.4-3", {2025: lettings(30)})) == [NA, NA]
    fired = judge(PACK, "3.4-3", {2025: lettings(31)})
    assert statuses(fired) == [W, W] and all(f.action is not None for f in fired)


def test_3_4_3_the_consultation_recorded_on_the_clause_is_the_action() -> None:
    """3.4-3 (issue 12 item 8): "treden partijen met elkaar in overleg": a meeting on the clause for
    V&O that year takes the action for V&O; Portaal's stays due."""
    talk = {"rule": "3.4-3", "rung": "overleg", "date": "2025-11-20", "scope": "vo"}
    findings = judge(PACK, "3.4-3", {2025: {**lettings(31), "escalations": [talk]}})
    assert {f.scope.id: (f.status, f.reason) for f in findings} == {
        "portaal": (W, "trigger_fired"), "vo": (C, "action_taken")}


# -- 2.3 and 3.5-5: the meeting cycle -----------------------------------------------------------

def meetings(*items: tuple[str, str]) -> dict:
    return {"collections": {"meetings": [{"kind": kind, "date": date} for kind, date in items]}}


def test_2_3_ao_once_in_q1_and_once_in_q3() -> None:
    years = {2025: meetings(("ambtelijk_overleg", "2025-03-31"),
                            ("ambtelijk_overleg", "2025-10-01"))}
    assert one("2.3-ao-q1", years) is C
    assert one("2.3-ao-q3", years) is B  # 1 October is Q4


def attended(kind: str, date: str, *parties: str) -> dict:
    return {"collections": {"meetings": [{"kind": kind, "date": date, "parties": list(parties)}]}}


def test_2_3_bo_once_a_year_with_both_tenant_organisations() -> None:
    """'Jaarlijks vindt eenmaal BO [...] plaats, waarbij ook de huurdersorganisaties aanwezig
    zijn.'"""
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
        names = Path(__file__).read_text(encoding="utf-8").count(f'"{rule.id}"')
        assert names >= 1, f"no test names {rule.id}"


def test_a_per_entity_rule_outside_its_years_is_not_applicable_even_without_the_collection(
) -> None:
    from tests.support import fact_sets, pack
    from woonpact.engine.check import parameters
    from woonpact.engine.evaluation.run import Evaluation

    rule = next(r for r in pack(PACK).rules if r.id == "3.1-1")
    evaluation = Evaluation(pack(PACK), parameters(), [rule])
    (finding,) = evaluation.run(fact_sets(PACK, {2031: {}}), [2031])
    assert finding.status is NA and finding.reason == "outside_years"


# -- further dated and yearly clauses: 2.3 (evaluatie), 3.1-15, 3.2-8, 3.3-11, 3.3-12, 3.4-10,
# 3.4-13, 3.4-14 are deliverables; 3.1-5, 3.3-1, 3.5-2 meetings; 3.1-13, 3.5-1 deliveries per
# corporation

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
    late = {2025: {"collections": {"deliverables": []}}, 2026: delivered(item, "2026-01-02")}
    finding, = judge(PACK, rule, late, 2025)
    assert finding.status is B and finding.reason == "delivered_late"
    assert one(rule, late) is C  # delivered from 2026 on: one shortfall, not two


def test_3_2_8_one_day_after_mid_2025_is_late() -> None:
    assert one("3.2-8", {2025: delivered("voorzieningenwijzer", "2025-08-01")}) is B


@pytest.mark.parametrize(("rule", "item"), [("2.3-evaluatie", "evaluatie-prestatieafspraken"),
                                             ("3.4-14", "evaluatie-persoonsgerichte-aanpak")])
def test_yearly_evaluations_count_only_in_their_own_year(rule: str, item: str) -> None:
    assert one(rule, {2026: delivered(item, "2026-12-31")}) is C
    assert one(rule, {2025: delivered(item, "2025-12-01"),
                      2026: {"collections": {"deliverables": []}}}) is B


@pytest.mark.parametrize(("rule", "kind", "needed", "quarter_month"), [
    ("3.1-5", "planningsoverleg", 1, "10"),   # "Jaarlijks vindt in Q4 een planningsoverleg plaats"
    # "Jaarlijks [...] twee keer op om kennis en plannen te delen"
    ("3.3-1", "kennisdeling", 2, "04"),
    # "Twee keer per jaar zoeken corporaties en gemeenten elkaar op"
    ("3.5-2", "woonzorgoverleg", 2, "05"),
])
def test_meeting_counts(rule: str, kind: str, needed: int, quarter_month: str) -> None:
    held = [(kind, f"2025-{quarter_month}-0{day}") for day in range(1, needed + 1)]
    assert one(rule, {2025: meetings(*held)}) is C
    assert one(rule, {2025: meetings(*held[:-1])}) is B


def test_3_1_5_planning_meeting_must_be_in_q4() -> None:
    assert one("3.1-5", {2025: meetings(("planningsoverleg", "2025-09-30"))}) is B


TWICE = [("3.1-13", "mutatiedata"), ("3.5-1", "mutaties-voorraad")]


@pytest.mark.parametrize(("rule", "item"), TWICE)
def test_a_late_delivery_from_last_year_does_not_count_again(rule: str, item: str) -> None:
    """3.1-13 and 3.5-1: only deliveries dated in the year judged count; last December's delivery
    recorded in this year's facts is not one of this year's two."""
    items = [{"id": item, "party": "portaal", "date": date}
             for date in ("2025-12-30", "2026-07-01")]
    findings = judge(PACK, rule, {2026: {"collections": {"deliverables": items}}})
    assert status_by_scope(findings)["portaal"] is B


@pytest.mark.parametrize(("rule", "item"), TWICE)
def test_twice_yearly_deliveries_per_corporation(rule: str, item: str) -> None:
    items = [{"id": item, "party": party, "date": date} for party in ("portaal", "vo")
             for date in ("2025-07-01", "2025-12-01")][:-1]  # V&O delivered once
    findings = judge(PACK, rule, {2025: {"collections": {"deliverables": items}}})
    assert status_by_scope(findings) == {"portaal": C, "vo": B}


# -- products without a date: due by the end of the term (2030), as the pack reads 3.4-7 --------

@pytest.mark.parametrize(("rule", "item", "party"), [
    # "De gemeente stelt iedere 5 jaar een Warmteprogramma op"
    ("3.3-6-warmteprogramma", "warmteprogramma", "gemeente"),
    # "De gemeente stelt een projectleider aan, dan wordt een plan van aanpak opgesteld"
    ("3.3-6-plan-van-aanpak", "plan-van-aanpak-warmte", "gemeente"),
    # "V&O neemt normen voor maximaal toegestane verharding van tuinen op in huurcontracten"
    ("3.3-19", "huurcontract-verhardingsnorm", "vo"),
    # "Portaal communiceert hierover door middel van een flyer"
    ("3.3-19-portaal", "flyer-verharding-tuinen", "portaal"),
    # "maken partijen aankomende periode concretere afspraken"
    ("3.5-3", "afspraken-wonen-zorg", "gemeente"),
    # "Partijen maken werkafspraken over melding van bewoners of collega's"
    ("3.4-12", "werkafspraken-melding", "gemeente"),
])
def test_undated_products_are_due_by_the_end_of_2030(rule: str, item: str, party: str) -> None:
    assert one(rule, {2029: {"collections": {"deliverables": []}}}) is ND
    item_delivered = [{"id": item, "party": party, "date": "2030-12-31"}]
    assert one(rule, {2030: {"collections": {"deliverables": item_delivered}}}) is C
    assert one(rule, {2030: {"collections": {"deliverables": []}}}) is B


@pytest.mark.parametrize(("rule", "item"), [("3.1-8", "wensportefeuille"),
                                             ("3.2-5", "procesafspraak-iah")])
def test_undated_products_of_each_corporation(rule: str, item: str) -> None:
    """3.1-8 "De corporaties brengen hun wensportefeuille tot 2030 per kern in beeld"; 3.2-5
    "Portaal en V&O maken hiervoor een procesafpraak met de huurdersorganisaties": each its own,
    by 2030."""
    items = [{"id": item, "party": "portaal", "date": "2030-06-01"}]
    assert status_by_scope(judge(PACK, rule, {2030: {"collections": {"deliverables": items}}})) == {
        "portaal": C, "vo": B}
    assert statuses(judge(PACK, rule, {2026: {"collections": {"deliverables": []}}})) == [ND, ND]


def test_3_1_18_exploration_of_extra_storeys_in_2025() -> None:
    """3.1-18: "Gemeente en V&O verkennen de mogelijkheden en randvoorwaarden in 2025"."""
    assert one("3.1-18", {2025: delivered("verkenning-optoppen", "2025-12-31")}) is C
    assert one("3.1-18", {2025: {"collections": {"deliverables": []}}}) is B


# -- per-project steps: 3.3-5 (equipment readjusted after insulation), 3.3-18 (Portaal: heat stress)

def works(**attributes: object) -> dict:
    return projects({"id": "w", "homes": 40, "sustainability_works": True, **attributes})


def test_3_3_5_after_insulation_the_equipment_is_readjusted() -> None:
    """3.3-5: "zorgen ervoor dat na isolatiewerkzaamheden [...] de energieapparatuur opnieuw wordt
    afgesteld en het vastrecht wordt aangepast": per project; not recorded is missing data."""
    assert one("3.3-5", {2025: works(party="vo", installations_readjusted=True)}) is C
    assert one("3.3-5", {2025: works(party="vo", installations_readjusted=False)}) is B
    assert one("3.3-5", {2025: works(party="vo")}) is MD
    finding, = judge(PACK, "3.3-5", {2025: projects({"id": "new", "homes": 40, "party": "vo"})})
    assert finding.reason == "no_entities"  # new-build is not insulation of existing homes


def test_3_3_18_portaal_examines_heat_stress_in_each_sustainability_project() -> None:
    """3.3-18: "Portaal onderzoekt bij verduurzamingsprojecten [...] of er maatregelen moeten worden
    genomen ter voorkoming van Hittestress": Portaal's projects only."""
    assert one("3.3-18", {2025: works(party="portaal", heat_stress_checked=True)}) is C
    assert one("3.3-18", {2025: works(party="portaal", heat_stress_checked=False)}) is B
    finding, = judge(PACK, "3.3-18", {2025: works(party="vo", heat_stress_checked=False)})
    assert finding.reason == "no_entities"


# -- 2.3: "In het jaar waarin nieuwe tweejaarlijkse afspraken worden gemaakt, zal het overleg vaker
#    plaatsvinden (uitgangspunt vier keer)" --------------------------------------------------------

def test_2_3_ao_vier_four_meetings_only_in_a_year_of_new_agreements() -> None:
    four = [("ambtelijk_overleg", f"2026-{m:02d}-10") for m in (2, 5, 9, 11)]
    new = {"conditions": {"nieuwe_tweejaarlijkse_afspraken": True}}
    assert one("2.3-ao-vier", {2026: {**meetings(*four), **new}}) is C
    assert one("2.3-ao-vier", {2026: {**meetings(*four[:3]), **new}}) is W  # "uitgangspunt": an aim
    quiet = {"conditions": {"nieuwe_tweejaarlijkse_afspraken": False}}
    assert one("2.3-ao-vier", {2026: {**meetings(*four[:2]), **quiet}}) is NA
