"""The findings for a screen or a projector: one block per year, a few lines per finding.

Each finding's first line holds its mark, the clause's id and title and whom it is about; the
finding in words follows, wrapped at the full width under a small indent, so that no narrow
column wraps into a ragged stack. The width is the terminal's; piped into `less` or a file it
is `COLUMNS`, else 100 (`shutil.get_terminal_size` asks in that order).
"""

from __future__ import annotations

import shutil
from collections import Counter

from woonpact.engine.check import CheckResult
from woonpact.engine.i18n import say
from woonpact.engine.model.finding import DISPLAY_ORDER, Finding, Status
from woonpact.engine.output.steps import ladder_block
from woonpact.engine.output.words import message, rule_label, scope_text, status_text
from woonpact.engine.output.wrap import wrap

MARK = {
    Status.COMPLIANT: "✔",
    Status.WARNING: "!",
    Status.BREACH: "✘",
    Status.NOT_APPLICABLE: "·",
    Status.NOT_DUE: "…",
    Status.MISSING_DATA: "?",
}
PIPED = 100  # the width when standing output is no terminal and COLUMNS is not set
NARROWEST = 60
INDENT = "    "
TITLE = 32  # what a title keeps at least when whom it is about is long, on a narrow screen


def width() -> int:
    return max(NARROWEST, shutil.get_terminal_size((PIPED, 24)).columns)


def render(result: CheckResult, lang: str, columns: int | None = None) -> str:
    columns = columns or width()
    pack = result.pack
    lines = [
        pack.title,
        say("table.pack", lang, pack=pack.id, years=", ".join(map(str, result.years))),
        "",
    ]
    labels = {id(f): rule_label(f, pack.id) for f in result.findings}
    label_w = min(max(map(len, labels.values()), default=8), 24)
    for year in result.years:
        findings = [f for f in result.findings if f.year == year]
        lines.append(f"== {year} ==")
        for f in findings:
            lines += _finding(f, labels[id(f)], label_w, columns, lang, result)
        counts = Counter(f.status for f in findings)
        summary = ", ".join(say(f"count.{s.value}", lang, n=counts[s]) for s in DISPLAY_ORDER
                            if counts[s])
        agreed = sum(1 for f in findings if f.deviation is not None)
        summary += f" ({agreed} {say('status.agreed_deviation', lang)})" if agreed else ""
        lines += [
            "",
            *wrap(
                say("table.summary", lang, year=year, summary=summary),
                columns,
                subsequent_indent=INDENT,
            ),
            "",
        ]
        lines += ladder_block(
            result,
            [e for e in result.escalations if e.year == year],
            say("ladder.heading", lang, year=year),
            lang,
            columns,
        )
    return "\n".join(lines)


def _finding(
    f: Finding, label: str, label_w: int, columns: int, lang: str, result: CheckResult
) -> list[str]:
    """`✘ 3.2-1  title · whom`, the title shortened to fit one line, then the status and the
    finding in words, wrapped."""
    head = f"{MARK[f.status]} {label:<{label_w}}  "
    room = columns - len(head) - 3  # for the title, " · " and whom
    title, scope = f.rule.title(lang), scope_text(f.scope, lang)
    title = _fit(title, max(room - len(scope), min(len(title), TITLE)))
    scope = f" · {_fit(scope, room - len(title))}"
    text, status = message(f, lang, result.pack), status_text(f.status, lang)
    text = text if text.startswith(status) else f"{status}: {text}"
    return [
        f"{head}{title}{scope}"[:columns],
        *wrap(text, columns, initial_indent=INDENT, subsequent_indent=INDENT),
    ]


def _fit(text: str, room: int) -> str:
    return text if len(text) <= room else text[: max(room - 1, 0)].rstrip() + "…"
