"""The review-meeting report as one self-contained HTML file: inline CSS and SVG, no script.

A meeting looks rather than reads, so the page leads with counts and coloured status tiles,
then the changes since last year, the disputes ladder and the trajectory charts, and ends with
the findings per theme for reference (the clause's own words one click away in a `<details>`). It links to nothing
outside itself, prints on A4 without splitting a finding, and escapes every text it shows.
"""

from __future__ import annotations

from collections import Counter
from html import escape

from woonpact.engine import __version__
from woonpact.engine.check import CheckResult
from woonpact.engine.facts.vocabulary import vocabulary
from woonpact.engine.i18n import say
from woonpact.engine.model.escalation import Escalation
from woonpact.engine.model.finding import Finding, Status
from woonpact.engine.output import chart
from woonpact.engine.output.report import Change, Report, build
from woonpact.engine.output.steps import reason_text, step_rows
from woonpact.engine.output.words import (clause_label, message, rule_label, scope_text, status_text,
                                 value_text)

STATUSES = (Status.BREACH, Status.WARNING, Status.MISSING_DATA, Status.COMPLIANT, Status.NOT_DUE,
            Status.NOT_APPLICABLE)

CSS = """
:root { --breach:#b42318; --warning:#b54708; --missing_data:#475467; --compliant:#067647;
        --not_due:#175cd3; --not_applicable:#98a2b3; --ink:#101828; --muted:#475467; --line:#d0d5dd; }
* { box-sizing: border-box; }
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; color: var(--ink);
       max-width: 60rem; margin: 0 auto; padding: 1.5rem; }
h1 { font-size: 1.6rem; margin: 0 0 .2rem; } h2 { font-size: 1.3rem; margin: 2rem 0 .6rem;
     border-bottom: 2px solid var(--ink); padding-bottom: .2rem; } h3 { font-size: 1.1rem; margin: 1.4rem 0 .5rem; }
.sub, .muted { color: var(--muted); } nav ol { columns: 2; margin: .3rem 0; }
table { border-collapse: collapse; width: 100%; margin: .4rem 0 1rem; font-size: .9rem; }
th, td { border-bottom: 1px solid var(--line); padding: .3rem .45rem; text-align: left; vertical-align: top; }
th { background: #f2f4f7; } td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
.tiles { display: grid; grid-template-columns: repeat(6, 1fr); gap: .5rem; margin: .6rem 0 1rem; }
.tile { border-radius: .4rem; padding: .5rem .6rem; color: #fff; }
.tile b { display: block; font-size: 1.7rem; line-height: 1.1; } .tile span { font-size: .8rem; }
.badge { display: inline-block; border-radius: 1rem; padding: 0 .55rem; color: #fff; font-size: .8rem;
         white-space: nowrap; }
""" + "".join(f".s-{s.value} {{ background: var(--{s.value}); }}\n" for s in STATUSES) + """
.finding { border: 1px solid var(--line); border-left: 6px solid var(--line); border-radius: .3rem;
           padding: .5rem .8rem; margin: .5rem 0; break-inside: avoid; page-break-inside: avoid; }
""" + "".join(f".finding.s-{s.value} {{ border-left-color: var(--{s.value}); background: #fff; }}\n"
              for s in STATUSES) + """
.finding header { display: flex; gap: .6rem; align-items: baseline; justify-content: space-between; }
.finding h4 { margin: 0; font-size: 1rem; } .finding p { margin: .3rem 0; }
details { margin: .3rem 0; } summary { cursor: pointer; color: var(--not_due); }
blockquote { margin: .3rem 0 .3rem .2rem; padding: .2rem .8rem; border-left: 3px solid var(--line);
             font-style: italic; }
ul.facts { margin: .2rem 0; padding-left: 1.2rem; font-size: .85rem; color: var(--muted); }
.charts { display: grid; grid-template-columns: 1fr 1fr; gap: 0 1.2rem; }
figure { margin: .8rem 0 1.2rem; break-inside: avoid; page-break-inside: avoid; }
figure svg { width: 100%; height: auto; font-family: inherit; }
figcaption { font-size: .85rem; color: var(--muted); }
footer { margin-top: 2rem; font-size: .8rem; color: var(--muted); }
@page { size: A4; margin: 15mm 14mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  nav, summary { display: none; }
  details::details-content { content-visibility: visible; display: block; }
  h2 { break-after: avoid; page-break-after: avoid; }
  .tiles { grid-template-columns: repeat(6, 1fr); }
}
"""


def render(result: CheckResult, lang: str, year: int | None = None) -> str:
    return page(build(result, year), lang)


def page(report: Report, lang: str) -> str:
    pack = report.pack
    title = f"{pack.title} · {say('report.title', lang, year=report.year)}"
    sections = [
        ("summary", say("report.summary", lang), _summary(report, lang)),
        ("changes", _changes_title(report, lang), _changes(report, lang)),
        ("ladder", say("report.ladder", lang), _ladder(report, lang)),
        ("trajectories", say("report.trajectories", lang), _trajectories(report, lang)),
        ("findings", say("report.findings", lang, year=report.year), _findings(report, lang)),
    ]
    nav = "".join(f'<li><a href="#{anchor}">{escape(heading)}</a></li>' for anchor, heading, _ in sections)
    body = "".join(f'<section id="{anchor}"><h2>{escape(heading)}</h2>{content}</section>'
                   for anchor, heading, content in sections)
    subtitle = say("report.subtitle", lang, municipality=pack.municipality, first=pack.first_year,
                   last=pack.last_year, years=", ".join(map(str, report.result.years)))
    return (f'<!DOCTYPE html>\n<html lang="{"en" if lang == "en" else "nl"}"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{escape(title)}</title><style>{CSS}</style></head><body>"
            f"<header><h1>{escape(pack.title)}</h1><p class=\"sub\">{escape(say('report.title', lang, year=report.year))}"
            f" · {escape(subtitle)}</p></header>"
            f"<nav><b>{escape(say('report.contents', lang))}</b><ol>{nav}</ol></nav>{body}"
            f"<footer>{escape(say('report.generated', lang, version=__version__))} {escape(pack.id)}</footer>"
            "</body></html>")


def _badge(status: Status, lang: str) -> str:
    return f'<span class="badge s-{status.value}">{escape(status_text(status, lang))}</span>'


def _count_table(head: str, rows: list[tuple[str, Counter[Status]]], lang: str) -> str:
    shown = [s for s in STATUSES if any(c[s] for _, c in rows)]
    cells = "".join(f'<th class="n">{escape(status_text(s, lang))}</th>' for s in shown)
    out = [f"<table><thead><tr><th>{escape(head)}</th>{cells}"
           f'<th class="n">{escape(say("report.total", lang))}</th></tr></thead><tbody>']
    for name, counts in rows:
        out.append(f"<tr><td>{escape(name)}</td>" + "".join(f'<td class="n">{counts[s] or ""}</td>' for s in shown)
                   + f'<td class="n">{sum(counts.values())}</td></tr>')
    return "".join(out) + "</tbody></table>"


def _summary(report: Report, lang: str) -> str:
    counts = report.by_status.get(report.year, Counter())
    tiles = "".join(f'<div class="tile s-{s.value}"><b>{counts[s]}</b><span>{escape(status_text(s, lang))}</span></div>'
                    for s in STATUSES)
    parties = {p.id: p.name for p in report.pack.parties}
    return (f'<div class="tiles">{tiles}</div>'
            f"<h3>{escape(say('report.by_status', lang))}</h3>"
            + _count_table(say("report.year", lang), [(str(y), c) for y, c in report.by_status.items()], lang)
            + f"<h3>{escape(say('report.by_theme', lang, year=report.year))}</h3>"
            + _count_table(say("report.theme", lang), list(report.by_theme.items()), lang)
            + f"<h3>{escape(say('report.by_party', lang, year=report.year))}</h3>"
            + _count_table(say("report.party", lang), [(parties.get(p, p), c) for p, c in report.by_party.items()], lang))


def _changes_title(report: Report, lang: str) -> str:
    return say("report.changes", lang, year=report.previous_year if report.previous_year else "-")


def _changes(report: Report, lang: str) -> str:
    if report.previous_year is None:
        return f'<p class="muted">{escape(say("report.no_previous", lang))}</p>'
    if not report.changes:
        return f'<p class="muted">{escape(say("report.no_changes", lang, year=report.previous_year))}</p>'
    rows = "".join(_change_row(c, report, lang) for c in report.changes)
    return (f"<table><thead><tr><th>{escape(say('report.rule', lang))}</th><th>{escape(say('report.scope', lang))}</th>"
            f"<th></th><th>{report.previous_year}</th><th>{report.year}</th>"
            f"<th>{escape(say('report.explanation', lang))}</th></tr></thead><tbody>{rows}</tbody></table>")


def _change_row(change: Change, report: Report, lang: str) -> str:
    now = change.after
    return (f"<tr class=\"change {change.kind}\"><td><a href=\"#{_anchor(now)}\">{escape(rule_label(now, report.pack.id))}</a>"
            f"</td><td>{escape(scope_text(now.scope, lang))}</td><td><b>{escape(say('report.change.' + change.kind, lang))}</b></td>"
            f"<td>{_badge(change.before.status, lang)}</td><td>{_badge(now.status, lang)}</td>"
            f"<td>{escape(message(now, lang, report.pack))}</td></tr>")


def _anchor(finding: Finding) -> str:
    return escape("f-" + "-".join((finding.rule.key, finding.scope.id)).replace(" ", "_"))


def _findings(report: Report, lang: str) -> str:
    out = []
    for theme, findings in report.themes:
        out.append(f"<h3>{escape(theme.capitalize())}</h3>")
        out += [_card(f, report, lang) for f in findings]
    return "".join(out)


def _card(f: Finding, report: Report, lang: str) -> str:
    rule = f.rule
    source = rule.source
    section = source.section + (", " + say("report.page", lang, page=source.page) if source.page else "")
    quote = " ".join(source.quote.split())
    interpretation = (f"<p><b>{escape(say('report.interpretation', lang))}:</b> "
                      f"{escape(' '.join(rule.interpretation(lang).split()))}</p>") if rule.interpretation else ""
    units = vocabulary().figures
    facts = "".join(
        f"<li><code>{escape(u.name)}</code> {u.year}: {escape(value_text(u.value, units.get(u.name, ''), lang))}"
        + (f" ({escape(say('report.contested', lang, party=u.contested_by))})" if u.contested_by else "") + "</li>"
        for u in f.facts_used)
    return (f'<article class="finding s-{f.status.value}" id="{_anchor(f)}"><header>'
            f"<h4>{escape(rule_label(f, report.pack.id))} · {escape(rule.title(lang))}</h4>{_badge(f.status, lang)}</header>"
            f'<p class="muted">{escape(say("report.scope", lang))}: {escape(scope_text(f.scope, lang))}</p>'
            f"<p>{escape(message(f, lang, report.pack))}</p>"
            f"<details><summary>{escape(say('report.quote', lang, section=section))}</summary>"
            f"<blockquote>{escape(quote)}</blockquote>{interpretation}"
            + (f"<p><b>{escape(say('report.facts_used', lang))}</b></p><ul class=\"facts\">{facts}</ul>" if facts else "")
            + "</details></article>")


def _ladder(report: Report, lang: str) -> str:
    if not report.escalations:
        return f'<p class="muted">{escape(say("report.no_escalations", lang, year=report.year))}</p>'
    return "".join(_step(e, report, lang) for e in report.escalations)


def _step(step: Escalation, report: Report, lang: str) -> str:
    pack = report.pack
    label = clause_label(step.rule, pack.id)
    closed = f' <span class="muted">({escape(say("report.closed", lang))})</span>' if step.closed else ""
    table = "".join(f"<tr><th>{escape(k)}</th><td>{escape(v)}</td></tr>" for k, v in step_rows(pack, step, lang))
    reasons = "".join(f"<li>{escape(reason_text(pack, r, lang, step.rule))}</li>"
                      for r in step.reasons)
    return (f'<article class="finding step" data-kind="{step.kind}"><header><h4>{escape(label)} · {escape(step.rule.title(lang))}{closed}</h4></header>'
            f"<table>{table}</table><p><b>{escape(say('report.reasons', lang))}</b></p><ul>{reasons}</ul></article>")


def _trajectories(report: Report, lang: str) -> str:
    if not report.trajectories:
        return f'<p class="muted">{escape(say("report.no_trajectories", lang))}</p>'
    out = []
    for t in report.trajectories:
        label = clause_label(t.rule, report.pack.id)
        caption = f"{label} · {t.rule.title(lang)} · {scope_text(t.scope, lang)}"
        out.append(f"<figure>{chart.svg(t, label, lang)}<figcaption>{escape(caption)}</figcaption></figure>")
    return f'<div class="charts">{"".join(out)}</div>'
