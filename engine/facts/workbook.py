"""A fact set as an Excel workbook: reading it back (the template is written by
`engine/output/template.py`).

Monitoring figures live in Excel, so a fact set may be an `.xlsx` file. Reading turns it into
exactly the data a YAML file gives, so the same schema validation and the same building apply;
what this module adds is the way back from a data path to a cell, so that every error names
the sheet and the cell (`2026.xlsx:portaal!B7`).

The layout (sheet names and columns are the vocabulary's names, whatever the language, so a
Dutch and an English workbook read alike; header texts and labels follow `--lang`):

- `agreement`: rows `agreement` and `year` (name in column A, value in column B).
- `municipality` (the gemeente's own figures) and one sheet per other party, named by its id: rows
`supplied_by`, `system`, then one row per
  figure: name, value, unit, label, contested_by, reason. A blank value means "not supplied".
- one sheet per collection: a header row of attributes with their units (`rent (eur)`), one
  row per entity, as an Excel table.
- `conditions`: name and true/false, one row per condition the rules read (with the clauses
  that read it); `escalations` (rule, rung, scope, date, outcome, note) and `deviations` (rule,
  scope, from, until, approved_by, date, reason): a header row and one row per event or agreed
  deviation, as in YAML (docs/ladder.md).

A column with a closed set of values (an enumeration such as a letting's target group, true/false,
a clause, a rung, an outcome) has a drop-down that refuses anything else. Its values stand on a
hidden sheet, `_lists`: an inline list is limited to 255 characters, and TRUE/FALSE cells there
stay booleans whatever the language of Excel. Reading skips that sheet.

Reading is bounded and honest (docs/tables.md): only the cells the file holds are read, a
damaged file is one message, and a cell that cannot be read exactly (a formula without its
stored value, an error value, merged cells over values, a figure given twice) is refused by
sheet and cell, all of them in one run.

Shares: a cell formatted as a percentage (0.15 shown as 15%) or the text `15%`; a bare number
is refused, as in YAML, because 0.15 and 15 cannot both mean fifteen percent. Dates: a date
cell or the text `2025-06-30`. Yes/no: TRUE/FALSE (WAAR/ONWAAR), or the text ja/nee (pasted
past the drop-down). Lists (a meeting's parties): the party ids separated by commas.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from woonpact.engine import files
from woonpact.engine.errors import InputError, Problem
from woonpact.engine.facts.vocabulary import (
    DERIVED_DATE_ATTRIBUTES,
    Vocabularies,
    Vocabulary,
    shared_only,
)
from woonpact.engine.suggest import closest
from woonpact.engine.yamlio import MAX_DIGITS

if TYPE_CHECKING:
    from woonpact.engine.model.facts import EscalationEvent

AGREEMENT, MUNICIPALITY, CONDITIONS, LISTS = "agreement", "municipality", "conditions", "_lists"
# The ladder's records: a sheet each, its columns with their units.
RECORDS = {
    "escalations": {"rule": "text", "rung": "text", "scope": "text", "date": "date",
                    "concerns": "year", "outcome": "text", "note": "text"},
    "deviations": {"rule": "text", "scope": "text", "from": "year", "until": "year",
                   "approved_by": "list",
                   "date": "date", "reason": "text"},
}
SECTION_HEAD = ("name", "value", "unit", "label", "contested_by", "reason")
_TRUE = {"true", "ja", "yes", "waar", "1"}
_FALSE = {"false", "nee", "no", "onwaar", "0"}
_HEADER = re.compile(r"^\s*([A-Za-z_][A-Za-z0-9_]*)\s*(\([^)]*\))?\s*$")

Place = tuple[str, int, int]  # sheet, row, column (1-based)


def _head(sheet: Any, cells: list[str]) -> None:
    """A sheet's header row, bold and wrapped, kept in view (the template's sheets, and one made
    when a fact set lacks it)."""
    from openpyxl.styles import Alignment, Font

    sheet.append(cells)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"


def _letter(column: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(column)


def _attributes(collection: str, vocab: Vocabulary) -> dict[str, str]:
    """The attributes a sheet may hold: the vocabulary's, without those derived from `date`."""
    derived = set(DERIVED_DATE_ATTRIBUTES) if "date" in vocab.collections[collection] else set()
    return {a: u for a, u in vocab.collections[collection].items() if a not in derived}


# -- reading ------------------------------------------------------------------------------------

MAX_ROWS = 100_000  # rows with content on one sheet; a collection this large belongs in a CSV file
MAX_BYTES = 256 * 2**20  # its parts unpacked: far above any fact set, far below a zip bomb
# Where the values stand: the columns read on each kind of sheet (a table: its header's columns).
READ_COLUMNS = {AGREEMENT: (1, 2), CONDITIONS: (1, 2), "section": (1, 2, 5, 6)}


@dataclass(frozen=True, slots=True)
class Cell:
    """One cell as stored: its value (the cached result, for a formula), its number format, and
    whether a formula or an error value (`#DIV/0!`) produced it."""

    sheet: str
    row: int
    column: int
    value: Any = None
    number_format: str = "General"
    formula: bool = False
    error: bool = False


@dataclass
class Sheet:
    """A worksheet's cells that exist in the file, by row and column; rows and columns that the
    file does not hold are not made up (a stray cell at XFD1048576 costs one cell, not a grid)."""

    title: str
    rows: dict[int, dict[int, Cell]]
    merged: list[tuple[int, int, int, int]]  # min_row, min_col, max_row, max_col
    cut_at: int | None = None  # the row where reading stopped at MAX_ROWS

    def at(self, row: int, column: int) -> Cell:
        return self.rows.get(row, {}).get(column) or Cell(self.title, row, column)

    def body(self) -> list[int]:
        """The rows below the header that hold a value, in order."""
        return sorted(r for r, cells in self.rows.items()
                      if r > 1 and any(c.value is not None for c in cells.values()))


class Reading(NamedTuple):
    data: dict[str, Any]
    places: dict[str, Place]
    problems: list[Problem]
    vocabulary: Vocabulary  # the one its sheets were read by: that of the pack it names
    sha256: str  # of the bytes read


def read(path: Path, vocabularies: Vocabularies = shared_only) -> Reading:
    """The workbook as fact data, the cell behind each dotted data path (see `locate`), every
    cell that cannot be read exactly (a formula without its value, an error value, merged cells,
    a figure given twice), and the vocabulary of the pack its `agreement` sheet names, which
    says what its other sheets may hold (read first for that reason)."""
    reader = _Reader(path, vocabularies)
    content = files.read(path, limit=None)  # read once: its unpacked size is bounded (_sheets)
    for sheet in sorted(_sheets(content, path), key=lambda sheet: sheet.title != AGREEMENT):
        reader.sheet(sheet)
    reader.finish()
    return Reading(reader.data, reader.places, reader.problems, reader.vocabulary(),
                   hashlib.sha256(content).hexdigest())


def _sheets(content: bytes, path: Path) -> list[Sheet]:
    """Every worksheet but the template's lists; a file that openpyxl cannot take apart (not a
    zip, a broken deflate stream, broken XML) is one message, whatever failed inside."""
    from openpyxl import load_workbook  # only commands that touch Excel pay for it

    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            unpacked = sum(member.file_size for member in archive.infolist())
        if unpacked > MAX_BYTES:
            raise InputError(Problem("workbook.too_large", file=path, params={
                "size": unpacked // 2**20, "limit": MAX_BYTES // 2**20}))
        # from its bytes: openpyxl refuses a name without .xlsx (a temporary file of `record`)
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        try:
            return [_sheet(book, sheet) for sheet in book.worksheets if sheet.title != LISTS]
        finally:
            book.close()
    except InputError:
        raise
    except Exception as exc:  # noqa: BLE001 - openpyxl's boundary: any failure is a damaged file
        detail = str(exc) or type(exc).__name__
        raise InputError(Problem("workbook.damaged", file=path,
                                 params={"detail": detail})) from None


def _sheet(book: Any, sheet: Any) -> Sheet:
    from openpyxl.cell.read_only import ReadOnlyCell
    from openpyxl.utils import range_boundaries
    from openpyxl.worksheet._reader import FORMULA_TAG, WorkSheetParser

    class Parser(WorkSheetParser):
        """openpyxl's own parser of a sheet's rows, noting which cells hold a formula: with
        cached values only (data_only) it drops that, and a formula without a cached value
        would read as an empty cell."""

        def parse_cell(self, element: Any) -> dict[str, Any]:
            cell: dict[str, Any] = super().parse_cell(element)
            cell["formula"] = element.find(FORMULA_TAG) is not None
            return cell

    rows: dict[int, dict[int, Cell]] = {}
    cut_at = None
    formats: dict[int, str] = {}
    with sheet._get_source() as source:
        parser = Parser(source, sheet._shared_strings, data_only=True, epoch=book.epoch,
                        date_formats=book._date_formats, timedelta_formats=book._timedelta_formats)
        for index, parsed in parser.parse():
            cells = {}
            for c in parsed:
                if c["value"] is None and not c["formula"]:
                    continue  # formatting only
                style = c["style_id"]
                if style not in formats:
                    formats[style] = ReadOnlyCell(sheet, 1, 1, None, style_id=style).number_format
                cells[c["column"]] = Cell(sheet.title, index, c["column"], c["value"],
                                          formats[style], c["formula"], c["data_type"] == "e")
            if cells:
                if len(rows) >= MAX_ROWS:
                    cut_at = index
                    break
                rows[index] = cells
        merges = parser.merged_cells.mergeCell if parser.merged_cells else ()
        merged = [_bounds(range_boundaries(m.ref)) for m in merges]
    return Sheet(sheet.title, rows, merged, cut_at)


def _bounds(ref: tuple[int | None, int | None, int | None, int | None],
            ) -> tuple[int, int, int, int]:
    """A merged range's min_row, min_col, max_row, max_col (openpyxl gives columns first); a
    merged range always names all four."""
    min_col, min_row, max_col, max_row = ref
    assert min_col and min_row and max_col and max_row, ref
    return min_row, min_col, max_row, max_col


class _Reader:
    """Reads sheet after sheet into YAML's data shape, gathering every problem on the way."""

    def __init__(self, path: Path, vocabularies: Vocabularies) -> None:
        self.path = path
        self.vocabularies = vocabularies
        self.data: dict[str, Any] = {}
        self.places: dict[str, Place] = {}
        self.problems: list[Problem] = []
        self.seen: set[str] = set()

    def sheet(self, sheet: Sheet) -> None:
        name = sheet.title
        self.seen.add(name)
        if sheet.cut_at is not None:
            self.problem("workbook.too_many_rows", Cell(name, sheet.cut_at, 1), limit=MAX_ROWS)
        if name == AGREEMENT:
            self._merged(sheet, READ_COLUMNS[AGREEMENT])
            self._agreement(sheet)
        elif name == CONDITIONS:
            self._merged(sheet, READ_COLUMNS[CONDITIONS])
            self._conditions(sheet)
        elif name in RECORDS:
            if records := self._table(sheet, RECORDS[name], name):
                self.data[name] = records
        elif name in self.vocabulary().collections:
            if items := self._table(sheet, _attributes(name, self.vocabulary()),
                                    f"collections.{name}"):
                self.data.setdefault("collections", {})[name] = items
        else:  # the municipality, or a party by its id (the cross-check refuses an unknown one)
            self._merged(sheet, READ_COLUMNS["section"])
            self._section(sheet)

    def vocabulary(self) -> Vocabulary:
        """The vocabulary of the pack the agreement sheet names (read first), looked up once."""
        return self.vocabularies(self.data.get("agreement"))

    def finish(self) -> None:
        """A workbook without its agreement sheet names no agreement: say which sheet to add."""
        if AGREEMENT not in self.seen:
            missing = Problem("workbook.missing_sheet", self.path, params={"sheet": AGREEMENT})
            self.problems.insert(0, missing)

    def problem(self, key: str, cell: Cell, field: str | None = None, **params: Any) -> None:
        self.problems.append(Problem(key, self.path, cell.row, cell.column, field, params,
                                     sheet=cell.sheet))

    def _merged(self, sheet: Sheet, columns: Sequence[int]) -> None:
        """Merged cells keep only their first value: a figure under the others would be lost."""
        for min_row, min_col, max_row, max_col in sheet.merged:
            if any(min_col <= c <= max_col for c in columns):
                self.problem("workbook.merged", sheet.at(min_row, min_col),
                             cells=f"{_letter(min_col)}{min_row}:{_letter(max_col)}{max_row}")

    def _once(self, field: str, cell: Cell) -> bool:
        """Place `field` at `cell`; a field given twice (a second row for one figure) is refused."""
        first = self.places.get(field)
        if first is not None and first[0] == cell.sheet and first[1] != cell.row:
            self.problem("workbook.twice", cell, field, first=f"{_letter(first[2])}{first[1]}")
            return False
        self.places[field] = _at(cell)
        return True

    def _value(self, cell: Cell, unit: str, field: str) -> Any:
        if cell.error:
            self.problem("workbook.error_value", cell, field, value=str(cell.value))
            return None
        if cell.formula and cell.value is None:
            self.problem("workbook.formula_no_value", cell, field)
            return None
        value = _value(cell, unit)
        if isinstance(value, int) and not isinstance(value, bool) \
                and len(str(abs(value))) > MAX_DIGITS:
            # refused as the same figure is in a YAML, JSON or CSV fact file: a fact set reads
            # alike in every format
            self.problem("file.number_too_long", cell, field, digits=len(str(abs(value))),
                         limit=MAX_DIGITS)
            return None
        return value

    def _agreement(self, sheet: Sheet) -> None:
        for row in sheet.body():
            key = _text(sheet.at(row, 1).value)
            if key in ("agreement", "year"):
                cell = sheet.at(row, 2)
                unit = "year" if key == "year" else "text"
                if self._once(key, cell) and (value := self._value(cell, unit, key)) is not None:
                    self.data[key] = value

    def _section(self, sheet: Sheet) -> None:
        name = sheet.title
        units = self.vocabulary().figures
        base = MUNICIPALITY if name == MUNICIPALITY else f"parties.{name}"
        section: dict[str, Any] = {}
        figures: dict[str, Any] = {}
        self.places[base] = (name, 1, 1)
        columns = {head: index for index, head in enumerate(SECTION_HEAD, start=1)}
        for row in sheet.body():
            key = _text(sheet.at(row, 1).value)
            if key is None:
                continue
            value_cell = sheet.at(row, columns["value"])
            if key in ("supplied_by", "system"):
                value = _text(value_cell.value)
                if self._once(f"{base}.{key}", value_cell) and value is not None:
                    section[key] = value
                continue
            field = f"{base}.figures.{key}"
            if not self._once(field, value_cell):
                continue
            self.places[f"{field}.value"] = _at(value_cell)
            contested = sheet.at(row, columns["contested_by"])
            reason = sheet.at(row, columns["reason"])
            self.places[f"{field}.contested_by"] = _at(contested)
            self.places[f"{field}.reason"] = _at(reason)
            value = self._value(value_cell, units.get(key, "text"), field)
            if value is None:
                continue
            if by := _text(contested.value):
                figures[key] = {"value": value, "contested_by": by,
                                **({"reason": text} if (text := _text(reason.value)) else {})}
            else:
                figures[key] = value
        if figures or section:
            self.places[f"{base}.figures"] = (name, 1, 2)
            target = self.data.setdefault("parties", {}) if base != MUNICIPALITY else self.data
            target[name] = {**section, "figures": figures}

    def _header(self, sheet: Sheet, allowed: dict[str, str]) -> dict[int, str]:
        """The attribute of each header column; an unknown or repeated name is a problem."""
        names: dict[int, str] = {}
        for column, cell in sorted(sheet.rows.get(1, {}).items()):
            text = _text(cell.value)
            match = _HEADER.match(text) if text else None
            name = match.group(1) if match else text
            if name is None:
                continue
            if name not in allowed:
                self.problem("facts.xlsx_header", cell, name, name=name, collection=sheet.title,
                             suggestion=closest(name, list(allowed)) or "")
            elif name in names.values():
                first = next(c for c, n in names.items() if n == name)
                self.problem("workbook.twice", cell, name, first=f"{_letter(first)}1")
            else:
                names[column] = name
        return names

    def _table(self, sheet: Sheet, units: dict[str, str], field: str) -> list[dict[str, Any]]:
        """The rows of a header-and-rows sheet (a collection, the ladder's records) as YAML would
        give them, remembering each value's cell so a later error can name it."""
        header = self._header(sheet, units)
        self._merged(sheet, list(header))
        headed = {c for c, cell in sheet.rows.get(1, {}).items() if _text(cell.value)}
        outside: set[int] = set()  # columns without a name that hold a value: the first one says it
        items: list[dict[str, Any]] = []
        for row in sheet.body():
            cells = sheet.rows[row]
            for column, cell in cells.items():
                if column not in headed and column not in outside and cell.value is not None:
                    outside.add(column)
                    self.problem("workbook.outside_table", cell)
            if all(_text(cells[c].value) is None for c in header if c in cells) and not any(
                    cells[c].formula or cells[c].error for c in header if c in cells):
                continue
            item_field = f"{field}[{len(items)}]"
            self.places[item_field] = (sheet.title, row, min(header, default=1))
            item: dict[str, Any] = {}
            for column, attr in header.items():
                cell = sheet.at(row, column)
                self.places[f"{item_field}.{attr}"] = _at(cell)
                if (value := self._value(cell, units[attr], f"{item_field}.{attr}")) is not None:
                    item[attr] = value
            items.append(item)
        self.places[field] = (sheet.title, 1, 1)
        return items

    def _conditions(self, sheet: Sheet) -> None:
        for row in sheet.body():
            key = _text(sheet.at(row, 1).value)
            if key is None:
                continue
            cell = sheet.at(row, 2)
            field = f"conditions.{key}"
            if self._once(field, cell) and (value := self._value(cell, "bool", field)) is not None:
                self.data.setdefault("conditions", {})[key] = value  # blank: not supplied


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    return text or None


def _at(cell: Cell) -> Place:
    return cell.sheet, cell.row, cell.column


def _value(cell: Cell, unit: str) -> Any:
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
            return Problem(problem.key, path, row, column, problem.field, problem.params,
                           problem.severity, sheet)
        shorter = re.sub(r"(\.[^.\[]*|\[\d+\])$", "", field)
        if shorter == field:
            break  # a top-level field that no cell holds (`agreement` without its sheet)
        field = shorter
    return Problem(problem.key, path, None, None, problem.field, problem.params, problem.severity)


# -- recording a meeting (woonpact record) ------------------------------------------------------

def with_event(path: Path, event: EscalationEvent) -> bytes:
    """The workbook at `path` with `event` as the next row of its `escalations` sheet (made, or
    given a column such as `concerns`, when missing), saved as bytes.

    openpyxl rewrites the file: cells, formats, drop-downs, hidden sheets and tables stay;
    `woonpact record` then reads the result back and compares it with the original, so a fact
    the rewrite lost would be refused, never written.
    """
    from openpyxl import load_workbook

    book = load_workbook(path)  # not data_only: a formula stays a formula
    name, units = "escalations", RECORDS["escalations"]
    if name not in book.sheetnames:
        _head(book.create_sheet(name), [f"{attr} ({unit})" for attr, unit in units.items()])
    sheet = book[name]
    columns: dict[str, int] = {}
    for column, cell in enumerate(next(sheet.iter_rows(min_row=1, max_row=1), ()), start=1):
        match = _HEADER.match(_text(cell.value) or "")
        if match and match.group(1) in units:
            columns[match.group(1)] = column
    values = {"rule": event.rule, "rung": event.rung, "scope": event.scope, "date": event.date,
              "concerns": event.concerns, "outcome": event.outcome, "note": event.note or None}
    for attr in (a for a, v in values.items() if v is not None and a not in columns):
        columns[attr] = sheet.max_column + 1
        sheet.cell(1, columns[attr]).value = f"{attr} ({units[attr]})"
    row = 1 + max((number for number, line in enumerate(sheet.iter_rows(), start=1)
                   if any(_text(c.value) is not None for c in line)), default=1)
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
