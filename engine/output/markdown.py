"""Findings as a Markdown table per year, for minutes and issue trackers."""

from __future__ import annotations

from woonpact.engine.check import CheckResult
from woonpact.engine.i18n import say
from woonpact.engine.output.steps import details, step_line
from woonpact.engine.output.words import message, rule_label, status_text


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render(result: CheckResult, lang: str) -> str:
    lines = [f"# {result.pack.title}", "", say("markdown.pack", lang, id=result.pack.id), ""]
    head = [say(f"markdown.column.{c}", lang)
            for c in ("rule", "for", "status", "explanation", "clause")]
    for year in result.years:
        lines += [f"## {year}", "", "| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
        for f in (f for f in result.findings if f.year == year):
            scope = f.scope.label if f.scope.kind != "agreement" else say("markdown.whole", lang)
            lines.append("| " + " | ".join(_cell(c) for c in (
                f"`{rule_label(f, result.pack.id)}`", scope, status_text(f.status, lang),
                message(f, lang, result.pack), f.rule.source.section)) + " |")
        lines.append("")
        steps = [e for e in result.escalations if e.year == year]
        if steps:
            lines += [f"### {say('ladder.heading', lang, year=year)}", ""]
            for step in steps:
                lines.append(f"- `{step.rule.key}` {_cell(step.scope.label)}: "
                             f"**{step_line(result.pack, step, lang)}**")
                lines += [f"  - {_cell(text)}" for text in details(result.pack, step, lang)]
            lines.append("")
    return "\n".join(lines)
