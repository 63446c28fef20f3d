"""What a review-meeting report says, worked out once for every report format.

The HTML and Markdown reports lay out the same content: the year under review, its counts by
status, theme and party (each finding counted once, for the party it charges or the parties it
charges together: engine/output/accountable.py), its findings grouped by theme, the changes
since the previous judged year, the escalation steps, the trajectories of the cumulative and
deadline clauses, what each party still has to deliver, and the fact files the report rests on
with a content hash of each. Working that out here keeps the two layouts from drifting apart.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from woonpact.engine.check import CheckResult
from woonpact.engine.facts.request import request
from woonpact.engine.i18n import say
from woonpact.engine.model.escalation import Escalation
from woonpact.engine.model.finding import DISPLAY_ORDER, Finding, ScopeInstance, Status
from woonpact.engine.model.pack import Pack, Rule
from woonpact.engine.output.accountable import (
    Accountable,
    accountable,
    accountable_text,
    obligation_text,
)
from woonpact.engine.output.missing import Outstanding, outstanding
from woonpact.engine.output.steps import rung_name, seat, step_line
from woonpact.engine.output.trace import charted
from woonpact.engine.output.words import clause_label, scope_text
from woonpact.engine.rules.packs import included_rules, pack_vocabulary

SHORT_LIST = 6  # per status, and kinds of ladder steps, on the summary page; the rest are counted
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


@dataclass(frozen=True, slots=True)
class Source:
    """A file the report rests on, and a content hash that tells one version from another."""

    path: Path
    year: int | None
    sha256: str


@dataclass(frozen=True)
class Report:
    result: CheckResult
    year: int
    previous_year: int | None
    findings: tuple[Finding, ...]  # of the year under review, worst first
    by_status: dict[int, Counter[Status]]  # per judged year up to the year under review
    by_theme: dict[str, Counter[Status]]
    by_party: dict[Accountable, Counter[Status]]  # each finding once: its party, or its parties
    themes: tuple[tuple[str, tuple[Finding, ...]], ...]
    changes: tuple[Change, ...]
    escalations: tuple[Escalation, ...]
    trajectories: tuple[Trajectory, ...]
    outstanding: tuple[Outstanding, ...] = ()  # per party, what it still owes for the year
    sources: tuple[Source, ...] = ()
    made: dt.date = dt.date.min

    @property
    def pack(self) -> Pack:
        return self.result.pack

    def change(self, finding: Finding) -> str | None:
        """How the finding moved since the previous judged year, if it did."""
        return next((c.kind for c in self.changes if c.after is finding), None)


def build(result: CheckResult, year: int | None = None) -> Report:
    """The report on `year` (default: the last judged year), with the years before it as history."""
    years = tuple(y for y in result.years if year is None or y <= year)
    focus = years[-1] if years else (year or result.pack.first_year)
    previous = years[-2] if len(years) > 1 else None
    history = [f for f in result.findings if f.year in years]
    findings = tuple(sorted((f for f in history if f.year == focus),
                            key=lambda f: DISPLAY_ORDER.index(f.status)))
    by_theme: dict[str, Counter[Status]] = {}
    by_party: dict[Accountable, Counter[Status]] = {Accountable((p.id,)): Counter()
                                                    for p in result.pack.parties}
    for f in findings:
        by_theme.setdefault(f.rule.theme, Counter())[f.status] += 1
        by_party.setdefault(accountable(f.rule, f.scope, result.pack), Counter())[f.status] += 1
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
        outstanding=outstanding(request(result.pack, included_rules(result.pack), focus,
                                        pack_vocabulary(result.pack)), focus,
                                result.fact_sets),
        sources=sources(result),
        made=dt.date.today(),
    )


def sources(result: CheckResult) -> tuple[Source, ...]:
    """Each year's fact file and the CSV files it reads, each with the SHA-256 of the bytes that
    were read and judged (`FactSet.sources`), not of the file as it is now: one saved since the
    check read it would otherwise be cited as the version judged. A fact set made from data
    rather than read from a file cites its path without a digest."""
    return tuple(
        source
        for year, fact_set in sorted(result.fact_sets.items())
        for source in ([Source(s.path, year, s.sha256) for s in fact_set.sources]
                       or [Source(fact_set.path, year, "-")])
    )


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
            and (then.distance.unit, then.distance.direction) == (now.distance.unit,
                                                                  now.distance.direction)
            and now.distance.amount > then.distance.amount):
        return "worsened"
    return None


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
            target=tuple(target), deadline=rule.deadline,
            bound=float(bound) if bound is not None else None,
            first_year=min(min(years), max(pack.first_year, rule.first_year)),
            last_year=max(years),
        ))
    return tuple(out)


# -- the first page, in words ---------------------------------------------------------------------

def lead(report: Report, lang: str) -> str:
    """The year in one sentence: how many findings, and how many of each status."""
    counts = report.by_status.get(report.year, Counter())
    order = (Status.COMPLIANT, *(s for s in DISPLAY_ORDER if s is not Status.COMPLIANT))
    parts = ", ".join(say(f"count.{s.value}", lang, n=counts[s]) for s in order if counts[s])
    return say("report.lead", lang, year=report.year, total=sum(counts.values()), parts=parts)


CARDED = (Status.BREACH, Status.WARNING, Status.MISSING_DATA)  # a card each; the rest a row each
ROW_HEAD = ("report.rule", "report.scope", "report.status", "report.explanation")


def by_theme(report: Report) -> list[tuple[str, list[Finding], list[Finding]]]:
    """Per theme: the findings that get a card (falling short, or lacking data), then the rest."""
    return [(theme, [f for f in findings if f.status in CARDED],
             [f for f in findings if f.status not in CARDED]) for theme, findings in report.themes]


def charged(finding: Finding, report: Report, lang: str) -> str:
    """Who answers for a finding, and the item it is about when it is one."""
    pack = report.pack
    text = accountable_text(accountable(finding.rule, finding.scope, pack), pack, lang)
    scope = scope_text(finding.scope, lang)
    return text if finding.scope.kind in ("agreement", "party") else f"{text}; {scope}"


def party_rows(report: Report, lang: str) -> list[tuple[Accountable, str, Counter[Status], int]]:
    """Per party (then per group charged together): its counts and what it still has to deliver."""
    owed = {o.party.party.id: len(o.items) for o in report.outstanding}
    rows = []
    for group, counts in report.by_party.items():
        deliver = owed.get(group.parties[0], 0) if not group.together else 0
        if sum(counts.values()) or deliver:
            rows.append((group, accountable_text(group, report.pack, lang), counts, deliver))
    return sorted(rows, key=lambda r: r[0].together)


@dataclass(frozen=True, slots=True)
class Seat:
    """Steps at which the same parties sit (or act) on the same legal basis."""

    text: str  # "met: ...; grondslag: ..."
    steps: tuple[Escalation, ...]

    @property
    def heading(self) -> str:
        return self.text[:1].upper() + self.text[1:]


def seats(report: Report, lang: str) -> tuple[Seat, ...]:
    """The year's steps by who sits at the rung and on what basis, in the order they first come.
    Stated under every step, the seat and its basis took a third of the ladder's printed pages,
    the same words a dozen times."""
    grouped: dict[str, list[Escalation]] = {}
    for step in report.escalations:
        grouped.setdefault(seat(report.pack, step, lang), []).append(step)
    return tuple(Seat(text, tuple(steps)) for text, steps in grouped.items())


def next_steps(report: Report, lang: str) -> list[str]:
    """What happens next: the ladder's steps grouped by where they stand, the actions due, what
    is still to be delivered, and how the year moved since the one before."""
    pack = report.pack
    grouped: dict[str, list[str]] = {}
    for step in (e for e in report.escalations if not e.closed):
        clause = clause_label(step.rule, pack.id)
        grouped.setdefault(_next(step, report, lang), []).append(clause)
    lines = [say("report.next_group", lang, step=line, count=len(clauses),
                 clauses=", ".join(dict.fromkeys(clauses)))
             for line, clauses in list(grouped.items())[:SHORT_LIST]]
    if len(grouped) > SHORT_LIST:
        lines.append(say("report.more_steps", lang, count=len(grouped) - SHORT_LIST))
    if not lines:
        lines.append(say("report.no_escalations", lang, year=report.year))
    owed = [o for o in report.outstanding if o.items]
    if owed:
        lines.append(say("report.owed", lang, parties=", ".join(
            f"{o.party.party.name} ({len(o.items)})" for o in owed)))
    if report.previous_year is not None:
        moved = Counter(c.kind for c in report.changes)
        parts = ", ".join(f"{moved[k]} {say('report.change.' + k, lang)}" for k in CHANGE_KINDS
                          if moved[k])
        lines.append(say("report.moved", lang, year=report.previous_year,
                         parts=parts or say("report.unmoved", lang)))
    return lines


def _next(step: Escalation, report: Report, lang: str) -> str:
    """Where a step leads, for the summary: start with a rung, go on to the next, or wait."""
    pack = report.pack
    if step.action is not None:
        return step_line(pack, step, lang)
    rung = rung_name(pack, step.rung, lang, step.rule)
    recommended = rung_name(pack, step.recommended, lang, step.rule)
    if step.rung is None:
        return say("report.next_start", lang, next=recommended)
    if step.recommended is None:  # held without a solution: the next evaluation decides
        return step_line(pack, step, lang)
    return say("report.next_climb", lang, rung=rung, next=recommended)


def who_line(finding: Finding, report: Report, lang: str) -> str:
    """Whom a finding is about, who answers for it, and the kind of obligation."""
    rule = finding.rule
    text = accountable_text(accountable(rule, finding.scope, report.pack), report.pack, lang)
    return say("report.who_line", lang, scope=scope_text(finding.scope, lang), accountable=text,
               obligation=obligation_text(rule, lang))
