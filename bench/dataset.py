"""The synthetic national dataset the benchmark runs on, generated once and deterministically.

N agreements x Y years: one rule pack per agreement with ~45 rules of the kinds the real packs
use, and one fact set per agreement and year with its lettings in a CSV file beside it. When the
output folder's manifest shows the same parameters and generator version, the files are reused.
See bench/README.md for what the packs and facts hold.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import random
import shutil
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

GENERATOR_VERSION = 8  # bump when the generated files change, so old datasets are regenerated
SEED = 20251123
FIRST_YEAR = 2025
NATIONAL_PACK = "npa-2025"  # the national agreement in force from FIRST_YEAR; copied from rules/
AFTOPPINGSGRENS_2 = 697.07  # the 2025 upper aftoppingsgrens; only used to derive a figure
EPSILON = 1e-9  # woonpact treats numbers within one part in a billion as equal


# =================================================================================================
# The dataset's specification: everything the packs say, derived from the seed alone
# =================================================================================================

@dataclass(frozen=True)
class ThresholdKind:
    """A ratio clause many agreements share, each with its own bound: `share(part, whole) op N%`."""

    kind: str
    part: str
    whole: str
    op: str
    bounds: tuple[int | float, ...]  # the percentages agreements choose from
    obligations: tuple[str, ...]
    theme: str
    nl: str
    en: str


THRESHOLD_KINDS = (
    ThresholdKind("vrije-toewijzing", "lettings_free_allocation", "lettings_total", "<=",
                  (10, 15, 20), ("result",), "toewijzing",
                  "Vrije toewijzingsruimte", "Free allocation"),
    ThresholdKind("huurtoeslag", "lettings_huurtoeslag", "lettings_total", ">=",
                  (60, 70, 75), ("result", "effort"), "betaalbaarheid",
                  "Toewijzing aan huurtoeslaggerechtigden", "Lettings to huurtoeslag households"),
    ThresholdKind("bijzondere-doelgroepen", "lettings_special_groups", "lettings_total", ">=",
                  (20, 25, 30), ("effort",), "doelgroepen",
                  "Toewijzing aan bijzondere doelgroepen", "Lettings to special groups"),
    ThresholdKind("statushouders", "lettings_statushouders", "lettings_special_groups", ">=",
                  (30, 40), ("effort",), "doelgroepen",
                  "Aandeel statushouders", "Share of statushouders"),
    ThresholdKind("primaire-doelgroep", "lettings_primary_target_group", "lettings_total", ">=",
                  (70, 80), ("result",), "betaalbaarheid",
                  "Toewijzing aan de primaire doelgroep", "Lettings to the primary target group"),
    ThresholdKind("herverhuur-betaalbaar", "lettings_relet_below_aftoppingsgrens_2",
                  "lettings_relet", ">=", (75, 80, 90), ("result", "effort"), "betaalbaarheid",
                  "Herverhuur onder de 2e aftoppingsgrens",
                  "Re-lettings below the 2nd aftoppingsgrens"),
    ThresholdKind("urgenten", "lettings_urgent", "lettings_total", "<=",
                  (8, 10), ("effort",), "doelgroepen",
                  "Aandeel urgenten begrensd", "Share of urgent households capped"),
    ThresholdKind("regulier", "lettings_regular", "lettings_total", ">=",
                  (60, 70), ("effort",), "toewijzing",
                  "Reguliere woningzoekenden", "Regular home seekers"),
    ThresholdKind("uitstroom", "lettings_uitstroom", "lettings_special_groups", ">=",
                  (10, 15), ("effort",), "wonen-en-zorg",
                  "Uitstroom uit instellingen", "Leaving institutions"),
    ThresholdKind("lokaal-maatwerk", "lettings_lokaal_maatwerk", "lettings_total", "<=",
                  (10, 25), ("result",), "toewijzing",
                  "Lokaal maatwerk begrensd", "Lokaal maatwerk capped"),
    ThresholdKind("betaalbare-voorraad", "stock_below_aftoppingsgrenzen", "stock_total", ">=",
                  (60, 70), ("effort",), "betaalbaarheid",
                  "Betaalbare voorraad", "Affordable stock"),
    ThresholdKind("daeb", "stock_daeb", "stock_total", ">=",
                  (85, 90), ("result",), "beschikbaarheid",
                  "DAEB-aandeel in de voorraad", "DAEB share of the stock"),
)


@dataclass(frozen=True)
class Threshold:
    """One agreement's instance of a threshold kind: a rule the three evaluators must agree on."""

    kind: ThresholdKind
    pack: str
    number: int | float  # the percentage as written in the pack
    obligation: str
    shortfall: str  # the status when the norm is missed: breach, or warning for an effort

    @property
    def rule_id(self) -> str:
        return f"t-{self.kind.kind}"

    @property
    def key(self) -> str:
        return f"{self.pack}/{self.rule_id}"

    @property
    def bound(self) -> float:
        return self.number / 100  # exactly as the rule parser turns `15%` into 0.15

    @property
    def norm_text(self) -> str:
        return f"{self.kind.op} {self.number}%"

    @property
    def durable_id(self) -> str:
        """Agreements that chose the same bound share one durable-rules rule."""
        return f"{self.kind.kind} {self.norm_text}"


@dataclass(frozen=True)
class Corporation:
    """A corporation and the tendencies its synthetic lettings and stock are drawn from."""

    id: str
    name: str
    weight: float  # its share of the agreement's lettings
    stock: int
    p_relet: float
    p_free: float
    p_huurtoeslag: float
    p_special: float
    special_mix: tuple[float, float, float]  # statushouder, urgent, uitstroom (rest: bijzonder)
    rent_high: float  # upper end of letting rents
    lokaal_maatwerk: float
    daeb: float
    affordable: float
    efg_start: float
    efg_rate: float
    insulated: float
    new_build_target: int
    mid_rent_target: int
    sale_cap: int


@dataclass(frozen=True)
class Agreement:
    index: int
    pack: str
    municipality: str
    policy: str
    corporations: tuple[Corporation, ...]
    thresholds: tuple[Threshold, ...]
    lettings_weight: float
    social_share_start: float
    homes_total: int
    supported_living_start: int
    supported_living_target: int
    huurbeleid_year: int
    convenant_year: int
    neighbourhoods: int


def agreement_spec(index: int, seed: int) -> Agreement:
    """Draw one agreement from its own random stream, so any agreement can be rebuilt alone."""
    rng = random.Random(f"{seed}:pack:{index}")
    pack = f"bench-{index:03d}"
    policy = "breach" if rng.random() < 0.15 else "warning"
    corporations = tuple(_corporation(rng, i) for i in range(rng.randint(2, 4)))
    thresholds = []
    for kind in THRESHOLD_KINDS:
        obligation = rng.choice(kind.obligations)
        shortfall = "breach" if obligation == "result" or policy == "breach" else "warning"
        thresholds.append(Threshold(kind, pack, rng.choice(kind.bounds), obligation, shortfall))
    share = rng.uniform(0.2, 0.34)
    return Agreement(
        index=index, pack=pack, municipality=f"Benchdorp {index:03d}", policy=policy,
        corporations=corporations, thresholds=tuple(thresholds),
        lettings_weight=rng.uniform(0.4, 1.6), social_share_start=share,
        homes_total=int(sum(c.stock for c in corporations) / share),
        supported_living_start=rng.randint(10, 80), supported_living_target=rng.randint(90, 200),
        huurbeleid_year=rng.choice((2025, 2026, 2027)),
        convenant_year=rng.randint(FIRST_YEAR, 2031),
        neighbourhoods=rng.randint(4, 8),
    )


def _corporation(rng: random.Random, i: int) -> Corporation:
    stock = rng.randint(1500, 14000)
    return Corporation(
        id=f"corp-{'abcd'[i]}", name=f"Woonstichting {'ABCD'[i]}{rng.randint(10, 99)}",
        weight=rng.uniform(0.5, 1.5), stock=stock, p_relet=rng.uniform(0.75, 0.9),
        p_free=rng.uniform(0.04, 0.2), p_huurtoeslag=rng.uniform(0.5, 0.85),
        p_special=rng.uniform(0.15, 0.4),
        special_mix=(rng.uniform(0.25, 0.55), rng.uniform(0.2, 0.4), rng.uniform(0.05, 0.2)),
        rent_high=rng.uniform(760, 960), lokaal_maatwerk=rng.uniform(0.02, 0.3),
        daeb=rng.uniform(0.82, 0.97), affordable=rng.uniform(0.55, 0.85),
        efg_start=rng.uniform(0.0, 0.05), efg_rate=rng.uniform(0.2, 0.4),
        insulated=rng.uniform(0.3, 0.55), new_build_target=int(stock * rng.uniform(0.02, 0.06)),
        mid_rent_target=int(stock * rng.uniform(0.005, 0.015)),
        sale_cap=int(stock * rng.uniform(0.01, 0.03)),
    )


# =================================================================================================
# Packs: ~45 rules of the kinds the real packs use
# =================================================================================================

def _rule(rule_id: str, nl: str, en: str, theme: str, obligation: str, scope: Any,
          **shape: Any) -> dict[str, Any]:
    return {"id": rule_id, "title": {"nl": nl, "en": en}, "theme": theme,
            "source": {"section": f"Synthetisch artikel {rule_id}",
                       "quote": f"Synthetische afspraak: {nl}."},
            "obligation": obligation, "scope": scope, **shape}


def pack_document(a: Agreement, last_year: int) -> dict[str, Any]:
    """The pack as YAML data: header, parties and rules."""
    parties = [{"id": "gemeente", "name": f"Gemeente {a.municipality}", "role": "gemeente"}]
    for c in a.corporations:
        parties.append({"id": c.id, "name": c.name, "role": "corporatie"})
        parties.append({"id": f"hbo-{c.id}", "name": f"Huurdersorganisatie {c.name}",
                        "role": "huurdersorganisatie"})
    return {
        "pack": a.pack, "title": f"Prestatieafspraken {a.municipality} {FIRST_YEAR}-{last_year}",
        "municipality": a.municipality, "period": {"from": FIRST_YEAR, "to": last_year},
        "document": {"title": f"Synthetische prestatieafspraken {a.municipality}"},
        "includes": [NATIONAL_PACK], "parties": parties,
        "policy": {"effort_shortfall": a.policy},
        "rules": [*_agreement_rules(a), *_threshold_rules(a), *_corporation_rules(),
                  *_party_rules(a), *_entity_rules(), *_process_rules(), *_milestone_rules(a)],
    }


def _agreement_rules(a: Agreement) -> list[dict[str, Any]]:
    start, target = a.supported_living_start, a.supported_living_target
    return [
        _rule("visie-sociaal-aandeel", "Aandeel sociale huur groeit naar 30%",
              "Social rent share grows to 30%", "beschikbaarheid", "effort", "agreement",
              measure="share(stock_social, stock_total)", norm=">= 30%", deadline=2030,
              trajectory={"start": {"year": 2024, "value": f"{a.social_share_start:.1%}"}}),
        _rule("saldo-sociaal", "Per saldo groei van de sociale voorraad",
              "Net growth of the social stock", "beschikbaarheid", "effort", "agreement",
              measure="cumulative(new_build_social - demolished_social - sold_social"
                      " - liberalised, 2025)",
              norm="> 0"),
        _rule("voorraad-niet-dalen", "Sociale voorraad daalt niet", "Social stock does not fall",
              "beschikbaarheid", "result", "agreement", years={"from": FIRST_YEAR + 1},
              measure="stock_social", norm=">= previous(stock_social)"),
        # Year keys are written as text: `2026:` (an int key) crashes pack validation, see README.
        _rule("beschermd-wonen", "Plaatsen beschermd wonen", "Places for supported living",
              "wonen-en-zorg", "effort", "agreement", measure="places_supported_living",
              norm=f">= {target}", deadline=2030,
              trajectory={"milestones": {"2026": (start + target) // 3,
                                         "2028": 2 * (start + target) // 3}}),
    ]


def _threshold_rules(a: Agreement) -> list[dict[str, Any]]:
    return [_rule(t.rule_id, f"{t.kind.nl} {t.norm_text}", f"{t.kind.en} {t.norm_text}",
                  t.kind.theme, t.obligation, "corporations",
                  measure=f"share({t.kind.part}, {t.kind.whole})", norm=t.norm_text)
            for t in a.thresholds]


def _corporation_rules() -> list[dict[str, Any]]:
    efg = "stock_label_efg - stock_label_efg_exempt"
    return [
        _rule("huursom", "Huursomstijging niet boven de cao-loonontwikkeling",
              "Rent-sum increase within CAO wage growth", "betaalbaarheid", "result",
              "corporations", measure="rent_sum_increase", norm="<= param(cao_loonontwikkeling)",
              signal={"level": "> 4%",
                      "action": {"nl": "Huurverhoging toelichten", "en": "Explain the increase"}}),
        _rule("concentratie-statushouders", "Concentratie statushouders",
              "Concentration of statushouders", "leefbaarheid", "effort", "corporations",
              measure="share(lettings_statushouders, lettings_total)", norm="<= 15%",
              signal={"level": "> 12%", "action": "Spreiding bespreken"}),
        _rule("efg-uitfasering", "Geen EFG-labels uiterlijk 2028", "No EFG labels by 2028",
              "duurzaamheid", "result", "corporations", measure=efg, norm="<= 0", deadline=2028,
              trajectory={"start": {"year": 2025, "value": f"at(2025, {efg})"}}),
        _rule("toekomstklaar", "Helft toekomstklaar geïsoleerd in 2030",
              "Half future-proof insulated by 2030", "duurzaamheid", "effort", "corporations",
              measure="share(stock_future_proof_insulated, stock_total)", norm=">= 50%",
              deadline=2030),
        _rule("overleg-boven-35", "Boven 35% bijzondere doelgroepen in overleg",
              "Above 35% special groups, consult", "doelgroepen", "result", "corporations",
              trigger={"when": "share(lettings_special_groups, lettings_total) > 35%",
                       "action": {"nl": "Partijen treden in overleg",
                                  "en": "The parties consult"}}),
    ]


def _party_rules(a: Agreement) -> list[dict[str, Any]]:
    rules = []
    straight = {"start": {"year": 2024, "value": 0}}
    for c in a.corporations:
        party = {"party": c.id}
        rules += [
            _rule(f"nieuwbouw-{c.id}",
                  f"{c.name} voegt {c.new_build_target} sociale huurwoningen toe",
                  f"{c.name} adds {c.new_build_target} social homes", "beschikbaarheid", "effort",
                  party, measure="cumulative(new_build_social, 2025)",
                  norm=f">= {c.new_build_target}", deadline=2030, trajectory=straight),
            _rule(f"middenhuur-{c.id}",
                  f"{c.name} voegt {c.mid_rent_target} middenhuurwoningen toe",
                  f"{c.name} adds {c.mid_rent_target} mid-rent homes", "beschikbaarheid", "effort",
                  party, applies_if='condition("financiering_gevonden")',
                  measure="cumulative(new_build_mid_rent, 2025)", norm=f">= {c.mid_rent_target}",
                  deadline=2030, trajectory=straight),
            _rule(f"verkoop-{c.id}", f"{c.name} verkoopt maximaal {c.sale_cap} woningen",
                  f"{c.name} sells at most {c.sale_cap} homes", "beschikbaarheid", "result", party,
                  measure="cumulative(sold_total, 2025)", norm=f"<= {c.sale_cap}"),
        ]
    first = a.corporations[0]
    target = max(3, int(first.stock * first.efg_start * 0.8))
    rules.append(_rule(f"labelsprong-{first.id}", "Labelsprong EFG", "EFG label upgrades",
                       "duurzaamheid", "effort", {"party": first.id},
                       measure="cumulative(homes_upgraded_from_efg, 2025)", norm=f">= {target}",
                       deadline=2028,
                       trajectory={"milestones": {"2026": target // 3, "2027": 2 * target // 3}}))
    return rules


def _entity_rules() -> list[dict[str, Any]]:
    escalate = {"nl": "Opschalen naar bestuurlijk overleg", "en": "Escalate to bestuurlijk overleg"}
    report = {"nl": "Melden bij de gemeente", "en": "Report to the municipality"}
    return [
        _rule("nieuwbouw-30", "Minimaal 30% sociaal bij 16 woningen of meer",
              "At least 30% social from 16 homes", "beschikbaarheid", "result",
              {"each": "projects", "where": "homes >= 16"},
              measure="share(social_rent_homes, homes)", norm=">= 30%"),
        _rule("nieuwbouw-middenhuur", "10% middenhuur bij 50 woningen of meer",
              "10% mid-rent from 50 homes", "beschikbaarheid", "effort",
              {"each": "projects", "where": "homes >= 50"},
              measure="share(mid_rent_homes, homes)", norm=">= 10%"),
        _rule("geschil-opschalen", "Geschil over het sociale deel opschalen",
              "Escalate a dispute on the social part", "beschikbaarheid", "result",
              {"each": "projects", "where": "developer_disagreement"},
              trigger={"action": escalate, "done": "escalated_to_bestuurlijk_overleg"}),
        _rule("wijk-differentiatie", "Wijken boven 60% sociale huur: differentiëren",
              "Neighbourhoods above 60% social rent: differentiate", "leefbaarheid", "effort",
              {"each": "neighbourhoods", "where": "share(social_rent_homes, homes) > 60%"},
              trigger={"action": "Sturen op woondifferentiatie", "done": "differentiation_plan"}),
        _rule("weigeringen-melden", "Vaak geweigerde woningen melden", "Report homes refused often",
              "toewijzing", "result", {"each": "lettings", "where": "relet and refusals >= 50"},
              trigger={"action": report, "done": "reported_to_municipality"}),
    ]


def _process_rules() -> list[dict[str, Any]]:
    def meetings(rule_id: str, nl: str, en: str, where: str, norm: str,
                 obligation: str = "result", **extra: Any) -> dict[str, Any]:
        return _rule(rule_id, nl, en, "samenwerking", obligation, "agreement",
                     responsible=["gemeente"], measure=f"count(meetings where {where})", norm=norm,
                     **extra)

    return [
        meetings("ao-q1", "Ambtelijk overleg in Q1", "Official meeting in Q1",
                 'kind == "ambtelijk_overleg" and quarter == 1', ">= 1"),
        meetings("ao-q3", "Ambtelijk overleg in Q3", "Official meeting in Q3",
                 'kind == "ambtelijk_overleg" and quarter == 3', ">= 1"),
        meetings("bo", "Jaarlijks bestuurlijk overleg", "Yearly bestuurlijk overleg",
                 'kind == "bestuurlijk_overleg"', ">= 1"),
        meetings("ketenpartners", "Ketenpartneroverleg vier keer per jaar",
                 "Chain partners four times a year", 'kind == "ketenpartneroverleg"', ">= 4"),
        meetings("wijkschouw", "Circa drie wijkschouwen per jaar", "About three walks a year",
                 'kind == "wijkschouw"', ">= 3", obligation="effort", tolerance=1),
    ]


def _milestone_rules(a: Agreement) -> list[dict[str, Any]]:
    first = a.corporations[0]
    return [
        _rule("sessie-planprocessen", "Sessie over planprocessen in 2025",
              "Planning session in 2025", "samenwerking", "result", {"party": "gemeente"},
              milestone={"deliverable": "sessie-planprocessen", "due": f"{FIRST_YEAR}-12-31"}),
        _rule("huurbeleid", f"{first.name} stelt nieuw huurbeleid vast",
              f"{first.name} adopts a rent policy", "betaalbaarheid", "result", {"party": first.id},
              milestone={"deliverable": "huurbeleid", "due": f"{FIRST_YEAR + 1}-06-30"}),
        _rule("convenant-woonfraude", "Convenant woonfraude", "Covenant on housing fraud",
              "leefbaarheid", "result", "agreement",
              milestone={"deliverable": "convenant-woonfraude", "due": "2030-12-31"}),
        _rule("bod", "Jaarlijks bod voor 1 juli", "Yearly bid by 1 July", "samenwerking", "result",
              "corporations", milestone={"deliverable": "bod", "due_each_year": "07-01"}),
    ]


# =================================================================================================
# Facts: one YAML per agreement and year, the lettings in a CSV next to it
# =================================================================================================

LETTING_COLUMNS = ("id", "party", "date", "rent", "relet", "target_group", "free_allocation",
                   "huurtoeslag", "refusals", "reported_to_municipality")
SPECIAL_GROUPS = ("statushouder", "urgent", "uitstroom")


def _day(rng: random.Random, year: int, first_month: int = 1, last_month: int = 12) -> str:
    start = dt.date(year, first_month, 1)
    end = dt.date(year + (last_month == 12), last_month % 12 + 1, 1)
    return (start + dt.timedelta(days=rng.randrange((end - start).days))).isoformat()


def _flag(value: bool) -> str:
    return "true" if value else "false"


def _target_group(rng: random.Random, c: Corporation) -> str:
    if rng.random() >= c.p_special:
        return "regulier"
    draw, total = rng.random(), 0.0
    for group, p in zip(SPECIAL_GROUPS, c.special_mix, strict=True):
        total += p
        if draw < total:
            return group
    return "bijzonder"


def lettings_for(rng: random.Random, a: Agreement, c: Corporation, year: int, count: int,
                 rows: list[list[str]]) -> Counter[str]:
    """Append the corporation's lettings to `rows`; return the counts its figures report."""
    n: Counter[str] = Counter()
    for i in range(count):
        relet = rng.random() < c.p_relet
        rent = round(rng.uniform(450, c.rent_high), 2)
        huurtoeslag = rng.random() < c.p_huurtoeslag
        group = _target_group(rng, c)
        refusals = int(rng.expovariate(1 / 11))  # about 1% reach 50
        reported = rng.random() < (0.75 if refusals >= 50 else 0.1)
        free = rng.random() < c.p_free
        rows.append([f"{a.pack}-{year}-{c.id}-{i}", c.id, _day(rng, year), f"{rent:.2f}",
                     _flag(relet), group, _flag(free), _flag(huurtoeslag), str(refusals),
                     _flag(reported)])
        n["total"] += 1
        n["relet"] += relet
        n["relet_cheap"] += relet and rent <= AFTOPPINGSGRENS_2
        n["free"] += free
        n["huurtoeslag"] += huurtoeslag
        n["primary"] += huurtoeslag or rent <= 600
        n["regular" if group == "regulier" else "special"] += 1
        n[group] += 1
    return n


def corporation_figures(rng: random.Random, c: Corporation, year: int,
                        n: Counter[str]) -> dict[str, Any]:
    """One corporation's yearly figures; the lettings figures are the counts of its CSV rows."""
    t = year - FIRST_YEAR
    stock = c.stock + t * int(c.new_build_target / 6)
    efg = max(0, round(c.stock * c.efg_start * (1 - c.efg_rate * (t + 1))))
    build = c.new_build_target / 6
    lokaal = min(0.9, max(0.0, c.lokaal_maatwerk + rng.uniform(-0.03, 0.03)))
    affordable = min(0.99, c.affordable + rng.uniform(-0.03, 0.03))
    upgraded = round(c.stock * c.efg_start * c.efg_rate * rng.uniform(0.6, 1.2))
    figures: dict[str, Any] = {
        "stock_total": stock,
        "stock_social": int(stock * 0.92),
        "stock_daeb": int(stock * min(0.99, c.daeb + rng.uniform(-0.02, 0.02))),
        "stock_below_aftoppingsgrenzen": int(stock * affordable),
        "stock_below_aftoppingsgrens_2": int(stock * min(0.99, c.affordable + 0.08)),
        "stock_label_efg": efg,
        "stock_label_efg_exempt": min(efg, rng.randint(0, 3)),
        "stock_future_proof_insulated": int(stock * min(0.95, c.insulated + 0.03 * t)),
        "new_build_social": max(0, round(build * rng.uniform(0.5, 1.4))),
        "new_build_mid_rent": max(0, round(c.mid_rent_target / 6 * rng.uniform(0.3, 1.5))),
        "demolished_social": rng.randint(0, max(1, int(build * 0.6))),
        "sold_social": rng.randint(0, max(1, c.sale_cap // 6)),
        "liberalised": rng.randint(0, 8),
        "homes_upgraded_from_efg": upgraded,
        "rent_sum_increase": f"{rng.uniform(2.5, 5.5):.1f}%",
        "lettings_total": n["total"],
        "lettings_relet": n["relet"],
        "lettings_relet_below_aftoppingsgrens_2": n["relet_cheap"],
        "lettings_free_allocation": n["free"],
        "lettings_huurtoeslag": n["huurtoeslag"],
        "lettings_primary_target_group": n["primary"],
        "lettings_regular": n["regular"],
        "lettings_special_groups": n["special"],
        "lettings_statushouders": n["statushouder"],
        "lettings_urgent": n["urgent"],
        "lettings_uitstroom": n["uitstroom"],
        "lettings_lokaal_maatwerk": int(n["total"] * lokaal),
        "lokaal_maatwerk_quota": int(n["total"] * 0.25),
    }
    figures["sold_total"] = figures["sold_social"] + rng.randint(0, 3)
    if rng.random() < 0.05:  # now and then the municipality disputes a figure
        figures["lettings_free_allocation"] = {
            "value": n["free"], "contested_by": "gemeente",
            "reason": "De gemeente telt lokaal maatwerk niet als vrije toewijzing."}
    return figures


def _projects(rng: random.Random, a: Agreement, year: int) -> list[dict[str, Any]]:
    projects = []
    for i in range(rng.randint(2, 6)):
        homes = rng.randint(6, 140)
        project: dict[str, Any] = {
            "id": f"p{year}-{i}", "name": f"Project {year}-{i}", "homes": homes,
            "social_rent_homes": int(homes * rng.uniform(0.1, 0.45)),
            "land": rng.choice(("gemeente", "derden"))}
        if rng.random() < 0.85:  # otherwise missing: a realistic gap (missing_data)
            project["mid_rent_homes"] = int(homes * rng.uniform(0.0, 0.2))
        if rng.random() < 0.8:
            project["party"] = rng.choice(a.corporations).id
        if rng.random() < 0.15:
            project["developer_disagreement"] = True
            project["escalated_to_bestuurlijk_overleg"] = rng.random() < 0.6
        projects.append(project)
    return projects


def _neighbourhoods(rng: random.Random, a: Agreement) -> list[dict[str, Any]]:
    shape = random.Random(f"{SEED}:wijken:{a.index}")  # the same neighbourhoods every year
    out = []
    for i in range(a.neighbourhoods):
        homes = shape.randint(800, 4000)
        social = int(homes * shape.uniform(0.2, 0.75) * rng.uniform(0.97, 1.03))
        out.append({"id": f"wijk-{i}", "name": f"Wijk {i}", "homes": homes,
                    "social_rent_homes": min(homes, social),
                    "differentiation_plan": rng.random() < 0.6})
    return out


def _meetings(rng: random.Random, parties: list[str], year: int) -> list[dict[str, Any]]:
    meetings = []
    if rng.random() < 0.9:
        meetings.append({"kind": "ambtelijk_overleg", "date": _day(rng, year, 1, 3),
                         "parties": parties})
    if rng.random() < 0.8:
        meetings.append({"kind": "ambtelijk_overleg", "date": _day(rng, year, 7, 9),
                         "parties": parties})
    if rng.random() < 0.95:
        meetings.append({"kind": "bestuurlijk_overleg", "date": _day(rng, year),
                         "parties": parties})
    meetings += [{"kind": "ketenpartneroverleg", "date": _day(rng, year)}
                 for _ in range(rng.randint(3, 4))]
    meetings += [{"kind": "wijkschouw", "date": _day(rng, year)} for _ in range(rng.randint(1, 4))]
    return meetings


def _deliverables(rng: random.Random, a: Agreement, year: int) -> list[dict[str, Any]]:
    out = []
    if year == FIRST_YEAR and rng.random() < 0.85:
        out.append({"id": "sessie-planprocessen", "party": "gemeente", "date": _day(rng, year)})
    if year == a.huurbeleid_year:
        out.append({"id": "huurbeleid", "party": a.corporations[0].id, "date": _day(rng, year)})
    if year == a.convenant_year:
        out.append({"id": "convenant-woonfraude", "party": "gemeente", "date": _day(rng, year)})
    for c in a.corporations:
        if rng.random() < 0.95:  # due 1 July; drawn from May to August, so some are late
            out.append({"id": "bod", "party": c.id, "date": _day(rng, year, 5, 8)})
    return out


def facts_document(a: Agreement, year: int, lettings: int,
                   csv_name: str) -> tuple[dict[str, Any], list[list[str]]]:
    """One year's fact set (YAML data) and its lettings rows (CSV)."""
    rng = random.Random(f"{SEED}:facts:{a.index}:{year}")
    weight = sum(c.weight for c in a.corporations)
    rows: list[list[str]] = []
    parties = {}
    for c in a.corporations:
        counts = lettings_for(rng, a, c, year, max(20, round(lettings * c.weight / weight)), rows)
        parties[c.id] = {"supplied_by": c.id, "system": f"dPi {year}",
                         "figures": corporation_figures(rng, c, year, counts)}
    t = year - FIRST_YEAR
    growth = (a.supported_living_target - a.supported_living_start) * (t + 1) / 6
    places = a.supported_living_start + int(growth * rng.uniform(0.7, 1.2))
    municipality = {"stock_total": a.homes_total + 150 * t, "places_supported_living": places,
                    "stock_social": sum(p["figures"]["stock_social"] for p in parties.values())}
    data = {
        "agreement": a.pack, "year": year,
        "municipality": {"supplied_by": "gemeente", "system": f"Monitor Wonen {year}",
                         "figures": municipality},
        "parties": parties,
        "collections": {
            "projects": _projects(rng, a, year),
            "neighbourhoods": _neighbourhoods(rng, a),
            "lettings": {"csv": csv_name},
            "meetings": _meetings(rng, ["gemeente", *(c.id for c in a.corporations)], year),
            "deliverables": _deliverables(rng, a, year),
        },
        "conditions": {"financiering_gevonden": rng.random() < 0.7},
    }
    return data, rows


# =================================================================================================
# Writing the dataset, or reusing it when it was generated with the same parameters
# =================================================================================================

@dataclass
class Dataset:
    out: Path
    agreements: list[Agreement]
    years: tuple[int, ...]
    lettings_per_year: dict[int, int]
    generated: bool
    seconds: float

    @property
    def rules_dir(self) -> Path:
        return self.out / "rules"

    def facts_dir(self, a: Agreement) -> Path:
        return self.out / "facts" / a.pack


def ensure_dataset(out: Path, n_agreements: int, n_years: int, national_lettings: int) -> Dataset:
    """Generate the dataset into `out`, or reuse it when its manifest has the same parameters."""
    started = time.perf_counter()
    agreements = [agreement_spec(i, SEED) for i in range(1, n_agreements + 1)]
    years = tuple(range(FIRST_YEAR, FIRST_YEAR + n_years))
    wanted = {"generator": GENERATOR_VERSION, "seed": SEED, "agreements": n_agreements,
              "years": list(years), "lettings_per_year": national_lettings}
    manifest_path = out / "manifest.json"
    _copy_national_pack(out)
    if manifest_path.exists():
        manifest = json.loads(manifest_path.read_text())
        if manifest.get("parameters") == wanted and _complete(out, agreements, years):
            counts = {int(y): n for y, n in manifest["lettings"].items()}
            return Dataset(out, agreements, years, counts, False, time.perf_counter() - started)
        _remove_generated(out)  # ours (it has our manifest) but made with other parameters
    counts = _write_dataset(out, agreements, years, national_lettings)
    manifest_path.write_text(json.dumps({"parameters": wanted, "lettings": counts}, indent=2))
    return Dataset(out, agreements, years, counts, True, time.perf_counter() - started)


def _copy_national_pack(out: Path) -> None:
    """The synthetic packs include the repository's national pack, as the real packs do."""
    from woonpact.engine import paths

    source, target = paths.RULES / f"{NATIONAL_PACK}.yaml", out / "rules" / f"{NATIONAL_PACK}.yaml"
    target.parent.mkdir(parents=True, exist_ok=True)
    if not target.exists() or target.read_bytes() != source.read_bytes():
        shutil.copyfile(source, target)


def _complete(out: Path, agreements: list[Agreement], years: tuple[int, ...]) -> bool:
    return all((out / "rules" / f"{a.pack}.yaml").exists()
               and all((out / "facts" / a.pack / f"{y}.yaml").exists() for y in years)
               for a in agreements)


def _remove_generated(out: Path) -> None:
    for pack in (out / "rules").glob("bench-*.yaml"):
        pack.unlink()
    for folder in (out / "facts").glob("bench-*"):
        shutil.rmtree(folder)
    (out / "manifest.json").unlink(missing_ok=True)


def _dump(data: Any, path: Path) -> None:
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    text = yaml.dump(data, Dumper=dumper, sort_keys=False, allow_unicode=True, width=110,
                     default_flow_style=None)
    path.write_text("# Generated by bench/benchmark.py (synthetic); do not edit.\n" + text,
                    encoding="utf-8")


def _write_dataset(out: Path, agreements: list[Agreement], years: tuple[int, ...],
                   national: int) -> dict[int, int]:
    (out / "rules").mkdir(parents=True, exist_ok=True)
    last_year = max(2030, years[-1])
    weight = sum(a.lettings_weight for a in agreements)
    totals: dict[int, int] = dict.fromkeys(years, 0)
    for a in agreements:
        _dump(pack_document(a, last_year), out / "rules" / f"{a.pack}.yaml")
        folder = out / "facts" / a.pack
        folder.mkdir(parents=True, exist_ok=True)
        volume = random.Random(f"{SEED}:volume:{a.index}")
        for year in years:
            lettings = round(national * a.lettings_weight / weight * volume.uniform(0.95, 1.05))
            data, rows = facts_document(a, year, lettings, f"lettings-{year}.csv")
            _dump(data, folder / f"{year}.yaml")
            csv_path = folder / f"lettings-{year}.csv"
            with csv_path.open("w", encoding="utf-8", newline="") as handle:
                writer = csv.writer(handle)
                writer.writerow(LETTING_COLUMNS)
                writer.writerows(rows)
            totals[year] += len(rows)
    return totals
