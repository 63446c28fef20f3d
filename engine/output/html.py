"""The review-meeting report as one self-contained HTML file: inline CSS and SVG, no script.

It is written for a council and its aldermen. The first page is a one-page summary: what is
kept and what is not, who must act, what happens next. Then the findings by theme: a card for
every one that falls short or lacks data, with who answers for it, how its value was built and
the clause's own words one click away; a row each for the rest. Then the disputes ladder, what
each party still has to deliver, the trajectory charts, and the account of the figures (which
files, which versions, made when). It links to nothing outside itself, prints on A4 with the
summary alone on the first page and the details folded, and escapes every text it shows.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from html import escape
from typing import Any

from woonpact.engine import __version__
from woonpact.engine.check import CheckResult
from woonpact.engine.i18n import say
from woonpact.engine.model.escalation import Escalation
from woonpact.engine.model.finding import DISPLAY_ORDER, Finding, Status
from woonpact.engine.output import chart
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

STATUS_CSS = "".join(f".s-{s.value} {{ background: var(--{s.value}); }}\n" for s in DISPLAY_ORDER)
CARD_CSS = "".join(f".finding.s-{s.value} {{ border-left-color: var(--{s.value}); }}\n"
                   for s in DISPLAY_ORDER)
CSS = """
:root { --breach:#b42318; --warning:#b54708; --missing_data:#475467; --compliant:#067647;
        --not_due:#175cd3; --not_applicable:#98a2b3; --ink:#101828; --muted:#475467;
        --line:#d0d5dd; }
* { box-sizing: border-box; }
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif;
       color: var(--ink); max-width: 60rem; margin: 0 auto; padding: 1.5rem; }
h1 { font-size: 1.5rem; margin: 0 0 .2rem; }
h2 { font-size: 1.25rem; margin: 1.6rem 0 .5rem; border-bottom: 2px solid var(--ink);
     padding-bottom: .2rem; }
h3 { font-size: 1.05rem; margin: 1rem 0 .4rem; }
.sub, .muted { color: var(--muted); } nav ol { columns: 3; margin: .3rem 0; }
p.lead { font-size: 1.05rem; margin: .4rem 0 .6rem; }
table { border-collapse: collapse; width: 100%; margin: .3rem 0 .8rem; font-size: .88rem; }
th, td { border-bottom: 1px solid var(--line); padding: .2rem .4rem; text-align: left;
         vertical-align: top; }
th { background: #f2f4f7; } td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
.tiles { display: grid; grid-template-columns: repeat(6, 1fr); gap: .4rem; margin: .4rem 0 .6rem; }
.tile { border-radius: .4rem; padding: .3rem .5rem; color: #fff; }
.tile b { display: block; font-size: 1.4rem; line-height: 1.1; } .tile span { font-size: .75rem; }
.badge { display: inline-block; border-radius: 1rem; padding: 0 .55rem; color: #fff;
         font-size: .78rem; white-space: nowrap; }
.change { font-size: .85em; font-weight: bold; color: var(--breach); white-space: nowrap; }
.change.recovered { color: var(--compliant); }
ul.short { margin: .2rem 0 .4rem; padding-left: 1.1rem; font-size: .88rem; }
ul.short li { margin: .1rem 0; }
.columns { display: grid; grid-template-columns: 1fr 1fr; gap: 0 1.2rem; }
""" + STATUS_CSS + """
.finding { border: 1px solid var(--line); border-left: 6px solid var(--line); border-radius: .3rem;
           padding: .4rem .7rem; margin: .4rem 0; break-inside: avoid; page-break-inside: avoid;
           background: #fff; }
""" + CARD_CSS + """
.finding header { display: flex; gap: .6rem; align-items: baseline;
                  justify-content: space-between; }
.finding h4 { margin: 0; font-size: .98rem; } .finding p { margin: .25rem 0; }
p.who { font-size: .85rem; color: var(--muted); }
ul.calc { margin: .2rem 0; padding-left: 1.1rem; font-size: .85rem;
          font-variant-numeric: tabular-nums; }
details { margin: .2rem 0; } summary { cursor: pointer; color: var(--not_due); font-size: .85rem; }
blockquote { margin: .3rem 0 .3rem .2rem; padding: .2rem .8rem; border-left: 3px solid var(--line);
             font-style: italic; }
ul.facts { margin: .2rem 0; padding-left: 1.2rem; font-size: .82rem; color: var(--muted); }
tr.row td { font-size: .85rem; } tr.row details { margin: 0; }
ul.steps { padding-left: 1.1rem; font-size: .88rem; }
ul.steps li { margin: .3rem 0; break-inside: avoid; }
.charts { display: grid; grid-template-columns: 1fr 1fr; gap: 0 1.2rem; }
figure { margin: .6rem 0 1rem; break-inside: avoid; page-break-inside: avoid; }
figure svg { width: 100%; height: auto; font-family: inherit; }
figcaption { font-size: .82rem; color: var(--muted); }
footer { margin-top: 2rem; font-size: .8rem; color: var(--muted); }
code { font-size: .8rem; }
@page { size: A4; margin: 14mm 13mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 9.5pt; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  nav, details { display: none; }
  #summary { break-after: page; page-break-after: always; font-size: 8.5pt; }
  #summary p.lead { font-size: 9.5pt; margin: .2rem 0 .4rem; }
  #summary h2 { margin-top: .4rem; } #summary h3 { margin: .35rem 0 .15rem; }
  #summary .tile { padding: .1rem .4rem; } #summary .tile b { font-size: 1.1rem; }
  #summary table, #summary ul.short { font-size: 8pt; margin-bottom: .2rem; }
  #summary td, #summary th { padding-top: .05rem; padding-bottom: .05rem; }
  #summary ul.short li { display: -webkit-box; -webkit-line-clamp: 2; -webkit-box-orient: vertical;
                         overflow: hidden; }
  h2 { break-after: avoid; page-break-after: avoid; margin-top: 1rem; }
  .charts { grid-template-columns: 1fr 1fr 1fr; }
}
"""


def render(result: CheckResult, lang: str, year: int | None = None) -> str:
    return page(build(result, year), lang)


def _say(key: str, lang: str, **params: Any) -> str:
    """A catalogue message, escaped for HTML."""
    return escape(say(key, lang, **params))


def page(report: Report, lang: str) -> str:
    pack = report.pack
    title = f"{pack.title} · {say('report.title', lang, year=report.year)}"
    tracer = Tracer(report.result, lang)
    year = report.year
    sections = [
        ("summary", say("report.summary", lang, year=year), _summary(report, lang)),
        ("findings", say("report.findings", lang, year=year), _findings(report, tracer, lang)),
        ("ladder", say("report.ladder", lang), _ladder(report, lang)),
        ("missing", say("report.missing", lang, year=year), _missing(report, lang)),
        ("trajectories", say("report.trajectories", lang), _trajectories(report, lang)),
        ("sources", say("report.sources", lang), _sources(report, lang)),
    ]
    nav = "".join(f'<li><a href="#{anchor}">{escape(heading)}</a></li>'
                  for anchor, heading, _ in sections)
    body = "".join(f'<section id="{anchor}"><h2>{escape(heading)}</h2>{content}</section>'
                   for anchor, heading, content in sections)
    subtitle = say("report.subtitle", lang, municipality=pack.municipality, first=pack.first_year,
                   last=pack.last_year, years=", ".join(map(str, report.result.years)))
    html_lang = "en" if lang == "en" else "nl"
    return (f'<!DOCTYPE html>\n<html lang="{html_lang}"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{escape(title)}</title><style>{CSS}</style></head><body>"
            f"<header><h1>{escape(pack.title)}</h1>"
            f'<p class="sub">{_say("report.title", lang, year=year)}'
            f" · {escape(subtitle)} · {escape(_made(report, lang))}</p></header>"
            f"<nav><b>{_say('report.contents', lang)}</b><ol>{nav}</ol></nav>{body}"
            f"<footer>{_say('report.generated', lang, version=__version__)} "
            f"{escape(pack.id)}</footer>"
            "</body></html>")


def _made(report: Report, lang: str) -> str:
    return say("report.made", lang, date=value_text(report.made, "date", lang), version=__version__)


def _badge(status: Status, lang: str) -> str:
    return f'<span class="badge s-{status.value}">{escape(status_text(status, lang))}</span>'


def _change(report: Report, finding: Finding, lang: str) -> str:
    kind = report.change(finding)
    if not kind:
        return ""
    return f' <span class="change {kind}">{_say("report.change." + kind, lang)}</span>'


def _numbers(counts: Counter[Status], shown: Sequence[Status]) -> str:
    return "".join(f'<td class="n">{counts[s] or ""}</td>' for s in shown)


def _count_table(head: str, rows: Sequence[tuple[str, Counter[Status]]], lang: str) -> str:
    shown = [s for s in DISPLAY_ORDER if any(c[s] for _, c in rows)]
    cells = "".join(f'<th class="n">{escape(status_text(s, lang))}</th>' for s in shown)
    out = [f"<table><thead><tr><th>{escape(head)}</th>{cells}"
           f'<th class="n">{_say("report.total", lang)}</th></tr></thead><tbody>']
    for name, counts in rows:
        out.append(f"<tr><td>{escape(name)}</td>{_numbers(counts, shown)}"
                   f'<td class="n">{sum(counts.values())}</td></tr>')
    return "".join(out) + "</tbody></table>"


# -- the first page -----------------------------------------------------------------------------

def _summary(report: Report, lang: str) -> str:
    counts = report.by_status.get(report.year, Counter())
    tiles = "".join(f'<div class="tile s-{s.value}"><b>{counts[s]}</b>'
                    f"<span>{escape(status_text(s, lang))}</span></div>" for s in DISPLAY_ORDER)
    lists = "".join(_short_list(report, status, lang) for status in (Status.BREACH, Status.WARNING))
    steps = "".join(f"<li>{escape(line)}</li>" for line in next_steps(report, lang))
    return (f'<p class="lead">{escape(lead(report, lang))}</p><div class="tiles">{tiles}</div>'
            f'<div class="columns">{lists}</div>'
            f"<h3>{_say('report.who_acts', lang)}</h3>{_who_acts(report, lang)}"
            f'<h3>{_say("report.next", lang)}</h3><ul class="short">{steps}</ul>')


def _short_list(report: Report, status: Status, lang: str) -> str:
    findings = [f for f in report.findings if f.status is status]
    heading = escape(status_text(status, lang).capitalize())
    if not findings:
        return f'<div><h3>{heading}</h3><p class="muted">-</p></div>'
    items = "".join(f'<li><a href="#{_anchor(f)}">{escape(rule_label(f, report.pack.id))}</a> '
                    f"<b>{escape(charged(f, report, lang))}</b>{_change(report, f, lang)}: "
                    f"{escape(f.rule.title(lang))}</li>" for f in findings[:SHORT_LIST])
    if len(findings) > SHORT_LIST:
        items += f"<li>{_say('report.more', lang, count=len(findings) - SHORT_LIST)}</li>"
    return f'<div><h3>{heading} ({len(findings)})</h3><ul class="short">{items}</ul></div>'


def _who_acts(report: Report, lang: str) -> str:
    head = "".join(f'<th class="n">{escape(status_text(s, lang))}</th>' for s in CARDED)
    rows = "".join(f"<tr><td>{escape(name)}</td>{_numbers(counts, CARDED)}"
                   f'<td class="n">{deliver or ""}</td>'
                   f'<td class="n">{sum(counts.values())}</td></tr>'
                   for _, name, counts, deliver in party_rows(report, lang))
    return (f"<table><thead><tr><th>{_say('report.party', lang)}</th>{head}"
            f'<th class="n">{_say("report.to_deliver", lang)}</th>'
            f'<th class="n">{_say("report.total", lang)}</th></tr></thead>'
            f"<tbody>{rows}</tbody></table>"
            f'<p class="muted">{_say("report.who_acts_note", lang)}</p>')


# -- the findings -------------------------------------------------------------------------------

def _anchor(finding: Finding) -> str:
    return escape("f-" + "-".join((finding.rule.key, finding.scope.id)).replace(" ", "_"))


def _findings(report: Report, tracer: Tracer, lang: str) -> str:
    head = "".join(f"<th>{_say(k, lang)}</th>" for k in ROW_HEAD)
    out = []
    for theme, cards, rest in by_theme(report):
        out.append(f"<h3>{escape(theme_label(theme, lang))}</h3>")
        out += [_card(f, report, tracer, lang) for f in cards]
        if rest:
            rows = "".join(_row(f, report, tracer, lang) for f in rest)
            out.append(f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>")
    return "".join(out)


def _calc(lines: list[str]) -> str:
    if not lines:
        return ""
    return '<ul class="calc">' + "".join(f"<li>{escape(x)}</li>" for x in lines) + "</ul>"


def _card(f: Finding, report: Report, tracer: Tracer, lang: str) -> str:
    trace = tracer.trace(f)
    return (f'<article class="finding s-{f.status.value}" id="{_anchor(f)}"><header>'
            f"<h4>{escape(rule_label(f, report.pack.id))} · {escape(f.rule.title(lang))}"
            f"{_change(report, f, lang)}</h4>{_badge(f.status, lang)}</header>"
            f'<p class="who">{escape(who_line(f, report, lang))}</p>'
            f"<p>{escape(message(f, lang, report.pack))}</p>{_calc(computation(trace, lang))}"
            f"{_details(f, report, lang, provenance(trace, report.pack, lang))}</article>")


def _row(f: Finding, report: Report, tracer: Tracer, lang: str) -> str:
    trace = tracer.trace(f)
    return (f'<tr class="row" id="{_anchor(f)}"><td>{escape(rule_label(f, report.pack.id))}</td>'
            f"<td>{escape(scope_text(f.scope, lang))}</td>"
            f"<td>{_badge(f.status, lang)}{_change(report, f, lang)}</td>"
            f"<td><b>{escape(f.rule.title(lang))}</b>: {escape(message(f, lang, report.pack))}"
            f"{_calc(computation(trace, lang))}"
            f"{_details(f, report, lang, provenance(trace, report.pack, lang))}</td></tr>")


def _details(f: Finding, report: Report, lang: str, sources: Sequence[str]) -> str:
    """The clause's own words, its reading, who answers for it and where the figures came from:
    one click away on screen, folded in print."""
    rule = f.rule
    source = rule.source
    page = say("report.page", lang, page=source.page) if source.page else ""
    section = f"{source.section}, {page}" if page else source.section
    out = [f"<details><summary>{_say('report.quote', lang, section=section)}</summary>"
           f"<blockquote>{escape(' '.join(source.quote.split()))}</blockquote>"]
    if rule.interpretation:
        reading = " ".join(readable(rule.interpretation(lang), lang).split())
        out.append(f"<p><b>{_say('report.interpretation', lang)}:</b> {escape(reading)}</p>")
    if f.status not in CARDED:
        out.append(f'<p class="who">{escape(who_line(f, report, lang))}</p>')
    if sources:
        facts = "".join(f"<li>{escape(line)}</li>" for line in sources)
        out.append(f'<p><b>{_say("report.facts_used", lang)}</b></p><ul class="facts">{facts}</ul>')
    return "".join(out) + "</details>"


# -- the ladder, what is missing, the trajectories, the account ---------------------------------

def _ladder(report: Report, lang: str) -> str:
    """Per seat (who sits at the rung on what basis), a few lines per step: the clause, whom it
    concerns and who answers for it; where it stands and what comes next; and why."""
    if not report.escalations:
        return f'<p class="muted">{_say("report.no_escalations", lang, year=report.year)}</p>'
    return "".join(f'<h3 class="seat">{escape(s.heading)}</h3><ul class="steps">'
                   + "".join(_step(e, report, lang) for e in s.steps) + "</ul>"
                   for s in seats(report, lang))


def _step(step: Escalation, report: Report, lang: str) -> str:
    pack = report.pack
    closed = f' <span class="muted">({_say("report.closed", lang)})</span>' if step.closed else ""
    why = _say("report.why", lang, reasons=reasons(pack, step, lang))
    return (f'<li class="step" data-kind="{step.kind}">'
            f"<b>{escape(clause_label(step.rule, pack.id))}</b> "
            f"{escape(step.rule.title(lang))}{closed} — "
            f"{escape(scope_text(step.scope, lang))}; {escape(answerable(pack, step, lang))}<br>"
            f"<b>{escape(step_line(pack, step, lang))}</b><br>"
            f'<span class="muted">{why}</span></li>')


def _missing(report: Report, lang: str) -> str:
    owed = [o for o in report.outstanding if o.items]
    if not owed:
        return f'<p class="muted">{_say("report.nothing_missing", lang, year=report.year)}</p>'
    return "".join(f'<h3>{escape(o.party.party.name)}</h3><ul class="short">'
                   + "".join(f"<li>{escape(item_text(item, o.vocabulary, lang, codes=False))}</li>"
                             for item in o.items)
                   + "</ul>" for o in owed)


def _trajectories(report: Report, lang: str) -> str:
    if not report.trajectories:
        return f'<p class="muted">{_say("report.no_trajectories", lang)}</p>'
    out = []
    for t in report.trajectories:
        label = clause_label(t.rule, report.pack.id)
        caption = f"{label} · {t.rule.title(lang)} · {scope_text(t.scope, lang)}"
        out.append(f"<figure>{chart.svg(t, label, lang)}"
                   f"<figcaption>{escape(caption)}</figcaption></figure>")
    return f'<div class="charts">{"".join(out)}</div>'


def _sources(report: Report, lang: str) -> str:
    files = "".join(f"<tr><td>{s.year}</td><td><code>{escape(str(s.path))}</code></td>"
                    f"<td><code>{escape(s.sha256[:16])}</code></td></tr>" for s in report.sources)
    head = "".join(f"<th>{_say(k, lang)}</th>"
                   for k in ("report.year", "report.file", "report.version"))
    themes = [(theme_label(t, lang), c) for t, c in report.by_theme.items()]
    return (f"<p>{escape(_made(report, lang))}</p>"
            f"<table><thead><tr>{head}</tr></thead><tbody>{files}</tbody></table>"
            f"<h3>{_say('report.by_status', lang)}</h3>"
            + _count_table(say("report.year", lang),
                           [(str(y), c) for y, c in report.by_status.items()], lang)
            + f"<h3>{_say('report.by_theme', lang, year=report.year)}</h3>"
            + _count_table(say("report.theme", lang), themes, lang))
