"""The review-meeting report as CommonMark, for minutes, wikis and issue trackers.

The same content in the same order as the HTML report (see `engine.output.report`): the summary
(what is kept and what is not, who must act, what happens next), the findings by theme, the
disputes ladder, what is still missing, the trajectories as tables, and the account of the
figures. Tables are the GitHub (GFM) table extension: where it is not supported they still
read as aligned rows of `|`-separated cells. The clause's words sit in a `<details>` HTML block,
which CommonMark allows and GitHub and GitLab show as a click-to-open section. Every text from a
pack or a fact file is escaped, so a clause containing `*`, `<` or `|` cannot change the layout
(`inline`).
"""

from __future__ import annotations

import re
from collections import Counter

from woonpact.engine import __version__
from woonpact.engine.check import CheckResult
from woonpact.engine.i18n import say
from woonpact.engine.model.finding import Finding, Status
from woonpact.engine.output.missing import item_text
from woonpact.engine.output.report import (CARDED, ROW_HEAD, SHORT_LIST, Report, build, by_theme, charged, lead,
                                           next_steps, party_rows, who_line)
from woonpact.engine.output.steps import answerable, reason_text, seated, step_line
from woonpact.engine.output.trace import Tracer, computation, provenance
from woonpact.engine.output.words import (clause_label, message, readable, rule_label, scope_text, status_text,
                                          theme_label, value_text)

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
    made = say("report.made", lang, date=value_text(report.made, "date", lang), version=__version__)
    tracer = Tracer(report.result, lang)
    parts = [f"# {inline(pack.title)}",
             f"**{inline(say('report.title', lang, year=report.year))}** · {inline(subtitle)} · {inline(made)}",
             f"## {inline(say('report.summary', lang, year=report.year))}", _summary(report, lang),
             f"## {inline(say('report.findings', lang, year=report.year))}", _findings(report, tracer, lang),
             f"## {inline(say('report.ladder', lang))}", _ladder(report, lang),
             f"## {inline(say('report.missing', lang, year=report.year))}", _missing(report, lang),
             f"## {inline(say('report.trajectories', lang))}", _trajectories(report, lang),
             f"## {inline(say('report.sources', lang))}", _sources(report, lang),
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


def _change(report: Report, finding: Finding, lang: str) -> str:
    kind = report.change(finding)
    return f" **{inline(say('report.change.' + kind, lang))}**" if kind else ""


def _summary(report: Report, lang: str) -> str:
    out = [inline(lead(report, lang))]
    for status in (Status.BREACH, Status.WARNING):
        findings = [f for f in report.findings if f.status is status]
        if not findings:
            continue
        out.append(f"### {inline(status_text(status, lang).capitalize())} ({len(findings)})")
        items = [f"- {inline(rule_label(f, report.pack.id))} **{inline(charged(f, report, lang))}**{_change(report, f, lang)}: "
                 f"{inline(f.rule.title(lang))}" for f in findings[:SHORT_LIST]]
        if len(findings) > SHORT_LIST:
            items.append(f"- {inline(say('report.more', lang, count=len(findings) - SHORT_LIST))}")
        out.append("\n".join(items))
    head = [inline(say("report.party", lang)), *(inline(status_text(s, lang)) for s in CARDED),
            inline(say("report.to_deliver", lang)), inline(say("report.total", lang))]
    rows = [[inline(name), *(str(counts[s] or "") for s in CARDED), str(deliver or ""), str(sum(counts.values()))]
            for _, name, counts, deliver in party_rows(report, lang)]
    out += [f"### {inline(say('report.who_acts', lang))}", _table(head, rows, numeric_from=1),
            f"*{inline(say('report.who_acts_note', lang))}*",
            f"### {inline(say('report.next', lang))}", "\n".join(f"- {inline(line)}" for line in next_steps(report, lang))]
    return "\n\n".join(out)


def _findings(report: Report, tracer: Tracer, lang: str) -> str:
    out = []
    for theme, cards, rest in by_theme(report):
        out.append(f"### {inline(theme_label(theme, lang))}")
        out += [_finding(f, report, tracer, lang) for f in cards]
        if rest:
            head = [inline(say(k, lang)) for k in ROW_HEAD]
            traces = [tracer.trace(f) for f in rest]
            out.append(_table(head, [[inline(rule_label(f, report.pack.id)), inline(scope_text(f.scope, lang)),
                                      inline(status_text(f.status, lang)) + _change(report, f, lang),
                                      f"**{inline(f.rule.title(lang))}**: {inline(message(f, lang, report.pack))}"
                                      + "".join(f" · {inline(line)}" for line in computation(trace, lang))]
                                     for f, trace in zip(rest, traces)]))
            out += [_details(f, report, lang, provenance(trace, report.pack, lang)) for f, trace in zip(rest, traces)]
    return "\n\n".join(out)


def _finding(f: Finding, report: Report, tracer: Tracer, lang: str) -> str:
    trace = tracer.trace(f)
    lines = [f"#### {inline(rule_label(f, report.pack.id))} · {inline(f.rule.title(lang))}",
             f"**{inline(status_text(f.status, lang))}**{_change(report, f, lang)}: {inline(message(f, lang, report.pack))}",
             f"*{inline(who_line(f, report, lang))}*"]
    calc = computation(trace, lang)
    if calc:
        lines.append("\n".join(f"- {inline(line)}" for line in calc))
    return "\n\n".join([*lines, _details(f, report, lang, provenance(trace, report.pack, lang))])


def _details(f: Finding, report: Report, lang: str, sources: list[str] | tuple[str, ...]) -> str:
    rule = f.rule
    section = rule.source.section + (", " + say("report.page", lang, page=rule.source.page) if rule.source.page else "")
    lines = [f"<details><summary>{inline(rule_label(f, report.pack.id))} · {inline(scope_text(f.scope, lang))}: "
             f"{inline(say('report.quote', lang, section=section))}</summary>",
             f"> {inline(rule.source.quote)}"]
    if rule.interpretation:
        lines.append(f"*{inline(say('report.interpretation', lang))}*: {inline(readable(rule.interpretation(lang), lang))}")
    if f.status not in CARDED:
        lines.append(f"*{inline(who_line(f, report, lang))}*")
    if sources:
        lines += [f"**{inline(say('report.facts_used', lang))}**", "\n".join(f"- {inline(s)}" for s in sources)]
    return "\n\n".join(lines) + "\n\n</details>"


def _ladder(report: Report, lang: str) -> str:
    if not report.escalations:
        return inline(say("report.no_escalations", lang, year=report.year))
    pack = report.pack
    out = []
    for step in report.escalations:
        closed = f" ({inline(say('report.closed', lang))})" if step.closed else ""
        who = seated(pack, step, lang)
        basis = f"; {say('ladder.basis', lang, basis=step.legal_basis)}" if step.legal_basis else ""
        reasons = "; ".join(reason_text(pack, r, lang) for r in step.reasons)
        out.append(f"- **{inline(clause_label(step.rule, pack.id))}** {inline(step.rule.title(lang))}{closed} — "
                   f"{inline(scope_text(step.scope, lang))}; {inline(answerable(pack, step, lang))}  \n"
                   f"  **{inline(step_line(pack, step, lang))}** · "
                   f"{inline(say('ladder.with' if step.action is None else 'ladder.by', lang, parties=who) + basis)}  \n"
                   f"  {inline(say('report.why', lang, reasons=reasons))}")
    return "\n".join(out)


def _missing(report: Report, lang: str) -> str:
    owed = [o for o in report.outstanding if o.items]
    if not owed:
        return inline(say("report.nothing_missing", lang, year=report.year))
    return "\n\n".join(f"### {inline(o.party.party.name)}\n\n"
                       + "\n".join(f"- {inline(item_text(item, lang, codes=False))}" for item in o.items) for o in owed)


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


def _sources(report: Report, lang: str) -> str:
    made = say("report.made", lang, date=value_text(report.made, "date", lang), version=__version__)
    files = _table([inline(say("report.year", lang)), inline(say("report.file", lang)), inline(say("report.version", lang))],
                   [[str(s.year), inline(str(s.path)), inline(s.sha256[:16])] for s in report.sources])
    return "\n\n".join([inline(made), files,
                        f"### {inline(say('report.by_status', lang))}",
                        _count_table(say("report.year", lang), [(str(y), c) for y, c in report.by_status.items()], lang),
                        f"### {inline(say('report.by_theme', lang, year=report.year))}",
                        _count_table(say("report.theme", lang),
                                     [(theme_label(t, lang), c) for t, c in report.by_theme.items()], lang)])
