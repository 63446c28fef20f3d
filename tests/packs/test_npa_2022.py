"""Tests for the national pack npa-2022, judged in the context of a local pack that includes it.

The NPA's rules name roles, not parties, so they are judged for the corporations of the local
pack; alphen-chaam-2023 (one corporation, Leystromen) is used as that context here. The pack
governs 2022-2024: from 2025 the Nationale prestatieafspraken 2025-2035 (npa-2025) do.
"""

from __future__ import annotations

import pytest

from tests.support import judge, pack
from woonpact.engine.model.finding import Status

LOCAL = "alphen-chaam-2023"
CORP = "leystromen"
C, W, B = Status.COMPLIANT, Status.WARNING, Status.BREACH
NA, ND, MD = Status.NOT_APPLICABLE, Status.NOT_DUE, Status.MISSING_DATA


def figures(**values: object) -> dict:
    return {"parties": {CORP: {"figures": values}}}


def one(rule: str, years: dict, year: int | None = None) -> Status:
    (finding,) = judge(LOCAL, f"npa-2022/{rule}", years, year)
    assert finding.scope.id == CORP
    return finding.status


def test_pack_loads_with_roles_only_and_is_included_by_alphen_chaam() -> None:
    npa = pack("npa-2022")
    assert {r.id for r in npa.rules} == {"efg", "huursom", "huurverlaging-550"}
    assert (npa.first_year, npa.last_year) == (2022, 2024)
    assert not npa.corporations()
    for rule in npa.rules:
        assert rule.responsible == ("corporatie",)
        # the national agreement itself, by title and date; not a local agreement that restates it
        assert rule.source.section.startswith(
            "Nationale Prestatieafspraken (Rijk, Aedes, Woonbond en VNG, 30 juni 2022)")
        assert "Alphen-Chaam" not in rule.source.section
    assert "npa-2022" in pack(LOCAL).includes


# -- efg: "na 2028 geen corporatiewoningen meer [...] met een slecht energielabel E, F of G
#    (uitgezonderd monumentale en te slopen woningen)" ------------------------------------------

@pytest.mark.parametrize(("year", "efg", "exempt", "expected"), [
    (2023, 4, 0, ND),   # before 2028: not yet due, however many remain
    (2024, 0, 0, C),
    (2025, 4, 0, NA),   # 2025 on: npa-2025/efg (tests/packs/test_npa_2025.py)
    (2028, 1, 0, NA),
])
def test_efg_is_judged_in_the_years_this_agreement_governs(
        year: int, efg: int, exempt: int, expected: Status) -> None:
    years = {year: figures(stock_label_efg=efg, stock_label_efg_exempt=exempt)}
    assert one("efg", years) is expected


def test_efg_without_the_exempt_count_is_missing_data() -> None:
    (finding,) = judge(LOCAL, "npa-2022/efg", {2024: figures(stock_label_efg=0)})
    assert finding.status is MD
    assert any("stock_label_efg_exempt" in m for m in finding.missing)


# -- huursom: "de maximale huursomstijging 0,5% lager dan de CAO-loonontwikkeling" ------------

def test_huursom_exactly_at_the_bound_complies() -> None:
    """The bound is the national parameter cao_loonontwikkeling minus half a point: 3.1% in 2023
    and 5.8% in 2024 give 2.6% and 5.3%."""
    assert one("huursom", {2023: figures(rent_sum_increase="2.6%")}) is C
    assert one("huursom", {2024: figures(rent_sum_increase="5.3%")}) is C


def test_huursom_above_the_bound_is_a_breach_even_if_below_cao_wage_growth() -> None:
    (finding,) = judge(LOCAL, "npa-2022/huursom", {2024: figures(rent_sum_increase="5.4%")})
    assert finding.status is B
    assert finding.bound == pytest.approx(0.053)
    assert one("huursom", {2023: figures(rent_sum_increase="2.7%")}) is B


def test_huursom_reads_cao_wage_growth_as_a_national_parameter_not_a_fact() -> None:
    (finding,) = judge(LOCAL, "npa-2022/huursom", {2024: figures(rent_sum_increase="5.31%")})
    assert finding.status is B and finding.bound == pytest.approx(0.053)
    assert "param(cao_loonontwikkeling)" in {used.name for used in finding.facts_used}


def test_huursom_applies_in_2023_and_2024_and_2025_is_the_revised_agreements() -> None:
    """"De komende 3 jaar" from mid-2022 would be 2023-2025, but the Nationale prestatieafspraken
    2025-2035 replaced the bound for 2025 (4.5%, not CAO 6.7% - 0.5 = 6.2%)."""
    high = figures(rent_sum_increase="9%")
    assert one("huursom", {2024: high}) is B
    assert one("huursom", {2025: figures(rent_sum_increase="6.2%")}) is NA
    assert one("huursom", {2022: high}) is NA


def test_huursom_needs_the_rent_sum_increase() -> None:
    assert one("huursom", {2024: figures(stock_total=330)}) is MD


# -- huurverlaging-550: "Huurders met een inkomen op of onder 120% van het sociaal minimum
#    krijgen een eenmalige huurverlaging tot € 550 (prijspeil 2020)." -------------------------

def test_huurverlaging_every_eligible_tenant_reduced_complies() -> None:
    assert one("huurverlaging-550", {2023: figures(rent_cut_eligible=38, rent_cut_granted=38)}) is C


def test_huurverlaging_an_eligible_tenant_not_reduced_is_a_breach() -> None:
    (finding,) = judge(LOCAL, "npa-2022/huurverlaging-550",
                       {2023: figures(rent_cut_eligible=38, rent_cut_granted=36)})
    assert finding.status is B and finding.value == 2


def test_huurverlaging_applies_in_2023_and_2024_only() -> None:
    done = figures(rent_cut_eligible=3, rent_cut_granted=3)
    assert one("huurverlaging-550", {2024: done}) is C
    assert one("huurverlaging-550", {2025: done}) is NA
    assert one("huurverlaging-550", {2022: done}) is NA


def test_huurverlaging_not_reported_is_missing_data() -> None:
    assert one("huurverlaging-550", {2024: figures(rent_cut_eligible=3)}) is MD
