"""A fact set as an Excel workbook: the template a monitor team fills in, and reading it back.

Monitoring figures live in Excel, so a fact set may be an `.xlsx` file. Reading turns it into
exactly the data a YAML file gives, so the same schema validation and the same building apply;
what this module adds is the way back from a data path to a cell, so that every error names
the sheet and the cell (`2026.xlsx:portaal!B7`).

The layout (sheet names and columns are the vocabulary's names, whatever the language, so a
Dutch and an English workbook read alike; header texts and labels follow `--lang`):

- `agreement`: rows `agreement` and `year` (name in column A, value in column B).
- `municipality` (the gemeente's own figures) and one sheet per other party, named by its id: rows `supplied_by`, `system`, then one row per
  figure: name, value, unit, label, contested_by, reason. A blank value means "not supplied".
- one sheet per collection: a header row of attributes with their units (`rent (eur)`), one
  row per entity, as an Excel table.
- `conditions`: name and true/false, one row per condition the rules read (with the clauses
  that read it); `escalations` (rule, rung, scope, date, concerns, outcome, note) and
  `deviations` (rule, scope, from, until, approved_by, date, reason): a header row and one row
  per event or agreed deviation, as in YAML (docs/ladder.md).

A column with a closed set of values (an enumeration such as a letting's target group, true/false,
a clause, a rung, an outcome) has a drop-down that refuses anything else. Its values stand on a
hidden sheet, `_lists`: an inline list is limited to 255 characters, and TRUE/FALSE cells there
stay booleans whatever the language of Excel. Reading skips that sheet.

Shares: a cell formatted as a percentage (0.15 shown as 15%) or the text `15%`; a bare number
is refused, as in YAML, because 0.15 and 15 cannot both mean fifteen percent. Dates: a date
cell or the text `2025-06-30`. Yes/no: TRUE/FALSE (WAAR/ONWAAR), or the text ja/nee (pasted
past the drop-down). Lists (a meeting's parties): the party ids separated by commas.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Mapping, Sequence
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from woonpact.engine import schema
from woonpact.engine.errors import InputError, Problem
from woonpact.engine.facts.vocabulary import (
    DERIVED_DATE_ATTRIBUTES, Vocabularies, Vocabulary, shared_only, vocabulary,
)
from woonpact.engine.i18n import say
from woonpact.engine.model.pack import Pack, Role
from woonpact.engine.suggest import closest

if TYPE_CHECKING:
    from woonpact.engine.check import FactNames
    from woonpact.engine.model.facts import EscalationEvent

AGREEMENT, MUNICIPALITY, CONDITIONS, LISTS = "agreement", "municipality", "conditions", "_lists"
LAST_ROW = 1_048_576  # Excel's: a drop-down covers the rows a team adds as well
# The ladder's records: a sheet each, its columns with their units.
RECORDS = {
    "escalations": {"rule": "text", "rung": "text", "scope": "text", "date": "date",
                    "concerns": "year", "outcome": "text", "note": "text"},
    "deviations": {"rule": "text", "scope": "text", "from": "year", "until": "year", "approved_by": "list",
                   "date": "date", "reason": "text"},
}
SECTION_HEAD = ("name", "value", "unit", "label", "contested_by", "reason")
ESCALATION_FIELDS = ("rule", "rung", "date", "outcome", "note")
_TRUE = {"true", "ja", "yes", "waar", "1"}
_FALSE = {"false", "nee", "no", "onwaar", "0"}
_HEADER = re.compile(r"^\s*([A-Za-z_][A-Za-z0-9_]*)\s*(\([^)]*\))?\s*$")

Place = tuple[str, int, int]  # sheet, row, column (1-based)


# -- the template -------------------------------------------------------------------------------

def template(pack: Pack, names: FactNames, lang: str, vocab: Vocabulary | None = None) -> Any:
    """An empty workbook for `pack` with the figures, collections and conditions its rules read.

    Only what the rules read is listed, so the team fills in nothing in vain; a row for any
    other vocabulary figure may be added by hand. `vocab`: the pack's, with its own figures.
    """
    from openpyxl import Workbook  # noqa: PLC0415 - only commands that touch Excel pay for it

    vocab = vocab or vocabulary()
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
        _collection_sheet(book.create_sheet(name), name, lists, vocab)
    _conditions_sheet(book.create_sheet(CONDITIONS), names, lists, lang)
    closed = {"rule": names.clauses, "rung": pack.ladder.rung_ids(),
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


def _collection_sheet(sheet: Any, name: str, lists: _Lists, vocab: Vocabulary) -> None:
    """A header of attributes with their units, an Excel table, and a drop-down on each column
    of an enumeration or true/false."""
    units = _attributes(name, vocab)
    enums = vocab.enums
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


def _attributes(collection: str, vocab: Vocabulary) -> dict[str, str]:
    """The attributes a sheet may hold: the vocabulary's, without those derived from `date`."""
    derived = set(DERIVED_DATE_ATTRIBUTES) if "date" in vocab.collections[collection] else set()
    return {a: u for a, u in vocab.collections[collection].items() if a not in derived}


# -- reading ------------------------------------------------------------------------------------

def read(path: Path, vocabularies: Vocabularies = shared_only,
         ) -> tuple[dict[str, Any], dict[str, Place], Vocabulary]:
    """The workbook as fact data, the cell behind each dotted data path (see `locate`), and the
    vocabulary its sheets were read by: that of the pack its `agreement` names."""
    book = _open(path)
    data: dict[str, Any] = {}
    places: dict[str, Place] = {}
    if AGREEMENT in book.sheetnames:
        _read_agreement(list(book[AGREEMENT].iter_rows(min_row=2)), data, places)
    vocab = vocabularies(data.get("agreement"))
    known = {AGREEMENT, MUNICIPALITY, CONDITIONS, *RECORDS, *vocab.collections}
    for sheet in book.worksheets:
        name = sheet.title
        rows = list(sheet.iter_rows(min_row=2))
        if name in (LISTS, AGREEMENT):
            continue  # the template's drop-down values; the agreement, read first
        if name == CONDITIONS:
            _read_conditions(rows, data, places)
        elif name in RECORDS:
            if records := _read_table(path, sheet, rows, RECORDS[name], name, places):
                data[name] = records
        elif name in vocab.collections:
            _read_collection(path, sheet, rows, data, places, vocab)
        elif name == MUNICIPALITY or name not in known:
            _read_section(path, name, rows, data, places, vocab.figures)
    return data, places, vocab


def _open(path: Path) -> Any:
    from openpyxl import load_workbook  # noqa: PLC0415

    try:
        return load_workbook(path, data_only=True, read_only=False)
    except FileNotFoundError:
        raise InputError(Problem("file.missing", file=path)) from None
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise InputError(Problem("file.unreadable", file=path, params={"detail": str(exc) or type(exc).__name__})) from None


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    return text or None


def _read_agreement(rows: list[Any], data: dict[str, Any], places: dict[str, Place]) -> None:
    for row in rows:
        key = _text(row[0].value)
        if key in ("agreement", "year") and len(row) > 1:
            cell = row[1]
            places[key] = (cell.parent.title, cell.row, cell.column)
            value = _value(cell, "year" if key == "year" else "text")
            if value is not None:
                data[key] = value


def _read_section(path: Path, name: str, rows: list[Any], data: dict[str, Any],
                  places: dict[str, Place], units: Mapping[str, str]) -> None:
    base = MUNICIPALITY if name == MUNICIPALITY else f"parties.{name}"
    section: dict[str, Any] = {}
    figures: dict[str, Any] = {}
    places[base] = (name, 1, 1)
    for row in rows:
        key = _text(row[0].value) if row else None
        if key is None or len(row) < 2:
            continue
        cells = dict(zip(SECTION_HEAD, row))
        if key in ("supplied_by", "system"):
            places[f"{base}.{key}"] = _at(cells["value"])
            if (value := _text(cells["value"].value)) is not None:
                section[key] = value
            continue
        field = f"{base}.figures.{key}"
        places[field] = places[f"{field}.value"] = _at(cells["value"])
        value = _value(cells["value"], units.get(key, "text"))
        contested = cells.get("contested_by")
        if contested is not None:
            places[f"{field}.contested_by"] = _at(contested)
            places[f"{field}.reason"] = _at(cells.get("reason", contested))
        if value is None:
            continue
        by = _text(contested.value) if contested is not None else None
        if by:
            reason = _text(cells["reason"].value) if "reason" in cells else None
            figures[key] = {"value": value, "contested_by": by, **({"reason": reason} if reason else {})}
        else:
            figures[key] = value
    if figures or section:
        places[f"{base}.figures"] = (name, 1, 2)
        target = data.setdefault("parties", {}) if base != MUNICIPALITY else data
        target[name] = {**section, "figures": figures}


def _header(path: Path, sheet: Any, allowed: dict[str, str], what: str) -> list[str | None]:
    names: list[str | None] = []
    for cell in next(sheet.iter_rows(min_row=1, max_row=1), ()):
        text = _text(cell.value)
        match = _HEADER.match(text) if text else None
        name = match.group(1) if match else text
        if name is not None and name not in allowed:
            raise InputError(Problem("facts.xlsx_header", file=path, sheet=sheet.title, line=cell.row, column=cell.column,
                                     field=name, params={"name": name, "collection": what,
                                                         "suggestion": closest(name, list(allowed)) or ""}))
        names.append(name)
    return names


def _read_table(path: Path, sheet: Any, rows: list[Any], units: dict[str, str], field: str,
                places: dict[str, Place]) -> list[dict[str, Any]]:
    """The rows of a header-and-rows sheet (a collection, the ladder's records) as YAML would give
    them, remembering each value's cell so a later error can name it."""
    header = _header(path, sheet, units, sheet.title)
    items: list[dict[str, Any]] = []
    for row in rows:
        if all(_text(c.value) is None for c in row):
            continue
        item_field = f"{field}[{len(items)}]"
        places[item_field] = _at(row[0])
        item: dict[str, Any] = {}
        for attr, cell in zip(header, row):
            if attr is not None:
                places[f"{item_field}.{attr}"] = _at(cell)
                if (value := _value(cell, units[attr])) is not None:
                    item[attr] = value
        items.append(item)
    places[field] = (sheet.title, 1, 1)
    return items


def _read_collection(path: Path, sheet: Any, rows: list[Any], data: dict[str, Any],
                     places: dict[str, Place], vocab: Vocabulary) -> None:
    name = sheet.title
    units = _attributes(name, vocab)
    if items := _read_table(path, sheet, rows, units, f"collections.{name}", places):
        data.setdefault("collections", {})[name] = items


def _read_conditions(rows: list[Any], data: dict[str, Any], places: dict[str, Place]) -> None:
    for row in rows:
        key = _text(row[0].value) if row else None
        if key is None or len(row) < 2:
            continue
        places[f"conditions.{key}"] = _at(row[1])
        value = _value(row[1], "bool")
        if value is not None:  # a blank value: not supplied, as for a figure
            data.setdefault("conditions", {})[key] = value


def _at(cell: Any) -> Place:
    return cell.parent.title, cell.row, cell.column


def _value(cell: Any, unit: str) -> Any:
    """A cell's value as YAML would give it for a figure or attribute of this unit."""
    value = cell.value
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, str):
        value = value.strip()
    if unit == "share" and isinstance(value, (int, float)) and not isinstance(value, bool) \
            and "%" in (cell.number_format or ""):
        # Excel keeps 15 significant digits; what a cell holds beyond them is float noise
        percent = (Decimal(f"{float(value):.15g}") * 100).normalize()
        return f"{percent:f}%"
    if unit == "date" and isinstance(value, (dt.date, dt.datetime)):
        return (value.date() if isinstance(value, dt.datetime) else value).isoformat()
    if unit in ("count", "year") and isinstance(value, float) and value.is_integer():
        return int(value)
    if unit == "bool" and isinstance(value, str):
        lowered = value.lower()
        return True if lowered in _TRUE else False if lowered in _FALSE else value
    if unit == "list" and isinstance(value, str):
        return [part.strip() for part in value.split(",") if part.strip()]
    if unit == "text" and not isinstance(value, str):
        return _text(value)
    return value


def locate(problem: Problem, places: dict[str, Place], path: Path) -> Problem:
    """The problem moved to the cell of its field, or of the nearest enclosing one."""
    field = problem.field or ""
    while field:
        if field in places:
            sheet, row, column = places[field]
            return Problem(problem.key, path, row, column, problem.field, problem.params, problem.severity, sheet)
        field = re.sub(r"(\.[^.\[]*|\[\d+\])$", "", field)
    return Problem(problem.key, path, None, None, problem.field, problem.params, problem.severity)



# -- recording a meeting (woonpact record) ------------------------------------------------------

def with_event(path: Path, event: EscalationEvent) -> bytes:
    """The workbook at `path` with `event` as the next row of its `escalations` sheet (made, or
    given a column such as `concerns`, when missing), saved as bytes.

    openpyxl rewrites the file: cells, formats, drop-downs, hidden sheets and tables stay;
    `woonpact record` then reads the result back and compares it with the original, so a fact
    the rewrite lost would be refused, never written.
    """
    from openpyxl import load_workbook  # noqa: PLC0415

    book = load_workbook(path)  # not data_only: a formula stays a formula
    name, units = "escalations", RECORDS["escalations"]
    if name not in book.sheetnames:
        _head(book.create_sheet(name), [f"{attr} ({unit})" for attr, unit in units.items()])
    sheet = book[name]
    header = _header(path, sheet, units, name)
    columns = {attr: column for column, attr in enumerate(header, start=1) if attr is not None}
    values = {"rule": event.rule, "rung": event.rung, "scope": event.scope, "date": event.date,
              "concerns": event.concerns, "outcome": event.outcome, "note": event.note or None}
    for attr in (a for a, v in values.items() if v is not None and a not in columns):
        columns[attr] = sheet.max_column + 1
        sheet.cell(1, columns[attr]).value = f"{attr} ({units[attr]})"
    row = 1 + max((c.row for line in sheet.iter_rows() for c in line if _text(c.value) is not None),
                  default=1)
    for attr, value in values.items():
        if value is None:
            continue
        cell = sheet.cell(row, columns[attr])
        cell.value = value
        if isinstance(value, str):
            cell.data_type = "s"  # text, also when it starts with "=": never a formula
        elif attr == "date":
            cell.number_format = "yyyy-mm-dd"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
