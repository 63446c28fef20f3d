"""Escalation steps in `woonpact check` output: table, JSON (the published schema), markdown."""

from __future__ import annotations

import json

import jsonschema

from woonpact.engine import paths
from tests.support import BUNDLED_FACTS
from tests.test_cli import invoke

SV = str(BUNDLED_FACTS / "stichtse-vecht-2025")


def steps(*args: str) -> list[dict]:
    code, out = invoke("check", SV, "--format", "json", "--fail-on", "never", *args)
    document = json.loads(out)
    jsonschema.validate(document, json.loads((paths.SCHEMAS / "check-output.schema.json").read_text(encoding="utf-8")))
    return document["escalations"]


def test_json_steps_follow_the_ladder_over_the_bundled_years() -> None:
    found = {(s["rule"], s["scope"]["id"], s["year"]): s for s in steps("--lang", "en")}
    first = found[("stichtse-vecht-2025/3.2-2", "portaal", 2025)]
    assert (first["rung"], first["recommended"]) == ("overleg", None)  # held in 2025; 2026 decides
    second = found[("stichtse-vecht-2025/3.2-2", "portaal", 2026)]
    assert (second["rung"], second["recommended"], second["recommended_name"]) == ("overleg", "mediation", "Mediation (NMI rules)")
    assert [(r["key"], r["year"], r["date"]) for r in second["reasons"]] == [
        ("ladder.breach", 2025, None), ("ladder.held", 2025, "2025-12-11"),
        ("ladder.breach", 2026, None), ("ladder.why.climb", 2026, None)]
    assert "unresolved" in second["reasons"][1]["text"]
    assert set(second["parties"]) == {"gemeente", "portaal", "vo", "huurdersraad-portaal", "hbo-vo"}
    assert {"rule", "year", "rung", "recommended", "reasons", "parties", "legal_basis"} <= set(second)


def test_year_option_still_reads_the_earlier_years() -> None:
    only = [s for s in steps("--year", "2026") if s["rule"].endswith("/3.2-2")]
    assert [(s["year"], s["recommended"]) for s in only] == [(2026, "mediation")]


def test_table_and_markdown_show_the_steps_in_dutch_and_english() -> None:
    code, out = invoke("check", SV, "--fail-on", "never")
    text = " ".join(out.split())
    assert "Geschillenladder 2026" in text
    assert ("3.2-2 Portaal ontwikkelt in 2025 nieuw huurbeleid · Portaal: "
            "nu: Overleg (verantwoording en gesprek); "
            "aanbevolen: Mediation (reglement NMI)") in text
    assert "verantwoordelijk: Portaal (resultaatsverplichting)" in text
    code, out = invoke("check", SV, "--fail-on", "never", "--lang", "en", "--format", "markdown")
    assert "### Disputes ladder 2026" in out
    assert "`stichtse-vecht-2025/3.2-2` Portaal: **now: Consultation (account and talk); recommended: Mediation (NMI rules)**" in out
