"""The parties' returned workbooks joined into the year's fact set.

Each workbook is read as it stands (`workbook.read`); their data are joined, never overwritten:
a figure, a condition, or who supplied a section given by two workbooks is refused with both
cells, as are workbooks of different agreements or years. Lists (lettings, deliverables,
meetings, the ladder's records) are joined in the order of the files. A party's own workbook (the
one section it holds is that party's) may only hold its own items of a list each party keeps
(lettings, homes, deliverables): an item naming another party, or none, would count for the
wrong party or for all, so it is refused at its cell. The joined data are validated as one fact
set; every error names the workbook and cell it comes from.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from woonpact.engine.errors import InputError, Problem
from woonpact.engine.facts import workbook
from woonpact.engine.facts.loader import fact_set_from_data
from woonpact.engine.facts.vocabulary import Vocabularies, shared_only, vocabulary
from woonpact.engine.model.facts import FactSet

Located = tuple[Path, workbook.Place]
_LISTED = re.compile(r"^(collections\.[A-Za-z_]+|escalations|deviations)\[(\d+)\]")


@dataclass(frozen=True)
class Merged:
    """The joined fact set, and the workbook cell behind each of its data paths."""

    fact_set: FactSet
    places: dict[str, Located]

    def locate(self, problem: Problem) -> Problem:
        """A problem about the joined fact set moved to the workbook and cell it comes from."""
        return _locate(problem, self.places, self.fact_set.path)


def merge(paths: Sequence[Path], target: Path,
          vocabularies: Vocabularies = shared_only) -> Merged:
    """The workbooks at `paths` as one fact set, to be written to `target` (its path); each is
    read by the vocabulary of the pack its agreement sheet names (`vocabularies`)."""
    data: dict[str, Any] = {}
    places: dict[str, Located] = {}
    problems: list[Problem] = []
    for path in paths:
        reading = workbook.read(path, vocabularies)
        part, part_places = reading.data, reading.places
        problems += reading.problems  # cells that cannot be read exactly, by workbook and cell
        problems += _own_items(path, part, part_places)
        problems += _join(data, places, path, part, part_places)
    if problems:
        raise InputError(problems)
    try:
        fact_set = fact_set_from_data(data, target, vocabularies(data.get("agreement")))
    except InputError as error:
        raise InputError([_locate(p, places, target) for p in error.problems]) from None
    return Merged(fact_set, places)


def _join(
    data: dict[str, Any],
    places: dict[str, Located],
    path: Path,
    part: dict[str, Any],
    part_places: dict[str, workbook.Place],
) -> list[Problem]:
    """Add one workbook's data to the joined data; what both give is a problem, not a choice."""
    problems: list[Problem] = []
    offsets = {name: len(items) for name, items in _lists(data).items()}
    for field, place in part_places.items():
        moved = _LISTED.sub(
            lambda m: f"{m.group(1)}[{int(m.group(2)) + offsets.get(m.group(1), 0)}]", field
        )
        places.setdefault(moved, (path, place))
    for key in ("agreement", "year"):
        if key in part and key in data and part[key] != data[key]:
            problems.append(_twice("facts.merge_differs", key, path, part_places, places))
        elif key in part:
            data[key] = part[key]
    sections = [("municipality", part["municipality"])] if "municipality" in part else []
    sections += [
        (f"parties.{pid}", section) for pid, section in (part.get("parties") or {}).items()
    ]
    for prefix, section in sections:
        joined = _at(data, prefix)
        for key in ("supplied_by", "system"):
            if key in section and key in joined and section[key] != joined[key]:
                problems.append(
                    _twice("facts.merge_twice", f"{prefix}.{key}", path, part_places, places)
                )
            elif key in section:
                joined[key] = section[key]
        figures = joined.setdefault("figures", {})
        for name, value in section.get("figures", {}).items():
            if name in figures:
                problems.append(
                    _twice(
                        "facts.merge_twice", f"{prefix}.figures.{name}", path, part_places, places
                    )
                )
            figures[name] = value
    for name, value in (part.get("conditions") or {}).items():
        conditions = data.setdefault("conditions", {})
        if name in conditions:
            problems.append(
                _twice("facts.merge_twice", f"conditions.{name}", path, part_places, places)
            )
        conditions[name] = value
    for name, items in (part.get("collections") or {}).items():
        data.setdefault("collections", {}).setdefault(name, []).extend(items)
    for name in ("escalations", "deviations"):
        data.setdefault(name, []).extend(part.get(name) or ())
    for name in ("escalations", "deviations", "collections"):
        if not data.get(name):
            data.pop(name, None)
    return problems


def _lists(data: dict[str, Any]) -> dict[str, list[Any]]:
    found = {
        f"collections.{name}": items for name, items in (data.get("collections") or {}).items()
    }
    return {**found, **{name: data[name] for name in ("escalations", "deviations") if name in data}}


def _at(data: dict[str, Any], prefix: str) -> dict[str, Any]:
    if prefix == "municipality":
        return data.setdefault("municipality", {})  # type: ignore[no-any-return]
    parties = data.setdefault("parties", {})
    return parties.setdefault(prefix.split(".", 1)[1], {})  # type: ignore[no-any-return]


def _twice(
    key: str,
    field: str,
    path: Path,
    part_places: dict[str, workbook.Place],
    places: dict[str, Located],
) -> Problem:
    """What a second workbook gives again, at its cell, naming the first workbook's cell."""
    first_path, (sheet, row, column) = places[field]
    first = f"{first_path.name}:{sheet}!{_letter(column)}{row}"
    problem = Problem(
        key, path, field=field, params={"field": field.rsplit(".", 1)[-1], "first": first}
    )
    return workbook.locate(problem, part_places, path)


def _own_items(
    path: Path, part: dict[str, Any], part_places: dict[str, workbook.Place]
) -> list[Problem]:
    """In a party's own workbook, an item of a list each party keeps must name that party."""
    owners = [key.split(".", 1)[1] for key in part_places if re.fullmatch(r"parties\.[^.\[]+", key)]
    if len(owners) != 1 or "municipality" in part_places:
        return []
    owner = owners[0]
    reported_by = vocabulary().reported_by
    problems = []
    for name, items in (part.get("collections") or {}).items():
        if reported_by.get(name) == "municipality":
            continue
        for i, item in enumerate(items):
            if item.get("party") != owner:
                problem = Problem(
                    "facts.merge_other_party",
                    path,
                    field=f"collections.{name}[{i}].party",
                    params={"party": item.get("party") or "-", "owner": owner},
                )
                problems.append(workbook.locate(problem, part_places, path))
    return problems


def _locate(problem: Problem, places: dict[str, Located], target: Path) -> Problem:
    """The nearest enclosing data path that has a cell decides the workbook."""
    field = problem.field or ""
    enclosing = [k for k in places if k == field or field.startswith((f"{k}.", f"{k}["))]
    if problem.file != target or not enclosing:
        return problem
    path = places[max(enclosing, key=len)][0]
    return workbook.locate(
        problem, {k: place for k, (p, place) in places.items() if p == path}, path
    )


def _letter(column: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(column)
