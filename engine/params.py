"""National parameters (rent limits, indexation), looked up by name and year.

A rule names a parameter and never types the figure in; the figure, its date and its source
live once in rules/national/parameters.yaml.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping

from woonpact.engine import paths, yamlio
from woonpact.engine.errors import InputError, Problem
from woonpact.engine.language import ast
from woonpact.engine.language.errors import ExpressionError
from woonpact.engine.language.parser import parse_expression
from woonpact.engine.model.text import Text


@dataclass(frozen=True, slots=True)
class ParameterValue:
    valid_from: dt.date
    value: float
    source: str
    certainty: str


@dataclass(frozen=True, slots=True)
class Parameter:
    name: str
    unit: str
    description: Text
    values: tuple[ParameterValue, ...]
    label: Text | None = None  # the words readers see ("de liberalisatiegrens")

    def in_force(self, year: int) -> ParameterValue | None:
        """The value in force on 1 January of `year`; rules judge a year by its opening limits."""
        dates = [v.valid_from for v in self.values]
        i = bisect_right(dates, dt.date(year, 1, 1))
        return self.values[i - 1] if i else None


@dataclass(frozen=True)
class Parameters:
    by_name: Mapping[str, Parameter]
    _units: Mapping[str, str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Built once: every rule compiled asks for the units of all parameters.
        object.__setattr__(self, "_units", {name: p.unit for name, p in self.by_name.items()})  # a dict: pickled by the cache

    def units(self) -> Mapping[str, str]:
        return self._units

    def value(self, name: str, year: int) -> float | None:
        found = self.by_name[name].in_force(year)
        return None if found is None else found.value


def load_parameters(path: Path = paths.PARAMETERS) -> Parameters:
    data = yamlio.load(path)
    out = {}
    for name, spec in (data.get("parameters") or {}).items():
        unit = {"index": "number"}.get(spec.get("unit", "eur"), spec.get("unit", "eur"))
        values = tuple(sorted(
            (ParameterValue(dt.date.fromisoformat(str(v["valid_from"])),
                            _value(v, unit, path, data, ["parameters", name, "values", i, "value"]),
                            str(v.get("source", "")), str(v.get("certainty", "")))
             for i, v in enumerate(spec.get("values") or ())),
            key=lambda v: v.valid_from,
        ))
        out[name] = Parameter(name, unit, Text.of(spec.get("description", name)), values,
                              Text.of(spec["label"]) if "label" in spec else None)
    return Parameters(out)  # a plain dict, so the loaded parameters can be cached


def _value(entry: Mapping[str, object], unit: str, path: Path, data: object, field: list[object]) -> float:
    """A share is written with `%` (`3.1%`) as in rules and facts, read by the rule parser so both
    mean the same by it; any other unit is a plain number."""
    raw = entry["value"]
    if unit != "share":
        return float(raw)  # type: ignore[arg-type]
    try:
        node = parse_expression(str(raw))
    except ExpressionError:
        node = None
    if not isinstance(node, ast.Share):
        line, column = yamlio.locate(data, field)
        raise InputError(Problem("params.share_percent", path, line, column, yamlio.dotted(field),
                                 {"value": raw}))
    return node.value
