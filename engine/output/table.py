"""The table for the projector: one block per year, one line per finding, Dutch by default."""

from __future__ import annotations

import shutil
import textwrap
from collections import Counter

from woonpact.engine.check import CheckResult
from woonpact.engine.model.finding import Status
from woonpact.engine.i18n import say
from woonpact.engine.output.steps import ladder_block
from woonpact.engine.output.words import message, rule_label, status_text

MARK = {
    Status.COMPLIANT: "✔", Status.WARNING: "!", Status.BREACH: "✘",
    Status.NOT_APPLICABLE: "·", Status.NOT_DUE: "…", Status.MISSING_DATA: "?",
}
HEAD = {"nl": ("Regel", "Voor", "Status", "Toelichting"), "en": ("Rule", "For", "Status", "Explanation")}
ORDER = [Status.BREACH, Status.WARNING, Status.MISSING_DATA, Status.COMPLIANT, Status.NOT_DUE, Status.NOT_APPLICABLE]


def render(result: CheckResult, lang: str) -> str:
    width = max(100, min(shutil.get_terminal_size((140, 20)).columns, 160))
    pack = result.pack
    lines = [f"{pack.title}", f"{'Pakket' if lang != 'en' else 'Pack'}: {pack.id}   "
             f"{'Jaren' if lang != 'en' else 'Years'}: {', '.join(map(str, result.years))}", ""]
    labels = {id(f): rule_label(f, pack.id) for f in result.findings}
    rule_w = max(map(len, labels.values()), default=8)
    scope_w = min(28, max((len(f.scope.label) for f in result.findings), default=8))
    status_w = max(len(status_text(s, lang)) for s in Status) + 2
    text_w = max(30, width - rule_w - scope_w - status_w - 6)
    for year in result.years:
        findings = [f for f in result.findings if f.year == year]
        lines.append(f"== {year} ==")
        head = HEAD["en" if lang == "en" else "nl"]
        lines.append(f"{head[0]:<{rule_w}}  {head[1]:<{scope_w}}  {head[2]:<{status_w}}  {head[3]}")
        lines.append("-" * min(width, rule_w + scope_w + status_w + text_w + 6))
        for f in findings:
            scope = f.scope.label if f.scope.kind != "agreement" else ("hele afspraak" if lang != "en" else "whole agreement")
            status = f"{MARK[f.status]} {status_text(f.status, lang)}"
            wrapped = textwrap.wrap(message(f, lang, pack), text_w) or [""]
            lines.append(f"{labels[id(f)]:<{rule_w}}  {scope[:scope_w]:<{scope_w}}  {status:<{status_w}}  {wrapped[0]}")
            lines += [" " * (rule_w + scope_w + status_w + 6) + more for more in wrapped[1:]]
        counts = Counter(f.status for f in findings)
        summary = ", ".join(f"{counts[s]} {status_text(s, lang)}" for s in ORDER if counts[s])
        agreed = sum(1 for f in findings if f.deviation is not None)
        summary += f" ({agreed} {say('status.agreed_deviation', lang)})" if agreed else ""
        lines += ["", f"{'Samenvatting' if lang != 'en' else 'Summary'} {year}: {summary}", ""]
        lines += ladder_block(result, [e for e in result.escalations if e.year == year],
                              say("ladder.heading", lang, year=year), lang, width)
    return "\n".join(lines)
