"""Escalation steps in `woonpact check` output: table, JSON (the published schema), markdown."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from tests.ladder_support import without_rent_policy
from tests.support import BUNDLED_FACTS
from tests.test_cli import invoke
from woonpact.engine import paths

SV = str(BUNDLED_FACTS / "stichtse-vecht-2025")


@pytest.fixture
def undelivered(tmp_path: Path) -> str:
    return str(without_rent_policy(tmp_path))


def steps(facts: str, *args: str) -> list[dict]:
    _, out = invoke("check", facts, "--format", "json", "--fail-on", "never", *args)
    document = json.loads(out)
    jsonschema.validate(document,
                        json.loads((paths.SCHEMAS / "check-output.schema.json").read_text(
                            encoding="utf-8")))
    return document["escalations"]


def test_json_steps_follow_the_ladder_over_the_bundled_years() -> None:
    found = {(s["rule"], s["scope"]["id"], s["year"]): s for s in steps(SV, "--lang", "en")}
    first = found[("stichtse-vecht-2025/3.2-2", "portaal", 2025)]
    # held in 2025 without a solution: the 2026 evaluation decides, and says which rung comes then
    assert (first["rung"], first["recommended"], first["then"]) == ("overleg", None, "mediation")
    assert first["reasons"][-1]["text"] == ("Board-level consultation (BO) held without a "
                                            "solution: the 2026 "
                                            "evaluation decides; if the shortfall persists, then "
                                            "Mediation")
    second = found[("stichtse-vecht-2025/3.2-2", "portaal", 2026)]
    # the rent policy came on 02-03-2026: 2025's shortfall, delivered from 2026 on: closed
    assert (second["rung"], second["recommended"], second["closed"]) == ("overleg", None, True)
    assert [(r["key"], r["year"], r["date"]) for r in second["reasons"]] == [
        ("ladder.breach", 2025, None), ("ladder.held", 2025, "2025-12-11"),
        ("ladder.compliant", 2026, None), ("ladder.why.closed", 2026, None)]


def test_json_steps_climb_when_the_shortfall_persists(undelivered: str) -> None:
    found = {(s["rule"], s["scope"]["id"], s["year"]): s
             for s in steps(undelivered, "--lang", "en")}
    second = found[("stichtse-vecht-2025/3.2-2", "portaal", 2026)]
    assert (second["rung"], second["recommended"],
            second["recommended_name"]) == ("overleg", "mediation", "Mediation")
    # Stichtse Vecht 2.7, the keeping track: mediation without the NMI rules of the making track
    assert (second["legal_basis"], second["legal_basis_from"]) == (
        "Prestatieafspraken Stichtse Vecht 2025-2030, § 2.7 (niet nakomen)", "2025-01-01")
    assert [(r["key"], r["year"], r["date"]) for r in second["reasons"]] == [
        ("ladder.breach", 2025, None), ("ladder.held", 2025, "2025-12-11"),
        ("ladder.breach", 2026, None), ("ladder.why.climb", 2026, None)]
    assert "unresolved" in second["reasons"][1]["text"]
    assert set(second["parties"]) == {"gemeente", "portaal", "vo", "huurdersraad-portaal", "hbo-vo"}
    assert {"rule", "year", "rung", "recommended", "reasons", "parties",
            "legal_basis"} <= set(second)


def test_year_option_still_reads_the_earlier_years(undelivered: str) -> None:
    only = [s for s in steps(undelivered, "--year", "2026") if s["rule"].endswith("/3.2-2")]
    assert [(s["year"], s["recommended"]) for s in only] == [(2026, "mediation")]


def test_table_and_markdown_show_the_steps_in_dutch_and_english(undelivered: str) -> None:
    _, out = invoke("check", undelivered, "--fail-on", "never")
    text = " ".join(out.split())
    assert "Geschillenladder 2026" in text
    assert ("3.2-2 Portaal ontwikkelt in 2025 nieuw huurbeleid · Portaal: "
            "nu: Bestuurlijk overleg (BO); aanbevolen: Mediation") in text
    assert "verantwoordelijk: Portaal (resultaatsverplichting)" in text
    assert ("grondslag: Prestatieafspraken Stichtse Vecht 2025-2030, § 2.7 (niet nakomen) "
            "(vanaf 01-01-2025)") in text
    _, out = invoke("check", undelivered, "--fail-on", "never", "--lang", "en", "--format",
                    "markdown")
    assert "### Disputes ladder 2026" in out
    assert ("`stichtse-vecht-2025/3.2-2` Portaal: **now: Board-level consultation (BO); "
            "recommended: Mediation**") in out
