"""Helpers for tests written from the seed text: judge one rule against hand-made facts.

    findings = judge("stichtse-vecht-2025", "3.1-1", {2025: {"collections": {"projects": [...]}}})

Each year's dict is a fact set without `agreement` and `year` (they are filled in); it is
validated against the facts schema exactly as a YAML file would be.
"""

from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any

from woonpact.engine.check import included_rules, pack_by_path, parameters
from woonpact.engine.evaluation.run import Evaluation
from woonpact.engine.facts.loader import fact_set_from_data
from woonpact.engine.model.finding import Finding, Status
from woonpact.engine.model.pack import Pack
from woonpact.engine.rules.registry import find_pack


@cache
def pack(pack_id: str) -> Pack:
    return pack_by_path(find_pack(pack_id))


def fact_sets(pack_id: str, years: dict[int, dict[str, Any]]) -> dict[int, Any]:
    return {
        year: fact_set_from_data({"agreement": pack_id, "year": year, **data},
                                 Path(f"<test {year}>"))
        for year, data in years.items()
    }


def judge(pack_id: str, rule_id: str, years: dict[int, dict[str, Any]],
          year: int | None = None) -> list[Finding]:
    """The findings of one rule (`3.1-1`, or `npa-2022/efg` for an included rule) for `year`
    (default: the last year given)."""
    the_pack = pack(pack_id)
    rules = [r for r in included_rules(the_pack) if rule_id in (r.id, r.key)]
    assert rules, f"no rule {rule_id} in {pack_id}"
    evaluation = Evaluation(the_pack, parameters(), rules)
    chosen = year if year is not None else max(years)
    return evaluation.run(fact_sets(pack_id, years), [chosen])


def statuses(findings: list[Finding]) -> list[Status]:
    return [f.status for f in findings]


def status_by_scope(findings: list[Finding]) -> dict[str, Status]:
    return {f.scope.id: f.status for f in findings}


REPOSITORY = Path(__file__).resolve().parent.parent
"""The checkout the tests run in: its docs/, facts/ and tests/ are read as files of the
repository."""
BUNDLED_FACTS = REPOSITORY / "facts"


@contextmanager
def within(seconds: float) -> Iterator[None]:
    """Fail, rather than hang the suite, when reading takes longer than any honest input does."""
    def expire(*_: object) -> None:
        raise TimeoutError(f"took more than {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
