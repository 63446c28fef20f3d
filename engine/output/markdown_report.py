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
from typing import Any

from woonpact.engine import __version__
from woonpact.engine.check import CheckResult
from woonpact.engine.i18n import say
from woonpact.engine.model.escalation import Escalation
from woonpact.engine.model.finding import DISPLAY_ORDER, Finding, Status
from woonpact.engine.output.missing import item_text
from woonpact.engine.output.report import (
    CARDED,
    ROW_HEAD,
    SHORT_LIST,
    Report,
    build,
    by_theme,
    charged,
    lead,
    next_steps,
    party_rows,
    seats,
    who_line,
)
from woonpact.engine.output.steps import answerable, reasons, step_line
from woonpact.engine.output.trace import Tracer, computation, provenance
from woonpact.engine.output.words import (
    clause_label,
    message,
    readable,
    rule_label,
    scope_text,
    status_text,
    theme_label,
    value_text,
)

_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&!])")
_LINE_START = re.compile(r"^([#+\-=]|\d+[.)])")


def inline(text: object) -> str:
    """Text that CommonMark shows exactly as given, on one line, wherever the line starts."""
    flat = " ".join(str(text).split())
    escaped = _SPECIAL.sub(r"\\\1", flat)
    return _LINE_START.sub(lambda m: m.group(1)[:-1] + "\\" + m.group(1)[-1], escaped)


def _say(key: str, lang: str, **params: Any) -> str:
    """A catalogue message, escaped for Markdown."""
    return inline(say(key, lang, **params))


def render(result: CheckResult, lang: str, year: int | None = None) -> str:
    return document(build(result, year), lang)


def document(report: Report, lang: str) -> str:
    pack, year = report.pack, report.year
    subtitle = say("report.subtitle", lang, municipality=pack.municipality, first=pack.first_year,
                   last=pack.last_year, years=", ".join(map(str, report.result.years)))
    made = say("report.made", lang, date=value_text(report.made, "date", lang), version=__version__)
    tracer = Tracer(report.result, lang)
    parts = [f"# {inline(pack.title)}",
             f"**{_say('report.title', lang, year=year)}** · {inline(subtitle)} · {inline(made)}",
             f"## {_say('report.summary', lang, year=year)}", _summary(report, lang),
             f"## {_say('report.findings', lang, year=year)}", _findings(report, tracer, lang),
             f"## {_say('report.ladder', lang)}", _ladder(report, lang),
             f"## {_say('report.missing', lang, year=year)}", _missing(report, lang),
             f"## {_say('report.trajectories', lang)}", _trajectories(report, lang),
             f"## {_say('report.sources', lang)}", _sources(report, lang, made),
             f"*{_say('report.generated', lang, version=__version__)}*"]
    return "\n\n".join(p for p in parts if p) + "\n"


def _table(head: list[str], rows: list[list[str]], numeric_from: int = 99) -> str:
    align = ["---:" if i >= numeric_from else "---" for i in range(len(head))]
    lines = ["| " + " | ".join(head) + " |", "| " + " | ".join(align) + " |"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def _count_table(head: str, rows: list[tuple[str, Counter[Status]]], lang: str) -> str:
    shown = [s for s in DISPLAY_ORDER if any(c[s] for _, c in rows)]
    columns = [inline(head), *(inline(status_text(s, lang)) for s in shown),
               _say("report.total", lang)]
    return _table(columns, [[inline(name), *(str(c[s] or "") for s in shown), str(sum(c.values()))]
                            for name, c in rows], numeric_from=1)


def _change(report: Report, finding: Finding, lang: str) -> str:
    kind = report.change(finding)
    return f" **{_say('report.change.' + kind, lang)}**" if kind else ""


def _summary(report: Report, lang: str) -> str:
    out = [inline(lead(report, lang))]
    for status in (Status.BREACH, Status.WARNING):
        findings = [f for f in report.findings if f.status is status]
        if not findings:
            continue
        out.append(f"### {inline(status_text(status, lang).capitalize())} ({len(findings)})")
        items = [f"- {inline(rule_label(f, report.pack.id))} **{inline(charged(f, report, lang))}**"
                 f"{_change(report, f, lang)}: {inline(f.rule.title(lang))}"
                 for f in findings[:SHORT_LIST]]
        if len(findings) > SHORT_LIST:
            items.append(f"- {_say('report.more', lang, count=len(findings) - SHORT_LIST)}")
        out.append("\n".join(items))
    head = [_say("report.party", lang), *(inline(status_text(s, lang)) for s in CARDED),
            _say("report.to_deliver", lang), _say("report.total", lang)]
    rows = [[inline(name), *(str(counts[s] or "") for s in CARDED), str(deliver or ""),
             str(sum(counts.values()))] for _, name, counts, deliver in party_rows(report, lang)]
    out += [f"### {_say('report.who_acts', lang)}", _table(head, rows, numeric_from=1),
            f"*{_say('report.who_acts_note', lang)}*", f"### {_say('report.next', lang)}",
            "\n".join(f"- {inline(line)}" for line in next_steps(report, lang))]
    return "\n\n".join(out)


def _findings(report: Report, tracer: Tracer, lang: str) -> str:
    out = []
    for theme, cards, rest in by_theme(report):
        out.append(f"### {inline(theme_label(theme, lang))}")
        out += [_finding(f, report, tracer, lang) for f in cards]
        if rest:
            traces = [tracer.trace(f) for f in rest]
            out.append(_table([_say(k, lang) for k in ROW_HEAD],
                              [_row(f, trace, report, lang) for f, trace in zip(rest, traces)]))
            out += [_details(f, report, lang, provenance(trace, report.pack, lang))
                    for f, trace in zip(rest, traces)]
    return "\n\n".join(out)


def _row(f: Finding, trace: Any, report: Report, lang: str) -> list[str]:
    calc = "".join(f" · {inline(line)}" for line in computation(trace, lang))
    return [inline(rule_label(f, report.pack.id)), inline(scope_text(f.scope, lang)),
            inline(status_text(f.status, lang)) + _change(report, f, lang),
            f"**{inline(f.rule.title(lang))}**: {inline(message(f, lang, report.pack))}{calc}"]


def _finding(f: Finding, report: Report, tracer: Tracer, lang: str) -> str:
    trace = tracer.trace(f)
    lines = [f"#### {inline(rule_label(f, report.pack.id))} · {inline(f.rule.title(lang))}",
             f"**{inline(status_text(f.status, lang))}**{_change(report, f, lang)}: "
             f"{inline(message(f, lang, report.pack))}",
             f"*{inline(who_line(f, report, lang))}*"]
    calc = computation(trace, lang)
    if calc:
        lines.append("\n".join(f"- {inline(line)}" for line in calc))
    return "\n\n".join([*lines, _details(f, report, lang, provenance(trace, report.pack, lang))])


def _details(f: Finding, report: Report, lang: str, sources: list[str]) -> str:
    rule = f.rule
    page = say("report.page", lang, page=rule.source.page) if rule.source.page else ""
    section = f"{rule.source.section}, {page}" if page else rule.source.section
    lines = [f"<details><summary>{inline(rule_label(f, report.pack.id))} · "
             f"{inline(scope_text(f.scope, lang))}: "
             f"{_say('report.quote', lang, section=section)}</summary>",
             f"> {inline(rule.source.quote)}"]
    if rule.interpretation:
        reading = readable(rule.interpretation(lang), lang)
        lines.append(f"*{_say('report.interpretation', lang)}*: {inline(reading)}")
    if f.status not in CARDED:
        lines.append(f"*{inline(who_line(f, report, lang))}*")
    if sources:
        lines += [f"**{_say('report.facts_used', lang)}**",
                  "\n".join(f"- {inline(s)}" for s in sources)]
    return "\n\n".join(lines) + "\n\n</details>"


def _ladder(report: Report, lang: str) -> str:
    if not report.escalations:
        return _say("report.no_escalations", lang, year=report.year)
    return "\n\n".join(f"### {inline(s.heading)}\n\n"
                       + "\n".join(_step(step, report, lang) for step in s.steps)
                       for s in seats(report, lang))


def _step(step: Escalation, report: Report, lang: str) -> str:
    pack = report.pack
    closed = f" ({_say('report.closed', lang)})" if step.closed else ""
    return (f"- **{inline(clause_label(step.rule, pack.id))}** "
            f"{inline(step.rule.title(lang))}{closed} — "
            f"{inline(scope_text(step.scope, lang))}; {inline(answerable(pack, step, lang))}  \n"
            f"  **{inline(step_line(pack, step, lang))}**  \n"
            f"  {_say('report.why', lang, reasons=reasons(pack, step, lang))}")


def _missing(report: Report, lang: str) -> str:
    owed = [o for o in report.outstanding if o.items]
    if not owed:
        return _say("report.nothing_missing", lang, year=report.year)
    return "\n\n".join(f"### {inline(o.party.party.name)}\n\n"
                        + "\n".join(f"- {inline(item_text(item, o.vocabulary, lang, codes=False))}"
                                    for item in o.items)
                        for o in owed)


def _trajectories(report: Report, lang: str) -> str:
    if not report.trajectories:
        return _say("report.no_trajectories", lang)
    head = [_say(k, lang) for k in ("report.year", "report.chart.actual", "report.chart.target")]
    out = []
    for t in report.trajectories:
        actual, target = dict(t.actual), dict(t.target)
        unit = t.rule.unit
        rows = [[_say("report.chart.deadline", lang, year=y) if y == t.deadline else str(y),
                 inline(value_text(actual.get(y), unit, lang)),
                 inline(value_text(target.get(y), unit, lang))]
                for y in sorted(set(actual) | set(target))]
        out += [f"### {inline(clause_label(t.rule, report.pack.id))} · "
                f"{inline(t.rule.title(lang))} · {inline(scope_text(t.scope, lang))}",
                _table(head, rows, numeric_from=1)]
    return "\n\n".join(out)


def _sources(report: Report, lang: str, made: str) -> str:
    head = [_say(k, lang) for k in ("report.year", "report.file", "report.version")]
    files = [[str(s.year), inline(str(s.path)), inline(s.sha256[:16])] for s in report.sources]
    themes = [(theme_label(t, lang), c) for t, c in report.by_theme.items()]
    return "\n\n".join([inline(made), _table(head, files), f"### {_say('report.by_status', lang)}",
                         _count_table(say("report.year", lang),
                                      [(str(y), c) for y, c in report.by_status.items()], lang),
                         f"### {_say('report.by_theme', lang, year=report.year)}",
                         _count_table(say("report.theme", lang), themes, lang)])
