"""Tests for rule pack oegstgeest-2025, written from the seed text (seed 001, Meerjarige
prestatieafspraken Oegstgeest 2025 t/m 2028), one or more per rule, with the boundaries the
clauses name. Each test's name and docstring say which clause it checks.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.support import BUNDLED_FACTS, judge, pack, status_by_scope, statuses
from woonpact.engine.check import check, parameters
from woonpact.engine.model.finding import Status

PACK = "oegstgeest-2025"
YEARS = (2025, 2026, 2027, 2028)


# --- helpers ----------------------------------------------------------------------------------

def agreement(**figures: Any) -> dict[str, Any]:
    return {"municipality": {"figures": figures}}


def party(pid: str, **figures: Any) -> dict[str, Any]:
    return {"parties": {pid: {"figures": figures}}}


def delivered(*items: tuple[str, str] | tuple[str, str, str]) -> dict[str, Any]:
    """`("id", "2026-03-31")` or `("id", "2026-03-31", "party")`."""
    rows = []
    for item in items:
        row = {"id": item[0], "date": item[1]}
        if len(item) == 3:
            row["party"] = item[2]
        rows.append(row)
    return {"collections": {"deliverables": rows}}


def no_deliverables() -> dict[str, Any]:
    return {"collections": {"deliverables": []}}


def meetings(kind: str, *dates: str) -> dict[str, Any]:
    return {"collections": {"meetings": [{"kind": kind, "date": d} for d in dates]}}


def one(rule: str, years: dict[int, dict[str, Any]], year: int | None = None) -> Status:
    found = statuses(judge(PACK, rule, years, year))
    assert len(found) == 1, found
    return found[0]


# --- Tussendoel beschikbaarheid: 360 social homes, 30% of new-build ------------------------

def built(social_per_year: dict[int, int], student: int = 0) -> dict[int, dict[str, Any]]:
    return {y: agreement(new_build_social=n + student, new_build_social_student=student)
            for y, n in social_per_year.items()}


def test_beschikbaarheid_360_is_a_need_without_a_year_not_a_2028_target():
    """Tussendoel beschikbaarheid: 'een resterende behoefte aan ongeveer 1.200 nieuwe woningen,
    waarvan minimaal 30 procent in de sociale huur (minimaal 360 woningen)': no year, so no count
    rule judges the 360 at the end of 2028; the share of 30% is what is judged."""
    rules = {rule.id for rule in pack(PACK).rules}
    assert "beschikbaarheid-360" not in rules and "beschikbaarheid-360-aandeel" in rules
    # 300 social of 1,000 by the end of 2028: short of 360, but the 30% is met
    years = {y: agreement(new_build_social=75, new_build_social_student=0, new_build_total=250)
             for y in YEARS}
    assert one("beschikbaarheid-360-aandeel", years) is Status.COMPLIANT


@pytest.mark.parametrize(("social", "expected"), [(30, Status.COMPLIANT), (29, Status.WARNING)])
def test_beschikbaarheid_360_aandeel_exactly_30_percent(social, expected):
    """Tussendoel beschikbaarheid: minimaal 30% van de nieuwbouw sociaal; exactly 30% complies."""
    years = {2025: agreement(new_build_social=social + 10, new_build_social_student=10,
                             new_build_total=110)}
    assert one("beschikbaarheid-360-aandeel", years) is expected


def test_beschikbaarheid_360_aandeel_student_homes_do_not_count():
    """Tussendoel beschikbaarheid: 'exclusief studentenwoningen van DUWO': 29 social of 100 (plus 10
    student units) is short of 30%, where counting the students as social would give 35%."""
    years = {2025: agreement(new_build_social=39, new_build_social_student=10, new_build_total=110)}
    assert one("beschikbaarheid-360-aandeel", years) is Status.WARNING


def uitstroom(suitable_in_2028: int) -> dict[int, dict[str, Any]]:
    years = {y: agreement(new_build_social=25, new_build_social_student=0,
                          new_build_social_uitstroom_suitable=5) for y in YEARS}
    years[2028]["municipality"]["figures"]["new_build_social_uitstroom_suitable"] = suitable_in_2028
    return years


@pytest.mark.parametrize(("suitable", "expected"), [(5, Status.COMPLIANT), (4, Status.WARNING)])
def test_beschikbaarheid_20_exactly_20_percent_at_end_2028(suitable, expected):
    """Tussendoel beschikbaarheid: 'Van het aandeel sociale huur is minimaal 20 procent geschikt
    voor uitstromers': an interim goal ('Partijen sturen ... ook op de kwaliteit'), an effort like
    its siblings, so 19 of 100 at the end of 2028 is a warning, not a breach."""
    assert one("beschikbaarheid-20", uitstroom(suitable)) is expected


def test_beschikbaarheid_20_before_2028_is_not_yet_due():
    """Tussendoel beschikbaarheid: before the end of 2028 a shortfall is not yet due."""
    years = {2025: agreement(new_build_social=100, new_build_social_student=0,
                             new_build_social_uitstroom_suitable=10)}
    assert one("beschikbaarheid-20", years) is Status.NOT_DUE


@pytest.mark.parametrize(("regular", "expected"), [(75, Status.COMPLIANT), (74, Status.WARNING)])
def test_beschikbaarheid_75_exactly_75_percent_regular(regular, expected):
    """Tussendoel beschikbaarheid: minimaal 75% naar regulier woningzoekenden (streven: effort)."""
    years = {2025: agreement(lettings_total=100, lettings_regular=regular)}
    assert one("beschikbaarheid-75", years) is expected


# --- Afspraak 1: jaarlijks overzicht nieuwbouwplannen in de jaarschijf -----------------------

def test_clause_1_overview_on_31_december_complies_missing_is_breach():
    """Afspraak 1: jaarlijks een overzicht van de nieuwbouwplannen in de jaarschijf."""
    assert one("1", {2025: delivered(("jaarschijf-nieuwbouwoverzicht",
                                      "2025-12-31"))}) is Status.COMPLIANT
    assert one("1", {2026: no_deliverables()}) is Status.BREACH


def test_clause_1_without_deliverables_is_missing_data():
    """Afspraak 1: without a deliverables record the finding says data are missing."""
    assert one("1", {2025: agreement(stock_total=1)}) is Status.MISSING_DATA


# --- Afspraak 5: commerciële studentenhuisvesting, 80% onder de kwaliteitskortingsgrens ------

def student_project(rent: float, *, commercial: bool = True,
                    student: bool = True) -> dict[str, Any]:
    return {"collections": {"projects": [{
        "id": "p1", "name": "Studio's", "homes": 100, "student_housing": student,
        "commercial": commercial, "rent_80th_percentile": rent}]}}


def kkg(year: int) -> float:
    value = parameters().value("kwaliteitskortingsgrens", year)
    assert value is not None
    return value


def test_clause_5_80th_percentile_exactly_at_the_limit_complies():
    """Afspraak 5: minimaal 80% van de eenheden onder de kwaliteitskortingsgrens; at the limit is
    under."""
    assert one("5", {2025: student_project(kkg(2025))}) is Status.COMPLIANT


def test_clause_5_one_cent_above_the_limit_is_a_breach():
    """Afspraak 5: a result obligation of the municipality ('borgt')."""
    assert one("5", {2025: student_project(round(kkg(2025) + 0.01, 2))}) is Status.BREACH


def test_clause_5_uses_the_limit_of_the_year_judged():
    """Afspraak 5: the kwaliteitskortingsgrens is a yearly national parameter."""
    rent = round((kkg(2025) + kkg(2026)) / 2, 2)
    assert one("5", {2025: student_project(rent)}) is Status.BREACH
    assert one("5", {2026: student_project(rent)}) is Status.COMPLIANT


def test_clause_5_only_commercial_student_housing():
    """Afspraak 5: corporation projects and non-student projects are out of scope."""
    assert one("5", {2025: student_project(9999, commercial=False)}) is Status.NOT_APPLICABLE
    assert one("5", {2025: student_project(9999, student=False)}) is Status.NOT_APPLICABLE


# --- Afspraak 7: soortenmanagementplan uiterlijk eind 2026 ----------------------------------

def test_clause_7_plan_by_end_2026():
    """Afspraak 7: het soortenmanagementplan is uiterlijk eind 2026 gereed."""
    assert one("7", {2025: no_deliverables()}) is Status.NOT_DUE
    assert one("7", {2026: delivered(("soortenmanagementplan", "2026-12-31"))}) is Status.COMPLIANT
    assert one("7", {2025: no_deliverables(), 2026: no_deliverables()}) is Status.BREACH
    late = {2026: no_deliverables(), 2027: delivered(("soortenmanagementplan", "2027-01-15"))}
    assert one("7", late, 2026) is Status.BREACH
    assert one("7", late) is Status.COMPLIANT  # one shortfall, in the year it was due


# --- Afspraak 9: maximaal 25% urgente groepen, gesprek boven 20% -----------------------------

@pytest.mark.parametrize(("special", "total", "expected"), [
    (20, 100, Status.COMPLIANT),     # exactly 20%
    (201, 1000, Status.WARNING),     # just above 20%: threatened overrun, talks
    (25, 100, Status.WARNING),       # exactly 25%: still only the signal
    (251, 1000, Status.BREACH),      # above 25%
])
@pytest.mark.parametrize("corporation", ["wywonen", "portaal"])
def test_clause_9_warns_above_20_and_breaches_above_25(corporation, special, total, expected):
    """Afspraak 9: Oegstgeest 9 warns above 20% and breaches above 25%, per corporation."""
    years = {2025: party(corporation, lettings_total=total, lettings_special_groups=special)}
    findings = judge(PACK, f"9-{corporation}", years)
    assert status_by_scope(findings) == {corporation: expected}


def test_clause_9_signal_carries_the_talks_action():
    """Afspraak 9: above 20% the corporation and the municipality discuss solutions."""
    years = {2025: party("wywonen", lettings_total=100, lettings_special_groups=21)}
    (finding,) = judge(PACK, "9-wywonen", years)
    assert finding.status is Status.WARNING
    assert finding.action is not None and "gesprek" in finding.action.nl


def test_clause_9_is_judged_for_wywonen_and_portaal_only():
    """Afspraak 9: WYwonen and Portaal; DUWO is not covered."""
    years = {2025: {"parties": {
        "wywonen": {"figures": {"lettings_total": 100, "lettings_special_groups": 10}},
        "portaal": {"figures": {"lettings_total": 10, "lettings_special_groups": 1}},
        "duwo": {"figures": {"lettings_total": 300, "lettings_special_groups": 200}}}}}
    scopes = {**status_by_scope(judge(PACK, "9-wywonen", years)),
              **status_by_scope(judge(PACK, "9-portaal", years))}
    assert scopes == {"wywonen": Status.COMPLIANT, "portaal": Status.COMPLIANT}


# --- Afspraak 11: doorstroommakelaar --------------------------------------------------------

def test_clause_11_results_shared_in_q1_from_2026():
    """Afspraak 11: de resultaten van het afgelopen jaar worden in Q1 gedeeld."""
    assert one("11-resultaten", {2025: no_deliverables()}) is Status.NOT_APPLICABLE
    on_time = {2026: delivered(("resultaten-doorstroommakelaar", "2026-03-31"))}
    assert one("11-resultaten", on_time) is Status.COMPLIANT
    late = {2026: delivered(("resultaten-doorstroommakelaar", "2026-04-01"))}
    assert one("11-resultaten", late) is Status.BREACH


def test_clause_11_costs_shared_from_2026():
    """Afspraak 11: vanaf 2026 delen de corporaties en de gemeente de kosten."""
    assert one("11-kosten", {2025: no_deliverables()}) is Status.NOT_APPLICABLE
    assert one("11-kosten", {2026: no_deliverables()}) is Status.BREACH
    assert one("11-kosten",
               {2026: delivered(("kostenverdeling-doorstroommakelaar", "2026-12-31"))}) \
        is Status.COMPLIANT


# --- Afspraak 12: BRES maakt een plan voor voorlichting -------------------------------------

def test_clause_12_bres_plan_by_end_of_term():
    """Afspraak 12: BRES maakt een plan (no date: by the end of 2028)."""
    assert one("12", {2026: no_deliverables()}) is Status.NOT_DUE
    assert one("12",
               {2028: delivered(("plan-voorlichting-campuscontract", "2028-12-31", "bres"))}) \
        is Status.COMPLIANT
    assert one("12", {2028: no_deliverables()}) is Status.BREACH


def test_clause_12_only_bres_delivers():
    """Afspraak 12: the plan is BRES's; one delivered by another party does not count."""
    years = {2028: delivered(("plan-voorlichting-campuscontract", "2028-06-01", "duwo"))}
    assert one("12", years) is Status.BREACH


def test_clause_12_the_parties_own_agreements_on_information_by_end_of_term():
    """Afspraak 12: 'Partijen maken afspraken over voorlichting aan studenten met een
    campuscontract' - beside BRES's plan; no date, so by the end of 2028."""
    rule = "12-afspraken"
    assert one(rule, {2027: no_deliverables()}) is Status.NOT_DUE
    agreed = delivered(("afspraken-voorlichting-campuscontract", "2028-03-01"))
    assert one(rule, {2028: agreed}) is Status.COMPLIANT
    only_the_plan = delivered(("plan-voorlichting-campuscontract", "2028-03-01", "bres"))
    assert one(rule, {2028: only_the_plan}) is Status.BREACH


# --- Afspraak 10: DUWO zet de samenwerking met zorgpartijen voort ---------------------------

def test_clause_10_duwo_continues_the_care_cooperation_an_effort():
    """Afspraak 10: 'DUWO heeft samenwerkingsovereenkomsten met zorgpartijen ... en zet deze
    samenwerking voort' - each year; ending depends on the care providers too: an effort."""
    def year(value: bool | None) -> dict[int, dict[str, Any]]:
        if value is None:
            return {2026: {}}
        return {2026: {"conditions": {"samenwerking_zorgpartijen_duwo": value}}}
    assert one("10", year(True)) is Status.COMPLIANT
    assert one("10", year(False)) is Status.WARNING
    assert one("10", year(None)) is Status.MISSING_DATA


# --- Afspraak 13: de sociale voorraad blijft minimaal in stand ------------------------------

def test_clause_13_equal_stock_complies_one_fewer_is_a_breach():
    """Afspraak 13: de sociale woningvoorraad blijft minimaal in stand (not below last year)."""
    assert one("13", {2025: agreement(stock_social=1768), 2026: agreement(stock_social=1768)}) \
        is Status.COMPLIANT
    assert one("13", {2025: agreement(stock_social=1768), 2026: agreement(stock_social=1767)}) \
        is Status.BREACH


def test_clause_13_without_last_year_is_missing_data():
    """Afspraak 13: the first year needs the previous year's figure."""
    assert one("13", {2025: agreement(stock_social=1768)}) is Status.MISSING_DATA


# --- Afspraak 15: verantwoording IAH-meeropbrengsten WYwonen --------------------------------

def iah(revenue: bool | None, *items: tuple[str, str, str]) -> dict[int, dict[str, Any]]:
    """2025 with or without WYwonen's IAH revenue, 2026 with the deliverables given."""
    first = {"conditions": {"iah_meeropbrengsten_wywonen": revenue}} if revenue is not None else {}
    return {2025: first, 2026: delivered(*items) if items else no_deliverables()}


def test_clause_15_yearly_account_by_wywonen():
    """Afspraak 15: jaarlijks legt WYwonen (achteraf) verantwoording af."""
    assert one("15", {2025: no_deliverables()}) is Status.NOT_APPLICABLE
    assert one("15", iah(True, ("verantwoording-iah", "2026-12-31", "wywonen"))) is Status.COMPLIANT
    assert one("15", iah(True)) is Status.BREACH


def test_clause_15_only_after_a_year_with_iah_revenue():
    """Afspraak 15: 'Indien van toepassing worden meeropbrengsten uit de inkomensafhankelijke
    huurverhoging ... ingezet'; the account concerns 'deze eventuele extra middelen': without
    them there is nothing to account for."""
    assert one("15", iah(False)) is Status.NOT_APPLICABLE
    assert one("15", iah(None)) is Status.MISSING_DATA


# --- Afspraak 18: Warmteprogramma uiterlijk in 2026 -----------------------------------------

def test_clause_18_heat_programme_by_2026():
    """Afspraak 18: de gemeente heeft uiterlijk in 2026 een Warmteprogramma."""
    assert one("18", {2025: no_deliverables()}) is Status.NOT_DUE
    assert one("18",
               {2026: delivered(("warmteprogramma", "2026-12-31", "gemeente"))}) is Status.COMPLIANT
    assert one("18", {2026: no_deliverables()}) is Status.BREACH


# --- Afspraak 19: WYwonen ongeveer 50 woningen per jaar; plan label B; jaarschijf -------------

@pytest.mark.parametrize(("improved", "expected"), [
    (50, Status.COMPLIANT),
    (45, Status.COMPLIANT),   # "ongeveer": within the tolerance of 5
    (44, Status.WARNING),     # an effort: a shortfall is a warning
])
def test_clause_19_wywonen_about_50_homes_a_year(improved, expected):
    """Afspraak 19: jaarlijks verbetert WYwonen de energieprestatie van ongeveer 50 woningen."""
    assert one("19-wywonen", {2025: party("wywonen", homes_energy_improved=improved)}) is expected


def test_clause_19_plan_label_b_by_end_2028():
    """Afspraak 19: een plan van aanpak naar label B (read: by the end of 2028)."""
    assert one("19-plan-label-b", {2026: no_deliverables()}) is Status.NOT_DUE
    assert one("19-plan-label-b", {2028: delivered(("plan-van-aanpak-label-b", "2028-12-31"))}) \
        is Status.COMPLIANT
    assert one("19-plan-label-b", {2028: no_deliverables()}) is Status.BREACH


def test_clause_19_jaarschijf_each_year():
    """Afspraak 19: in de jaarschijf nemen we jaarlijks concreet op wat er gaat gebeuren."""
    assert one("19-jaarschijf", {2025: delivered(("jaarschijf-verduurzaming", "2025-11-20"))}) \
        is Status.COMPLIANT
    assert one("19-jaarschijf", {2026: no_deliverables()}) is Status.BREACH


# --- Afspraak 22, 23: klimaatadaptatie ------------------------------------------------------

def test_clause_20_the_municipality_and_wywonen_each_deploy_energy_coaches():
    """Afspraak 20: 'De gemeente en WYwonen zetten ieder energiecoaches in' - yes or no, yearly."""
    coaches = {"energiecoaches_gemeente": True, "energiecoaches_wywonen": False}
    year = {2026: {"conditions": coaches}}
    assert one("20-gemeente", year) is Status.COMPLIANT
    assert one("20-wywonen", year) is Status.BREACH
    assert one("20-wywonen", {2026: {}}) is Status.MISSING_DATA


def renovations(*projects: dict[str, Any]) -> dict[int, dict[str, Any]]:
    return {2026: {"collections": {"projects": list(projects)}}}


def test_clause_21_heat_stress_assessed_before_each_sustainability_project():
    """Afspraak 21: 'Bij woningen met verduurzamingsopgave wordt vooraf getoetst op het bestaan van
    een risico op hittestress' - per renovation project; new-build is out of scope."""
    works = {"homes": 40, "sustainability_works": True}
    found = status_by_scope(judge(PACK, "21", renovations(
        {"id": "a", "party": "wywonen", **works, "heat_stress_checked": True},
        {"id": "b", "party": "wywonen", **works, "heat_stress_checked": False},
        {"id": "c", "party": "portaal", **works},
        {"id": "nieuwbouw", "homes": 60, "social_rent_homes": 60})))
    assert found == {"projects/a": Status.COMPLIANT, "projects/b": Status.BREACH,
                     "projects/c": Status.MISSING_DATA}
    new_build_only = renovations({"id": "n", "homes": 60})
    assert statuses(judge(PACK, "21", new_build_only)) == [Status.NOT_APPLICABLE]


def test_clause_22_climate_adaptation_in_jaarschijf_each_year():
    """Afspraak 22: jaarlijks in de jaarschijf afspraken over klimaatadaptatie."""
    assert one("22",
               {2025: delivered(("jaarschijf-klimaatadaptatie", "2025-12-31"))}) is Status.COMPLIANT
    assert one("22", {2025: no_deliverables()}) is Status.BREACH


def test_clause_23_paving_agreements_by_end_of_term():
    """Afspraak 23: nadere afspraken over maximale verharding (no date: by the end of 2028)."""
    assert one("23", {2027: no_deliverables()}) is Status.NOT_DUE
    assert one("23",
               {2028: delivered(("afspraken-verharding-tuinen", "2028-03-01"))}) is Status.COMPLIANT
    assert one("23", {2028: no_deliverables()}) is Status.BREACH


# --- Afspraak 24, 28, 29: wonen en zorg -----------------------------------------------------

def test_clause_24_woonzorgvisie_started_in_2025():
    """Afspraak 24: de gemeente begint in 2025 aan een lokale woonzorgvisie."""
    assert one("24", {2025: delivered(("startnotitie-woonzorgvisie", "2025-12-31", "gemeente"))}) \
        is Status.COMPLIANT
    assert one("24", {2025: no_deliverables()}) is Status.BREACH


def test_clause_27_further_agreements_on_community_building_by_end_of_term():
    """Afspraak 27: 'We onderzoeken of er meer capaciteit nodig is voor gemeenschapsvorming, en
    maken nadere afspraken over de inzet daarvan' - no date: by the end of 2028."""
    assert one("27", {2027: no_deliverables()}) is Status.NOT_DUE
    agreed = delivered(("afspraken-gemeenschapsvorming", "2028-12-31"))
    assert one("27", {2028: agreed}) is Status.COMPLIANT
    assert one("27", {2028: no_deliverables()}) is Status.BREACH


def test_clause_28_scooter_policy_by_end_of_term():
    """Afspraak 28: WYwonen, Portaal en gemeente realiseren beleid voor scootmobielen."""
    assert one("28", {2026: no_deliverables()}) is Status.NOT_DUE
    assert one("28", {2028: delivered(("beleid-scootmobielen", "2028-12-31"))}) is Status.COMPLIANT
    assert one("28", {2028: no_deliverables()}) is Status.BREACH


def test_clause_29_sociaal_team_agreements_by_end_of_term():
    """Afspraak 29: BRES en DUWO maken nadere afspraken met het Sociaal Team Oegstgeest."""
    assert one("29", {2025: no_deliverables()}) is Status.NOT_DUE
    assert one("29", {2027: delivered(("afspraken-sociaal-team-studenten",
                                       "2027-05-01"))}) is Status.COMPLIANT
    assert one("29", {2028: no_deliverables()}) is Status.BREACH


# --- Afspraak 35: convenant gegevensdeling, indien nodig ------------------------------------

def test_clause_32_second_chance_study_in_2026_and_evaluation_by_end_of_term():
    """Afspraak 32: 'onderzoeken de mogelijkheden om het 'tweede kans' beleid breder toe te passen
    (2026) ... De instrumenten worden geëvalueerd' - the study by the end of 2026, the evaluation
    by the end of 2028."""
    def study(date: str) -> dict[str, Any]:
        return delivered(("onderzoek-tweede-kans-beleid", date))
    assert one("32", {2025: no_deliverables()}) is Status.NOT_DUE
    assert one("32", {2026: study("2026-12-31")}) is Status.COMPLIANT
    assert one("32", {2026: no_deliverables()}) is Status.BREACH
    late = {2026: no_deliverables(), 2027: study("2027-01-04")}
    assert one("32", late, 2026) is Status.BREACH  # late: one shortfall, in the year it was due
    assert one("32", late, 2027) is Status.COMPLIANT
    evaluated = delivered(("evaluatie-tweede-kans-instrumenten", "2028-11-01"))
    assert one("32-evaluatie", {2026: no_deliverables()}) is Status.NOT_DUE
    assert one("32-evaluatie", {2028: evaluated}) is Status.COMPLIANT
    assert one("32-evaluatie", {2028: no_deliverables()}) is Status.BREACH


def test_clause_35_only_when_needed():
    """Afspraak 35: indien nodig een AVG-proof convenant gegevensdeling."""
    not_needed = {2028: {**no_deliverables(),
                         "conditions": {"convenant_gegevensdeling_nodig": False}}}
    assert one("35", not_needed) is Status.NOT_APPLICABLE
    needed = {"conditions": {"convenant_gegevensdeling_nodig": True}}
    assert one("35", {2026: {**no_deliverables(), **needed}}) is Status.NOT_DUE
    assert one("35", {2028: {**no_deliverables(), **needed}}) is Status.BREACH
    assert one("35", {2028: {**delivered(("convenant-gegevensdeling", "2028-12-31")), **needed}}) \
        is Status.COMPLIANT
    assert one("35", {2026: no_deliverables()}) is Status.MISSING_DATA


# --- Afspraak 38: overleg leefbaarheid twee keer per jaar -----------------------------------

def test_clause_38_two_liveability_meetings():
    """Afspraak 38: twee keer per jaar een regulier overleg leefbaarheid."""
    assert one("38", {2025: meetings("leefbaarheidsoverleg", "2025-04-01",
                                     "2025-10-01")}) is Status.COMPLIANT
    assert one("38", {2025: meetings("leefbaarheidsoverleg", "2025-04-01")}) is Status.BREACH


# --- Afspraken 39-41: overlegstructuur ------------------------------------------------------

QUARTERS = ("2025-03-31", "2025-04-01", "2025-09-30", "2025-12-31")


ALL_PARTIES = ["gemeente", "wywonen", "duwo", "portaal", "meerwonen", "bres", "hbv-leiden"]


def attended(*rows: tuple[str, list[str]]) -> dict[str, Any]:
    return {"collections": {"meetings": [{"kind": "ambtelijk_overleg", "date": d, "parties": p}
                                         for d, p in rows]}}


def test_clause_39_one_project_leaders_meeting_every_quarter():
    """Afspraak 39: één keer per kwartaal overleg; a quarter without one is a breach."""
    assert one("39-41-projectleiders",
               {2025: meetings("projectleidersoverleg", *QUARTERS)}) is Status.COMPLIANT
    two_in_q1 = ("2025-01-10", "2025-03-31", "2025-09-30", "2025-12-31")
    assert one("39-41-projectleiders",
               {2025: meetings("projectleidersoverleg", *two_in_q1)}) is Status.BREACH


def test_clause_40_municipality_and_wywonen_at_all_four_meetings():
    """Afspraak 40: 'De gemeente en WYwonen nemen aan alle vier de overleggen deel.'"""
    both = ["gemeente", "wywonen"]
    assert one("39-41-ambtelijk",
               {2025: attended(*((d, both) for d in QUARTERS))}) is Status.COMPLIANT
    two_in_q1 = ("2025-01-10", "2025-03-31", "2025-09-30", "2025-12-31")
    assert one("39-41-ambtelijk",
               {2025: attended(*((d, both) for d in two_in_q1))}) is Status.BREACH
    without_wywonen_in_q2 = [(d, both) for d in QUARTERS]
    without_wywonen_in_q2[1] = ("2025-04-01", ["gemeente", "duwo"])
    assert one("39-41-ambtelijk", {2025: attended(*without_wywonen_in_q2)}) is Status.BREACH


def test_clause_40_the_other_parties_in_q1_and_q3():
    """Afspraak 40: 'De andere partijen nemen in ieder geval deel aan het overleg in Q1 [...] en
    [...] Q3.'"""
    few = ["gemeente", "wywonen"]
    everyone = attended(("2025-03-31", ALL_PARTIES), ("2025-06-01", few),
                        ("2025-07-01", ALL_PARTIES),
                        ("2025-12-01", few))
    assert one("39-41-ambtelijk-q1-q3", {2025: everyone}) is Status.COMPLIANT
    no_bres_in_q3 = attended(("2025-03-31", ALL_PARTIES),
                             ("2025-09-30", [p for p in ALL_PARTIES if p != "bres"]))
    (finding,) = judge(PACK, "39-41-ambtelijk-q1-q3", {2025: no_bres_in_q3})
    assert finding.status is Status.BREACH and finding.value == 0
    in_q2_instead = attended(("2025-03-31", ALL_PARTIES), ("2025-06-30", ALL_PARTIES))
    assert one("39-41-ambtelijk-q1-q3", {2025: in_q2_instead}) is Status.BREACH


def test_clause_40_a_meeting_without_its_list_of_participants_is_missing_data():
    no_list = meetings("ambtelijk_overleg", *QUARTERS)
    assert one("39-41-ambtelijk", {2025: no_list}) is Status.MISSING_DATA


def test_clause_41_bestuurlijk_overleg_at_least_twice():
    """Afspraak 41: minimaal twee keer per jaar bestuurlijk overleg."""
    assert one("39-41-bestuurlijk",
               {2025: meetings("bestuurlijk_overleg", "2025-04-10", "2025-11-20")}) \
        is Status.COMPLIANT
    assert one("39-41-bestuurlijk",
               {2025: meetings("bestuurlijk_overleg", "2025-11-20")}) is Status.BREACH


@pytest.mark.parametrize(("date", "expected"), [
    ("2025-03-01", Status.COMPLIANT), ("2025-06-30", Status.COMPLIANT),
    ("2025-02-28", Status.BREACH), ("2025-07-01", Status.BREACH),
])
def test_clause_41_spring_meeting(date, expected):
    """Afspraak 41: bestuurlijk overleg in het voorjaar (read: March through June)."""
    assert one("39-41-bestuurlijk-voorjaar",
               {2025: meetings("bestuurlijk_overleg", date)}) is expected


@pytest.mark.parametrize(("date", "expected"), [
    ("2025-11-01", Status.COMPLIANT), ("2025-11-30", Status.COMPLIANT),
    ("2025-10-31", Status.BREACH), ("2025-12-01", Status.BREACH),
])
def test_clause_41_november_meeting(date, expected):
    """Afspraak 41: bestuurlijk overleg in november (vaststellen nieuwe jaarschijf)."""
    assert one("39-41-bestuurlijk-november",
               {2025: meetings("bestuurlijk_overleg", date)}) is expected


# --- Afspraken 45, 46: monitoring -----------------------------------------------------------

def minutes(*rows: tuple[str, bool | None]) -> dict[int, dict[str, Any]]:
    dates = {"ambtelijk_overleg": "2026-03-03", "bestuurlijk_overleg": "2026-11-19",
             "projectleidersoverleg": "2026-02-12"}
    items = [{"kind": kind, "date": dates[kind]} for kind, _ in rows]
    for item, (_, sent) in zip(items, rows):
        if sent is not None:
            item["minutes_sent"] = sent
    return {2026: {"collections": {"meetings": items}}}


def test_clause_42_agenda_and_minutes_of_every_meeting_mailed_to_all_parties():
    """Afspraak 42: 'De gemeente maakt voor de overleggen de agenda en maakt een verslag met
    actiepuntenlijst. Deze agenda en verslagen worden aan alle partijen gemaild' - the meetings of
    clauses 40 and 41."""
    ambtelijk = ("ambtelijk_overleg", True)
    assert one("42", minutes(ambtelijk, ("bestuurlijk_overleg", True))) is Status.COMPLIANT
    assert one("42", minutes(ambtelijk, ("bestuurlijk_overleg", False))) is Status.BREACH
    assert one("42", minutes(ambtelijk, ("bestuurlijk_overleg", None))) is Status.MISSING_DATA
    # the project leaders' meeting (39) is about building projects: not one of these meetings
    assert one("42", minutes(ambtelijk, ("projectleidersoverleg", None))) is Status.COMPLIANT


def test_clause_45_wywonen_keeps_the_monitor():
    """Afspraak 45: WYwonen houdt de Monitor sociale voorraad en woonruimteverdeling bij."""
    assert one("45", {2025: delivered(("monitor-sociale-voorraad", "2025-12-31", "wywonen"))}) \
        is Status.COMPLIANT
    assert one("45", {2025: no_deliverables()}) is Status.BREACH


def test_clause_46_evaluation_overview_in_q1():
    """Afspraak 46: in het eerste kwartaal actualiseren we het evaluatieoverzicht."""
    assert one("46", {2025: no_deliverables()}) is Status.NOT_APPLICABLE
    assert one("46", {2026: delivered(("evaluatieoverzicht", "2026-03-31"))}) is Status.COMPLIANT
    assert one("46", {2026: delivered(("evaluatieoverzicht", "2026-04-01"))}) is Status.BREACH


# --- The bundled facts ----------------------------------------------------------------------

def test_bundled_facts_show_every_status_and_a_contested_figure():
    """facts/oegstgeest-2025 (2025 and 2026) together show every status at least once."""
    result = check([BUNDLED_FACTS / PACK])
    own = [f for f in result.findings if f.rule.pack == PACK]
    assert {f.status for f in own} == set(Status)
    assert any(used.contested_by for f in own for used in f.facts_used)
