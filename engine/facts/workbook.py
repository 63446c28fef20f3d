"""A fact set as an Excel workbook: reading it back (the template is written by `template.py`).

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
  that read it); `escalations` (rule, rung, scope, date, outcome, note) and `deviations` (rule,
  scope, from, until, approved_by, date, reason): a header row and one row per event or agreed
  deviation, as in YAML (docs/ladder.md).

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
import re
import zipfile
from decimal import Decimal
from pathlib import Path
from typing import Any

from woonpact.engine.errors import InputError, Problem
from woonpact.engine.facts.vocabulary import DERIVED_DATE_ATTRIBUTES, vocabulary
from woonpact.engine.suggest import closest

AGREEMENT, MUNICIPALITY, CONDITIONS, LISTS = "agreement", "municipality", "conditions", "_lists"
# The ladder's records: a sheet each, its columns with their units.
RECORDS = {
    "escalations": {"rule": "text", "rung": "text", "scope": "text", "date": "date", "outcome": "text",
                    "note": "text"},
    "deviations": {"rule": "text", "scope": "text", "from": "year", "until": "year", "approved_by": "list",
                   "date": "date", "reason": "text"},
}
SECTION_HEAD = ("name", "value", "unit", "label", "contested_by", "reason")
ESCALATION_FIELDS = ("rule", "rung", "date", "outcome", "note")
_TRUE = {"true", "ja", "yes", "waar", "1"}
_FALSE = {"false", "nee", "no", "onwaar", "0"}
_HEADER = re.compile(r"^\s*([A-Za-z_][A-Za-z0-9_]*)\s*(\([^)]*\))?\s*$")

Place = tuple[str, int, int]  # sheet, row, column (1-based)


def _head(sheet: Any, cells: list[str]) -> None:
    """A sheet's header row, bold and wrapped, kept in view (the template's sheets, and one made
    when a fact set lacks it)."""
    from openpyxl.styles import Alignment, Font  # noqa: PLC0415

    sheet.append(cells)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"


def _attributes(collection: str) -> dict[str, str]:
    """The attributes a sheet may hold: the vocabulary's, without those derived from `date`."""
    derived = set(DERIVED_DATE_ATTRIBUTES) if "date" in vocabulary().collections[collection] else set()
    return {a: u for a, u in vocabulary().collections[collection].items() if a not in derived}


# -- reading ------------------------------------------------------------------------------------

def read(path: Path) -> tuple[dict[str, Any], dict[str, Place]]:
    """The workbook as fact data, and the cell behind each dotted data path (see `locate`)."""
    book = _open(path)
    data: dict[str, Any] = {}
    places: dict[str, Place] = {}
    known = {AGREEMENT, MUNICIPALITY, CONDITIONS, *RECORDS, *vocabulary().collections}
    for sheet in book.worksheets:
        name = sheet.title
        rows = list(sheet.iter_rows(min_row=2))
        if name == LISTS:
            continue  # the template's drop-down values
        if name == AGREEMENT:
            _read_agreement(rows, data, places)
        elif name == CONDITIONS:
            _read_conditions(rows, data, places)
        elif name in RECORDS:
            if records := _read_table(path, sheet, rows, RECORDS[name], name, places):
                data[name] = records
        elif name in vocabulary().collections:
            _read_collection(path, sheet, rows, data, places)
        elif name == MUNICIPALITY or name not in known:
            _read_section(path, name, rows, data, places)
    return data, places


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


def _read_section(path: Path, name: str, rows: list[Any], data: dict[str, Any], places: dict[str, Place]) -> None:
    units = vocabulary().figures
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


def _read_collection(path: Path, sheet: Any, rows: list[Any], data: dict[str, Any], places: dict[str, Place]) -> None:
    name = sheet.title
    if items := _read_table(path, sheet, rows, _attributes(name), f"collections.{name}", places):
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
        percent = (Decimal(repr(float(value))) * 100).normalize()
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

