"""Tests from the seed text (seed 002, Prestatieafspraken Vlaardingen 2025-2028) for every
vlaardingen-2025 rule, boundaries included."""

from __future__ import annotations

import pytest

from tests.support import BUNDLED_FACTS, judge, status_by_scope
from woonpact.engine.check import check
from woonpact.engine.model.finding import Status

PACK = "vlaardingen-2025"
WW, SW = "waterweg-wonen", "samenwerking"
C, W, B = Status.COMPLIANT, Status.WARNING, Status.BREACH
NA, ND, MD = Status.NOT_APPLICABLE, Status.NOT_DUE, Status.MISSING_DATA


def parties(**figures: dict) -> dict:
    return {"parties": {party.replace("_", "-"): {"figures": f} for party, f in figures.items()}}


def municipality(**figures: int) -> dict:
    return {"municipality": {"figures": figures}}


def one(rule: str, years: dict, year: int | None = None) -> Status:
    (finding,) = judge(PACK, rule, years, year)
    return finding.status


def per_party(rule: str, years: dict, year: int | None = None) -> dict[str, Status]:
    return status_by_scope(judge(PACK, rule, years, year))


# -- 1.1 "spannen zich maximaal in om 600 sociale huurwoningen te realiseren in de periode
# 2024-2028"

def both(ww: int, sw: int, figure: str = "new_build_social") -> dict:
    return parties(waterweg_wonen={figure: ww}, samenwerking={figure: sw})


def test_1_1_counts_from_2024_and_on_the_path_of_120_a_year_complies() -> None:
    """1.1: 2024 counts; 240 by the end of 2025 is exactly on the straight path to 600."""
    years = {2024: both(100, 20), 2025: both(90, 30)}
    finding, = judge(PACK, "1.1", years)
    assert finding.status is C and finding.value == 240


def test_1_1_behind_the_path_is_a_warning() -> None:
    """1.1: one home behind the path before 2028 is a warning."""
    assert one("1.1", {2024: both(100, 20), 2025: both(90, 29)}) is W


def test_1_1_exactly_600_in_2028_complies_and_599_is_only_a_warning() -> None:
    """1.1: "spannen zich maximaal in" is an effort: a shortfall at the deadline is a warning."""
    years = {y: both(60, 60) for y in range(2024, 2029)}
    assert one("1.1", years, 2028) is C
    years[2028] = both(60, 59)
    assert one("1.1", years, 2028) is W


def test_1_1_without_2024_figures_is_missing_data() -> None:
    """1.1: the period starts in 2024, so a missing 2024 is named."""
    finding, = judge(PACK, "1.1", {2025: both(10, 10)})
    assert finding.status is MD and any("2024" in m for m in finding.missing)


# -- 1.3 "150 middenhuurwoningen te realiseren vóór 2030 [...] Randvoorwaarde [...] Binnen
#    herstructureringslocaties is dit al mogelijk." ---------------------------------------------

def mid(year_figures: dict[int, tuple[int, int]]) -> dict:
    return {y: both(ww, sw, "new_build_mid_rent") for y, (ww, sw) in year_figures.items()}


def test_1_3_the_precondition_does_not_suspend_the_clause() -> None:
    """1.3: "Binnen herstructureringslocaties is dit al mogelijk": the precondition already holds
    there, so the aim runs now; no mid-rent by the end of 2025 is behind the path (a warning), and
    no condition needs recording."""
    finding, = judge(PACK, "1.3", mid({2025: (0, 0)}))
    assert (finding.status, finding.reason, finding.target) == (W, "behind_trajectory", 30)
    assert one("1.3", mid({2025: (20, 10)})) is C


def test_1_3_on_the_path_of_30_a_year_complies_and_behind_it_warns() -> None:
    """1.3: 60 by the end of 2026 is on the path to 150 by the end of 2029."""
    assert one("1.3", mid({2025: (20, 10), 2026: (20, 10)})) is C
    assert one("1.3", mid({2025: (20, 10), 2026: (20, 9)})) is W


def test_1_3_at_the_end_of_the_term_120_complies_and_119_warns() -> None:
    """1.3: the deadline is the end of 2029, after the term; the 2028 point on the path to 150 is
    120, on track, and 119 is behind it (a warning, never a breach, since the deadline is not
    reached)."""
    years = mid(dict.fromkeys(range(2025, 2029), (15, 15)))
    finding, = judge(PACK, "1.3", years, 2028)
    assert (finding.status, finding.reason, finding.target) == (C, "on_track", 120)
    assert dict(finding.details)["deadline"] == 2029
    years = mid({**dict.fromkeys(range(2025, 2028), (15, 15)), 2028: (15, 14)})
    finding, = judge(PACK, "1.3", years, 2028)
    assert (finding.status, finding.reason) == (W, "behind_trajectory")


def test_1_3_the_target_year_after_the_term_is_not_judged_by_this_agreement() -> None:
    """1.3: "vóór 2030" is the end of 2029; this agreement ends in 2028, so 2029 is outside its
    years."""
    years = mid(dict.fromkeys(range(2025, 2030), (20, 20)))
    finding, = judge(PACK, "1.3", years, 2029)
    assert (finding.status, finding.reason) == (NA, "outside_years")


# -- 1.8 "50% van het vrijkomende niet-DAEB aanbod met voorrang verhuurd aan [doorstromers]" ----

def non_daeb(ww: tuple[int, int], sw: tuple[int, int]) -> dict:
    return {2025: parties(
        waterweg_wonen={"lettings_non_daeb": ww[0], "lettings_non_daeb_doorstromers": ww[1]},
        samenwerking={"lettings_non_daeb": sw[0], "lettings_non_daeb_doorstromers": sw[1]})}


def test_1_8_exactly_50_percent_complies_and_below_is_a_breach() -> None:
    """1.8: a result; exactly half complies, 4 of 9 is a breach."""
    assert per_party("1.8", non_daeb((10, 5), (9, 4))) == {WW: C, SW: B}


def test_1_8_more_than_50_percent_complies() -> None:
    """1.8: 50% is a floor."""
    assert per_party("1.8", non_daeb((10, 10), (8, 6))) == {WW: C, SW: C}


def test_1_8_missing_lettings_is_missing_data() -> None:
    """1.8: a corporation that did not report non-DAEB lettings."""
    years = {2025: parties(waterweg_wonen={"lettings_non_daeb": 4,
                                           "lettings_non_daeb_doorstromers": 2})}
    assert per_party("1.8", years) == {WW: C, SW: MD}


# -- 1.16 "Gemeente geeft uitvoering aan de taakstelling huisvesting statushouders [...] conform
#    landelijke wet- en regelgeving" --------------------------------------------------------

def housed(**by_year: tuple[int, int]) -> dict:
    """Statushouders housed and the statutory target, by year (y2025=(housed, target))."""
    return {int(y[1:]): municipality(statushouders_gehuisvest=h, statushouders_taakstelling=t)
            for y, (h, t) in by_year.items()}


def test_1_16_the_statutory_target_met_complies_and_one_short_is_a_breach() -> None:
    """1.16: housing exactly the year's target complies; one fewer is a breach (the law's task)."""
    assert one("1.16", housed(y2025=(60, 60))) is C
    finding, = judge(PACK, "1.16", housed(y2025=(59, 60)))
    assert finding.status is B and finding.distance is not None and finding.distance.amount == 1


def test_1_16_a_backlog_counts_on_and_can_be_made_up() -> None:
    """1.16: as the law carries a backlog into the next period, the running total since 2025 counts:
    10 short in 2025 stays short in 2026 unless made up."""
    assert one("1.16", housed(y2025=(50, 60), y2026=(60, 60))) is B
    assert one("1.16", housed(y2025=(50, 60), y2026=(70, 60))) is C


def test_1_16_the_target_is_not_a_sum_over_the_corporations() -> None:
    """1.16: the target is the municipality's; without it the finding is missing data."""
    years = {2025: {**municipality(statushouders_gehuisvest=60),
                    **parties(waterweg_wonen={"lettings_statushouders": 40})}}
    finding, = judge(PACK, "1.16", years)
    assert finding.status is MD and any("statushouders_taakstelling" in m for m in finding.missing)


# -- 1.19 "mag de reguliere 7,5% overschrijden tot de wettelijke maximale ruimte van 15%" -------

def free(ww: tuple[int, int], sw: tuple[int, int]) -> dict:
    return {2025: parties(
        waterweg_wonen={"lettings_total": ww[0], "lettings_free_allocation": ww[1]},
        samenwerking={"lettings_total": sw[0], "lettings_free_allocation": sw[1]})}


def test_1_19_exactly_15_percent_complies() -> None:
    """1.19: exactly 15% complies."""
    assert per_party("1.19", free((820, 123), (200, 30))) == {WW: C, SW: C}


def test_1_19_above_15_percent_is_a_breach() -> None:
    """1.19: 15% is the legal maximum; one letting more is a breach."""
    assert per_party("1.19", free((820, 124), (200, 31))) == {WW: B, SW: B}


def test_1_19_between_7_5_and_15_percent_is_allowed_without_a_warning() -> None:
    """1.19: exceeding the regular 7.5% is expressly allowed."""
    assert per_party("1.19", free((1000, 76), (200, 20))) == {WW: C, SW: C}


# -- 1.20 "Partijen overleggen over voorgenomen wijzigingen daarin en spreken zo nodig een maximum
#    te verkopen woningen per jaar af (aantallen zijn opgenomen in de bijlage)" ----------------

def talk(rule: str, date: str) -> list[dict]:
    return [{"rule": rule, "rung": "overleg", "date": date, "outcome": "unresolved"}]


@pytest.mark.parametrize(("year", "programme"), [(2025, 21), (2026, 10), (2027, 5), (2028, 10)])
def test_1_20_selling_above_the_programme_calls_for_consultation_not_a_breach(
        year: int, programme: int) -> None:
    """1.20 with appendix table 3 ("ter informatie"): the programme figure is no cap. Selling it
    complies with the programme (nothing to consult on); one more is a change the parties consult
    on (a warning until the consultation is recorded, never a breach); the consultation recorded
    on the clause that year is the action taken."""
    rule = f"1.20-waterweg-wonen-{year}"
    quiet, = judge(PACK, rule, {year: parties(waterweg_wonen={"sold_social": programme})})
    assert (quiet.status, quiet.reason) == (NA, "trigger_quiet")
    fired, = judge(PACK, rule, {year: parties(waterweg_wonen={"sold_social": programme + 1})})
    assert (fired.status, fired.reason) == (W, "trigger_fired") and fired.action is not None
    held = {**parties(waterweg_wonen={"sold_social": programme + 1}),
            "escalations": talk(rule, f"{year}-11-12")}
    done, = judge(PACK, rule, {year: held})
    assert (done.status, done.reason) == (C, "action_taken")


def test_1_20_a_yearly_programme_figure_does_not_apply_in_other_years() -> None:
    """1.20: the 2025 figure is not judged in 2026."""
    finding, = judge(PACK, "1.20-waterweg-wonen-2025",
                     {2026: parties(waterweg_wonen={"sold_social": 30})})
    assert finding.status is NA and finding.reason == "outside_years"


def test_1_20_samenwerking_selling_beyond_its_13_programme_homes_calls_for_consultation() -> None:
    """1.20 with appendix table 8 (Holy NO 8: 4, West 30: 9): 13 in total is the programme; a year
    that sells past it calls for consultation; a later year without sales does not."""
    years = {2025: parties(samenwerking={"sold_social": 6}),
             2026: parties(samenwerking={"sold_social": 7})}
    assert one("1.20-samenwerking", years) is NA
    years[2026] = parties(samenwerking={"sold_social": 8})
    fired, = judge(PACK, "1.20-samenwerking", years)
    assert (fired.status, fired.reason, fired.value) == (W, "trigger_fired", 14)
    years[2027] = parties(samenwerking={"sold_social": 0})
    assert one("1.20-samenwerking", years) is NA


# -- 1.22 "Doelstelling van Waterweg Wonen is minimaal gelijkblijvende aantallen DAEB-woningen"

def test_1_22_daeb_a_fall_during_the_term_is_not_judged_before_the_plans_horizon() -> None:
    """1.22: the aim belongs to the 10-year plan (2025-2034); the appendix itself foresees a fall
    first (table 3: -38 in 2025), so a DAEB count below the end-2024 baseline in the term is not
    yet due, not a warning; the horizon lies after the term."""
    years = {2024: parties(waterweg_wonen={"stock_daeb": 10724}),
             2025: parties(waterweg_wonen={"stock_daeb": 10686})}
    finding, = judge(PACK, "1.22-daeb", years)
    assert (finding.status, finding.reason) == (ND, "before_deadline")
    assert dict(finding.details)["deadline"] == 2034
    years[2028] = parties(waterweg_wonen={"stock_daeb": 10500})
    assert one("1.22-daeb", years) is ND


# -- 2.1 "Corporaties streven er naar 70% van de verhuringen toe te wijzen aan de primaire
# doelgroep"

def test_2_1_exactly_70_percent_complies_and_less_is_only_a_warning() -> None:
    """2.1: "streven" is an effort; a year may deviate, so a shortfall is a warning."""
    years = {2025: parties(
        waterweg_wonen={"lettings_total": 820, "lettings_primary_target_group": 574},
        samenwerking={"lettings_total": 310, "lettings_primary_target_group": 216})}
    assert per_party("2.1", years) == {WW: C, SW: W}


# -- 2.3 "streefvoorraad van 25% woningen met een huur tot de aftoppingsgrenzen in 2030" --------

def cheap(below: int, total: int = 10000) -> dict:
    return municipality(stock_total=total, stock_below_aftoppingsgrenzen=below)


def test_2_3_exactly_on_the_path_down_to_25_percent_in_2030_complies() -> None:
    """2.3: from 31% at the end of 2024 the path falls 1 point a year: 30% in 2025."""
    assert one("2.3", {2024: cheap(3100), 2025: cheap(3000)}) is C
    assert one("2.3", {2024: cheap(3100), 2025: cheap(3001)}) is W


def test_2_3_in_2028_the_point_on_the_path_complies_and_above_it_warns() -> None:
    """2.3: the deadline is 2030, after the term; in 2028 the path is at 27% (four sixths of the way
    to 25%); an aim, so above it warns."""
    finding, = judge(PACK, "2.3", {2024: cheap(3100), 2028: cheap(2700)})
    assert (finding.status, finding.reason) == (C, "on_track")
    assert finding.target == pytest.approx(0.27) and finding.bound == pytest.approx(0.25)
    finding, = judge(PACK, "2.3", {2024: cheap(3100), 2028: cheap(2701)})
    assert (finding.status, finding.reason) == (W, "behind_trajectory")


def test_2_3_a_growing_share_is_behind_the_path() -> None:
    """2.3: the city wants fewer homes up to the aftoppingsgrenzen, not more."""
    assert one("2.3", {2024: cheap(3100), 2026: cheap(3200)}) is W


# -- 3.10 "uiterlijk 2028 95% van de woningen met het label E,F, G te hebben aangepakt. Waterweg
#    Wonen heeft dit percentage inmiddels gerealiseerd." (tabel 6: "Aandeel EFG") -------------

def efg(**by_year: tuple[int, int]) -> dict:
    """Samenwerking's EFG homes and its whole stock, by year (y2024=(efg, stock))."""
    return {int(y[1:]): parties(samenwerking={"stock_label_efg": n, "stock_total": total})
            for y, (n, total) in by_year.items()}


def test_3_10_at_most_5_percent_efg_in_the_stock_in_2028_complies() -> None:
    """3.10: 95% of the homes free of E, F and G: 50 EFG homes of 1,000 in 2028 is exactly 5% and
    complies, although only 75% of the 200 EFG homes of 2024 were dealt with (the count reading)."""
    assert one("3.10", efg(y2024=(200, 1000), y2028=(50, 1000))) is C


def test_3_10_above_5_percent_in_2028_is_a_warning() -> None:
    """3.10: "spannen zich tot het uiterste in" is still an effort; 51 of 1,000 is 5.1%."""
    assert one("3.10", efg(y2024=(200, 1000), y2028=(51, 1000))) is W


def test_3_10_on_the_path_before_2028() -> None:
    """3.10: from 20% at the end of 2024 the path to 5% reaches 12.5% at the end of 2026."""
    assert one("3.10", efg(y2024=(200, 1000), y2026=(125, 1000))) is C
    assert one("3.10", efg(y2024=(200, 1000), y2026=(126, 1000))) is W


def test_3_10_the_appendix_prognosis_meets_the_aim() -> None:
    """3.10 with table 6 (Samenwerking, "Aandeel EFG"): 210 EFG homes of 4,103 (5.1%) at 1-1-2028
    and 117 (2.9%) at 1-1-2029, the position at the end of 2028."""
    assert one("3.10", efg(y2024=(584, 3872), y2028=(117, 4103))) is C


# -- 3.12, 3.13, 3.14: places in named projects --------------------------------------------

def project(pid: str, party: str, places: int, completed: bool = True, **extra: object) -> dict:
    return {"collections": {"projects": [
        {"id": pid, "party": party, "homes": places, "target_group_places": places,
         "completed": completed}]},
        **extra}


def test_3_12_eight_rooms_complies_seven_is_a_breach() -> None:
    """3.12: "Samenwerking realiseert 8 kamers" in 2025."""
    assert one("3.12", {2025: project("kantoor-samenwerking", SW, 8)}) is C
    assert one("3.12", {2025: project("kantoor-samenwerking", SW, 7)}) is B
    assert one("3.12", {2025: project("kantoor-samenwerking", SW, 8, completed=False)}) is B


def pameijer(places: int, financing: bool | None = True, completed: bool = True) -> dict:
    conditions = ({} if financing is None
                  else {"conditions": {"financiering_pameijer_gevonden": financing}})
    return project("pameijer-zuidbuurt", WW, places, completed, **conditions)


@pytest.mark.parametrize(("places", "status"),
                         [(23, B), (24, C), (28, C), (32, C), (33, C), (40, C)])
def test_3_13_at_least_24_places_in_2027(places: int, status: Status) -> None:
    """3.13: "24-32 plekken voor Pameijer": 24 is the least promised; 32 is the expected upper
    figure, not a ceiling, so 33 places comply."""
    assert one("3.13", {2027: pameijer(places)}) is status


def test_3_13_before_2027_not_yet_due() -> None:
    """3.13: planning 2027."""
    assert one("3.13", {2026: pameijer(28, completed=False)}) is ND


def test_3_13_is_suspended_when_no_financing_was_found() -> None:
    """3.13: "tenzij er geen financiering gevonden kan worden"."""
    finding, = judge(PACK, "3.13", {2027: pameijer(0, financing=False)})
    assert finding.status is NA and finding.reason == "suspended"


def test_3_13_without_the_financing_condition_is_missing_data() -> None:
    """3.13: whether financing was found must be recorded."""
    assert one("3.13", {2027: pameijer(28, financing=None)}) is MD


def potgieterstraat(places: int, partner: bool = True) -> dict:
    return project("potgieterstraat", WW, places,
                   conditions={"zorgpartij_potgieterstraat_gevonden": partner})


def test_3_14_exactly_11_places_complies_10_is_a_breach() -> None:
    """3.14: "minimaal 11 begeleid wonen plekken aan de Potgieterstraat" in 2025."""
    assert one("3.14", {2025: potgieterstraat(11)}) is C
    assert one("3.14", {2025: potgieterstraat(10)}) is B


def test_3_14_is_suspended_when_no_care_partner_was_found() -> None:
    """3.14: "Tenzij er op redelijke termijn geen zorgpartij gevonden kan worden"."""
    assert one("3.14", {2025: potgieterstraat(0, partner=False)}) is NA


# -- meetings: 4.5 (yearly evaluation) and 6.1 (steering group every quarter) -----------------

def meetings(*items: tuple[str, str]) -> dict:
    return {"collections": {"meetings": [{"kind": k, "date": d} for k, d in items]}}


def test_4_5_one_yearly_meeting_with_corporations_and_care_providers() -> None:
    """4.5: "organiseert jaarlijks een overleg met alle betrokken partijen"."""
    assert one("4.5", {2025: meetings(("ketenpartneroverleg", "2025-10-07"))}) is C
    assert one("4.5", {2025: meetings(("stuurgroep", "2025-10-07"))}) is B


@pytest.mark.parametrize(("quarter", "date"), [(1, "2025-03-31"), (2, "2025-04-01"),
                                               (3, "2025-09-30"), (4, "2025-10-01")])
def test_6_1_steering_group_meets_every_quarter(quarter: int, date: str) -> None:
    """6.1: "De stuurgroep komt elk kwartaal bijeen": one meeting in each quarter, boundary
    dates."""
    rule = f"6.1-q{quarter}"
    assert one(rule, {2025: meetings(("stuurgroep", date))}) is C
    other = "2025-06-15" if quarter != 2 else "2025-12-15"
    assert one(rule, {2025: meetings(("stuurgroep", other))}) is B


# -- milestones: deliverables by a date ---------------------------------------------------

MILESTONES = [
    # rule, deliverable, due, party of the scope (None: agreement), obligation shortfall
    ("1.2", "afspraken-locaties-600", "2025-12-31", "gemeente", B),
    ("1.4", "onderzoek-grondinstrumenten", "2028-12-31", "gemeente", B),
    ("1.5", "gesprek-realisatiestimulans", "2025-12-31", None, B),
    ("1.7", "afspraken-huisvestingsverordening", "2025-12-31", None, B),
    ("1.9", "onderzoek-studenten-jongeren-starters", "2025-06-30", None, B),
    ("1.10", "woonzorgbehoefte-aandachtsgroepen", "2025-12-31", "gemeente", B),
    ("1.11", "pilot-housing-first", "2025-12-31", None, B),
    ("1.12", "pilot-beter-benutten", "2025-12-31", None, B),
    ("1.13", "parkeerbeleid-herijkt", "2025-12-31", "gemeente", B),
    ("1.15-pakket-a", "afspraken-pakket-a", "2025-06-30", None, B),
    ("1.15-pakket-b", "afspraken-pakket-b", "2025-12-31", None, B),
    ("1.17", "verhuisregeling-gestart", "2025-12-31", None, B),
    ("1.22", "10-jarenplan", "2025-06-30", None, B),
    ("1.23", "onderzoek-conceptueel-bouwen", "2028-12-31", "gemeente", B),
    ("1.24", "verplaatsing-heijmans-one", "2026-12-31", None, B),
    ("1.25", "erfpacht-holyweg", "2025-03-31", None, W),
    ("3.1", "warmtekeuze-per-wijk", "2025-12-31", "gemeente", B),
    ("3.2", "nota-aardgasvrij-holy", "2025-12-31", None, B),
    ("3.3", "groeipad-aardgasvrij", "2028-12-31", None, B),
    ("3.4", "kavelstrategie", "2028-12-31", "gemeente", B),
    ("3.5", "hoofdboodschap-energietransitie", "2025-12-31", None, B),
    ("3.6", "onderzoek-hittestress", "2028-12-31", None, B),
    ("3.7", "afspraken-aantallen-ouderenwoningen", "2028-12-31", None, B),
    ("3.11", "onderzoek-oost24", "2025-12-31", "samenwerking", B),
    ("3.12-gemeente", "toestemming-tijdelijke-verhuur-kantoor", "2025-12-31", "gemeente", B),
    ("4.2", "afspraken-uitstroom", "2025-12-31", None, B),
    ("4.4", "onderzoek-buurtbemiddeling", "2028-12-31", None, B),
    ("4.6", "convenant-woonfraude", "2025-12-31", None, B),
    ("4.8", "gebiedsvisies", "2028-12-31", "waterweg-wonen", B),
    ("5.2", "gebiedsprogramma-westwijk", "2025-12-31", None, B),
    ("5.4", "gesprek-rol-schuldeiser", "2025-12-31", None, B),
    ("6.1-ingesteld", "stuurgroep-ingesteld", "2025-03-31", None, B),
    ("6.2", "plan-van-aanpak-databoord", "2025-06-30", "waterweg-wonen", B),
    ("6.4", "overzicht-financiele-middelen", "2025-12-31", None, B),
]


def delivered(deliverable: str, date: str, party: str | None) -> dict:
    return {"collections": {"deliverables": [{"id": deliverable, "party": party or "gemeente",
                                              "date": date}]}}


def next_day(date: str) -> str:
    import datetime as dt
    return (dt.date.fromisoformat(date) + dt.timedelta(days=1)).isoformat()


@pytest.mark.parametrize(("rule", "deliverable", "due", "party", "late"), MILESTONES)
def test_milestone_delivered_on_the_due_date_complies_a_day_later_does_not(
        rule: str, deliverable: str, due: str, party: str | None, late: Status) -> None:
    """Every dated clause (1.2 ... 6.4; the undated products of 1.4, 1.23, 3.7, 4.4 and 4.8 by the
    end of the term, 2028): on the due date complies; a day late is a breach (1.25, an
    effort ("spannen zich in"), a warning)."""
    year = int(due[:4])
    assert one(rule, {year: delivered(deliverable, due, party)}) is C
    late_date = next_day(due)
    late_year = int(late_date[:4])
    facts = {late_year: delivered(deliverable, late_date, party)}
    assert one(rule, facts, year) is late  # the shortfall is the due year's
    if late_year > year:  # delivered from then on (after the term, 2028, no rule is judged)
        assert one(rule, facts) is (C if late_year <= 2028 else NA)


@pytest.mark.parametrize(("rule", "deliverable", "due", "party", "late"), MILESTONES)
def test_milestone_not_delivered_is_not_due_before_its_year_and_overdue_after(
        rule: str, deliverable: str, due: str, party: str | None, late: Status) -> None:
    """Every dated clause: nothing delivered is not yet due before the due year, overdue in it."""
    year = int(due[:4])
    empty = {"collections": {"deliverables": []}}
    if year > 2025:
        assert one(rule, {2025: empty}) is ND
    assert one(rule, {year: empty}) is late


def test_milestone_party_scoped_deliverable_of_another_party_does_not_count() -> None:
    """1.13: the municipality's own deliverable ("herijkt de gemeente haar parkeerbeleid")."""
    assert one("1.13",
               {2025: delivered("parkeerbeleid-herijkt", "2025-06-01", "samenwerking")}) is B


@pytest.mark.parametrize(("rule", "deliverable", "party"), [
    ("6.5", "actualisatie", None), ("6.6", "sessie-huurders-nieuwbouw", "gemeente")])
def test_6_5_and_6_6_yearly_deliverables(rule: str, deliverable: str, party: str | None) -> None:
    """6.5 "Jaarlijks vindt een actualisatie plaats", 6.6 "organiseert jaarlijks een sessie"."""
    assert one(rule, {2026: delivered(deliverable, "2026-12-31", party)}) is C
    years = {2025: delivered(deliverable, "2025-11-01", party),
             2026: {"collections": {"deliverables": []}}}
    assert one(rule, years) is B  # last year's delivery does not count for this year


# -- the bundled facts --------------------------------------------------------------------

def test_bundled_facts_show_every_status_and_a_contested_figure() -> None:
    """facts/vlaardingen-2025 (2024 baseline, 2025 and 2026) shows every status at least once."""
    result = check([BUNDLED_FACTS / PACK])
    own = [f for f in result.findings if f.rule.pack == PACK]
    assert {f.status for f in own} == set(Status)
    assert any(f.contested for f in own)
    suspended = {(f.rule.id, f.year) for f in own if f.reason == "suspended"}
    assert suspended == {("3.13", 2026)}
