"""Agreed deviations: which failing findings the parties agreed to, by clause, years and scope."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace

from woonpact.engine.model.facts import Deviation, FactSet
from woonpact.engine.model.finding import Finding


def covering(finding: Finding, deviations: Iterable[Deviation],
             checked_pack: str) -> Deviation | None:
    """The deviation that covers a failing finding, if any; an expired one covers nothing."""
    if finding.status.value not in ("breach", "warning"):
        return None
    called = finding.rule.called_in(checked_pack)
    return next((d for d in deviations
                 if d.rule in called and d.first_year <= finding.year <= d.last_year
                 and d.scope in (None, finding.scope.id)), None)


def mark_deviations(findings: Iterable[Finding], fact_sets: Mapping[int, FactSet],
                    checked_pack: str) -> list[Finding]:
    """The findings, each covered one carrying its deviation (status unchanged).

    A deviation counts wherever it was recorded: parties may agree on a year before it starts
    or afterwards, and the fact sets are read as one history.
    """
    deviations = [d for year in sorted(fact_sets) for d in fact_sets[year].deviations]
    if not deviations:
        return list(findings)
    marked = []
    for finding in findings:
        deviation = covering(finding, deviations, checked_pack)
        marked.append(finding if deviation is None else replace(finding, deviation=deviation))
    return marked
