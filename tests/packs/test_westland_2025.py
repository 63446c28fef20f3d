"""Tests for rule pack westland-2025, written from the seed text (shared/seeds/000_...txt).

Each test names the clause it checks. Boundaries are tested on both sides: exactly at a bound,
one step past it, and before/after a deadline.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.support import BUNDLED_FACTS, judge, pack, status_by_scope, statuses
from woonpact.engine.check import check
from woonpact.engine.model.finding import Status

PACK = "westland-2025"
C, W, B = Status.COMPLIANT, Status.WARNING, Status.BREACH
NA, ND, MD = Status.NOT_APPLICABLE, Status.NOT_DUE, Status.MISSING_DATA
CORPS = ("arcade", "wonen-wateringen")


def run(rule: str, years: dict[int, dict[str, Any]], year: int | None = None) -> list[Status]:
    return statuses(judge(PACK, rule, years, year))


def one(rule: str, years: dict[int, dict[str, Any]], year: int | None = None) -> Status:
    found = run(rule, years, year)
    assert len(found) == 1, found
    return found[0]


def meetings(*items: tuple[str, str]) -> dict[str, Any]:
    return {"collections": {"meetings": [{"kind": kind, "date": date} for kind, date in items]}}


def deliverables(*items: tuple[str, str, str | None]) -> dict[str, Any]:
    return {"collections": {"deliverables": [
        {"id": did, "date": date, **({"party": party} if party else {})} for did, date,
        party in items]}}


def party_figures(**per_party: dict[str, Any]) -> dict[str, Any]:
    return {"parties": {p: {"figures": f} for p, f in per_party.items()}}


def lettings(party: str, n: int, **attrs: Any) -> list[dict[str, Any]]:
    """n lettings of one corporation with the same attributes (ids unique per call site via
    prefix)."""
    prefix = attrs.pop("prefix", "L")
    return [{"id": f"{party}-{prefix}-{i}", "party": party, **attrs} for i in range(n)]


# --- 2 Proces: de jaarlijkse cyclus (afspraak 6) ----------------------------------------------

def test_2_cycle_april_meeting_in_april_complies_march_does_not():
    """2, afspraak 6: 'in april van ieder jaar tripartiet overleg'."""
    assert one("2-cycle-april", {2025: meetings(("tripartite_overleg", "2025-04-30"))}) == C
    assert one("2-cycle-april", {2025: meetings(("tripartite_overleg", "2025-03-31"))}) == B


def test_2_cycle_monitoring_baseline_by_end_of_april_2025():
    """2, afspraak 6: markering planning 2020-2030 en gerealiseerd t/m 2024 (read: by 30 April
    2025)."""
    assert one("2-cycle-monitoring",
               {2025: deliverables(("markering-planning-2020-2030", "2025-04-30", None))}) == C
    assert one("2-cycle-monitoring",
               {2025: deliverables(("markering-planning-2020-2030", "2025-05-01", None))}) == B


def test_2_cycle_bod_before_1_july_per_corporation():
    """2, afspraak 6: 'vóór 1 juli ... dienen de corporaties hun bod ... in' - 30 June on time, 1
    July late."""
    facts = {2026: deliverables(("bod", "2026-06-30", "arcade"),
                                ("bod", "2026-07-01", "wonen-wateringen"))}
    assert status_by_scope(judge(PACK, "2-cycle-bod", facts)) == {"arcade": C,
                                                              "wonen-wateringen": B}


def test_2_cycle_bod_not_yet_submitted_in_an_earlier_year_is_overdue_at_year_end():
    """2, afspraak 6: a bod missing for the whole year is overdue."""
    facts = {2025: deliverables(("bod", "2025-06-01", "arcade"))}
    assert status_by_scope(judge(PACK, "2-cycle-bod", facts)) == {"arcade": C,
                                                              "wonen-wateringen": B}


@pytest.mark.parametrize("rule, month", [("2-cycle-september", "09"), ("2-cycle-december", "12")])
def test_2_cycle_ambtelijk_overleg_in_september_and_december(rule, month):
    """2, afspraak 6: 'in september en december van ieder jaar vindt ambtelijk tripartiet overleg
    plaats'."""
    assert one(rule, {2025: meetings(("ambtelijk_overleg", f"2025-{month}-15"))}) == C
    assert one(rule, {2025: meetings(("ambtelijk_overleg", "2025-10-15"))}) == B
    assert one(rule, {2025: meetings(("bestuurlijk_overleg", f"2025-{month}-15"))}) == B


def test_2_cycle_jaarafspraken_signed_by_15_december():
    """2, afspraak 6: 'uiterlijk 15 december zijn de nieuwe jaarafspraken ondertekend'."""
    assert one("2-cycle-jaarafspraken",
               {2025: deliverables(("jaarafspraken", "2025-12-15", None))}) == C
    assert one("2-cycle-jaarafspraken",
               {2025: deliverables(("jaarafspraken", "2025-12-16", None))}) == B


def test_2_cycle_judged_only_in_the_term_2025_2029():
    """2, afspraak 3 and 6: the term runs 1 January 2025 to 1 January 2030, so no cycle in 2030."""
    assert one("2-cycle-jaarafspraken", {2030: deliverables(("x", "2030-01-01", None))}) == NA
    assert one("2-cycle-april", {2030: meetings()}) == NA


def test_the_term_ends_on_1_january_2030_so_a_clause_without_its_own_years_is_not_judged_in_2030():
    """2, afspraak 3: 'Raamovereenkomst voor 2025-2030 (periode 1 januari 2025 tot 1 januari 2030)'.
    Eénmaal per jaar een informatieavond: 2029 is the last year it is owed."""
    assert one("2-11", {2029: meetings()}) == B
    assert one("2-11", {2030: meetings()}) == NA
    assert one("3.6-4", {2030: meetings()}) == NA
    assert (pack(PACK).first_year, pack(PACK).last_year) == (2025, 2029)


def test_the_clauses_that_name_2030_themselves_are_judged_in_2030():
    """3.1-1 'Eind 2030 ... (periode 2020 tot en met 2030)' and 3.5-6 'In 2030 ... 20%' run past
    the term."""
    assert one("3.1-1-totaal", history(2030, {2030: (1200, 399)}, {2026: 200})) == B
    assert one("3.5-6", {2030: insulated((2000, 10000), (199, 1000))}) == B


def test_2_cycle_publicatie_by_15_december():
    """2, afspraak 6: jaarafspraken '... door de corporaties en gemeente gepubliceerd'."""
    assert one("2-cycle-publicatie",
               {2025: deliverables(("jaarafspraken-gepubliceerd", "2025-12-15", None))}) == C
    assert one("2-cycle-publicatie",
               {2025: deliverables(("jaarafspraken-gepubliceerd", "2025-12-20", None))}) == B


def test_2_7_yearly_theme_meeting():
    """2, afspraak 7: 'Jaarlijks organiseren partijen een tripartite themabijeenkomst'."""
    assert one("2-7", {2025: meetings(("themabijeenkomst", "2025-10-02"))}) == C
    assert one("2-7", {2025: meetings(("tripartite_overleg", "2025-10-02"))}) == B


def test_2_8_tenant_organisations_vision_by_the_end_of_the_term():
    """2, afspraak 8: 'dat ook de huurdersorganisaties hun visie en speerpunten helder maken' - no
    date, no frequency: once, by the end of the term (not each year beside the bod)."""
    vision = deliverables(("visie-huurdersorganisaties", "2027-09-01", "huurdersorganisaties"))
    assert one("2-8", {2026: deliverables()}) == ND
    assert one("2-8", {2027: vision}) == C
    assert one("2-8", {2028: vision}) == C
    assert one("2-8", {2029: deliverables()}) == B


def test_2_10_consultation_after_a_far_reaching_change_in_the_law():
    """2, afspraak 10: bij ingrijpende wetswijziging 'treden partijen zo spoedig mogelijk in
    overleg'."""
    fired = {"conditions": {"ingrijpende_wetswijziging": True, "overleg_wetswijziging": True}}
    assert one("2-10", {2025: fired}) == C
    fired_no_talks = {"conditions": {"ingrijpende_wetswijziging": True,
                                     "overleg_wetswijziging": False}}
    assert one("2-10", {2025: fired_no_talks}) == B
    assert one("2-10", {2025: {"conditions": {"ingrijpende_wetswijziging": False}}}) == NA
    assert one("2-10", {2025: {}}) == MD


def test_2_11_information_evening_with_the_council():
    """2, afspraak 11: 'Eénmaal per jaar vindt er een informatieavond met de gemeenteraad
    plaats'."""
    assert one("2-11", {2025: meetings(("informatieavond_gemeenteraad", "2025-11-12"))}) == C
    assert one("2-11", {2025: meetings()}) == B


# --- 3.1-1: 1.800 sociale huurwoningen 2020-2030 -----------------------------------------------

def history(last: int, corp_per_year: dict[int, tuple[int, int]], private: dict[int, int],
            sold: int = 0, demolished: int = 0) -> dict[int, dict[str, Any]]:
    """Years 2020..last with per-corporation completions (arcade, wonen-wateringen) and private
    ones."""
    years = {}
    for year in range(2020, last + 1):
        arcade, ww = corp_per_year.get(year, (0, 0))
        years[year] = {
            "municipality": {"figures": {"new_build_social_private": private.get(year, 0)}},
            **party_figures(
                arcade={"new_build_social": arcade, "sold_social": sold,
                        "demolished_social": demolished},
                **{"wonen-wateringen": {"new_build_social": ww, "sold_social": 0,
                                        "demolished_social": 0}}),
        }
    return years


def test_3_1_1_corporations_target_is_1600_when_private_landlords_deliver_200():
    """3.1-1: '1.600 te ontwikkelen door de corporaties en 200 door particuliere verhuurders' - end
    2030."""
    corp = {2030: (1200, 400)}
    assert one("3.1-1", history(2030, corp, {2025: 200})) == C          # exactly 1,600
    corp = {2030: (1199, 400)}
    # one short, after the deadline
    assert one("3.1-1", history(2030, corp, {2025: 200})) == B


def test_3_1_1_a_private_shortfall_does_not_raise_the_corporations_1600():
    """3.1-1: 'Als particuliere verhuurders er niet in slagen ... dan zijn de corporaties bereid ...
    te compenseren': a willingness, so with only 150 private homes the corporations' 1,600 still
    complies."""
    assert one("3.1-1", history(2030, {2030: (1200, 400)}, {2025: 150})) == C   # private 50 short
    assert one("3.1-1", history(2030, {2030: (1199, 400)}, {2025: 150})) == B   # 1,599
    # more than 200 private homes do not lower the corporations' 1,600
    assert one("3.1-1", history(2030, {2030: (1199, 400)}, {2025: 300})) == B


def compensation(private_2025: int, **conditions: bool) -> dict[int, dict[str, Any]]:
    """80 private homes by the end of 2024: the line to 200 at the end of 2030 is at 100 in 2025."""
    years = history(2025, {}, {2024: 80, 2025: private_2025 - 80})
    years[2025]["conditions"] = conditions
    return years


def test_3_1_1_compensatie_talks_when_private_landlords_fall_behind():
    """3.1-1: 'Als particuliere verhuurders er niet in slagen het gewenste aantal te realiseren,
    dan zijn de corporaties bereid ...'; monitoring 'zodat tijdig bijgestuurd kan worden'."""
    rule = "3.1-1-compensatie"
    assert one(rule, compensation(100)) == NA                                   # on the line
    assert one(rule, compensation(99, compensatie_particulier_besproken=True)) == C
    assert one(rule, compensation(99, compensatie_particulier_besproken=False)) == W
    assert one(rule, compensation(99)) == MD                                    # talks not recorded


def test_3_1_1_trajectory_before_the_deadline_is_a_warning_never_a_breach():
    """3.1-1: before end 2030 judged on a straight line from the end-2024 level to the target."""
    # 600 built by corporations 2020-2024; private 200 by then: target 1,600; 2025 path = 600 +
    # 1000/6
    corp = {2024: (400, 200), 2025: (130, 37)}                               # 767 >= 766.7
    assert one("3.1-1", history(2025, corp, {2024: 200})) == C
    corp = {2024: (400, 200), 2025: (130, 36)}                               # 766 < 766.7
    assert one("3.1-1", history(2025, corp, {2024: 200})) == W


def test_3_1_1_needs_the_years_from_2020():
    """3.1-1: the count runs from 2020; a missing earlier year is missing data, not zero."""
    years = history(2025, {2025: (100, 50)}, {})
    del years[2022]
    assert one("3.1-1", years) == MD


def test_3_1_1_totaal_1800_by_end_2030():
    """3.1-1: 'Eind 2030 zijn er in Westland minimaal 1.800 sociale huurwoningen bijgebouwd'."""
    assert one("3.1-1-totaal", history(2030, {2030: (1200, 400)}, {2026: 200})) == C   # 1,800
    assert one("3.1-1-totaal", history(2030, {2030: (1200, 399)}, {2026: 200})) == B   # 1,799
    # a total short only through the private landlords is a shortfall on the joint headline
    assert one("3.1-1-totaal", history(2030, {2030: (1200, 400)}, {2026: 150})) == B


def test_3_1_1_netto_1500_after_sales_and_demolition_is_an_effort():
    """3.1-1: 'Bestaande uit 1.500 regulier en 300 ter compensatie van ... verkopen of te
    slopen'."""
    # 1,800 built, 300 sold or demolished over 11 years (2020-2030): net exactly 1,500
    years = history(2030, {2030: (1200, 400)}, {2026: 200})
    years[2030]["parties"]["arcade"]["figures"].update(sold_social=200, demolished_social=100)
    assert one("3.1-1-netto", years) == C
    years[2030]["parties"]["arcade"]["figures"].update(demolished_social=101)
    assert one("3.1-1-netto", years) == W                                   # effort: a warning


def test_3_1_bouwtafel_monitor_each_year():
    """3.1, afspraak 2: 'Jaarlijks wordt de voortgang ... cijfermatig inzichtelijk gemaakt richting
    de Bouwtafel'."""
    assert one("3.1-bouwtafel",
               {2025: deliverables(("monitor-bouwtafel", "2025-12-31", None))}) == C
    assert one("3.1-bouwtafel", {2026: deliverables(("bod", "2026-06-01", "arcade"))}) == B


# --- 3.1 primaat, AO 30%, lokaal maatwerk, woonruimteverdeling ---------------------------------

def projects(*items: dict[str, Any]) -> dict[str, Any]:
    return {"collections": {"projects": list(items)}}


def test_3_1_primaat_on_municipal_land_a_corporation_takes_the_social_part():
    """3.1, afspraak 5: 'op gronden waar de gemeente positie of eigendom heeft, zijn de corporaties
    partner'."""
    facts = {2025: projects(
        {"id": "a", "homes": 50, "social_rent_homes": 20, "land": "gemeente", "party": "arcade"},
        {"id": "b", "homes": 50, "social_rent_homes": 20, "land": "gemeente"},
        {"id": "c", "homes": 50, "social_rent_homes": 20, "land": "derden"},
        {"id": "d", "homes": 50, "social_rent_homes": 0, "land": "gemeente"})}
    assert status_by_scope(judge(PACK, "3.1-primaat-gemeentegrond",
                                 facts)) == {"projects/a": C, "projects/b": B}


def test_3_1_primaat_ao_on_third_party_land_is_an_effort():
    """3.1, afspraak 5: 'spant zich in om dat in de daadwerkelijke AO's overeen te komen met de
    ontwikkelaar'."""
    facts = {2025: projects(
        {"id": "a", "homes": 50, "social_rent_homes": 15, "land": "derden",
         "anterieure_overeenkomst": True,
         "party": "wonen-wateringen"},
        {"id": "b", "homes": 50, "social_rent_homes": 15, "land": "derden",
         "anterieure_overeenkomst": True},
        {"id": "c", "homes": 50, "social_rent_homes": 15, "land": "derden"})}
    found = status_by_scope(judge(PACK, "3.1-primaat-ao", facts))
    assert found == {"projects/a": C, "projects/b": W}


def test_3_1_ao30_exactly_30_percent_complies_innovative_projects_excepted():
    """3.1, afspraak 5: 'De gemeente borgt in anterieure overeenkomsten dat 30% ... met
    uitzondering van innovatieve projecten'."""
    facts = {2025: projects(
        {"id": "exact", "homes": 40, "social_rent_homes": 12, "anterieure_overeenkomst": True},
        {"id": "short", "homes": 40, "social_rent_homes": 11, "anterieure_overeenkomst": True},
        {"id": "woongroep", "homes": 16, "social_rent_homes": 0, "anterieure_overeenkomst": True,
         "innovative": True},
        {"id": "no-ao", "homes": 40, "social_rent_homes": 0},
        {"id": "renovation", "homes": 40, "anterieure_overeenkomst": True,
         "sustainability_works": True})}
    assert status_by_scope(judge(PACK, "3.1-ao30", facts)) == {"projects/exact": C,
                                                               "projects/short": B}


def test_3_1_ao30_without_ao_projects_is_not_applicable():
    """3.1, afspraak 5: with only an innovative project the clause has nothing to judge."""
    facts = {2025: projects({"id": "w", "homes": 16, "social_rent_homes": 0,
                             "anterieure_overeenkomst": True,
                             "innovative": True})}
    assert run("3.1-ao30", facts) == [NA]


def test_3_1_maatwerk_full_use_exactly_100_percent():
    """3.1, afspraak 10: 'Corporaties maken jaarlijks volledig gebruik van ... lokaal maatwerk'."""
    facts = {2025: party_figures(
        arcade={"lettings_lokaal_maatwerk": 22, "lokaal_maatwerk_quota": 22},
        **{"wonen-wateringen": {"lettings_lokaal_maatwerk": 5, "lokaal_maatwerk_quota": 6}})}
    assert status_by_scope(judge(PACK, "3.1-maatwerk", facts)) == {"arcade": C,
                                                              "wonen-wateringen": B}


def test_3_1_maatwerk_without_the_quota_is_missing_data():
    """3.1, afspraak 10: the regional quota is needed to judge 'volledig gebruik'."""
    facts = {2025: party_figures(arcade={"lettings_lokaal_maatwerk": 22})}
    assert status_by_scope(judge(PACK, "3.1-maatwerk", facts))["arcade"] == MD


def test_3_1_maatwerk_inschatting_at_the_start_of_the_year():
    """3.1, afspraak 10: 'Corporaties maken aan het begin van ieder jaar een inschatting' (read: by
    31 March)."""
    facts = {2025: deliverables(("inschatting-lokaal-maatwerk", "2025-03-31", "arcade"),
                                ("inschatting-lokaal-maatwerk", "2025-04-01", "wonen-wateringen"))}
    assert status_by_scope(judge(PACK, "3.1-maatwerk-inschatting",
                                 facts)) == {"arcade": C, "wonen-wateringen": B}


def test_3_1_woonruimteverdeling_published_at_least_yearly():
    """3.1, afspraak 12: feiten over toewijzing 'gedeeld worden (regelmatig publiceren)'."""
    assert one("3.1-woonruimteverdeling",
               {2025: deliverables(("publicatie-woonruimteverdeling", "2025-07-01", None))}) == C
    assert one("3.1-woonruimteverdeling", {2025: deliverables()}) == B


# --- 3.2 Betaalbaarheid ------------------------------------------------------------------------

AFTOPPINGSGRENS_2_2025 = 731.93  # rules/national/parameters.yaml, valid from 2024-01-01 (also 2025)


def test_3_2_1_exactly_70_percent_of_relets_below_the_second_aftoppingsgrens_complies():
    """3.2-1: 'minimaal 70% ... (na mutatie) met een huurprijs onder de tweede aftoppingsgrens'."""
    below = lettings("arcade", 6, prefix="b", relet=True, rent=600)
    # counts as below
    at_limit = lettings("arcade", 1, prefix="at", relet=True, rent=AFTOPPINGSGRENS_2_2025)
    above = lettings("arcade", 3, prefix="a", relet=True, rent=AFTOPPINGSGRENS_2_2025 + 0.01)
    # not counted
    new_build = lettings("arcade", 20, prefix="n", relet=False, rent=850)
    facts = {2025: {"collections": {"lettings": below + at_limit + above + new_build}}}
    assert status_by_scope(judge(PACK, "3.2-1", facts))["arcade"] == C                       # 7/10


def test_3_2_1_below_70_percent_is_a_breach():
    """3.2-1: 69% of re-lettings below the limit falls short of 'minimaal 70%'."""
    below = lettings("arcade", 69, prefix="b", relet=True, rent=600)
    above = lettings("arcade", 31, prefix="a", relet=True, rent=800)
    facts = {2025: {"collections": {"lettings": below + above}}}
    assert status_by_scope(judge(PACK, "3.2-1", facts))["arcade"] == B


def test_3_2_1_uses_the_limit_of_the_year_judged():
    """3.2-1: the aftoppingsgrens is a yearly parameter: €750 is above it in 2025, below it in
    2026."""
    rows = lettings("arcade", 7, prefix="b", relet=True,
                    rent=750) + lettings("arcade", 3, prefix="a", relet=True, rent=800)
    assert status_by_scope(judge(PACK, "3.2-1",
                                 {2025: {"collections": {"lettings": rows}}}))["arcade"] == B
    assert status_by_scope(judge(PACK, "3.2-1",
                                 {2026: {"collections": {"lettings": rows}}}))["arcade"] == C


def test_3_2_3_vrije_toewijzingsruimte_exactly_15_percent_complies():
    """3.2-3: 'vrije toewijzingsruimte ... te vergroten van 7,5% naar maximaal 15%'."""
    ok = lettings("arcade", 3, prefix="f",
                  free_allocation=True) + lettings("arcade", 17, prefix="r")
    over = (lettings("wonen-wateringen", 4, prefix="f", free_allocation=True)
            + lettings("wonen-wateringen", 21, prefix="r"))                                   # 16%
    facts = {2025: {"collections": {"lettings": ok + over}}}
    assert status_by_scope(judge(PACK, "3.2-3", facts)) == {"arcade": C, "wonen-wateringen": B}


def test_3_2_5_no_evictions_for_rent_arrears_is_an_aim():
    """3.2-5 (with the §3.2 introduction): 'streven naar geen huisuitzettingen' - an effort, so a
    warning."""
    facts = {2025: party_figures(arcade={"evictions_rent_arrears": 0},
                                 **{"wonen-wateringen": {"evictions_rent_arrears": 1}})}
    assert status_by_scope(judge(PACK, "3.2-5", facts)) == {"arcade": C, "wonen-wateringen": W}


def test_3_2_6_evaluation_of_the_efforts_on_housing_costs_by_the_end_of_the_term():
    """3.2-6: 'We evalueren en herijken de inzet van middelen en preventieve activiteiten'."""
    evaluated = deliverables(("evaluatie-inzet-woonlasten", "2029-12-31", None))
    assert one("3.2-6", {2025: deliverables()}) == ND
    assert one("3.2-6", {2029: evaluated}) == C
    assert one("3.2-6", {2029: deliverables()}) == B


# --- 3.3 Goed gebruik van de bestaande voorraad -------------------------------------------------

def test_3_3_5_fires_at_50_refusals_not_at_49():
    """3.3-5: 'Als bij nieuwe verhuur ... de woning 50 keer geweigerd wordt, melden de corporaties
    zich bij de gemeente'."""
    rows = [
        {"id": "r50-reported", "party": "arcade", "relet": True, "refusals": 50,
         "reported_to_municipality": True},
        {"id": "r50-silent", "party": "arcade", "relet": True, "refusals": 50},
        {"id": "r49", "party": "wonen-wateringen", "relet": True, "refusals": 49},
    ]
    found = status_by_scope(judge(PACK, "3.3-5", {2025: {"collections": {"lettings": rows}}}))
    assert found == {"lettings/r50-reported": C, "lettings/r50-silent": B}


def test_3_3_5_counts_the_first_letting_of_new_build_too():
    """3.3-5: 'bij nieuwe verhuur' is every new letting; unlike 3.2-1 the text adds no
    '(na mutatie)'."""
    rows = [
        {"id": "new-build-50", "party": "arcade", "relet": False, "refusals": 50},
        {"id": "new-build-50-reported", "party": "arcade", "relet": False, "refusals": 50,
         "reported_to_municipality": True},
        {"id": "new-build-49", "party": "wonen-wateringen", "relet": False, "refusals": 49},
    ]
    found = status_by_scope(judge(PACK, "3.3-5", {2025: {"collections": {"lettings": rows}}}))
    assert found == {"lettings/new-build-50": B, "lettings/new-build-50-reported": C}


def test_3_3_5_quiet_at_49_refusals():
    """3.3-5: 49 refusals is not yet a reason to report: the rule does not fire."""
    rows = [{"id": "r49", "party": "arcade", "relet": True, "refusals": 49}]
    assert run("3.3-5", {2025: {"collections": {"lettings": rows}}}) == [NA]


def test_3_3_1_pilot_knowledge_and_decision_by_the_end_of_the_term():
    """3.3-1: 'Wonen Wateringen start een pilot doorstroming. Kennis en ervaring worden gedeeld ...
    Op basis daarvan bepalen partijen of een bredere toepassing ... aan de orde is' - three steps,
    no date."""
    done = deliverables(("pilot-doorstroming", "2026-03-01", "wonen-wateringen"),
                        ("kennisdeling-pilot-doorstroming", "2027-06-01", "wonen-wateringen"),
                        ("besluit-bredere-toepassing-doorstroming", "2029-12-31", None))
    for rule in ("3.3-1-pilot", "3.3-1-kennis", "3.3-1-besluit"):
        assert one(rule, {2025: deliverables()}) == ND, rule
        assert one(rule, {2029: done}) == C, rule
        assert one(rule, {2029: deliverables()}) == B, rule
    # the pilot is Wonen Wateringen's: Arcade starting one does not count
    by_arcade = deliverables(("pilot-doorstroming", "2026-03-01", "arcade"))
    assert one("3.3-1-pilot", {2029: by_arcade}) == B


def test_3_3_6_huisvestingsverordening_amended_in_2025():
    """3.3-6: 'De gemeente past de “Huisvestingsverordening 21 juni 2023” aan in 2025'."""
    assert one("3.3-6",
               {2025: deliverables(("huisvestingsverordening", "2025-12-31", "gemeente"))}) == C
    late = {2026: deliverables(("huisvestingsverordening", "2026-01-15", "gemeente"))}
    assert one("3.3-6", late, 2025) == B
    assert one("3.3-6", {2025: deliverables()}) == B


# --- 3.4 Wonen en zorg --------------------------------------------------------------------------

def test_3_4_uitstroom_indicatief_30_with_a_margin():
    """3.4, afspraak 6: 'De corporaties huisvesten jaarlijks indicatief 30 personen die uitstromen
    uit een instelling'."""
    def facts(n: int) -> dict[int, dict[str, Any]]:
        return {2025: {"collections": {"lettings": lettings("arcade", n, prefix="u",
                                                            target_group="uitstroom")
                                       + lettings("arcade", 50, prefix="r",
                                                  target_group="regulier")}}}
    assert one("3.4-uitstroom", facts(30)) == C
    assert one("3.4-uitstroom", facts(27)) == C          # within the 'indicatief' margin
    assert one("3.4-uitstroom", facts(26)) == W          # effort: a warning, not a breach


def group_lettings(non_regular: int, total: int) -> dict[int, dict[str, Any]]:
    half = non_regular // 2
    rows = (lettings("arcade", half, prefix="s", target_group="statushouder")
            + lettings("wonen-wateringen", non_regular - half, prefix="u", target_group="urgent")
            + lettings("arcade", total - non_regular, prefix="r", target_group="regulier"))
    return {2025: {"collections": {"lettings": rows}}}


def test_3_4_30pct_cap_and_signal():
    """3.4, afspraak 7: 'maximaal 30% van het vrijkomend aanbod aan niet-reguliere woningzoekenden';
    'Bij dreigende overschrijding van de 30% treden partijen tijdig met elkaar in overleg'."""
    # 27%: at the signal level, not past it
    assert one("3.4-30pct", group_lettings(27, 100)) == C
    assert one("3.4-30pct", group_lettings(28, 100)) == W     # threatened overrun: talks
    # exactly 30% meets the cap, signal still on
    assert one("3.4-30pct", group_lettings(30, 100)) == W
    assert one("3.4-30pct", group_lettings(31, 100)) == B     # overrun


def test_3_4_30pct_counts_the_groups_the_text_names():
    """3.4, afspraak 7: 'niet-reguliere woningzoekenden (statushouders, urgenten, indicatie
    beschermd thuis/uitstroom instellingen)': those three count under the cap, other special
    routes do not."""
    def rows(urgent: int) -> dict[int, dict[str, Any]]:
        return {2025: {"collections": {"lettings": (
            lettings("arcade", 10, prefix="s", target_group="statushouder")
            + lettings("arcade", 10, prefix="u", target_group="uitstroom")
            + lettings("arcade", urgent, prefix="g", target_group="urgent")
            + lettings("arcade", 11, prefix="b", target_group="bijzonder")
            + lettings("arcade", 69 - urgent, prefix="r", target_group="regulier"))}}}
    assert one("3.4-30pct", rows(0)) == C       # 20%; with the 11 bijzonder it would be 31%
    assert one("3.4-30pct", rows(10)) == W      # 30%: the cap is met, the signal is on
    assert one("3.4-30pct", rows(11)) == B      # 31% of the named groups


def test_3_4_30pct_overzicht_at_the_start_of_the_year():
    """3.4, afspraak 7: 'Aan het begin van ieder jaar stelt de gemeente een overzicht op' (read: by
    31 March)."""
    assert one("3.4-30pct-overzicht",
               {2025: deliverables(("doelgroepenoverzicht", "2025-03-31", "gemeente"))}) == C
    assert one("3.4-30pct-overzicht",
               {2025: deliverables(("doelgroepenoverzicht", "2025-04-01", "gemeente"))}) == B


def test_3_4_wmo_convenant_by_the_end_of_the_term():
    """3.4, afspraak 10: 'Partijen ronden het proces om te komen tot een Wmo-convenant af' (no
    date: end of term)."""
    assert one("3.4-wmo-convenant", {2025: deliverables()}) == ND
    assert one("3.4-wmo-convenant", {2029: deliverables()}) == B
    assert one("3.4-wmo-convenant",
               {2027: deliverables(("wmo-convenant", "2027-05-01", None))}) == C


def test_3_4_convenant_zorgafhankelijk_update_is_an_effort_by_the_end_of_the_term():
    """3.4, afspraak 8: 'De gemeente werkt aan een actualisatie van het convenant' - 'werkt aan'
    promises no date: missing at the end of the term is a warning, not a breach."""
    rule = "3.4-convenant-zorgafhankelijk"
    updated = deliverables(("convenant-zorgafhankelijke-groepen-geactualiseerd", "2028-02-01",
                            "gemeente"))
    assert one(rule, {2026: deliverables()}) == ND
    assert one(rule, {2029: updated}) == C
    assert one(rule, {2029: deliverables()}) == W


def test_3_4_bw45_45_places_by_the_end_of_2026():
    """3.4, afspraak 11: 'zullen er voor 2026 45 plekken Beschermd Wonen gerealiseerd worden' - no
    accent, where the text elsewhere writes 'vO0r'/'vdoér': read as 'for 2026', by its end."""
    def places(n: int) -> dict[str, Any]:
        return {"municipality": {"figures": {"places_supported_living": n}}}
    assert one("3.4-bw45", {2025: places(45)}) == C     # already met in 2025
    assert one("3.4-bw45", {2025: places(44)}) == ND    # 2025 is before the deadline: not yet due
    assert one("3.4-bw45", {2026: places(45)}) == C     # exactly 45 at the deadline
    assert one("3.4-bw45", {2026: places(44)}) == B
    assert one("3.4-bw45", {2027: places(44)}) == B     # the places must remain after the deadline
    assert one("3.4-bw45", {2026: {}}) == MD


def test_3_4_woonzorgoverleg_twice_a_year():
    """3.4, afspraak 13: regulier overleg over woonzorg 'tweemaal per jaar'."""
    assert one("3.4-woonzorgoverleg", {2025: meetings(("woonzorgoverleg", "2025-03-01"),
                                                      ("woonzorgoverleg", "2025-10-01"))}) == C
    assert one("3.4-woonzorgoverleg", {2025: meetings(("woonzorgoverleg", "2025-03-01"))}) == B


# --- 3.5 Duurzaamheid ---------------------------------------------------------------------------

def test_3_5_1_duurzaamheidstafel_continues():
    """3.5-1: 'We zetten de in 2023 opgezette Duurzaamheidstafel voort' (read: at least one meeting
    a year)."""
    assert one("3.5-1", {2025: meetings(("duurzaamheidstafel", "2025-05-22"))}) == C
    assert one("3.5-1", {2025: meetings()}) == B


def efg_year(arcade_up: int, ww_up: int, arcade_efg: int = 300, ww_efg: int = 60) -> dict[str, Any]:
    return party_figures(
        arcade={"homes_upgraded_from_efg": arcade_up, "stock_label_efg": arcade_efg,
                "stock_label_efg_exempt": 10},
        **{"wonen-wateringen": {"homes_upgraded_from_efg": ww_up, "stock_label_efg": ww_efg,
                                "stock_label_efg_exempt": 0}})


def test_3_5_3_about_100_homes_a_year():
    """3.5-3: 'een gestructureerd programma voor het aanpakken van circa 100 corporatiewoningen per
    jaar'."""
    assert one("3.5-3", {2025: efg_year(80, 20)}) == C       # 100
    assert one("3.5-3", {2025: efg_year(70, 20)}) == C       # 90: within 'circa'
    assert one("3.5-3", {2025: efg_year(70, 19)}) == W       # 89: an effort falls short


def test_3_5_3_fewer_than_100_left_means_the_rest():
    """3.5-3: with 40 non-exempt EFG homes left at the start of the year, upgrading them all is
    enough."""
    # end of year: arcade 10 EFG of which 10 exempt, ww 0; upgraded 30 + 10 = 40 = all that were
    # left
    assert one("3.5-3", {2028: efg_year(30, 10, arcade_efg=10, ww_efg=0)}) == C
    # 25 of 50 left: short
    assert one("3.5-3", {2028: efg_year(20, 5, arcade_efg=20, ww_efg=5)}) == W


def test_3_5_3_programme_ends_with_2028_national_rule_stays_in_npa():
    """3.5-3: the EFG phase-out by 2028 is npa-2025/efg; the local programme is judged 2025-2028
    only."""
    assert one("3.5-3", {2029: efg_year(0, 0)}) == NA
    found = status_by_scope(judge(PACK, "npa-2025/efg",
                                  {2028: efg_year(0, 0, arcade_efg=10, ww_efg=0)}))
    assert found == {"arcade": C, "wonen-wateringen": C}


def test_3_5_4_maintenance_moments_recorded_each_year():
    """3.5-4: 'We leggen onderhouds- en renovatiemomenten ... vast en blijven monitoren. Dit wordt
    zodanig geagendeerd dat het past in de begrotingscyclus van partijen' - yearly, by 31 December
    at the latest."""
    overview = deliverables(("overzicht-onderhoudsmomenten", "2025-12-31", None))
    assert one("3.5-4", {2025: overview}) == C
    assert one("3.5-4", {2026: overview}) == B          # last year's overview is not this year's
    assert one("3.5-4", {2026: deliverables()}) == B


def test_3_5_5_offer_for_private_homes_is_an_effort():
    """3.5-5: 'werken gemeente en corporaties aan een aanbod voor de aanpak van particuliere
    woningen'."""
    offer = deliverables(("aanbod-particuliere-woningen", "2029-06-01", None))
    assert one("3.5-5", {2027: deliverables()}) == ND
    assert one("3.5-5", {2029: offer}) == C
    assert one("3.5-5", {2029: deliverables()}) == W


def test_3_5_10_smp_study_in_monster_by_the_end_of_the_term():
    """3.5-10: 'De gemeente Westland voert een onderzoek SMP uit in Monster' (no date)."""
    study = deliverables(("onderzoek-smp-monster", "2026-05-01", "gemeente"))
    assert one("3.5-10", {2025: deliverables()}) == ND
    assert one("3.5-10", {2029: study}) == C
    assert one("3.5-10", {2029: deliverables()}) == B


def insulated(arcade: tuple[int, int], ww: tuple[int, int]) -> dict[str, Any]:
    return party_figures(
        arcade={"stock_future_proof_insulated": arcade[0], "stock_total": arcade[1]},
        **{"wonen-wateringen": {"stock_future_proof_insulated": ww[0], "stock_total": ww[1]}})


def test_3_5_6_20_percent_of_all_corporation_homes_in_2030():
    """3.5-6: 'In 2030 voldoen minimaal 20% van alle corporatiewoningen in Westland aan de
    kwaliteit “toekomst klaar geisoleerd”': one share over the corporations together."""
    # 15% and 70%: 2,200 of 11,000 homes together
    assert one("3.5-6", {2030: insulated((1500, 10000), (700, 1000))}) == C
    assert one("3.5-6", {2030: insulated((1500, 10000), (699, 1000))}) == B    # 2,199 of 11,000
    assert one("3.5-6", {2029: insulated((1500, 10000), (250, 1000))}) == ND   # not yet due
    assert one("3.5-6", {2029: insulated((2000, 10000), (250, 1000))}) == C    # unless already met


def test_3_5_6_reads_the_corporations_homes_not_the_municipalitys():
    """3.5-6: 'alle corporatiewoningen': the municipality's own stock_total (all homes) is not the
    base."""
    facts = insulated((1500, 10000), (700, 1000))
    facts["municipality"] = {"figures": {"stock_total": 47000}}
    (finding,) = judge(PACK, "3.5-6", {2030: facts})
    assert finding.status == C and finding.value == pytest.approx(0.2)


def test_3_5_7_promising_heat_areas_before_2026():
    """3.5-7: 'Partijen brengen vóór 2026 kansrijke gebieden integraal in kaart'."""
    assert one("3.5-7",
               {2025: deliverables(("kansrijke-gebieden-warmte", "2025-12-31", None))}) == C
    late = {2026: deliverables(("kansrijke-gebieden-warmte", "2026-01-02", None))}
    assert one("3.5-7", late, 2025) == B


def renovation(**attrs: Any) -> dict[int, dict[str, Any]]:
    base = {"id": "reno", "homes": 40, "party": "arcade", "sustainability_works": True}
    return {2025: projects({**base, **attrs},
                           {"id": "newbuild", "homes": 40, "social_rent_homes": 12})}


def test_3_5_8_housing_costs_at_most_the_same_level():
    """3.5-8: 'de totale woonlasten van zittende huurders maximaal op hetzelfde niveau blijven'."""
    assert status_by_scope(judge(PACK, "3.5-8", renovation(housing_costs_before=900,
                                                           housing_costs_after=900))) == {
        "projects/reno": C}
    assert status_by_scope(judge(PACK, "3.5-8", renovation(housing_costs_before=900,
                                                           housing_costs_after=901))) == {
        "projects/reno": B}


def test_3_5_8_sociaal_rent_after_works_stays_social():
    """3.5-8: verduurzaming leidt niet tot een huur waardoor 'de woning bij nieuwe verhuring niet
    meer sociaal verhuurd wordt'."""
    # the 2025 liberalisatiegrens
    assert one("3.5-8-sociaal", renovation(rent_after_works=900.07)) == C
    assert one("3.5-8-sociaal", renovation(rent_after_works=900.08)) == B


def test_3_5_ka1_update_of_the_climate_adaptation_strategy_is_an_effort():
    """3.5 klimaatadaptatie 1: 'Gemeente heeft een klimaatadaptatiestrategie (2021-2024). De
    gemeente werkt aan een update van deze strategie' - no date: missing at the end of the term is
    a warning."""
    update = deliverables(("klimaatadaptatiestrategie-update", "2026-10-01", "gemeente"))
    assert one("3.5-ka1", {2025: deliverables()}) == ND
    assert one("3.5-ka1", {2029: update}) == C
    assert one("3.5-ka1", {2029: deliverables()}) == W


def test_3_5_ka2_agreements_on_risk_areas_in_2025():
    """3.5 klimaatadaptatie 2: 'Gemeente en corporaties maken in 2025 concrete afspraken over de
    benodigde maatregelen'."""
    assert one("3.5-ka2", {2025: deliverables(("afspraken-maatregelen-risicogebieden",
                                               "2025-11-01", None))}) == C
    assert one("3.5-ka2", {2025: deliverables()}) == B


def test_3_5_ka7_contributions_to_awareness_in_2025():
    """3.5 klimaatadaptatie 7: 'Dat wordt in 2025 concreet gemaakt'."""
    assert one("3.5-ka7",
               {2025: deliverables(("bijdragen-bewustwording-klimaat", "2025-11-06", None))}) == C
    late = {2026: deliverables(("bijdragen-bewustwording-klimaat", "2026-02-01", None))}
    assert one("3.5-ka7", late, 2025) == B


def test_3_5_ka8_green_garden_rules_per_corporation():
    """3.5 klimaatadaptatie 8: 'Arcade neemt in nieuwe huurovereenkomsten regels op ... De overige
    corporaties passen ... aan'."""
    facts = {2025: deliverables(("huurovereenkomst-groene-tuinen", "2025-03-01", "arcade"))}
    assert status_by_scope(judge(PACK, "3.5-ka8", facts)) == {"arcade": C, "wonen-wateringen": ND}


# --- 3.6 Leefbaarheid en 3.7 Woonoverlast -------------------------------------------------------

def test_3_6_2_yearly_review_of_the_veerkrachtkaarten():
    """3.6-2: 'Partijen beoordelen de resultaten van de Veerkrachtkaarten jaarlijks met elkaar'."""
    assert one("3.6-2", {2025: meetings(("leefbaarheidsoverleg", "2025-06-05"))}) == C
    assert one("3.6-2", {2025: meetings(("wijkschouw", "2025-06-05"))}) == B


def test_3_6_4_one_wijkschouw_a_year():
    """3.6-4: 'Partijen organiseren éénmaal per jaar een wijkschouw'."""
    assert one("3.6-4", {2025: meetings(("wijkschouw", "2025-06-19"))}) == C
    assert one("3.6-4", {2025: meetings()}) == B
    assert one("3.6-4", {2025: {}}) == MD


def test_3_6_6_study_into_extending_the_lkb_covenant_by_the_end_of_the_term():
    """3.6-6: 'Partijen doen onderzoek naar uitbreiding van het Convenant Laatste-kansbeleid'."""
    study = deliverables(("onderzoek-uitbreiding-lkb", "2027-11-01", None))
    assert one("3.6-6", {2026: deliverables()}) == ND
    assert one("3.6-6", {2029: study}) == C
    assert one("3.6-6", {2029: deliverables()}) == B


def test_3_7_1_covenant_on_housing_nuisance_in_2025_or_2026():
    """3.7-1: 'Partijen stellen in 2025/6 een convenant “Woonoverlast en onrechtmatige bewoning”
    op'."""
    assert one("3.7-1", {2025: deliverables()}) == ND
    assert one("3.7-1", {2026: deliverables(("convenant-woonoverlast", "2026-12-31", None))}) == C
    assert one("3.7-1", {2026: deliverables()}) == B


# --- The bundled fact set -----------------------------------------------------------------------

def test_bundled_facts_show_every_status():
    """`woonpact check facts/westland-2025` yields every status at least once."""
    result = check([BUNDLED_FACTS / PACK])
    assert result.pack.id == PACK
    found = {f.status for f in result.findings}
    assert found >= {C, W, B, NA, ND, MD}, found


def test_bundled_facts_boundaries_of_the_seed():
    """The bundled 2025/2026 lettings: 3.3-5 fires at 50 and 62 refusals, never at 49."""
    result = check([BUNDLED_FACTS / PACK])
    fired = {(f.year, f.scope.id): f.status for f in result.findings
             if f.rule.id == "3.3-5" and f.year >= 2025}   # 2020-2024 hold history figures only
    assert fired == {(2025, "lettings/ARC-2025-0002"): C,
                     (2026, "lettings/ARC-2026-0002"): B,
                     (2026, "lettings/ARC-2026-0003"): C}
    contested = [f for f in result.findings if f.rule.id == "3.1-1-totaal" and f.year == 2025]
    assert contested and any(u.contested_by for u in contested[0].facts_used)
