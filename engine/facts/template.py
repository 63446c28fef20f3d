"""The fact-set template: an empty workbook with what a pack's rules read, in the layout that
`workbook.read` reads back (described there).

Writing lives apart from reading so that each half changes on its own; the sheet names, the
ladder's records and the section columns they share are `workbook`'s.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from woonpact.engine import schema
from woonpact.engine.facts.vocabulary import vocabulary
from woonpact.engine.facts.workbook import AGREEMENT, CONDITIONS, LISTS, MUNICIPALITY, RECORDS, SECTION_HEAD, _attributes
from woonpact.engine.i18n import say
from woonpact.engine.model.pack import Pack, Role

if TYPE_CHECKING:
    from woonpact.engine.check import FactNames

LAST_ROW = 1_048_576  # Excel's: a drop-down covers the rows a team adds as well


def template(pack: Pack, names: FactNames, lang: str) -> Any:
    """An empty workbook for `pack` with the figures, collections and conditions its rules read.

    Only what the rules read is listed, so the team fills in nothing in vain; a row for any
    other vocabulary figure may be added by hand.
    """
    from openpyxl import Workbook  # noqa: PLC0415 - only commands that touch Excel pay for it

    vocab = vocabulary()
    book = Workbook()
    lists = _Lists(book, lang)
    sheet = book.active
    sheet.title = AGREEMENT
    _head(sheet, [say("workbook.name", lang), say("workbook.value", lang), say("workbook.label", lang)])
    sheet.append(["agreement", pack.id, pack.title])
    sheet.append(["year", None, say("workbook.year_hint", lang, first=pack.first_year, last=pack.last_year)])
    ordered = [name for name in vocab.figures if name in names.figures]
    parties = [(p.id, p.name) for p in pack.parties if p.role is not Role.GEMEENTE]  # its figures: `municipality`
    for section, title in [(MUNICIPALITY, pack.municipality), *parties]:
        sheet = book.create_sheet(section)
        _head(sheet, [say(f"workbook.{h}", lang) for h in SECTION_HEAD])
        sheet.append(["supplied_by", None, "text", say("workbook.supplied_by", lang, section=title)])
        sheet.append(["system", None, "text", say("workbook.system", lang)])
        for name in ordered:
            sheet.append([name, None, vocab.figures[name], vocab.labels[name](lang)])
            if vocab.figures[name] == "share":
                sheet.cell(sheet.max_row, 2).number_format = "0.0%"
        _widths(sheet, (30, 14, 8, 60, 14, 50))
    for name in [c for c in vocab.collections if c in names.collections]:
        _collection_sheet(book.create_sheet(name), name, lists)
    _conditions_sheet(book.create_sheet(CONDITIONS), names, lists, lang)
    closed = {"rule": names.clauses, "rung": tuple(r.id for r in pack.ladder.rungs),
              "outcome": tuple(schema.load_schema("facts.schema.json")["$defs"]["escalation"]["properties"]["outcome"]["enum"])}
    for name, units in RECORDS.items():
        sheet = book.create_sheet(name)
        _head(sheet, [f"{attr} ({unit})" for attr, unit in units.items()])
        _widths(sheet, [60 if attr in ("note", "reason") else 16 for attr in units])
        for column, attr in enumerate(units, start=1):
            if attr in closed:
                lists.restrict(sheet, column, closed[attr])
    book.move_sheet(lists.sheet, offset=len(book.sheetnames) - 1 - book.index(lists.sheet))  # last, out of the way
    return book


def _collection_sheet(sheet: Any, name: str, lists: _Lists) -> None:
    """A header of attributes with their units, an Excel table, and a drop-down on each column
    of an enumeration or true/false."""
    units = _attributes(name)
    enums = vocabulary().enums
    _head(sheet, [f"{attr} ({unit})" for attr, unit in units.items()])
    _table(sheet, name, len(units))
    for column, (attr, unit) in enumerate(units.items(), start=1):
        if unit == "date":
            sheet.column_dimensions[_letter(column)].number_format = "yyyy-mm-dd"
        if allowed := enums.get((name, attr), (True, False) if unit == "bool" else ()):
            lists.restrict(sheet, column, allowed)
    _widths(sheet, [max(14, len(a) + len(u) + 4) for a, u in units.items()])


def _conditions_sheet(sheet: Any, names: FactNames, lists: _Lists, lang: str) -> None:
    """One row per condition the rules read, with the clauses that read it, its value left blank."""
    _head(sheet, ["name (text)", "value (bool)", say("workbook.read_by", lang)])
    for condition, clauses in sorted(names.conditions.items()):
        sheet.append([condition, None, ", ".join(clauses)])
    lists.restrict(sheet, 2, (True, False))
    _widths(sheet, (36, 12, 40))


class _Lists:
    """The values of the template's drop-downs, one column each on the hidden sheet `_lists`."""

    def __init__(self, book: Any, lang: str) -> None:
        self.sheet = book.create_sheet(LISTS)
        self.sheet.sheet_state = "hidden"
        self.lang = lang
        self.ranges: dict[tuple[Any, ...], str] = {}

    def restrict(self, sheet: Any, column: int, allowed: Sequence[Any]) -> None:
        """Let `column` of `sheet` (below its header) take only `allowed`, picked from a drop-down."""
        from openpyxl.utils import quote_sheetname  # noqa: PLC0415
        from openpyxl.worksheet.datavalidation import DataValidation  # noqa: PLC0415

        key = tuple(allowed)
        if key not in self.ranges:
            letter = _letter(len(self.ranges) + 1)
            for row, value in enumerate(key, start=1):
                self.sheet[f"{letter}{row}"] = value
            self.ranges[key] = f"{quote_sheetname(LISTS)}!${letter}$1:${letter}${len(key)}"
        rule = DataValidation(type="list", formula1=self.ranges[key], allow_blank=True, showErrorMessage=True,
                              errorTitle=say("workbook.invalid_title", self.lang),
                              error=say("workbook.invalid", self.lang))
        letter = _letter(column)
        rule.add(f"{letter}2:{letter}{LAST_ROW}")
        sheet.add_data_validation(rule)


def _head(sheet: Any, cells: list[str]) -> None:
    from openpyxl.styles import Font  # noqa: PLC0415

    sheet.append(cells)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"


def _table(sheet: Any, name: str, width: int) -> None:
    from openpyxl.worksheet.table import Table, TableStyleInfo  # noqa: PLC0415

    table = Table(displayName=f"t_{name}", ref=f"A1:{_letter(width)}2")
    table.tableStyleInfo = TableStyleInfo(name="TableStyleLight9", showRowStripes=True)
    sheet.add_table(table)


def _widths(sheet: Any, widths: Any) -> None:
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[_letter(column)].width = width


def _letter(column: int) -> str:
    from openpyxl.utils import get_column_letter  # noqa: PLC0415

    return get_column_letter(column)
