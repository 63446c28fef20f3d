"""The right party: a clause of the agreement as a whole or of the corporations together counts
once, for them together; a corporation answers only for clauses that bind it. Each finding and
ladder step names who answers for it and the kind of obligation (Westland 2026)."""

from __future__ import annotations

import json
import re
from collections import Counter
from functools import cache

from click.testing import CliRunner

from tests.support import BUNDLED_FACTS
from woonpact.cli import main
from woonpact.engine.check import CheckResult, check
from woonpact.engine.model.finding import Status
from woonpact.engine.output import html as html_report
from woonpact.engine.output.accountable import Accountable, accountable
from woonpact.engine.output.report import build

WESTLAND = BUNDLED_FACTS / "westland-2025"
CORPORATIONS = Accountable(("arcade", "wonen-wateringen"))


@cache
def westland() -> CheckResult:
    return check([WESTLAND])


def charged(rule_id: str, scope: str) -> Accountable:
    result = westland()
    (finding,) = [
        f
        for f in result.findings
        if f.year == 2026 and f.rule.id == rule_id and f.scope.id == scope
    ]
    return accountable(finding.rule, finding.scope, result.pack)


def test_each_breach_counts_once_for_the_party_or_parties_it_binds() -> None:
    report = build(westland())
    breaches = [f for f in report.findings if f.status is Status.BREACH]
    # 10 breaches in 2026 (3.5-ka2, delivered late in March 2026, was 2025's shortfall only)
    assert len(breaches) == 10
    assert sum(counts[Status.BREACH] for counts in report.by_party.values()) == 10  # once each
    assert (
        report.by_party[Accountable(("arcade",))][Status.BREACH] == 4
    )  # it was 10: every clause of all counted
    arcade = sorted(
        f.rule.id
        for f in breaches
        if accountable(f.rule, f.scope, report.pack) == Accountable(("arcade",))
    )
    assert arcade == [
        "2-cycle-bod",
        "3.1-maatwerk",
        "3.2-1",
        "3.3-5",
    ]  # judged per corporation, or its own letting
    assert (
        report.by_party[CORPORATIONS][Status.BREACH] == 1
    )  # 3.4-30pct: the corporations' lettings together
    assert (
        sum(
            report.by_party.get(Accountable((p.id,)), Counter())[Status.BREACH]
            for p in report.pack.parties
        )
        == 5
    )


def test_a_clause_binds_the_party_it_holds_responsible_not_the_party_an_item_names() -> None:
    assert charged("3.4-30pct", "westland-2025") == CORPORATIONS and CORPORATIONS.together
    assert charged("2-cycle-december", "westland-2025").parties == (
        "gemeente",
        "arcade",
        "wonen-wateringen",
        "huurdersorganisaties",
    )
    assert charged("3.2-1", "arcade") == Accountable(("arcade",))
    # a project of Wonen Wateringen under a clause of the corporations: Wonen Wateringen answers
    assert charged("3.5-8", "projects/poeldijk-centrum-verduurzaming") == Accountable(
        ("wonen-wateringen",)
    )
    # a project under a clause of the municipality: the municipality answers, not its corporation
    assert charged("3.1-primaat-ao", "projects/naaldwijk-hoogeland-zuid") == Accountable(
        ("gemeente",)
    )


def test_the_report_says_who_acts_once_per_finding() -> None:
    page = html_report.render(westland(), "nl")
    summary = page.split('<section id="summary">')[1].split("</section>")[0]
    rows = dict(re.findall(r"<tr><td>([^<]+)</td><td class=\"n\">(\d*)</td>", summary))
    assert rows["Arcade (Arcade wonen)"] == "4" and rows["de corporaties samen"] == "1"
    assert rows["alle partijen samen"] == "2"


def test_each_finding_and_ladder_step_names_who_answers_and_the_kind_of_obligation() -> None:
    runner = CliRunner()
    out = runner.invoke(
        main, ["check", str(WESTLAND), "--year", "2026", "--format", "json", "--fail-on", "never"]
    ).output
    findings = json.loads(out)["findings"]
    assert all(f["accountable"]["parties"] and f["accountable"]["text"] for f in findings)
    bod = next(
        f for f in findings if f["rule"].endswith("/2-cycle-bod") and f["scope"]["id"] == "arcade"
    )
    assert bod["accountable"] == {
        "parties": ["arcade"],
        "together": False,
        "text": "Arcade (Arcade wonen)",
    }
    ladder = (
        html_report.render(westland(), "nl")
        .split('<section id="ladder">')[1]
        .split("</section>")[0]
    )
    steps = build(westland()).escalations
    assert ladder.count("verantwoordelijk: ") == len(steps)
    assert (
        "Bod van de corporatie vóór 1 juli — Arcade (Arcade wonen); verantwoordelijk: Arcade "
        "(Arcade wonen) "
        "(resultaatsverplichting)" in ladder
    )
    assert (
        "verantwoordelijk: de corporaties samen (inspanningsverplichting)" in ladder
    )  # 3.4-uitstroom
    table = runner.invoke(
        main, ["check", str(WESTLAND), "--year", "2026", "--fail-on", "never"]
    ).output
    assert (
        Counter(
            line.strip().split(";")[0]
            for line in table.splitlines()
            if line.strip().startswith("verantwoordelijk:")
        )["verantwoordelijk: Arcade (Arcade wonen) (resultaatsverplichting)"]
        >= 3
    )
