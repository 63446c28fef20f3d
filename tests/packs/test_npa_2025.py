"""Tests for the national pack npa-2025, the Nationale prestatieafspraken 2025-2035 (Woontop,
11 December 2024), judged in the context of a local pack that includes it.

The rules name roles, so they are judged for the corporations of the local pack:
stichtse-vecht-2025 (Portaal and Vecht en Omstreken) here. The pack governs 2025-2035; 2022-2024
are npa-2022's.
"""

from __future__ import annotations

import pytest

from tests.support import BUNDLED_FACTS, judge, pack, status_by_scope
from woonpact.engine.check import check, included_rules
from woonpact.engine.model.finding import Finding, Status

LOCAL = "stichtse-vecht-2025"
C, W, B = Status.COMPLIANT, Status.WARNING, Status.BREACH
NA, ND, MD = Status.NOT_APPLICABLE, Status.NOT_DUE, Status.MISSING_DATA


def figures(**values: object) -> dict:
    return {"parties": {"portaal": {"figures": values}}}


def portaal(rule: str, years: dict, year: int | None = None) -> Finding:
    return next(f for f in judge(LOCAL, f"npa-2025/{rule}", years, year) if f.scope.id == "portaal")


def test_pack_governs_2025_to_2035_with_roles_only_and_cites_the_national_texts() -> None:
    npa = pack("npa-2025")
    assert (npa.first_year, npa.last_year) == (2025, 2035)
    assert {r.id for r in npa.rules} == {"huursom", "huurverhoging-max", "efg"}
    assert not npa.corporations()
    for rule in npa.rules:
        assert rule.responsible == ("corporatie",)
        assert "Nationale prestatieafspraken 2025-2035" in rule.source.section
    assert "npa-2025" in pack(LOCAL).includes


# -- huursom: "de afspraak over de maximale huursomstijging van 4,5%" (2025) ------------------

@pytest.mark.parametrize(("increase", "expected"),
                         [("4.5%", C), ("4.51%", B), ("3%", C), ("4.9%", B)])
def test_huursom_2025_at_most_4_5_percent_on_average(increase: str, expected: Status) -> None:
    assert portaal("huursom", {2025: figures(rent_sum_increase=increase)}).status is expected


def test_huursom_4_5_percent_is_the_2025_norm_only() -> None:
    assert portaal("huursom", {2026: figures(rent_sum_increase="9%")}).status is NA
    finding = portaal("huursom", {2025: figures(rent_sum_increase="5.3%")})
    assert finding.bound == pytest.approx(0.045)
    assert finding.distance is not None and finding.distance.amount == pytest.approx(0.008)


def test_each_year_is_judged_by_the_national_agreement_in_force_that_year() -> None:
    """The same 5.3% complies in 2024 (CAO 5.8% - 0.5 = 5.3%, the 2022 agreement) and breaches in
    2025 (4.5%, the revised agreement): alphen-chaam-2023 runs into 2025 and includes both."""
    years = {2024: {"parties": {"leystromen": {"figures": {"rent_sum_increase": "5.3%"}}}},
             2025: {"parties": {"leystromen": {"figures": {"rent_sum_increase": "5.3%"}}}}}
    assert [f.status for f in judge("alphen-chaam-2023", "npa-2022/huursom", years, 2024)] == [C]
    assert [f.status for f in judge("alphen-chaam-2023", "npa-2022/huursom", years, 2025)] == [NA]
    assert [f.status for f in judge("alphen-chaam-2023", "npa-2025/huursom", years, 2025)] == [B]


def test_a_national_pack_that_governs_none_of_the_years_adds_no_rules() -> None:
    assert not any(r.pack == "npa-2022" for r in included_rules(pack(LOCAL)))  # 2025-2030
    assert {r.pack for r in included_rules(pack("alphen-chaam-2023"))} >= {"npa-2022", "npa-2025"}
    clipped = {r.key: (r.first_year, r.last_year) for r in included_rules(pack(LOCAL))}
    assert clipped["npa-2025/efg"] == (2025, 2035)


def test_bundled_stichtse_vecht_portaal_and_vecht_en_omstreken_breach_the_2025_norm() -> None:
    """Portaal raised its rents by 5.3% and V&O by 4.9% on average in 2025: within the 2022
    formula's 6.2%, above the 4.5% of the agreement in force that year."""
    result = check([BUNDLED_FACTS / LOCAL])
    found = {f.scope.id: (f.status, f.value) for f in result.findings
             if f.rule.key == "npa-2025/huursom" and f.year == 2025}
    assert found == {"portaal": (B, pytest.approx(0.053)), "vo": (B, pytest.approx(0.049))}
    assert not any(f.rule.pack == "npa-2022" for f in result.findings)


# -- huurverhoging-max: "mogen vanaf 1 juli 2026 maximaal 4,1 procent huurverhoging krijgen" ---

@pytest.mark.parametrize(("increase", "expected"), [("4.1%", C), ("4.11%", B), ("2%", C)])
def test_2026_rent_sum_not_above_the_statutory_maximum_per_home(increase: str,
                                                                expected: Status) -> None:
    finding = portaal("huurverhoging-max", {2026: figures(rent_sum_increase=increase)})
    assert finding.status is expected


def test_the_statutory_maximum_is_read_per_year_and_cited_with_its_status() -> None:
    finding = portaal("huurverhoging-max", {2026: figures(rent_sum_increase="4.2%")})
    assert finding.bound == pytest.approx(0.041)
    cited = {u.name: u.status for u in finding.facts_used}
    assert cited["param(max_huurverhoging_sociaal)"] == "confirmed" and not finding.unconfirmed
    # 2025 is the 4.5% average's year; 2027 has no published maximum yet: data are missing
    assert portaal("huurverhoging-max", {2025: figures(rent_sum_increase="4.9%")}).status is NA
    later = portaal("huurverhoging-max", {2027: figures(rent_sum_increase="3%")})
    assert later.status is MD and any("max_huurverhoging_sociaal" in m for m in later.missing)


# -- efg: the 2022 clause "E, F en G [...] tot en met 2028", continued in 2025-2035 ------------

@pytest.mark.parametrize(("year", "efg", "exempt", "expected"), [
    (2027, 4, 0, ND),   # before 2028: not yet due, however many remain
    (2027, 0, 0, C),
    (2028, 0, 0, C),    # end of 2028: none left
    (2028, 1, 0, B),    # one non-exempt home at the deadline is a breach
    (2028, 2, 2, C),    # monuments / homes to be demolished are excepted
    (2028, 3, 2, B),
    (2029, 1, 1, C),    # after 2028 an exempt home may remain
    (2029, 1, 0, B),
])
def test_efg_before_at_and_after_2028_with_and_without_exempt_homes(
        year: int, efg: int, exempt: int, expected: Status) -> None:
    years = {year: figures(stock_label_efg=efg, stock_label_efg_exempt=exempt)}
    assert portaal("efg", years).status is expected


def test_efg_is_judged_for_every_corporation_of_the_local_pack() -> None:
    left = {"portaal": 0, "vo": 1}
    years = {2028: {"parties": {
        corporation: {"figures": {"stock_label_efg": n, "stock_label_efg_exempt": 0}}
        for corporation, n in left.items()}}}
    assert status_by_scope(judge(LOCAL, "npa-2025/efg", years)) == {"portaal": C, "vo": B}
