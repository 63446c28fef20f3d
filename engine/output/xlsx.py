"""Findings as an Excel workbook, for minutes and for people who sort and filter in Excel.

One `findings` sheet (one row per finding, values as real numbers with the clause's unit as
the cell format, a filter on the header) and a `summary` sheet (counts per pack, year and
status). Returned as bytes so the command line can write it all or nothing.
"""

from __future__ import annotations

import datetime as dt
import io
from collections import Counter
from typing import Any

from woonpact.engine.check import CheckResult
from woonpact.engine.i18n import say
from woonpact.engine.model.finding import Finding, Status
from woonpact.engine.model.pack import Pack
from woonpact.engine.output.phrases import Phrases
from woonpact.engine.output.words import message, rule_label, scope_text, status_text, theme_label

FORMATS = {"share": "0.0%", "eur": '"€" #,##0.00', "count": "#,##0", "date": "yyyy-mm-dd"}
FILLS = {Status.BREACH: "F8D7DA", Status.WARNING: "FDE7C8", Status.COMPLIANT: "D9F2E3",
         Status.MISSING_DATA: "E4E7EC"}


def render_all(results: list[CheckResult], lang: str) -> bytes:
    from openpyxl import Workbook  # only an Excel output pays for openpyxl
    from openpyxl.styles import Font, PatternFill

    book = Workbook()
    sheet = book.worksheets[0]
    sheet.title = say("workbook.findings", lang)
    head = [say(key, lang) for key in (
        "workbook.pack", "report.year", "report.rule", "workbook.title", "workbook.theme",
        "report.scope", "report.status", "workbook.value", "workbook.norm", "workbook.target",
        "report.explanation", "workbook.section")]
    sheet.append(head)
    for result in results:
        for f in result.findings:
            sheet.append(_row(f, result.pack, lang))
            row = sheet.max_row
            unit = "date" if isinstance(f.value, dt.date) else f.rule.unit
            for column in (8, 10):
                sheet.cell(row, column).number_format = FORMATS.get(unit, "General")
            if f.status in FILLS:
                sheet.cell(row, 7).fill = PatternFill("solid", fgColor=FILLS[f.status])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    for letter, width in zip("ABCDEFGHIJKL", (16, 7, 20, 50, 16, 26, 18, 12, 28, 12, 70, 40)):
        sheet.column_dimensions[letter].width = width
    summary = book.create_sheet(say("workbook.summary", lang))
    summary.append([say("workbook.pack", lang), say("report.year", lang),
                    *(status_text(s, lang) for s in Status)])
    for result in results:
        for year in result.years:
            counts = Counter(f.status for f in result.findings if f.year == year)
            summary.append([result.pack.id, year, *(counts[s] for s in Status)])
    for cell in summary[1]:
        cell.font = Font(bold=True)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _cell(value: Any) -> Any:
    """Numbers, yes/no and dates stay themselves in Excel; anything else is shown as text."""
    return value if value is None or isinstance(value, (bool, int, float, dt.date)) else str(value)


def _row(f: Finding, pack: Pack, lang: str) -> list[Any]:
    rule = f.rule
    norm = Phrases.of(pack, lang).norm(rule, f.bound) if rule.norm else None
    return [rule.pack, f.year, rule_label(f, pack.id), rule.title(lang),
            theme_label(rule.theme, lang), scope_text(f.scope, lang), status_text(f.status, lang),
            _cell(f.value), norm, _cell(f.target), message(f, lang, pack), rule.source.section]
