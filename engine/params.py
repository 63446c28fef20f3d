"""Reading the national parameters (rent limits, indexation) and the national laws the disputes
ladder relies on from their entry into force (the model: engine/model/parameters.py).

A rule names a parameter and never types the figure in; the figure, its date, its source and how
sure it is (`status`) live once in rules/national/parameters.yaml. A finding that rests on a
figure short of `confirmed` says so (see `FactUsed.status`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from woonpact.engine import cache, paths, yamlio
from woonpact.engine.errors import InputError, Problem
from woonpact.engine.language.errors import ExpressionError
from woonpact.engine.language.parser import parse_expression
from woonpact.engine.model import ast
from woonpact.engine.model.parameters import Law, Parameter, Parameters, ParameterValue
from woonpact.engine.model.text import Text


def bundled() -> Parameters:
    """The bundled national parameters, parsed once per process."""
    return cache.cached(paths.PARAMETERS, "parameters", load_parameters, shared=True)


def load_parameters(path: Path = paths.PARAMETERS) -> Parameters:
    data = yamlio.load(path)
    laws = {law_id: Law(law_id, str(spec["title"]), _date(spec.get("in_force")),
                        str(spec.get("status", "")), str(spec.get("source", "")))
            for law_id, spec in (data.get("laws") or {}).items()}
    return Parameters(read_parameters(data, path), laws)  # plain dicts: the cache pickles them


def read_parameters(data: Any, path: Path) -> dict[str, Parameter]:
    """The `parameters:` of loaded data: the national file's, or a pack's own dated values."""
    out = {}
    for name, spec in (data.get("parameters") or {}).items():
        unit = {"index": "number"}.get(spec.get("unit", "eur"), spec.get("unit", "eur"))
        values = tuple(sorted(
            (ParameterValue(dt.date.fromisoformat(str(v["valid_from"])),
                            _value(v, unit, path, data, ["parameters", name, "values", i, "value"]),
                            str(v.get("source", "")), str(v.get("status", "")),
                            _date(v.get("valid_to")))
             for i, v in enumerate(spec.get("values") or ())),
            key=lambda v: v.valid_from,
        ))
        out[name] = Parameter(name, unit, Text.of(spec.get("description", name)), values,
                              Text.of(spec["label"]) if "label" in spec else None)
    return out  # a plain dict, so the loaded parameters can be cached


def _date(raw: object) -> dt.date | None:
    return None if raw is None else dt.date.fromisoformat(str(raw))


def _value(entry: Mapping[str, object], unit: str, path: Path, data: object,
           field: list[object]) -> float:
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
