"""Reading what a pack or a workspace declares beside the shared vocabulary: figures and
collection attributes of its own (`vocabulary:`), and a pack's dated values set outside the
agreement's text (`parameters:`), which rules read with `param` as they read national ones.

The schema has checked the shape; here a declaration is checked against what it joins: a name
the shared vocabulary or the national parameters already have, a collection that does not
exist, a reporter that is neither a party of the pack nor a role.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from woonpact.engine import yamlio
from woonpact.engine.errors import Problem
from woonpact.engine.facts.vocabulary import DERIVED_DATE_ATTRIBUTES, vocabulary
from woonpact.engine.language.parser import KEYWORDS
from woonpact.engine.language.units import YEAR_JUDGED
from woonpact.engine.model.declarations import Declarations, OwnAttribute, OwnFigure
from woonpact.engine.model.pack import Role
from woonpact.engine.model.parameters import Parameter, Parameters
from woonpact.engine.model.text import Text
from woonpact.engine.params import read_parameters
from woonpact.engine.suggest import closest

ROLES = tuple(r.value for r in Role if r is not Role.OTHER)
RESERVED = {YEAR_JUDGED, *KEYWORDS}


def read_vocabulary(data: Any, path: Path, parties: Mapping[str, str],
                    origin: str) -> tuple[Declarations, list[Problem]]:
    """The figures and attributes under `vocabulary:`; `parties`: the ids a figure's reporter
    may name besides a role, with their roles (none in a workspace's file); `origin`: the file
    as the workspace names it (`rules/<pack>.yaml`, `woonpact.yaml`), whichever folder a
    command runs in."""
    raw = data.get("vocabulary") or {}
    shared = vocabulary()
    problems: list[Problem] = []

    def problem(key: str, field: list[Any], **params: Any) -> None:
        where = ["vocabulary", *field]
        line, column = yamlio.locate(data, where)
        problems.append(Problem(key, path, line, column, yamlio.dotted(where), params))

    figures = []
    for name, spec in (raw.get("figures") or {}).items():
        if name in shared.figures or name in shared.collections or name in RESERVED:
            problem("vocab.shared_name", ["figures", name], name=name)
        reporter, reporters = spec["reported_by"], [*parties, *ROLES]
        if reporter not in reporters:
            problem("vocab.unknown_reporter", ["figures", name, "reported_by"], party=reporter,
                    suggestion=closest(reporter, reporters) or "", allowed=", ".join(reporters))
        summable = spec["unit"] in ("count", "eur") and spec.get("summable", True)
        figures.append(OwnFigure(name, spec["unit"], Text.of(spec["label"]), reporter,
                                 Text.of(spec["doc"]) if "doc" in spec else None,
                                 spec.get("summable", True), origin,
                                 _asked_of(parties.get(reporter, reporter), summable)))
    attributes = []
    for collection, declared in (raw.get("attributes") or {}).items():
        if collection not in shared.collections:
            problem("vocab.unknown_collection", ["attributes", collection], name=collection,
                    suggestion=closest(collection, shared.collections) or "")
            continue
        for name, spec in declared.items():
            field = ["attributes", collection, name]
            if name in (*shared.collections[collection], *DERIVED_DATE_ATTRIBUTES, *RESERVED):
                problem("vocab.shared_attribute", field, name=name, collection=collection)
            if "enum" in spec and spec["unit"] != "text":
                problem("vocab.enum_unit", [*field, "enum"], unit=spec["unit"])
            if "default" in spec and spec["unit"] != "bool":
                problem("vocab.default_unit", [*field, "default"], unit=spec["unit"])
            attributes.append(OwnAttribute(collection, name, spec["unit"], Text.of(spec["label"]),
                                           tuple(spec.get("enum") or ()), spec.get("default"),
                                           origin))
    return Declarations(tuple(figures), tuple(attributes)), problems


def _asked_of(role: str, summable: bool) -> str:
    """Where a clause of the whole agreement reads a declared figure, and so whom the data
    request asks for it: the corporations, each its part, for a count or amount a corporation
    reports (the look-up sums their parts when the municipality gives no total); otherwise the
    agreement's own section, which the municipality's request holds. Clauses of one party
    read the figure from that party's section, whoever is named as its reporter."""
    return "corporations" if summable and role == Role.CORPORATIE else "municipality"


def read_own_parameters(data: Any, path: Path,
                        national: Parameters) -> tuple[dict[str, Parameter], list[Problem]]:
    """A pack's own dated values, by name; never a national parameter's name, since a rule
    reading `param(name)` would then silently change what it reads."""
    problems = [Problem("params.national_name", path, *yamlio.locate(data, ["parameters", name]),
                        f"parameters.{name}", {"name": name})
                for name in (data.get("parameters") or {}) if name in national.by_name]
    return read_parameters(data, path), problems


def settable(own: Mapping[str, Parameter]) -> tuple[tuple[str, str], ...]:
    """The (name, unit) of the values a fact set may set for its year: the pack's own."""
    return tuple((name, parameter.unit) for name, parameter in own.items())
