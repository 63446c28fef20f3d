"""The fact vocabulary as the engine uses it: names, units and labels.

Read from the published facts schema (plain JSON, quick to load) rather than from
vocabulary.yaml, so that what the engine accepts and what the schema publishes cannot differ.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from types import MappingProxyType
from typing import Mapping

from woonpact.engine.model.text import Text
from woonpact.engine.schema import load_schema

DERIVED_DATE_ATTRIBUTES = {"year": "year", "quarter": "count", "month": "count"}


@dataclass(frozen=True)
class Vocabulary:
    figures: Mapping[str, str]  # name -> unit
    labels: Mapping[str, Text]
    collections: Mapping[str, Mapping[str, str]]  # collection -> attribute -> unit
    nouns: Mapping[str, Text]  # collection -> the noun for its items in findings ("projecten")
    enums: Mapping[tuple[str, str], tuple[str, ...]]  # (collection, attribute) -> allowed
    defaults: Mapping[str, Mapping[str, object]]  # collection -> attribute -> value when absent
    summable: frozenset[str]  # figures an agreement-wide look-up may sum over the corporations
    unique: frozenset[tuple[str, str]]  # (collection, attribute) no two entities share
    plausible: Mapping[str, tuple[float | None, float | None]]  # figure -> (min, max) usual


@cache
def vocabulary() -> Vocabulary:
    schema = load_schema("facts.schema.json")
    figures_schema = schema["$defs"]["figures"]["properties"]
    figures = {name: spec["x-unit"] for name, spec in figures_schema.items()}
    labels = {name: Text.of(spec["x-label"]) for name, spec in figures_schema.items()}
    collections: dict[str, Mapping[str, str]] = {}
    nouns: dict[str, Text] = {}
    enums: dict[tuple[str, str], tuple[str, ...]] = {}
    defaults: dict[str, Mapping[str, object]] = {}
    unique: set[tuple[str, str]] = set()
    for name, spec in schema["$defs"]["collections"]["properties"].items():
        entity = spec["x-entity"]
        nouns[name] = Text.of(spec["x-label"])
        attributes = {attr: a["x-unit"] for attr, a in entity["properties"].items()}
        if attributes.get("date") == "date":
            attributes.update(DERIVED_DATE_ATTRIBUTES)
        collections[name] = MappingProxyType(attributes)
        for attr, a in entity["properties"].items():
            if "enum" in a:
                enums[(name, attr)] = tuple(a["enum"])
            if a.get("x-unique"):
                unique.add((name, attr))
        defaults[name] = MappingProxyType(
            {attr: a["default"] for attr, a in entity["properties"].items() if "default" in a})
    return Vocabulary(MappingProxyType(figures), MappingProxyType(labels),
                      MappingProxyType(collections), MappingProxyType(nouns), MappingProxyType(enums),
                      MappingProxyType(defaults),
                      frozenset(name for name, spec in figures_schema.items()
                                if spec.get("x-summable")),
                      frozenset(unique),
                      MappingProxyType({name: _bounds(spec["x-plausible"], spec["x-unit"])
                                        for name, spec in figures_schema.items()
                                        if "x-plausible" in spec}))


def _bounds(spec: Mapping[str, object], unit: str) -> tuple[float | None, float | None]:
    """A plausible range as the engine holds values: a share as a fraction (10% -> 0.1)."""
    def value(side: str) -> float | None:
        raw = spec.get(side)
        if raw is None:
            return None
        return float(str(raw).rstrip("%")) / 100 if unit == "share" else float(str(raw))
    return value("min"), value("max")
