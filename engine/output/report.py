"""What a review-meeting report says, worked out once for every report format.

The HTML and Markdown reports lay out the same content: the year under review, its counts by
status, theme and party, its findings grouped by theme, the changes since the previous judged
year, the escalation steps and the trajectories of the cumulative and deadline clauses. Working
that out here keeps the two layouts from drifting apart.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from woonpact.engine.check import CheckResult
from woonpact.engine.language import ast
from woonpact.engine.model.escalation import Escalation
from woonpact.engine.model.finding import Finding, ScopeInstance, Status
from woonpact.engine.model.pack import Pack, Role, Rule

ORDER = (Status.BREACH, Status.WARNING, Status.MISSING_DATA, Status.COMPLIANT, Status.NOT_DUE,
         Status.NOT_APPLICABLE)
SEVERITY = {Status.COMPLIANT: 0, Status.WARNING: 1, Status.BREACH: 2}
CHANGE_KINDS = ("newly_breached", "worsened", "recovered")


@dataclass(frozen=True, slots=True)
class Change:
    """How one clause for one scope moved between the previous judged year and this one."""

    kind: str  # one of CHANGE_KINDS
    before: Finding
    after: Finding


@dataclass(frozen=True, slots=True)
class Trajectory:
    """A clause's course over the years: what was reached, what the path asked, the deadline."""

    rule: Rule
    scope: ScopeInstance
    actual: tuple[tuple[int, float], ...]
    target: tuple[tuple[int, float], ...]  # the path, ending at (deadline, final bound)
    deadline: int | None
    bound: float | None
    first_year: int
    last_year: int


@dataclass(frozen=True)
class Report:
    result: CheckResult
    year: int
    previous_year: int | None
    findings: tuple[Finding, ...]  # of the year under review, worst first
    by_status: dict[int, Counter[Status]]  # per judged year up to the year under review
    by_theme: dict[str, Counter[Status]]
    by_party: dict[str, Counter[Status]]
    themes: tuple[tuple[str, tuple[Finding, ...]], ...]
    changes: tuple[Change, ...]
    escalations: tuple[Escalation, ...]
    trajectories: tuple[Trajectory, ...]

    @property
    def pack(self) -> Pack:
        return self.result.pack


def build(result: CheckResult, year: int | None = None) -> Report:
    """The report on `year` (default: the last judged year), with the years before it as history."""
    years = tuple(y for y in result.years if year is None or y <= year)
    focus = years[-1] if years else (year or result.pack.first_year)
    previous = years[-2] if len(years) > 1 else None
    history = [f for f in result.findings if f.year in years]
    findings = tuple(sorted((f for f in history if f.year == focus), key=lambda f: ORDER.index(f.status)))
    by_theme: dict[str, Counter[Status]] = {}
    by_party: dict[str, Counter[Status]] = {p.id: Counter() for p in result.pack.parties}
    for f in findings:
        by_theme.setdefault(f.rule.theme, Counter())[f.status] += 1
        for party in responsible_parties(f, result.pack):
            by_party[party][f.status] += 1
    themes: dict[str, list[Finding]] = {}
    for f in findings:
        themes.setdefault(f.rule.theme, []).append(f)
    return Report(
        result=result,
        year=focus,
        previous_year=previous,
        findings=findings,
        by_status={y: Counter(f.status for f in history if f.year == y) for y in years},
        by_theme=dict(sorted(by_theme.items())),
        by_party={p: c for p, c in by_party.items() if c},
        themes=tuple((theme, tuple(fs)) for theme, fs in sorted(themes.items())),
        changes=changes(history, previous, focus) if previous is not None else (),
        escalations=tuple(e for e in result.escalations if e.year == focus),
        trajectories=trajectories(history, result.pack),
    )


def responsible_parties(finding: Finding, pack: Pack) -> tuple[str, ...]:
    """The parties a finding concerns: its own party, else those the clause makes responsible."""
    if finding.scope.party:
        return (finding.scope.party,)
    ids = {p.id for p in pack.parties}
    found: list[str] = []
    for name in finding.rule.responsible:
        if name == "all":
            found += [p.id for p in pack.parties]
        elif name in ids:
            found.append(name)
        elif name in Role.__members__.values():
            found += [p.id for p in pack.parties if p.role.value == name]
    return tuple(dict.fromkeys(found))


def changes(findings: list[Finding], before: int, after: int) -> tuple[Change, ...]:
    """Each (clause, scope) judged in both years whose standing moved the way a meeting asks about.

    Newly breached: a breach now that was no breach before (a deadline passing counts).
    Worsened: compliant became a warning, or a shortfall of the same kind grew.
    Recovered: a breach or warning became compliant.
    """
    earlier = {(f.rule.key, f.scope.id): f for f in findings if f.year == before}
    found: list[Change] = []
    for now in (f for f in findings if f.year == after):
        then = earlier.get((now.rule.key, now.scope.id))
        if then is None:
            continue
        kind = _change(then, now)
        if kind:
            found.append(Change(kind, then, now))
    return tuple(sorted(found, key=lambda c: CHANGE_KINDS.index(c.kind)))


def _change(then: Finding, now: Finding) -> str | None:
    if now.status is Status.BREACH and then.status is not Status.BREACH:
        return "newly_breached"
    if then.status in (Status.BREACH, Status.WARNING) and now.status is Status.COMPLIANT:
        return "recovered"
    if then.status is Status.COMPLIANT and now.status is Status.WARNING:
        return "worsened"
    if (now.status is then.status and now.failing and then.distance and now.distance
            and (then.distance.unit, then.distance.direction) == (now.distance.unit, now.distance.direction)
            and now.distance.amount > then.distance.amount):
        return "worsened"
    return None


def charted(rule: Rule) -> bool:
    """A clause whose course matters: one with a deadline or trajectory, or a cumulative measure."""
    return rule.deadline is not None or rule.trajectory is not None or (
        rule.measure is not None and any(isinstance(node, ast.Call) and node.func == "cumulative"
                                         for node in ast.walk(rule.measure.tree)))


def _number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def trajectories(findings: list[Finding], pack: Pack) -> tuple[Trajectory, ...]:
    """One trajectory per charted clause and scope that has at least one figure to draw."""
    series: dict[tuple[str, str], list[Finding]] = {}
    for f in findings:
        if charted(f.rule) and _number(f.value):
            series.setdefault((f.rule.key, f.scope.id), []).append(f)
    out = []
    for history in series.values():
        history.sort(key=lambda f: f.year)
        last = history[-1]
        rule = last.rule
        bound = last.bound if _number(last.bound) else None
        target = [(f.year, float(f.target)) for f in history if _number(f.target)]
        if rule.deadline is not None and bound is not None:
            target = [p for p in target if p[0] < rule.deadline] + [(rule.deadline, float(bound))]
        years = [f.year for f in history] + ([rule.deadline] if rule.deadline else [])
        out.append(Trajectory(
            rule=rule, scope=last.scope,
            actual=tuple((f.year, float(f.value)) for f in history),
            target=tuple(target), deadline=rule.deadline, bound=float(bound) if bound is not None else None,
            first_year=min(min(years), max(pack.first_year, rule.first_year)),
            last_year=max(years),
        ))
    return tuple(out)
