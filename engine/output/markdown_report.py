"""The review-meeting report as CommonMark, for minutes, wikis and issue trackers.

The same content as the HTML report (see `engine.output.report`), laid out for text. Tables are
the GitHub (GFM) table extension: where it is not supported they still read as aligned rows of
`|`-separated cells. The clause's words sit in a `<details>` HTML block, which CommonMark allows
and GitHub and GitLab show as a click-to-open section. Trajectories are tables, not charts.
Every text from a pack or a fact file is escaped, so a clause containing `*`, `<` or `|` cannot
change the layout (`inline`).
"""

from __future__ import annotations

import re
from collections import Counter

from woonpact.engine import __version__
from woonpact.engine.check import CheckResult
from woonpact.engine.i18n import say
from woonpact.engine.model.finding import Finding, Status
from woonpact.engine.output.report import Report, build
from woonpact.engine.output.steps import reason_text, step_rows
from woonpact.engine.output.words import (clause_label, message, rule_label, scope_text,
                                 status_text, value_text)

STATUSES = (Status.BREACH, Status.WARNING, Status.MISSING_DATA, Status.COMPLIANT, Status.NOT_DUE,
            Status.NOT_APPLICABLE)
_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&!])")
_LINE_START = re.compile(r"^([#+\-=]|\d+[.)])")


def inline(text: object) -> str:
    """Text that CommonMark shows exactly as given, on one line, wherever the line starts."""
    flat = " ".join(str(text).split())
    escaped = _SPECIAL.sub(r"\\\1", flat)
    return _LINE_START.sub(lambda m: m.group(1)[:-1] + "\\" + m.group(1)[-1], escaped)


def render(result: CheckResult, lang: str, year: int | None = None) -> str:
    return document(build(result, year), lang)


def document(report: Report, lang: str) -> str:
    pack = report.pack
    subtitle = say("report.subtitle", lang, municipality=pack.municipality, first=pack.first_year,
                   last=pack.last_year, years=", ".join(map(str, report.result.years)))
    parts = [f"# {inline(pack.title)}", f"**{inline(say('report.title', lang, year=report.year))}** · {inline(subtitle)}",
             f"## {inline(say('report.summary', lang))}", _summary(report, lang),
             f"## {inline(say('report.changes', lang, year=report.previous_year or '-'))}", _changes(report, lang),
             f"## {inline(say('report.ladder', lang))}", _ladder(report, lang),
             f"## {inline(say('report.trajectories', lang))}", _trajectories(report, lang),
             f"## {inline(say('report.findings', lang, year=report.year))}", _findings(report, lang),
             f"*{inline(say('report.generated', lang, version=__version__))}*"]
    return "\n\n".join(p for p in parts if p) + "\n"


def _table(head: list[str], rows: list[list[str]], numeric_from: int = 99) -> str:
    align = ["---:" if i >= numeric_from else "---" for i in range(len(head))]
    lines = ["| " + " | ".join(head) + " |", "| " + " | ".join(align) + " |"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def _count_table(head: str, rows: list[tuple[str, Counter[Status]]], lang: str) -> str:
    shown = [s for s in STATUSES if any(c[s] for _, c in rows)]
    return _table([inline(head), *(inline(status_text(s, lang)) for s in shown), inline(say("report.total", lang))],
                  [[inline(name), *(str(c[s] or "") for s in shown), str(sum(c.values()))] for name, c in rows],
                  numeric_from=1)


def _summary(report: Report, lang: str) -> str:
    parties = {p.id: p.name for p in report.pack.parties}
    counts = report.by_status.get(report.year, Counter())
    line = ", ".join(f"**{counts[s]}** {inline(status_text(s, lang))}" for s in STATUSES if counts[s])
    return "\n\n".join([
        f"{report.year}: {line}" if line else str(report.year),
        f"### {inline(say('report.by_status', lang))}",
        _count_table(say("report.year", lang), [(str(y), c) for y, c in report.by_status.items()], lang),
        f"### {inline(say('report.by_theme', lang, year=report.year))}",
        _count_table(say("report.theme", lang), list(report.by_theme.items()), lang),
        f"### {inline(say('report.by_party', lang, year=report.year))}",
        _count_table(say("report.party", lang), [(parties.get(p, p), c) for p, c in report.by_party.items()], lang),
    ])


def _changes(report: Report, lang: str) -> str:
    if report.previous_year is None:
        return inline(say("report.no_previous", lang))
    if not report.changes:
        return inline(say("report.no_changes", lang, year=report.previous_year))
    return _table(
        [inline(say("report.rule", lang)), inline(say("report.scope", lang)), "", str(report.previous_year),
         str(report.year), inline(say("report.explanation", lang))],
        [[f"{inline(rule_label(c.after, report.pack.id))}", inline(scope_text(c.after.scope, lang)),
          f"**{inline(say('report.change.' + c.kind, lang))}**", inline(status_text(c.before.status, lang)),
          inline(status_text(c.after.status, lang)), inline(message(c.after, lang, report.pack))] for c in report.changes])


def _findings(report: Report, lang: str) -> str:
    out = []
    for theme, findings in report.themes:
        out.append(f"### {inline(theme.capitalize())}")
        out += [_finding(f, report, lang) for f in findings]
    return "\n\n".join(out)


def _finding(f: Finding, report: Report, lang: str) -> str:
    rule = f.rule
    section = rule.source.section + (", " + say("report.page", lang, page=rule.source.page) if rule.source.page else "")
    lines = [f"#### {inline(rule_label(f, report.pack.id))} · {inline(rule.title(lang))} · {inline(scope_text(f.scope, lang))}",
             f"**{inline(status_text(f.status, lang))}**: {inline(message(f, lang, report.pack))}",
             f"<details><summary>{inline(say('report.quote', lang, section=section))}</summary>",
             f"> {inline(rule.source.quote)}"]
    if rule.interpretation:
        lines.append(f"*{inline(say('report.interpretation', lang))}*: {inline(rule.interpretation(lang))}")
    return "\n\n".join(lines) + "\n\n</details>"


def _ladder(report: Report, lang: str) -> str:
    if not report.escalations:
        return inline(say("report.no_escalations", lang, year=report.year))
    out = []
    for step in report.escalations:
        closed = f" ({inline(say('report.closed', lang))})" if step.closed else ""
        out += [f"### {inline(clause_label(step.rule, report.pack.id))} · {inline(step.rule.title(lang))}{closed}",
                "\n".join(f"- **{inline(k)}**: {inline(v)}" for k, v in step_rows(report.pack, step, lang)),
                f"{inline(say('report.reasons', lang))}:",
                "\n".join(f"- {inline(reason_text(report.pack, r, lang, step.rule))}"
                          for r in step.reasons)]
    return "\n\n".join(out)


def _trajectories(report: Report, lang: str) -> str:
    if not report.trajectories:
        return inline(say("report.no_trajectories", lang))
    out = []
    for t in report.trajectories:
        actual, target = dict(t.actual), dict(t.target)
        years = sorted(set(actual) | set(target))
        unit = t.rule.unit
        out += [f"### {inline(clause_label(t.rule, report.pack.id))} · {inline(t.rule.title(lang))} · {inline(scope_text(t.scope, lang))}",
                _table([inline(say("report.year", lang)), inline(say("report.chart.actual", lang)),
                        inline(say("report.chart.target", lang))],
                       [[inline(say("report.chart.deadline", lang, year=y)) if y == t.deadline else str(y),
                         inline(value_text(actual.get(y), unit, lang)), inline(value_text(target.get(y), unit, lang))]
                        for y in years], numeric_from=1)]
    return "\n\n".join(out)
