"""Clause histories for ladder tests and the ladder benchmark: judged from seed facts, or made
at national scale (thousands of clause episodes in one run)."""

from __future__ import annotations

import datetime as dt
import random
import shutil
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from tests import support
from woonpact.engine.check import included_rules, parameters
from woonpact.engine.evaluation.run import Evaluation
from woonpact.engine.ladder.escalate import escalate
from woonpact.engine.model.escalation import Escalation
from woonpact.engine.model.facts import EscalationEvent, FactSet, Section
from woonpact.engine.model.finding import Finding, ScopeInstance, Status
from woonpact.engine.model.pack import Pack
from woonpact.engine.model.parameters import Law


def without_rent_policy(folder: Path) -> Path:
    """A copy of the bundled Stichtse Vecht facts in `folder` without Portaal's rent policy
    (delivered 02-03-2026): 3.2-2 stays overdue in 2026, after the overleg of 11-12-2025 held
    without a solution, so it climbs."""
    copy = folder / "stichtse-vecht-2025"
    shutil.copytree(support.BUNDLED_FACTS / "stichtse-vecht-2025", copy)
    year = copy / "2026.yaml"
    text = year.read_text(encoding="utf-8")
    line = next(line for line in text.splitlines(keepends=True) if "id: huurbeleid-portaal" in line)
    year.write_text(text.replace(line, ""), encoding="utf-8")
    return copy


def ladder_run(pack_id: str, rule_id: str, years: dict[int, dict[str, Any]],
               pack: Pack | None = None,
               laws: Mapping[str, Law] | None = None) -> tuple[Escalation, ...]:
    """Judge one rule over all the years given and run the ladder: its steps, year by year
    (with the bundled national laws, or `laws`)."""
    the_pack = pack or support.pack(pack_id)
    rules = [r for r in included_rules(the_pack) if rule_id in (r.id, r.key)]
    fact_sets = support.fact_sets(pack_id, years)
    findings = Evaluation(the_pack, parameters(), rules).run(fact_sets, sorted(fact_sets))
    return escalate(the_pack, findings, fact_sets, sorted(fact_sets), laws=laws)[1]


def ladder_steps(pack_id: str, rule_id: str, years: dict[int, dict[str, Any]],
                 pack: Pack | None = None,
                 laws: Mapping[str, Law] | None = None) -> dict[int, Escalation]:
    """The step per year of a clause with one scope instance."""
    steps = ladder_run(pack_id, rule_id, years, pack, laws)
    assert len({e.scope.id for e in steps}) <= 1, steps
    return {e.year: e for e in steps}


def event(rule: str, rung: str, date: str, outcome: str | None = "unresolved",
          **more: Any) -> dict[str, Any]:
    return {"rule": rule, "rung": rung, "date": date, **({"outcome": outcome} if outcome else {}),
            **more}


YEARS = (2025, 2026, 2027)
STATUSES = (Status.BREACH, Status.WARNING, Status.COMPLIANT, Status.MISSING_DATA)


def national(episodes: int, seed: int = 2025) -> tuple[Pack, list[Finding], dict[int, FactSet]]:
    """`episodes` clause instances that each fail at least once over three years, with a
    recorded meeting for about a third of them: a per-entity clause of a bundled pack, one
    entity per instance, as a national sweep of many agreements would produce."""
    pack = support.pack("stichtse-vecht-2025")
    rule = next(r for r in pack.rules if r.id == "3.1-1")
    rng = random.Random(seed)
    findings, events = [], {year: [] for year in YEARS}
    for i in range(episodes):
        scope = ScopeInstance("entity", f"projects/p{i}", f"project {i}")
        statuses = [rng.choice(STATUSES) for _ in YEARS]
        statuses[rng.randrange(len(YEARS))] = rng.choice((Status.BREACH, Status.WARNING))
        for year, status in zip(YEARS, statuses, strict=True):
            findings.append(Finding(rule, year, scope, status, "not_met"))
        if rng.random() < 0.35:
            year = rng.choice(YEARS)
            events[year].append(EscalationEvent(rule.id, rng.choice(["overleg", "mediation"]),
                                                dt.date(year, 11, 1),
                                                rng.choice(["unresolved", "resolved", None]),
                                                scope=scope.id))
    empty = Section({})
    fact_sets = {year: FactSet(pack.id, year, Path(f"<national {year}>"), empty, {}, {}, {},
                               tuple(events[year]))
                 for year in YEARS}
    return pack, findings, fact_sets
