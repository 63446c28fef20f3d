"""An allonge changes a clause from a year on: earlier years keep the old text, later the new."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.support import BUNDLED_FACTS
from woonpact.engine.check import check
from woonpact.engine.errors import InputError
from woonpact.engine.model.finding import Status

PACK = (Path(__file__).parent.parent / "rules" / "stichtse-vecht-2025.yaml").read_text(
    encoding="utf-8")

ALLONGE = """
amendments:
  - id: allonge-2026
    title: Allonge 1 bij de raamovereenkomst
    signed: "2026-03-01"
    source:
      section: Allonge 1, artikel 1
      quote: "De vrije toewijzingsruimte wordt met ingang van 2026 verruimd tot maximaal 25%."
    changes:
      - rule: "3.2-7"
        from: {year}
        set:
          norm: "<= 25%"
          source:
            section: Allonge 1, artikel 1
            quote: "De vrije toewijzingsruimte wordt met ingang van 2026 verruimd tot maximaal 25%."
"""


def amended_pack(tmp_path: Path, year: int = 2026) -> tuple[Path, Path]:
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "stichtse-vecht-2025.yaml").write_text(PACK + ALLONGE.format(year=year),
                                                    encoding="utf-8")
    facts = tmp_path / "facts"
    shutil.copytree(BUNDLED_FACTS / "stichtse-vecht-2025", facts)
    return rules, facts


def test_years_before_the_allonge_keep_the_old_text_and_later_years_take_the_new(
        tmp_path: Path) -> None:
    rules, facts = amended_pack(tmp_path)
    result = check([facts], rules)
    portaal = {f.year: f for f in result.findings if f.rule.id == "3.2-7"
               and f.scope.id == "portaal"}
    assert set(portaal) == {2025, 2026}  # still one finding per year, from the version in force
    assert portaal[2025].rule.norm.text == "<= 15%" and portaal[2025].rule.amendment is None
    assert (portaal[2026].rule.norm.text == "<= 25%"
            and portaal[2026].rule.amendment == "allonge-2026")
    assert portaal[2026].status is Status.COMPLIANT  # 20.8% breached the old 15%, meets the new 25%
    assert portaal[2026].rule.source.section == "Allonge 1, artikel 1"


def test_lineage_lists_both_versions(tmp_path: Path) -> None:
    rules, facts = amended_pack(tmp_path)
    pack = check([facts], rules).pack
    versions = pack.lineage("3.2-7")
    assert [(v.first_year, v.last_year, v.amendment)
            for v in versions] == [(2025, 2025, None), (2026, 2030, "allonge-2026")]


def test_an_amendment_from_a_year_outside_the_clause_is_rejected(tmp_path: Path) -> None:
    rules, facts = amended_pack(tmp_path, year=2025)
    with pytest.raises(InputError) as caught:
        check([facts], rules)
    assert caught.value.problems[0].key == "pack.amendment_year"
    assert caught.value.problems[0].line is not None


def test_trajectory_milestones_written_as_year_keys_load(tmp_path: Path) -> None:
    """`milestones: {2026: 300}` as the rule-language reference writes it (YAML integer keys)."""
    rules, facts = amended_pack(tmp_path)
    text = (rules / "stichtse-vecht-2025.yaml").read_text(encoding="utf-8")
    start = ('    trajectory:\n      start: {year: 2025, value: '
             '"at(2025, share(stock_below_aftoppingsgrens_2, stock_total))"}\n')
    assert start in text
    text = text.replace(start, "    trajectory:\n      milestones: {2026: 82%, 2028: 78%}\n", 1)
    (rules / "stichtse-vecht-2025.yaml").write_text(text, encoding="utf-8")
    findings = check([facts], rules).findings
    finding = next(f for f in findings if f.rule.id == "3.2-1" and f.year == 2026)
    assert finding.target == pytest.approx(0.82)
    assert finding.status is Status.COMPLIANT  # 2950 / 3640 = 81.0%
