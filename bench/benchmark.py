"""How fast is woonpact, measured honestly on a synthetic national dataset.

This is a script that prints figures, not a test: nothing here asserts. It

1. generates (once, deterministically) a national dataset of N agreements x Y years: one rule
   pack per agreement with ~45 rules of the kinds the real packs use, and one fact set per
   agreement and year with its lettings in a CSV file;
2. times `woonpact --help` and `woonpact list`, and one `woonpact check` as a subprocess (cold
   and warm cache), against `python -c pass`;
3. times a national sweep in one process: loading every pack and fact set, then evaluating all;
4. evaluates the same threshold rules three ways (woonpact, durable-rules, a plain loop) and
   checks that all three reach the same verdicts before comparing their speed;
5. ends with a summary of each target, the measured figure and whether it is met.

Run `python bench/benchmark.py --help`; bench/README.md explains what is measured.
"""

from __future__ import annotations

import argparse
import cProfile
import csv
import datetime as dt
import gc
import json
import os
import platform
import pstats
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import yaml

T = TypeVar("T")

GENERATOR_VERSION = 7  # bump when the generated files change, so old datasets are regenerated
SEED = 20251123
FIRST_YEAR = 2025
NATIONAL_PACK = "npa-2022"  # the national layer every real pack includes; copied from rules/
AFTOPPINGSGRENS_2 = 697.07  # the 2025 upper aftoppingsgrens; only used to derive a figure
EPSILON = 1e-9  # woonpact treats numbers within one part in a billion as equal

TARGET_WARM_VS_BARE = 15.0
TARGET_HELP_VS_BARE = 3.0
TARGET_SWEEP_SECONDS = 3.0
TARGET_VS_DURABLE = 10.0
TARGET_VS_PLAIN = 3.0


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
    from woonpact.engine import paths  # noqa: PLC0415

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


# =================================================================================================
# Timing helpers
# =================================================================================================

class GcClock:
    """Seconds the cyclic garbage collector ran (via gc.callbacks).

    Reported separately because it is a real, and at national size large, cost of allocating
    many container objects while millions of loaded facts are alive; it is not noise.
    """

    def __init__(self) -> None:
        self.seconds = 0.0
        self._started = 0.0

    def _callback(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            self._started = time.perf_counter()
        else:
            self.seconds += time.perf_counter() - self._started

    def __enter__(self) -> GcClock:  # noqa: PYI034
        gc.callbacks.append(self._callback)
        return self

    def __exit__(self, *exc: object) -> None:
        gc.callbacks.remove(self._callback)


@dataclass
class Timing:
    """Wall-clock samples of one measurement; the median is what is reported."""

    samples: list[float] = field(default_factory=list)
    gc: list[float] = field(default_factory=list)  # per sample, the seconds in the cyclic GC

    @property
    def median(self) -> float:
        return statistics.median(self.samples)

    def describe(self, unit: str = "s") -> str:
        scale = 1000 if unit == "ms" else 1
        if len(self.samples) == 1:
            return f"{self.samples[0] * scale:.3f} {unit} (1 run)"
        return (f"{self.median * scale:.3f} {unit} (median of {len(self.samples)} runs, "
                f"min {min(self.samples) * scale:.3f}, max {max(self.samples) * scale:.3f})")

    def gc_note(self) -> str:
        return f"cyclic GC {statistics.median(self.gc):.2f} s of it" if self.gc else ""


def repeat(fn: Callable[[], T], runs: int) -> tuple[Timing, T]:
    """Run `fn` `runs` times; return the timings and the last result.

    Each run starts after a full collection and with the previous result released, so every
    run sees the same heap.
    """
    timing = Timing()
    result: Any = None
    for _ in range(runs):
        result = None
        gc.collect()
        with GcClock() as clock:
            started = time.perf_counter()
            result = fn()
            timing.samples.append(time.perf_counter() - started)
        timing.gc.append(clock.seconds)
    return timing, result


def rate(count: int, seconds: float) -> str:
    return f"{count / seconds:,.0f}/s" if seconds > 0 else "n/a"


def heading(text: str) -> None:
    print(f"\n== {text} " + "=" * max(0, 96 - len(text)), flush=True)


# =================================================================================================
# (a) one check as a subprocess, cold and warm cache, against a bare interpreter
# =================================================================================================

def woonpact_command() -> list[str]:
    """The `woonpact` console script of the running interpreter's environment."""
    script = Path(sys.executable).parent / "woonpact"
    if script.exists():
        return [str(script)]
    found = shutil.which("woonpact")
    return [found] if found else [sys.executable, "-m", "woonpact.cli"]


def run_process(command: list[str], env: dict[str, str]) -> tuple[float, bytes]:
    """Wall time of one process run, start-up included; its standard output."""
    started = time.perf_counter()
    done = subprocess.run(command, env=env, capture_output=True, check=False)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed ({done.returncode}):\n{done.stderr.decode()}")
    return seconds, done.stdout


@dataclass
class StartupResult:
    bare: Timing
    cold: Timing
    warm: Timing
    findings: int
    command: list[str]

    @property
    def ratio(self) -> float:
        return self.warm.median / self.bare.median


def measure_startup(data: Dataset, runs: int) -> StartupResult:
    """Bare interpreter vs one `woonpact check`: cold: fresh cache folder; warm: the runs after."""
    env = dict(os.environ)
    bare = Timing([run_process([sys.executable, "-c", "pass"], env)[0] for _ in range(2 * runs)])
    command = [*woonpact_command(), "check", str(data.facts_dir(data.agreements[0])), "--rules",
               str(data.rules_dir), "--fail-on", "never", "--format", "json"]
    cold, warm, output = Timing(), Timing(), b"{}"
    for _ in range(runs):
        with tempfile.TemporaryDirectory(prefix="woonpact-cache-") as cache_dir:
            env["WOONPACT_CACHE"] = cache_dir
            for timing in (cold, warm, warm):
                seconds, output = run_process(command, env)
                timing.samples.append(seconds)
    findings = len(json.loads(output)["findings"])
    return StartupResult(bare, cold, warm, findings, command)


@dataclass
class CommandStartup:
    """Commands that must start without the evaluation engine, against a bare interpreter."""

    bare: Timing
    help: Timing
    listing: Timing
    command: list[str]

    @property
    def ratio(self) -> float:
        return self.help.median / self.bare.median


def measure_commands(runs: int = 20) -> CommandStartup:
    """`python -c pass`, `woonpact --help` and `woonpact list` (warm cache), interleaved run by
    run so that a busy moment on the machine touches all three alike."""
    env = dict(os.environ)
    command = woonpact_command()
    bare, help_, listing = Timing(), Timing(), Timing()
    with tempfile.TemporaryDirectory(prefix="woonpact-cache-") as cache_dir, \
            tempfile.TemporaryDirectory(prefix="woonpact-empty-") as empty:
        env["WOONPACT_CACHE"] = cache_dir
        env.pop("WOONPACT_WORKSPACE", None)
        timed = ((bare, [sys.executable, "-c", "pass"]), (help_, [*command, "--help"]),
                 (listing, [*command, "list", "--workspace", empty]))
        run_process(timed[2][1], env)  # fills the cache
        for _ in range(runs):
            for timing, args in timed:
                timing.samples.append(run_process(args, env)[0])
    return CommandStartup(bare, help_, listing, command)


# =================================================================================================
# (b) the national sweep in one process
# =================================================================================================

@dataclass
class Loaded:
    """One agreement ready to evaluate: its pack, all rules that apply, its fact sets by year."""

    spec: Agreement
    pack: Any
    rules: tuple[Any, ...]
    fact_sets: dict[int, Any]


def load_all(data: Dataset) -> list[Loaded]:
    """Load the way `engine.check.check` does (same functions, same cache), minus evaluating.

    Like `woonpact check` given every agreement's folder, it runs with the cyclic collector
    paused (engine/collector.py). It starts without the packs and parameters an earlier load
    in this process kept in memory, as a new process does (engine/cache.py `shared`)."""
    from woonpact.engine import cache, collector  # noqa: PLC0415
    from woonpact.engine.check import cross_check, included_rules, load_facts, resolve_pack  # noqa: PLC0415

    cache.forget_shared()
    loaded = []
    with collector.paused():
        for a in data.agreements:
            fact_sets = load_facts([data.facts_dir(a)])
            pack = resolve_pack(fact_sets, data.rules_dir)
            rules = included_rules(pack, data.rules_dir)
            cross_check(pack, fact_sets, rules)
            loaded.append(Loaded(a, pack, rules, fact_sets))
    return loaded


def evaluate_all(loaded: list[Loaded], compile_clock: list[float] | None = None) -> list[Any]:
    """Evaluate every agreement for all its years, as `engine.check.check` does after loading.

    `compile_clock`, when given, receives the seconds spent building the Evaluations (compiling
    rules into closures), which every process does again for every pack. Like `woonpact check`
    given every agreement's folder, it runs with the cyclic collector paused.
    """
    from woonpact.engine import collector  # noqa: PLC0415
    from woonpact.engine.check import parameters  # noqa: PLC0415
    from woonpact.engine.evaluation.run import Evaluation  # noqa: PLC0415

    params = parameters()
    findings: list[Any] = []
    compiling = 0.0
    with collector.paused():
        for a in loaded:
            started = time.perf_counter()
            evaluation = Evaluation(a.pack, params, a.rules)
            compiling += time.perf_counter() - started
            findings += evaluation.run(a.fact_sets, sorted(a.fact_sets))
    if compile_clock is not None:
        compile_clock.append(compiling)
    return findings


class CacheFolder:
    """A fresh WOONPACT_CACHE folder for this process, removed afterwards."""

    def __init__(self, parent: Path) -> None:
        self.path = Path(tempfile.mkdtemp(prefix="cache-", dir=parent))
        self.previous = os.environ.get("WOONPACT_CACHE")

    def __enter__(self) -> Path:
        os.environ["WOONPACT_CACHE"] = str(self.path)
        return self.path

    def __exit__(self, *exc: object) -> None:
        if self.previous is None:
            os.environ.pop("WOONPACT_CACHE", None)
        else:
            os.environ["WOONPACT_CACHE"] = self.previous
        shutil.rmtree(self.path, ignore_errors=True)


@dataclass
class SweepResult:
    cold_load: Timing | None
    warm_load: Timing
    evaluation: Timing
    compile_seconds: float
    findings: int
    statuses: Counter[str]
    rules: int

    @property
    def total(self) -> float:
        return self.warm_load.median + self.evaluation.median


def measure_sweep(data: Dataset, runs: int, cold: bool) -> tuple[SweepResult, list[Loaded]]:
    """A cold load (fills the fresh cache), warm loads, then evaluations of the last warm load."""
    from woonpact.engine.errors import InputError  # noqa: PLC0415

    cold_load = None
    try:
        if cold:
            cold_load, _ = repeat(lambda: len(load_all(data)), 1)
        else:
            load_all(data)  # fills the cache; not measured
        warm_load, loaded = repeat(lambda: load_all(data), runs)
    except InputError as error:
        from woonpact.engine.output.problems import problem_line  # noqa: PLC0415

        lines = "\n".join(problem_line(p, "en") for p in error.problems[:10])
        raise SystemExit(
            f"the generated dataset does not load; the generator is wrong:\n{lines}") from None
    compile_clock: list[float] = []
    evaluation, findings = repeat(lambda: evaluate_all(loaded, compile_clock), runs)
    result = SweepResult(cold_load, warm_load, evaluation, statistics.median(compile_clock),
                         len(findings), Counter(f.status.value for f in findings),
                         sum(len(a.rules) for a in loaded))
    return result, loaded


def profile_sweep(loaded: list[Loaded], out: Path, top: int) -> list[str]:
    """cProfile one evaluation sweep; the engine functions with the most own time."""
    profiler = cProfile.Profile()
    profiler.runcall(evaluate_all, loaded)
    stats_file = out / "sweep.pstats"
    profiler.dump_stats(stats_file)
    stats = pstats.Stats(profiler)
    total = stats.total_tt  # type: ignore[attr-defined]
    marker = f"{os.sep}engine{os.sep}"
    rows = []
    entries = stats.stats.items()  # type: ignore[attr-defined]
    for (file, line, name), (_, calls, own, cumulative, _) in entries:
        if marker in file:
            rows.append((own, cumulative, calls, f"{file[file.index(marker) + 1:]}:{line}({name})"))
    rows.sort(reverse=True)
    lines = [f"{total:.2f} s under cProfile (its overhead inflates this); saved to {stats_file}",
             f"{'own s':>7} {'own %':>6} {'cum s':>7} {'calls':>10}  function"]
    for own, cumulative, calls, where in rows[:top]:
        share = 100 * own / total
        lines.append(f"{own:7.3f} {share:5.1f}% {cumulative:7.3f} {calls:10,d}  {where}")
    return lines


# =================================================================================================
# (c) the same threshold rules three ways: woonpact, durable-rules, a plain loop
# =================================================================================================

Verdict = tuple[str, str, int, str, Any]  # rule key, party, year, status, value


@dataclass
class ThresholdJob:
    """One agreement's threshold rules and facts, in the shapes each evaluator wants."""

    evaluation: Any  # woonpact's Evaluation over only the threshold rules
    fact_sets: dict[int, Any]
    years: list[int]
    corporations: tuple[str, ...]
    thresholds: tuple[Threshold, ...]


def threshold_jobs(loaded: list[Loaded]) -> tuple[list[ThresholdJob], float]:
    """Compile woonpact Evaluations over the threshold rules only; also return the compile time."""
    from woonpact.engine.check import parameters  # noqa: PLC0415
    from woonpact.engine.evaluation.run import Evaluation  # noqa: PLC0415

    params = parameters()
    started = time.perf_counter()
    jobs = []
    for a in loaded:
        wanted = {t.rule_id for t in a.spec.thresholds}
        rules = tuple(r for r in a.rules if r.pack == a.pack.id and r.id in wanted)
        if len(rules) != len(wanted):
            raise SystemExit(f"{a.pack.id}: threshold rules missing from the loaded pack")
        corporations = tuple(c.id for c in a.spec.corporations)
        jobs.append(ThresholdJob(Evaluation(a.pack, params, rules), a.fact_sets,
                                 sorted(a.fact_sets), corporations, a.spec.thresholds))
    return jobs, time.perf_counter() - started


def woonpact_thresholds(jobs: list[ThresholdJob]) -> list[Any]:
    findings: list[Any] = []
    for job in jobs:
        findings += job.evaluation.run(job.fact_sets, job.years)
    return findings


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= EPSILON * max(1.0, abs(a), abs(b))


def plain_thresholds(jobs: list[ThresholdJob]) -> list[Verdict]:
    """A hand-written loop: read both figures, divide, compare with woonpact's tolerance."""
    verdicts: list[Verdict] = []
    append = verdicts.append
    for job in jobs:
        for year in job.years:
            parties = job.fact_sets[year].parties
            for t in job.thresholds:
                part_name, whole_name, bound = t.kind.part, t.kind.whole, t.bound
                at_most = t.kind.op == "<="
                for corporation in job.corporations:
                    section = parties.get(corporation)
                    figures = section.figures if section is not None else {}
                    part, whole = figures.get(part_name), figures.get(whole_name)
                    if part is None or whole is None or whole == 0:
                        append((t.key, corporation, year, "missing_data", None))
                        continue
                    value = part / whole
                    met = (value <= bound if at_most else value >= bound) or _close(value, bound)
                    append((t.key, corporation, year, "compliant" if met else t.shortfall, value))
    return verdicts


DURABLE_RULESET = "woonpact_thresholds"
DURABLE_SESSION = "national"


@dataclass
class DurableRules:
    """One durable-rules ruleset: one rule per distinct threshold, plus one for shortfalls.

    durable-rules cannot hold one rule per agreement and clause (4,104 at default size): a
    ruleset of more than about 510 rules fails with "error code: 303" or never finishes
    compiling (jruizgit/rules#312). Agreements that chose the same bound therefore share a rule,
    and the event names the clause it stands for. The comparison happens inside durable-rules
    (`m.part <= m.whole * bound`, with woonpact's tolerance folded into the bound); the
    consequences only record the verdict. Events go one by one with `post`: `post_batch` of
    1,000 events silently left about half of them unprocessed in a trial.
    """

    verdicts: list[Verdict]
    rules: int
    unhandled: int = 0


def build_durable(thresholds: Sequence[Threshold]) -> DurableRules:
    from durable.lang import get_host, m, pri, ruleset, when_all  # noqa: PLC0415

    verdicts: list[Verdict] = []
    distinct = {t.durable_id: t for t in thresholds}

    def compliant(c: Any) -> None:
        verdicts.append((c.m.clause, c.m.party, c.m.year, "compliant", c.m.part / c.m.whole))

    def shortfall(c: Any) -> None:
        verdicts.append((c.m.clause, c.m.party, c.m.year, c.m.shortfall, c.m.part / c.m.whole))

    with ruleset(DURABLE_RULESET):
        for durable_id, t in distinct.items():
            if t.kind.op == "<=":
                met = m.part <= m.whole * (t.bound + EPSILON)
            else:
                met = m.part >= m.whole * (t.bound - EPSILON)
            when_all(pri(1), (m.threshold == durable_id) & met)(compliant)
        when_all(pri(2), +m.threshold)(shortfall)  # a threshold event no norm rule took
    get_host()  # registers (compiles) the ruleset now, outside the timed runs
    return DurableRules(verdicts, len(distinct) + 1)


def durable_thresholds(jobs: list[ThresholdJob], engine: DurableRules) -> list[Verdict]:
    """Post one event per (clause, corporation, year); the consequences record the verdicts."""
    from durable.engine import MessageNotHandledException  # noqa: PLC0415
    from durable.lang import delete_state, post  # noqa: PLC0415

    engine.verdicts.clear()
    for job in jobs:
        for year in job.years:
            parties = job.fact_sets[year].parties
            for t in job.thresholds:
                for corporation in job.corporations:
                    section = parties.get(corporation)
                    figures = section.figures if section is not None else {}
                    part, whole = figures.get(t.kind.part), figures.get(t.kind.whole)
                    if part is None or whole is None or whole == 0:
                        engine.verdicts.append((t.key, corporation, year, "missing_data", None))
                        continue
                    event = {"sid": DURABLE_SESSION, "threshold": t.durable_id, "clause": t.key,
                             "party": corporation, "year": year, "part": part, "whole": whole,
                             "shortfall": t.shortfall}
                    try:
                        post(DURABLE_RULESET, event)
                    except MessageNotHandledException:
                        engine.unhandled += 1
    delete_state(DURABLE_RULESET, DURABLE_SESSION)  # one session, emptied after every run
    return list(engine.verdicts)


@dataclass
class ThresholdResult:
    evaluations: int
    compile_seconds: float
    woonpact: Timing
    durable: Timing
    plain: Timing
    durable_rules: int
    durable_unhandled: int
    mismatches: dict[str, int]
    statuses: Counter[str]

    @property
    def vs_durable(self) -> float:
        return self.durable.median / self.woonpact.median

    @property
    def vs_plain(self) -> float:
        return self.woonpact.median / self.plain.median


def collector_paused(fn: Callable[[], T]) -> Callable[[], T]:
    """`fn`, run with the cyclic collector paused, as the sweep runs (see load_all)."""
    from woonpact.engine import collector  # noqa: PLC0415

    def call() -> T:
        with collector.paused():
            return fn()
    return call


def measure_thresholds(loaded: list[Loaded], runs: int, durable_runs: int) -> ThresholdResult:
    """woonpact runs as in the sweep, with the cyclic collector paused (with it on, the national
    heap made its runs spend 0.8 of 1.2 s in the collector). durable-rules and the plain loop
    run with the collector on, as before: durable-rules leaves cyclic garbage behind and was
    20% slower with the collector paused, so pausing it would weaken that baseline."""
    jobs, compile_seconds = threshold_jobs(loaded)
    woonpact, findings = repeat(collector_paused(lambda: woonpact_thresholds(jobs)), runs)
    reference = [(f.rule.key, f.scope.party, f.year, f.status.value, f.value) for f in findings]
    del findings
    plain, plain_verdicts = repeat(lambda: plain_thresholds(jobs), runs)
    mismatches = {"plain loop": _mismatches(reference, plain_verdicts)}
    engine = build_durable([t for job in jobs for t in job.thresholds])
    durable, durable_verdicts = repeat(lambda: durable_thresholds(jobs, engine), durable_runs)
    mismatches["durable-rules"] = _mismatches(reference, durable_verdicts)
    rules, unhandled = engine.rules, engine.unhandled
    return ThresholdResult(len(reference), compile_seconds, woonpact, durable, plain, rules,
                           unhandled, mismatches, Counter(v[3] for v in reference))


def _mismatches(reference: list[Verdict], other: list[Verdict]) -> int:
    """How many verdicts differ in status or value (values exactly: it is the same division)."""
    return sum((Counter(reference) - Counter(other)).values()) + sum(
        (Counter(other) - Counter(reference)).values())


# =================================================================================================
# Report
# =================================================================================================

def machine_line() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    now = dt.datetime.now().astimezone().isoformat(timespec="seconds")
    return (f"machine: {os.cpu_count()} CPUs ({usable} usable, {cpu}), "
            f"{platform.python_implementation()} {platform.python_version()}, "
            f"{platform.system()} {platform.release()}, {now}, {load_average()}")


def load_average() -> str:
    """Other work on the machine skews every figure; the load average shows if there was any."""
    if not hasattr(os, "getloadavg"):
        return "load average unknown"
    return "load average " + " ".join(f"{x:.2f}" for x in os.getloadavg()) + " (1, 5, 15 min)"


def calibration() -> str:
    """A fixed pure-Python loop: compare it between runs before comparing any other figure.

    Virtual machines share their host; the same code can run at different speeds an hour apart
    with nothing else running in the machine itself.
    """
    def loop() -> int:
        total = 0
        for i in range(3_000_000):
            total += i
        return total

    timing, _ = repeat(loop, 5)
    return f"calibration: 3,000,000 additions in a Python loop take {timing.median * 1000:.0f} ms"


def print_dataset(data: Dataset) -> None:
    heading("dataset")
    corporations = sum(len(a.corporations) for a in data.agreements)
    action = "generated" if data.generated else "reused (generated before, same parameters)"
    print(f"{data.out}: {action} in {data.seconds:.1f} s")
    per_year = ", ".join(f"{y}: {n:,}" for y, n in sorted(data.lettings_per_year.items()))
    print(f"{len(data.agreements)} agreements x {len(data.years)} years "
          f"({data.years[0]}-{data.years[-1]}), {corporations:,} corporations")
    print(f"lettings per year: {per_year}")


def print_commands(r: CommandStartup) -> None:
    heading("(a) commands that start without the evaluation engine, including interpreter start-up")
    print(f"command: {' '.join(r.command)}")
    print(f"python -c pass          : {r.bare.describe('ms')}")
    print(f"woonpact --help         : {r.help.describe('ms')}")
    print(f"woonpact list           : {r.listing.describe('ms')}  (warm cache, the bundled packs)")
    listing = r.listing.median / r.bare.median
    print(f"--help / bare           : {r.ratio:.1f}x   (list / bare: {listing:.1f}x)")


def command_target(r: CommandStartup) -> Target:
    return Target(f"woonpact --help within {TARGET_HELP_VS_BARE:.0f}x bare python",
                  f"{r.ratio:.1f}x ({r.help.median * 1000:.0f} ms vs "
                  f"{r.bare.median * 1000:.0f} ms)",
                  r.ratio <= TARGET_HELP_VS_BARE)


def print_startup(r: StartupResult) -> None:
    heading("(a) one `woonpact check` as a subprocess, including interpreter start-up")
    print(f"command: {' '.join(r.command)}")
    print(f"python -c pass          : {r.bare.describe('ms')}")
    print(f"check, cold cache       : {r.cold.describe('ms')}  (fresh WOONPACT_CACHE per run)")
    print(f"check, warm cache       : {r.warm.describe('ms')}  (the 2 runs after each cold one)")
    print(f"warm / bare             : {r.ratio:.1f}x   (cold / bare: "
          f"{r.cold.median / r.bare.median:.1f}x; {r.findings} findings in the JSON)")


def print_sweep(r: SweepResult, data: Dataset) -> None:
    heading("(b) national sweep in one process: load every pack and fact set, evaluate all years")
    lettings = sum(data.lettings_per_year.values())
    print(f"{len(data.agreements)} packs ({r.rules:,} rules incl. {NATIONAL_PACK}), "
          f"{len(data.agreements) * len(data.years):,} fact sets, {lettings:,} lettings")
    if r.cold_load is not None:
        print(f"load, cold cache        : {r.cold_load.describe()}  (YAML, schema, CSV, pickle)")
    print(f"load, warm cache        : {r.warm_load.describe()}  ({r.warm_load.gc_note()})")
    print(f"evaluation              : {r.evaluation.describe()}  (all agreements, all years)")
    print(f"  of which              : compiling the packs {r.compile_seconds:.2f} s, "
          f"{r.evaluation.gc_note()}")
    print(f"load (warm) + evaluation: {r.total:.3f} s")
    print(f"findings                : {r.findings:,} ({_statuses(r.statuses)})")
    print(f"rule evaluations/s      : {rate(r.findings, r.evaluation.median)} evaluation only, "
          f"{rate(r.findings, r.total)} including the warm load")


def print_thresholds(r: ThresholdResult) -> None:
    heading("(c) the same threshold rules three ways: per corporation, share(a, b) <= or >= N%")
    print(f"{r.evaluations:,} evaluations per run ({_statuses(r.statuses)})")
    print(f"woonpact Evaluation     : {r.woonpact.describe()}  "
          f"{rate(r.evaluations, r.woonpact.median)}")
    print(f"  (compiling these rules once: {r.compile_seconds:.3f} s, not included; "
          f"{r.woonpact.gc_note()})")
    print(f"durable-rules           : {r.durable.describe()}  "
          f"{rate(r.evaluations, r.durable.median)}")
    print(f"  ({r.durable_rules} rules in one ruleset, one session, one `post` per evaluation; "
          f"{r.durable_unhandled} unhandled events)")
    print(f"plain Python loop       : {r.plain.describe()}  {rate(r.evaluations, r.plain.median)}")
    print(f"woonpact vs durable     : {r.vs_durable:.1f}x faster")
    print(f"woonpact vs plain loop  : {r.vs_plain:.1f}x slower")
    for name, count in r.mismatches.items():
        verdict = "identical to woonpact's" if count == 0 else f"{count} differ from woonpact's"
        print(f"verdicts, {name:<14}: {verdict}")


def _statuses(counts: Counter[str]) -> str:
    return ", ".join(f"{status} {n:,}" for status, n in counts.most_common())


@dataclass
class Target:
    name: str
    measured: str
    met: bool | None


def summary(commands: CommandStartup, startup: StartupResult, sweep: SweepResult,
            thresholds: ThresholdResult) -> list[Target]:
    """Each target with the figure measured against it."""
    sweep_limit = f"{TARGET_SWEEP_SECONDS:.0f} s"
    targets = [
        command_target(commands),
        Target(f"warm check within {TARGET_WARM_VS_BARE:.0f}x bare python",
               f"{startup.ratio:.1f}x ({startup.warm.median * 1000:.0f} ms vs "
               f"{startup.bare.median * 1000:.0f} ms)", startup.ratio <= TARGET_WARM_VS_BARE),
        Target(f"sweep evaluation within {sweep_limit}", f"{sweep.evaluation.median:.2f} s",
               sweep.evaluation.median <= TARGET_SWEEP_SECONDS),
        Target(f"sweep warm load + evaluation within {sweep_limit}", f"{sweep.total:.2f} s",
               sweep.total <= TARGET_SWEEP_SECONDS),
    ]
    if sweep.cold_load is not None:
        cold = sweep.cold_load.median + sweep.evaluation.median
        targets.append(Target(f"sweep cold load + evaluation within {sweep_limit}", f"{cold:.2f} s",
                              cold <= TARGET_SWEEP_SECONDS))
    vs_durable = thresholds.vs_durable
    agree = all(n == 0 for n in thresholds.mismatches.values())
    targets += [
        Target(f"woonpact at least {TARGET_VS_DURABLE:.0f}x faster than durable-rules",
               f"{vs_durable:.1f}x faster", vs_durable >= TARGET_VS_DURABLE),
        Target(f"woonpact within {TARGET_VS_PLAIN:.0f}x of a plain loop",
               f"{thresholds.vs_plain:.1f}x slower", thresholds.vs_plain <= TARGET_VS_PLAIN),
        Target("the three agree on every threshold verdict", "yes" if agree else "NO", agree),
    ]
    return targets


def print_summary(targets: list[Target]) -> None:
    heading("summary")
    width = max(len(t.name) for t in targets)
    for t in targets:
        verdict = "n/a" if t.met is None else ("met" if t.met else "NOT MET")
        print(f"{t.name:<{width}}  {t.measured:<30}  {verdict}")


# =================================================================================================
# Main
# =================================================================================================

def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--agreements", type=int, help="agreements (packs); default 342, quick 12")
    parser.add_argument("--years", type=int, help="fact years from 2025; default 6, quick 3")
    parser.add_argument("--lettings-per-year", type=int,
                        help="lettings nationally per year; default 200000, quick 7020")
    parser.add_argument("--out", type=Path, help="dataset folder; default /tmp/woonpact-bench "
                                                 "(quick: /tmp/woonpact-bench-quick)")
    parser.add_argument("--runs", type=int, default=3, help="runs per timing (median reported)")
    parser.add_argument("--quick", action="store_true", help="a small dataset, to try the script")
    parser.add_argument("--no-cold-load", action="store_true",
                        help="skip timing the national load on a cold cache (the slowest part)")
    parser.add_argument("--profile", action="store_true", help="also cProfile one sweep evaluation")
    parser.add_argument("--startup-only", action="store_true",
                        help="only time `woonpact --help` and `woonpact list` (no dataset)")
    args = parser.parse_args(argv)
    args.agreements = args.agreements or (12 if args.quick else 342)
    args.years = args.years or (3 if args.quick else 6)
    args.lettings_per_year = args.lettings_per_year or (12 * 585 if args.quick else 200_000)
    default_out = "/tmp/woonpact-bench-quick" if args.quick else "/tmp/woonpact-bench"
    args.out = args.out or Path(default_out)
    if not (1 <= args.agreements <= 999 and 1 <= args.years <= 20 and args.runs >= 1):
        parser.error("--agreements must be 1..999, --years 1..20 and --runs at least 1")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    print(f"woonpact benchmark: {args.agreements} agreements x {args.years} years, "
          f"{args.lettings_per_year:,} lettings a year nationally")
    print(machine_line())
    print(calibration())
    print(f"command: {Path(sys.executable).name} {' '.join(sys.argv)}", flush=True)
    commands = measure_commands()
    print_commands(commands)
    if args.startup_only:
        print_summary([command_target(commands)])
        return 0
    data = ensure_dataset(args.out.resolve(), args.agreements, args.years, args.lettings_per_year)
    print_dataset(data)

    startup = measure_startup(data, runs=5)
    print_startup(startup)

    with CacheFolder(data.out):
        sweep, loaded = measure_sweep(data, args.runs, cold=not args.no_cold_load)
        print_sweep(sweep, data)
        thresholds = measure_thresholds(loaded, runs=max(args.runs, 5), durable_runs=args.runs)
        print_thresholds(thresholds)
        if args.profile:
            heading("profile of one sweep evaluation: engine functions by own time")
            print("\n".join(profile_sweep(loaded, data.out, top=15)))

    print_summary(summary(commands, startup, sweep, thresholds))
    print(f"\nat the end: {load_average()}; {calibration()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
