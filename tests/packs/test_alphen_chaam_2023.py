"""Tests from the seed text (seed 004) for every alphen-chaam-2023 clause, boundaries included."""

from __future__ import annotations

import shutil

import pytest

from tests.support import BUNDLED_FACTS, judge, pack, statuses
from woonpact.engine.check import check, included_rules
from woonpact.engine.model.finding import Status

PACK = "alphen-chaam-2023"
CORP = "leystromen"
C, W, B = Status.COMPLIANT, Status.WARNING, Status.BREACH
NA, ND, MD = Status.NOT_APPLICABLE, Status.NOT_DUE, Status.MISSING_DATA

# huurverlaging_grens_npa: € 550 at 2020 prices is € 575,03 in 2023 and € 577,91 in 2024
LEVEL_2023, LEVEL_2024 = 575.03, 577.91


def figures(**values: object) -> dict:
    return {"parties": {CORP: {"figures": values}}}


def one(rule: str, years: dict, year: int | None = None) -> Status:
    (finding,) = judge(PACK, rule, years, year)
    return finding.status


def meetings(*kinds_dates: tuple[str, str]) -> dict:
    return {"collections": {"meetings": [{"kind": k, "date": d} for k, d in kinds_dates]}}


def delivered(*items: tuple[str, str]) -> dict:
    return {"collections": {"deliverables": [{"id": i, "date": d} for i, d in items]}}


def nothing_delivered() -> dict:
    return {"collections": {"deliverables": []}}


# -- overleg: "ten minste twee keer bestuurlijk overleg" ------------------------------------------

def test_overleg_two_administrative_meetings_comply_one_is_a_breach() -> None:
    two = meetings(("bestuurlijk_overleg", "2023-05-30"), ("bestuurlijk_overleg", "2023-10-10"))
    assert one("overleg", {2023: two}) is C
    assert one("overleg", {2023: meetings(("bestuurlijk_overleg", "2023-05-30"),
                                          ("ambtelijk_overleg", "2023-10-10"))}) is B


def test_overleg_ambtelijk_each_administrative_meeting_is_prepared() -> None:
    prepared = meetings(("ambtelijk_overleg", "2023-05-09"), ("bestuurlijk_overleg", "2023-05-30"),
                        ("ambtelijk_overleg", "2023-09-19"), ("bestuurlijk_overleg", "2023-10-10"))
    assert one("overleg-ambtelijk", {2023: prepared}) is C
    once = meetings(("ambtelijk_overleg", "2023-05-09"), ("bestuurlijk_overleg", "2023-05-30"),
                    ("bestuurlijk_overleg", "2023-10-10"))
    assert one("overleg-ambtelijk", {2023: once}) is B


# -- uitvoeringsagenda / monitoring: "Dit gebeurt in het 2e en 4e kwartaal." ---------------------

def test_uitvoeringsagenda_after_signing_by_the_end_of_2023() -> None:
    assert one("uitvoeringsagenda", {2023: delivered(("uitvoeringsagenda", "2023-06-15"))}) is C
    assert one("uitvoeringsagenda", {2023: nothing_delivered()}) is B


def test_monitoring_reports_in_q2_and_q4() -> None:
    both = delivered(("voortgangsrapportage", "2024-06-30"), ("voortgangsrapportage", "2024-10-01"))
    assert one("monitoring", {2024: both}) is C
    q2_q3 = delivered(("voortgangsrapportage", "2024-04-01"),
                      ("voortgangsrapportage", "2024-09-30"))
    assert one("monitoring", {2024: q2_q3}) is B


def test_monitoring_counts_only_the_reports_of_the_year_judged() -> None:
    """A Q4 report from 2023 recorded only in the 2024 facts is not 2024's Q4 report."""
    late_entry = delivered(("voortgangsrapportage", "2024-06-25"),
                           ("voortgangsrapportage", "2023-12-20"))
    assert one("monitoring", {2024: late_entry}) is B
    on_the_last_day = delivered(("voortgangsrapportage", "2024-04-01"),
                                ("voortgangsrapportage", "2024-12-31"))
    assert one("monitoring", {2024: on_the_last_day}) is C


# -- kavelprijs: "de kavelprijs voor sociale huurwoningen maximaal 20.000 euro exclusief BTW" ---

def plots(*rows: tuple[str, bool, float]) -> dict:
    return {"collections": {"plots": [{"id": i, "social": s, "price_per_home": p} for i, s,
                                      p in rows]}}


def test_kavelprijs_exactly_20000_complies_and_a_cent_more_is_a_breach() -> None:
    findings = judge(PACK, "kavelprijs", {2023: plots(("a", True, 20000), ("b", True, 20000.01))})
    assert {f.scope.id: f.status for f in findings} == {"plots/a": C, "plots/b": B}


def test_kavelprijs_only_plots_for_social_rent_homes() -> None:
    findings = judge(PACK, "kavelprijs", {2023: plots(("vrij", False, 145000))})
    assert statuses(findings) == [NA]


# -- nieuwbouw-12: "Oplevering 12 grondgebonden huurwoningen in De Ligt IV" ---------------------

def test_nieuwbouw_12_is_not_due_in_2023_and_counts_both_years_in_2024() -> None:
    assert one("nieuwbouw-12", {2023: figures(new_build_social=0)}) is ND
    years = {2023: figures(new_build_social=4), 2024: figures(new_build_social=8)}
    assert one("nieuwbouw-12", years) is C
    short = {2023: figures(new_build_social=4), 2024: figures(new_build_social=7)}
    (finding,) = judge(PACK, "nieuwbouw-12", short)
    assert finding.status is B and finding.value == 11


# -- milestones: flex study, doorstroomaanpak, EFG programme and start, zonnepanelen -------------

@pytest.mark.parametrize(("rule", "deliverable"), [
    ("flex", "onderzoek-flexwoningen"),
    ("doorstroomaanpak", "doorstroomaanpak"),
    ("efg-start", "start-verduurzaming-efg"),
    ("zonnepanelen", "uitvoeringsprogramma-zonnepanelen"),
    # products the text names without a date: by the end of the term (seed audit §6a)
    # "Bepalen vastgoedportefeuille"
    ("vastgoedportefeuille", "vastgoedportefeuille-alphen-chaam"),
    # "Potentiële ontwikkellocaties met Leystromen bespreken en hierover uitvoeringsafspraken maken"
    ("ontwikkellocaties", "uitvoeringsafspraken-ontwikkellocaties"),
    # "Evalueren en herijken (gedifferentieerd) grondprijzenbeleid"
    ("grondprijzenbeleid", "grondprijzenbeleid-herijkt"),
    # "Onderzocht wordt of er ... een inkomensafhankelijke hogere huurverhoging (IAH) toegepast"
    ("iah-onderzoek", "besluit-iah"),
    # "afspraken maken over het aantal toe te wijzen woningen aan bijzondere doelgroepen"
    ("doelgroepen-afspraken", "afspraken-aantal-bijzondere-doelgroepen"),
])
def test_deliverables_due_by_the_end_of_2024(rule: str, deliverable: str) -> None:
    assert one(rule, {2023: nothing_delivered()}) is ND
    assert one(rule, {2023: nothing_delivered(), 2024: delivered((deliverable, "2024-12-31"))}) is C
    assert one(rule, {2023: nothing_delivered(), 2024: nothing_delivered()}) is B


def test_efg_programma_in_2023_late_is_a_breach() -> None:
    assert one("efg-programma", {2023: delivered(("uitvoeringsprogramma-efg", "2023-11-28"))}) is C
    late = {2023: nothing_delivered(), 2024: delivered(("uitvoeringsprogramma-efg", "2024-01-15"))}
    assert one("efg-programma", late, 2023) is B  # the shortfall is the due year's, once
    assert one("efg-programma", late) is C  # delivered from 2024 on


def test_the_none_after_2028_half_of_efg_is_the_national_rule() -> None:
    keys = {r.key for r in included_rules(pack(PACK))}
    assert {"alphen-chaam-2023/efg-programma", "alphen-chaam-2023/efg-start",
            "npa-2022/efg"} <= keys
    assert one("npa-2022/efg", {2024: figures(stock_label_efg=3, stock_label_efg_exempt=0)}) is ND
    # 2028 is governed by the national agreement in force then, npa-2025, which keeps the clause
    assert one("npa-2022/efg", {2028: figures(stock_label_efg=1, stock_label_efg_exempt=0)}) is NA
    assert one("npa-2025/efg", {2028: figures(stock_label_efg=1, stock_label_efg_exempt=0)}) is B


def test_huursom_is_the_national_rule_cao_minus_half_a_point() -> None:
    at_bound = {2023: figures(rent_sum_increase="2.6%")}  # CAO wage growth 2023: 3.1%
    assert one("npa-2022/huursom", at_bound) is C
    assert one("npa-2022/huursom", {2023: figures(rent_sum_increase="2.7%")}) is B


def test_woonvisieplus_late_is_only_a_warning_because_it_is_an_aim() -> None:
    """"Het doel is om de nieuwe woonvisie in het najaar van 2023 te laten vaststellen door de
    gemeenteraad": the council's adoption is an aim."""
    assert one("woonvisieplus", {2023: nothing_delivered()}) is W
    late = {2023: nothing_delivered(), 2024: delivered(("woonvisieplus", "2024-02-22"))}
    assert one("woonvisieplus", late, 2023) is W
    assert one("woonvisieplus", late) is C
    assert one("woonzorgvisie", {2023: delivered(("regionale-woonzorgvisie", "2023-11-23"))}) is C


def test_woonvisieplus_drawn_up_in_2023_is_a_result() -> None:
    """"Gemeente ... maakt in 2023 een brede WoonvisiePlus": drawing it up is firm, so a draft
    only in 2024 is a breach, even though the council's adoption is only an aim."""
    on_time = {2023: delivered(("woonvisieplus-ontwerp", "2023-12-31"))}
    assert one("woonvisieplus-opstellen", on_time) is C
    assert one("woonvisieplus-opstellen", {2023: nothing_delivered()}) is B
    late = {2023: nothing_delivered(), 2024: delivered(("woonvisieplus-ontwerp", "2024-01-09"))}
    assert one("woonvisieplus-opstellen", late, 2023) is B  # one shortfall, in the year it was due
    assert one("woonvisieplus-opstellen", late, 2024) is C  # delivered from then on


# -- huur-550: "het aantal woningen met een huurprijs tot € 550 (prijspeil 2020) [...] tot en
#    met 2025 niet laten afnemen" -----------------------------------------------------------------

def homes(rents: list[float]) -> dict:
    return {"collections": {"homes": [
        {"id": f"h{i}", "party": CORP, "rent": rent} for i, rent in enumerate(rents)]}}


RENTS_2023 = [400.00, 548.00, 570.00, 575.03, 575.04, 600.00, 700.00]


def test_huur_550_is_compared_at_a_constant_price_level() -> None:
    # every rent rose exactly with the index: the count at the 2020 price level stays 4
    indexed = [round(r * LEVEL_2024 / LEVEL_2023, 2) for r in RENTS_2023]
    (finding,) = judge(PACK, "huur-550", {2023: homes(RENTS_2023), 2024: homes(indexed)})
    assert finding.status is C
    assert finding.value == finding.bound == 4
    # ... while a nominal € 550 count would have fallen (548 became 550.74)
    assert sum(r <= 550 for r in RENTS_2023) == 2 and sum(r <= 550 for r in indexed) == 1


def test_huur_550_a_rent_rising_faster_than_the_index_leaves_the_count_warning() -> None:
    raised = [round(r * 1.031, 2) for r in RENTS_2023]   # 3.1% > index (0.5%): 570 -> 587.67
    (finding,) = judge(PACK, "huur-550", {2023: homes(RENTS_2023), 2024: homes(raised)})
    assert finding.status is W   # "beoogd effect": an aim
    assert finding.value == 2 and finding.bound == 4


def test_huur_550_the_2023_baseline_complies_and_without_it_2024_is_missing_data() -> None:
    assert one("huur-550", {2023: homes(RENTS_2023)}) is C
    assert one("huur-550", {2024: homes(RENTS_2023)}) is MD


def test_huur_550_runs_through_2025_past_the_term_and_no_further() -> None:
    """"tot en met 2025": the clause names a year after the term (2023-2024), so 2025 is judged,
    at the last converted amount (2024: € 577,91); 2026 is not."""
    years = {2023: homes(RENTS_2023), 2025: homes([*RENTS_2023[:3], LEVEL_2024, 577.92, 600.0])}
    (finding,) = judge(PACK, "huur-550", years)
    assert (finding.status, finding.value, finding.bound) == (C, 4, 4)
    years[2025] = homes([*RENTS_2023[:3], 577.92, 577.92, 600.0])
    assert one("huur-550", years) is W
    (finding,) = judge(PACK, "huur-550", {**years, 2026: homes(RENTS_2023)})
    assert (finding.status, finding.reason) == (NA, "outside_years")


def test_huur_550_the_threshold_is_the_statutory_amount_not_cpi() -> None:
    # a home at € 600 is above € 577,91 (would be below the CPI-indexed € 550 of about € 666)
    (finding,) = judge(PACK, "huur-550", {2023: homes([600.0]), 2024: homes([600.0])})
    assert finding.value == 0
    used = {f.name: f.value for f in finding.facts_used}
    assert used["param(huurverlaging_grens_npa)"] == pytest.approx(LEVEL_2024)


# -- doelgroepen-15: "Leystromen stelt 15% (signaalwaarde) van haar vrijkomende woningen
#    beschikbaar voor bijzondere doelgroepen." ---------------------------------------------------

def lettings(total: int, special: int, **more: object) -> dict:
    return {**figures(lettings_total=total, lettings_special_groups=special), **more}


def test_doelgroepen_15_exactly_the_signal_value_calls_for_nothing() -> None:
    assert one("doelgroepen-15", {2023: lettings(20, 3)}) is NA


@pytest.mark.parametrize(("total", "special", "expected"), [
    (20, 2, W),    # 10%: one home short of 15% (3 of 20)
    (20, 4, W),    # 20%: one home more than 15%
    (22, 2, W),    # 9.1%: more than a home short of 3.3
    (22, 3, NA),   # 13.6%: 15% of 22 is 3.3 homes; 3 and 4 are as near as whole homes get
    (22, 4, NA),   # 18.2%
    (22, 5, W),    # 22.7%
])
def test_doelgroepen_15_a_deviation_either_way_calls_for_consultation(total: int, special: int,
                                                                     expected: Status) -> None:
    """"Leystromen stelt 15% (signaalwaarde) van haar vrijkomende woningen beschikbaar ... In
    incidentele gevallen kan afgeweken worden van het percentage ..., in dat geval vindt afstemming
    plaats": a supply commitment, so making too few homes available is a deviation as well."""
    assert one("doelgroepen-15", {2024: lettings(total, special)}) is expected


def test_doelgroepen_15_above_the_signal_value_calls_for_consultation() -> None:
    (finding,) = judge(PACK, "doelgroepen-15", {2024: lettings(22, 5)})
    assert finding.status is W and finding.reason == "trigger_fired" and finding.action is not None


def test_doelgroepen_15_a_deviation_agreed_in_consultation_covers_the_year() -> None:
    """"In incidentele gevallen kan afgeweken worden van het percentage [...], in dat geval vindt
    afstemming plaats tussen gemeente en Leystromen": the outcome is an agreed deviation."""
    from tests.ladder_support import ladder_run

    agreed = {"rule": "doelgroepen-15", "from": 2024, "approved_by": ["gemeente", "leystromen"],
              "reason": "statushouders"}
    assert ladder_run(PACK, "doelgroepen-15", {2024: lettings(22, 5, deviations=[agreed])}) == ()
    steps = ladder_run(PACK, "doelgroepen-15", {2024: lettings(22, 5)})
    assert [(s.kind, s.recommended) for s in steps] == [("rung", "overleg"), ("action", None)]


# -- the bundled facts ---------------------------------------------------------------------------

def test_bundled_facts_show_every_status_and_a_contested_figure() -> None:
    result = check([BUNDLED_FACTS / PACK])
    assert set(statuses(result.findings)) == set(Status)
    assert any(f.contested for f in result.findings)
    assert {f.rule.pack for f in result.findings} == {PACK, "npa-2022", "npa-2025"}
    # npa-2025 governs from 2025 (huur-550 runs into 2025); in 2023-2024 it judges nothing
    assert {f.status for f in result.findings if f.rule.pack == "npa-2025"} == {NA}


def test_bundled_facts_record_the_2024_deviation_from_the_signal_value() -> None:
    result = check([BUNDLED_FACTS / PACK])
    (covered,) = [f for f in result.findings if f.rule.id == "doelgroepen-15" and f.year == 2024]
    assert covered.status is W and covered.deviation is not None and not covered.failing
    assert set(covered.deviation.approved_by) == {"gemeente", "leystromen"}
    assert not [e for e in result.escalations if e.rule.id == "doelgroepen-15"]


@pytest.mark.parametrize(("args", "approved"), [
    (("--lang", "nl"), "goedgekeurd door Gemeente Alphen-Chaam, Leystromen:"),
    (("--format", "markdown", "--lang", "en"), "approved by Gemeente Alphen-Chaam, Leystromen:"),
])
def test_an_agreed_deviation_names_who_approved_it_by_name_and_json_keeps_the_ids(
        args: tuple[str, ...], approved: str) -> None:
    import json

    from tests.test_cli import invoke

    code, out = invoke("check", str(BUNDLED_FACTS / PACK), "--fail-on", "never", "--year", "2024",
                       *args)
    assert code == 0 and approved in " ".join(out.split()), out
    code, out = invoke("check", str(BUNDLED_FACTS / PACK), "--format", "json", "--year", "2024")
    (covered,) = [f for f in json.loads(out)["findings"] if f["agreed_deviation"]]
    assert covered["agreed_deviation"]["approved_by"] == ["gemeente", "leystromen"]
    assert "goedgekeurd door Gemeente Alphen-Chaam, Leystromen:" in covered["message"]


def test_every_rule_quotes_its_source() -> None:
    for rule in pack(PACK).rules:
        assert rule.source.section and len(rule.source.quote) >= 10
        assert rule.title.nl and rule.title.en


def test_woonpact_check_judges_2025_because_huur_550_runs_through_it(tmp_path) -> None:
    """A fact set after the term is judged when a clause of the pack names that year; the other
    clauses are not applicable there, and a year no clause reaches stays history."""
    shutil.copytree(BUNDLED_FACTS / PACK, tmp_path / PACK)
    homes_2025 = "\n".join(f"    - {{id: h{i}, party: leystromen, rent: {rent}}}" for i,
                           rent in enumerate(RENTS_2023))
    (tmp_path / PACK / "2025.yaml").write_text(
        f"agreement: {PACK}\nyear: 2025\ncollections:\n  homes:\n{homes_2025}\n", encoding="utf-8")
    result = check([tmp_path / PACK])
    assert result.years == (2023, 2024, 2025)
    by_rule = {f.rule.key: f for f in result.findings if f.year == 2025}
    # 5 homes up to € 577,91 against 172 on 1 January 2023
    huur_550 = by_rule["alphen-chaam-2023/huur-550"]
    assert (huur_550.status, huur_550.value, huur_550.bound) == (W, 5, 172)
    assert by_rule["alphen-chaam-2023/overleg"].reason == "outside_years"
    (tmp_path / PACK / "2025.yaml").rename(tmp_path / PACK / "2026.yaml")
    (tmp_path / PACK / "2026.yaml").write_text(
        (tmp_path / PACK / "2026.yaml").read_text(encoding="utf-8").replace("year: 2025",
                                                                            "year: 2026"),
        encoding="utf-8")
    assert check([tmp_path / PACK]).years == (2023, 2024)
