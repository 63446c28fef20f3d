"""Reading a fact set: schema validation, units made exact, CSV collections, cross-checks.

Shares arrive as text ("15%") and leave as fractions (0.15); dates arrive as text and leave as
dates with derived year/quarter/month; a collection leaves as columns in the vocabulary's
attribute order (engine/model/entities.py); a CSV collection is read with the same attribute units
as YAML (engine/facts/tables.py), and its errors name the CSV file, line and column.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from woonpact.engine import files, schema, yamlio
from woonpact.engine.errors import InputError, Problem
from woonpact.engine.facts.tables import read_csv
from woonpact.engine.facts.vocabulary import Vocabularies, Vocabulary, shared_only, vocabulary
from woonpact.engine.model.entities import Entities
from woonpact.engine.model.facts import (
    Contest,
    Deviation,
    EscalationEvent,
    FactSet,
    Section,
    SetValue,
    SourceFile,
)

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


def load_fact_set(path: Path, vocabularies: Vocabularies = shared_only,
                  as_kind: str | None = None) -> FactSet:
    """A fact set validated against the vocabulary of the pack its `agreement` names; `as_kind`:
    the suffix to read it by, for a temporary file that stands in for the one it replaces."""
    if (as_kind or path.suffix).lower() == ".xlsx":
        return _from_workbook(path, vocabularies)
    content = files.read(path)
    data = yamlio.loads(content, path)
    agreement = data.get("agreement") if isinstance(data, dict) else None
    return fact_set_from_data(data, path, vocabularies(agreement),
                              SourceFile(path, hashlib.sha256(content).hexdigest()))


def _from_workbook(path: Path, vocabularies: Vocabularies) -> FactSet:
    """A workbook is read into YAML's data shape, then validated alike; errors name the cell, and
    the cells that could not be read are reported with the rest, in one run."""
    from woonpact.engine.facts import workbook  # openpyxl only when a workbook is read

    data, places, problems, vocab, sha256 = workbook.read(path, vocabularies)
    try:
        fact_set = fact_set_from_data(data, path, vocab, SourceFile(path, sha256))
    except InputError as error:
        refused = {(p.sheet, p.line, p.column) for p in problems}  # not also "missing" there
        located = (workbook.locate(p, places, path) for p in error.problems)
        problems += [p for p in located if (p.sheet, p.line, p.column) not in refused]
    if problems:
        raise InputError(problems)
    return fact_set


def fact_set_from_data(data: Any, path: Path, vocab: Vocabulary | None = None,
                       source: SourceFile | None = None) -> FactSet:
    """Validate already-loaded fact data (YAML, JSON or a test's dict) and build the fact set;
    `vocab`: its pack's vocabulary, when the pack declares figures of its own; `source`: the
    file the data was read from, with the digest of its bytes (none for data made otherwise).

    The CSV collections are read even when the file itself has problems, so that all problems
    of a fact set are reported in one run."""
    vocab = vocab or vocabulary()
    own = (f"facts-{vocab.key}", vocab.schema) if vocab.key else None
    problems: list[Problem] = []
    try:
        schema.validate(data, "facts.schema.json", path, own)
    except InputError as error:
        problems += error.problems
    tables: dict[str, Entities] = {}
    sources = [source] if source is not None else []
    for name, raw in _listed(data, "collections").items():
        if isinstance(raw, dict) and isinstance(raw.get("csv"), str) \
                and name in vocab.collections:
            try:
                tables[name], read = read_csv(path.parent / raw["csv"], name, vocab)
            except InputError as error:
                problems += error.problems
            else:
                sources.append(read)
        elif isinstance(raw, list):
            problems += _twice(data, name, raw, path, vocab)
    if problems:
        raise InputError(problems)
    return _build(data, path, tables, vocab, tuple(sources))


def _listed(data: Any, key: str) -> dict[str, Any]:
    found = data.get(key) if isinstance(data, dict) else None
    return found if isinstance(found, dict) else {}


def _twice(data: Any, collection: str, items: list[Any], path: Path,
           vocab: Vocabulary) -> list[Problem]:
    """An id given to two entities: a per-entity finding, a recorded scope would name both. (A
    deliverable's id names a kind of product, delivered as often as it is.)"""
    if (collection, "id") not in vocab.unique:
        return []
    first: dict[str, int] = {}
    problems = []
    for index, item in enumerate(items):
        identifier = item.get("id") if isinstance(item, dict) else None
        if not isinstance(identifier, str):
            continue
        if identifier in first:
            field = ["collections", collection, index, "id"]
            line, column = yamlio.locate(data, field)
            earlier = yamlio.dotted(["collections", collection, first[identifier]])
            problems.append(Problem("facts.id_twice", file=path, line=line, column=column,
                                    field=yamlio.dotted(field),
                                    params={"value": identifier, "first": earlier}))
        else:
            first[identifier] = index
    return problems


def _share(text: str) -> float:
    return float(text.strip().rstrip("%").strip()) / 100


def _figure_value(unit: str, raw: Any) -> Any:
    return _share(raw) if unit == "share" else raw


def _section(raw: Any, units: Mapping[str, str]) -> Section:
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


def _entity(raw: dict[str, Any], defaults: Mapping[str, Any]) -> dict[str, Any]:
    entity = {**defaults, **raw}
    date = entity.get("date")
    if isinstance(date, str):
        entity["date"] = day = dt.date.fromisoformat(date)
        quarter = (day.month - 1) // 3 + 1
        entity["year"], entity["month"], entity["quarter"] = day.year, day.month, quarter
    return entity


def _collection(name: str, raw: list[dict[str, Any]], vocab: Vocabulary) -> Entities:
    defaults = vocab.defaults[name]
    return Entities.from_dicts(name, tuple(vocab.collections[name]),
                               (_entity(row, defaults) for row in raw))


def _build(data: dict[str, Any], path: Path, tables: dict[str, Entities],
           vocab: Vocabulary, sources: tuple[SourceFile, ...]) -> FactSet:
    municipality = data.get("municipality") or {"figures": {}}
    collections = {name: tables[name] if name in tables else _collection(name, raw, vocab)
                   for name, raw in (data.get("collections") or {}).items()}
    events = tuple(
        EscalationEvent(e["rule"], e["rung"], dt.date.fromisoformat(e["date"]), e.get("outcome"),
                        e.get("note", ""), e.get("scope"), e.get("concerns"))
        for e in data.get("escalations") or ()
    )
    deviations = tuple(
        Deviation(d["rule"], d["from"], d.get("until", d["from"]), tuple(d["approved_by"]),
                  d["reason"],
                  d.get("scope"), dt.date.fromisoformat(d["date"]) if d.get("date") else None)
        for d in data.get("deviations") or ()
    )
    return FactSet(
        agreement=data["agreement"],
        year=data["year"],
        path=path,
        agreement_section=_section(municipality, vocab.figures),
        parties={pid: _section(raw, vocab.figures)
                 for pid, raw in (data.get("parties") or {}).items()},
        collections=collections,
        conditions=dict(data.get("conditions") or {}),
        escalations=events,
        deviations=deviations,
        values={name: SetValue(_figure_value(vocab.parameters[name], raw["value"]), raw["source"],
                               dt.date.fromisoformat(raw["date"]) if raw.get("date") else None)
                for name, raw in (data.get("parameters") or {}).items()},
        vocabulary=vocab.key,
        sources=sources,
    )
