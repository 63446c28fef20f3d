"""`corporations(figure)`: a figure summed over the pack's corporations, each from its own
section, whatever the agreement's own section says (there `stock_total` is the whole
municipality's stock)."""

from __future__ import annotations

from pathlib import Path

import pytest

from woonpact.engine.check import check
from woonpact.engine.facts.vocabulary import vocabulary
from woonpact.engine.language.errors import ExpressionError
from woonpact.engine.language.parser import parse_expression
from woonpact.engine.language.types import check as check_units
from woonpact.engine.language.units import Environment
from woonpact.engine.model.finding import FactUsed, Status
from woonpact.engine.params import load_parameters
from woonpact.engine.suggest import closest

ENV = Environment(vocabulary().figures, vocabulary().collections, load_parameters().units(),
                  suggest=closest)

PACK = """\
pack: voorbeeld-2025
title: Voorbeeld
municipality: Voorbeeld
period: {from: 2025, to: 2025}
document: {title: Voorbeeld}
parties:
  - {id: gemeente, name: Gemeente, role: gemeente}
  - {id: a, name: Corporatie A, role: corporatie}
  - {id: b, name: Corporatie B, role: corporatie}
rules:
  - id: "1"
    title: Twintig procent van alle corporatiewoningen toekomstklaar
    theme: duurzaamheid
    source: {section: "1", quote: "minimaal 20% van alle corporatiewoningen toekomst klaar"}
    obligation: result
    scope: agreement
    measure: share(stock_future_proof_insulated, corporations(stock_total))
    norm: ">= 20%"
"""

FACTS = """\
agreement: voorbeeld-2025
year: 2025
municipality: {{figures: {{stock_total: 40000}}}}
parties:
  a: {{figures: {{stock_total: 9000, stock_future_proof_insulated: {a}}}}}
  b: {{figures: {{{b}}}}}
"""


def judged(tmp_path: Path, a: int, b: str) -> tuple:
    rules, facts = tmp_path / "rules", tmp_path / "facts" / "voorbeeld-2025"
    rules.mkdir()
    facts.mkdir(parents=True)
    (rules / "voorbeeld-2025.yaml").write_text(PACK, encoding="utf-8")
    (facts / "2025.yaml").write_text(FACTS.format(a=a, b=b), encoding="utf-8")
    (finding,) = check([facts], rules).findings
    return finding


def test_the_sum_runs_over_the_corporations_not_the_municipality(tmp_path: Path) -> None:
    # 1,500 + 500 of 9,000 + 1,000 homes: exactly 20% of the corporations' homes (5% of the town's)
    finding = judged(tmp_path, 1500, "stock_total: 1000, stock_future_proof_insulated: 500")
    assert (finding.status, finding.value) == (Status.COMPLIANT, pytest.approx(0.2))
    assert FactUsed("corporations(stock_total)", 10000, 2025) in finding.facts_used
    assert all(used.name != "stock_total" for used in finding.facts_used)  # not the town's 40,000


def test_one_home_short_is_a_breach(tmp_path: Path) -> None:
    finding = judged(tmp_path, 1499, "stock_total: 1000, stock_future_proof_insulated: 500")
    assert finding.status is Status.BREACH


def test_a_corporation_without_the_figure_is_missing_data_naming_it(tmp_path: Path) -> None:
    finding = judged(tmp_path, 1500, "stock_future_proof_insulated: 500")
    assert finding.status is Status.MISSING_DATA
    assert any("stock_total" in m and "b" in m for m in finding.missing), finding.missing


def test_units_and_names_are_checked_when_the_pack_loads() -> None:
    checked = check_units(parse_expression("corporations(stock_total)"), ENV)
    assert (checked.unit, checked.summed) == ("count", frozenset({"stock_total"}))
    assert checked.figures == frozenset()  # not read in the expression's own scope
    for text, key in (("corporations(stok_total)", "expr.unknown_name"),
                      ("corporations(rent_sum_increase)", "expr.bad_operand"),
                      ("corporations(stock_total, stock_social)", "expr.arity")):
        with pytest.raises(ExpressionError) as caught:
            check_units(parse_expression(text), ENV)
        assert caught.value.key == key, text

