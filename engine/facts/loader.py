"""Reading a fact set: schema validation, units made exact, CSV collections, cross-checks.

Shares arrive as text ("15%") and leave as fractions (0.15); dates arrive as text and leave as
dates with derived year/quarter/month; a collection leaves as columns in the vocabulary's
attribute order (engine/model/entities.py); a CSV collection is read with the same attribute units
as YAML, and its errors name the CSV file, line and column.
"""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path
from typing import Any

from woonpact.engine import files, schema, yamlio
from woonpact.engine.errors import InputError, Problem
from woonpact.engine.facts.vocabulary import vocabulary
from woonpact.engine.model.entities import Entities
from woonpact.engine.model.facts import Contest, Deviation, EscalationEvent, FactSet, Section
from woonpact.engine.suggest import closest

FACT_SUFFIXES = (".yaml", ".yml", ".json", ".xlsx")


def fact_files(target: Path) -> list[Path]:
    """The fact files a path stands for: the file itself, or every fact file in a folder.

    Hidden files are not fact files (an editor's backup, the temporary files of engine/files.py;
    one left by a killed run is named in a note that says it can be deleted), nor are Excel's
    lock files (`~$2026.xlsx`, present while a workbook is open). A FIFO or device named like a
    fact file is refused before anything opens it.
    """
    if target.is_dir():
        found = sorted(p for p in target.iterdir()
                       if p.suffix.lower() in FACT_SUFFIXES and not p.name.startswith((".", "~$")))
        if not found:
            raise InputError(Problem("file.no_facts", file=target))
        files.tell_leftovers(target)
    elif not target.exists():
        raise InputError(Problem("file.missing", file=target))
    else:
        found = [target]
    for path in found:
        files.refuse_special(path)
    return found


def load_fact_set(path: Path) -> FactSet:
    if path.suffix.lower() == ".xlsx":
        return _from_workbook(path)
    return fact_set_from_data(yamlio.load(path), path)


def _from_workbook(path: Path) -> FactSet:
    """A workbook is read into YAML's data shape, then validated alike; errors name the cell."""
    from woonpact.engine.facts import workbook  # noqa: PLC0415 - openpyxl only when a workbook is read

    data, places = workbook.read(path)
    try:
        return fact_set_from_data(data, path)
    except InputError as error:
        raise InputError([workbook.locate(p, places, path) for p in error.problems]) from None


def fact_set_from_data(data: Any, path: Path) -> FactSet:
    """Validate already-loaded fact data (YAML, JSON or a test's dict) and build the fact set."""
    schema.validate(data, "facts.schema.json", path)
    return _build(data, path)


def _share(text: str) -> float:
    return float(text.strip().rstrip("%").strip()) / 100


def _figure_value(unit: str, raw: Any) -> Any:
    return _share(raw) if unit == "share" else raw


def _section(raw: Any) -> Section:
    units = vocabulary().figures
    figures: dict[str, Any] = {}
    contested: dict[str, Contest] = {}
    for name, value in (raw.get("figures") or {}).items():
        if isinstance(value, dict):
            if value.get("contested_by"):
                contested[name] = Contest(name, value["contested_by"], value.get("reason", ""))
            value = value["value"]
        figures[name] = _figure_value(units[name], value)
    return Section(figures, raw.get("supplied_by"), raw.get("system"),
                   contested)


def _entity(raw: dict[str, Any], defaults: dict[str, Any]) -> dict[str, Any]:
    entity = {**defaults, **raw}
    date = entity.get("date")
    if isinstance(date, str):
        entity["date"] = day = dt.date.fromisoformat(date)
        entity["year"], entity["month"], entity["quarter"] = day.year, day.month, (day.month - 1) // 3 + 1
    return entity


def _collection(name: str, raw: Any, path: Path) -> Entities:
    vocab = vocabulary()
    defaults = vocab.defaults[name]
    rows = read_csv(path.parent / raw["csv"], name) if isinstance(raw, dict) else raw
    return Entities.from_dicts(name, tuple(vocab.collections[name]), (_entity(row, defaults) for row in rows))


def _build(data: dict[str, Any], path: Path) -> FactSet:
    municipality = data.get("municipality") or {"figures": {}}
    collections = {name: _collection(name, raw, path)
                   for name, raw in (data.get("collections") or {}).items()}
    events = tuple(
        EscalationEvent(e["rule"], e["rung"], dt.date.fromisoformat(e["date"]), e.get("outcome"),
                        e.get("note", ""), e.get("scope"))
        for e in data.get("escalations") or ()
    )
    deviations = tuple(
        Deviation(d["rule"], d["from"], d.get("until", d["from"]), tuple(d["approved_by"]), d["reason"],
                  d.get("scope"), dt.date.fromisoformat(d["date"]) if d.get("date") else None)
        for d in data.get("deviations") or ()
    )
    return FactSet(
        agreement=data["agreement"],
        year=data["year"],
        path=path,
        agreement_section=_section(municipality),
        parties={pid: _section(raw) for pid, raw in (data.get("parties") or {}).items()},
        collections=collections,
        conditions=dict(data.get("conditions") or {}),
        escalations=events,
        deviations=deviations,
    )


# -- CSV ------------------------------------------------------------------------------------

_TRUE = {"true", "ja", "yes", "1", "waar"}
_FALSE = {"false", "nee", "no", "0", "onwaar"}


def _convert(value: str, unit: str) -> Any:
    if unit == "count" or unit == "year":
        number = int(value)
        if number < 0:
            raise ValueError(value)
        return number
    if unit == "eur":
        number = float(value)
        if number < 0:
            raise ValueError(value)
        return number
    if unit == "bool":
        lowered = value.lower()
        if lowered in _TRUE:
            return True
        if lowered in _FALSE:
            return False
        raise ValueError(value)
    if unit == "date":
        dt.date.fromisoformat(value)
        return value
    return value


def read_csv(path: Path, collection: str) -> list[dict[str, Any]]:
    """Rows of a CSV collection; the header must use the collection's attribute names."""
    entity_schema = schema.load_schema("facts.schema.json")["$defs"]["collections"]["properties"][collection]["x-entity"]
    units = {attr: spec["x-unit"] for attr, spec in entity_schema["properties"].items()}
    enums = {attr: spec["enum"] for attr, spec in entity_schema["properties"].items() if "enum" in spec}
    try:
        handle = path.open(encoding="utf-8", newline="")
    except FileNotFoundError:
        raise InputError(Problem("file.missing", file=path)) from None
    rows: list[dict[str, Any]] = []
    with handle:
        reader = csv.reader(handle)
        header = next(reader, [])
        for column, name in enumerate(header, start=1):
            if name not in units:
                raise InputError(Problem("facts.csv_header", file=path, line=1, column=column,
                                         field=name, params={"name": name, "collection": collection,
                                                             "suggestion": closest(name, units) or ""}))
        for required in entity_schema.get("required", ()):
            if required not in header:
                raise InputError(Problem("schema.required", file=path, line=1, field=required,
                                         params={"name": required}))
        for row in reader:
            item: dict[str, Any] = {}
            for column, (name, value) in enumerate(zip(header, row), start=1):
                if value == "":
                    continue
                unit = units[name]
                try:
                    item[name] = _convert(value.strip(), unit)
                except ValueError:
                    raise InputError(Problem("facts.csv_value", file=path, line=reader.line_num,
                                             column=column, field=name,
                                             params={"value": value, "name": name, "unit": unit})) from None
                if name in enums and item[name] not in enums[name]:
                    raise InputError(Problem("schema.enum", file=path, line=reader.line_num, column=column,
                                             field=name, params={"value": value, "allowed": ", ".join(enums[name])}))
            rows.append(item)
    return rows
