"""The fact vocabulary as the engine uses it: names, units and labels.

Read from the published facts schema (plain JSON, quick to load) rather than from
vocabulary.yaml, so that what the engine accepts and what the schema publishes cannot differ.
A pack or workspace that declares figures of its own gets the shared vocabulary with those
added, read from a schema built by the same generator (engine/facts/generate.py).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from types import MappingProxyType
from typing import Any

from woonpact.engine.errors import InputError, Problem
from woonpact.engine.model.declarations import Declarations, OwnAttribute, OwnFigure
from woonpact.engine.model.text import Text
from woonpact.engine.schema import load_schema

DERIVED_DATE_ATTRIBUTES = {"year": "year", "quarter": "count", "month": "count"}
NONE = Declarations()


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
    meanings: Mapping[str, Text]  # a figure or collection -> its meaning
    attribute_labels: Mapping[tuple[str, str], Text]
    attribute_meanings: Mapping[tuple[str, str], Text]
    # Who is asked for a figure read for the agreement as a whole (municipality | corporations),
    # and for a collection's items (municipality | corporations | party): see vocabulary.yaml.
    reported_by: Mapping[str, str]
    parameters: Mapping[str, str]  # name -> unit of the values a fact set may set (`parameters`)
    schema: Mapping[str, Any]  # the facts schema a fact set of these names is validated against
    key: str = ""  # the declarations added to the shared vocabulary (Declarations.key)


# The vocabulary of the pack an agreement id names (its own figures added), or the shared one.
Vocabularies = Callable[[Any], Vocabulary]


def shared_only(agreement: Any) -> Vocabulary:
    """For a fact set read without its pack: the shared vocabulary, whatever the agreement."""
    return vocabulary()


@cache
def vocabulary(own: Declarations = NONE) -> Vocabulary:
    """The shared vocabulary, with `own`'s figures, attributes and set values when given."""
    if not own:
        return _read(load_schema("facts.schema.json"), "")
    from woonpact.engine.facts.generate import facts_schema  # only for own figures

    return _read(facts_schema(own), own.key)


def _read(schema: dict[str, Any], key: str) -> Vocabulary:
    figures_schema = schema["$defs"]["figures"]["properties"]
    figures = {name: spec["x-unit"] for name, spec in figures_schema.items()}
    labels = {name: Text.of(spec["x-label"]) for name, spec in figures_schema.items()}
    meanings = {name: Text.of(spec["x-doc"]) for name, spec in figures_schema.items()}
    reported_by = {name: spec["x-reported-by"] for name, spec in figures_schema.items()}
    attribute_labels: dict[tuple[str, str], Text] = {}
    attribute_meanings: dict[tuple[str, str], Text] = {}
    collections: dict[str, Mapping[str, str]] = {}
    nouns: dict[str, Text] = {}
    enums: dict[tuple[str, str], tuple[str, ...]] = {}
    defaults: dict[str, Mapping[str, object]] = {}
    unique: set[tuple[str, str]] = set()
    for name, spec in schema["$defs"]["collections"]["properties"].items():
        entity = spec["x-entity"]
        nouns[name] = Text.of(spec["x-label"])
        meanings[name] = Text.of(spec["x-doc"])
        reported_by[name] = spec["x-reported-by"]
        attributes = {attr: a["x-unit"] for attr, a in entity["properties"].items()}
        if attributes.get("date") == "date":
            attributes.update(DERIVED_DATE_ATTRIBUTES)
        collections[name] = MappingProxyType(attributes)
        for attr, a in entity["properties"].items():
            if "enum" in a:
                enums[(name, attr)] = tuple(a["enum"])
            if a.get("x-unique"):
                unique.add((name, attr))
            attribute_labels[(name, attr)] = Text.of(a["x-label"])
            attribute_meanings[(name, attr)] = Text.of(a["x-doc"])
        defaults[name] = MappingProxyType(
            {attr: a["default"] for attr, a in entity["properties"].items() if "default" in a})
    return Vocabulary(MappingProxyType(figures), MappingProxyType(labels),
                      MappingProxyType(collections), MappingProxyType(nouns),
                      MappingProxyType(enums),
                      MappingProxyType(defaults),
                      frozenset(name for name, spec in figures_schema.items()
                                if spec.get("x-summable")),
                      frozenset(unique),
                      MappingProxyType({name: _bounds(spec["x-plausible"], spec["x-unit"])
                                        for name, spec in figures_schema.items()
                                        if "x-plausible" in spec}),
                      MappingProxyType(meanings), MappingProxyType(attribute_labels),
                      MappingProxyType(attribute_meanings), MappingProxyType(reported_by),
                      MappingProxyType({name: spec["x-unit"] for name, spec in
                                        schema["properties"]["parameters"]["properties"].items()}),
                      MappingProxyType(schema), key)


def _bounds(spec: Mapping[str, object], unit: str) -> tuple[float | None, float | None]:
    """A plausible range as the engine holds values: a share as a fraction (10% -> 0.1)."""
    def value(side: str) -> float | None:
        raw = spec.get(side)
        if raw is None:
            return None
        return float(str(raw).rstrip("%")) / 100 if unit == "share" else float(str(raw))
    return value("min"), value("max")


def combine(parts: Iterable[Declarations]) -> Declarations:
    """The declarations of a workspace, a pack and the packs it includes, as one.

    A name declared twice alike (the workspace's, seen through two of its packs) counts once; a
    name declared twice differently is refused, since facts could not be read both ways."""
    figures: dict[str, OwnFigure] = {}
    attributes: dict[tuple[str, str], OwnAttribute] = {}
    parameters: dict[str, str] = {}
    problems = []
    for part in parts:
        for figure in part.figures:
            problems += _twice(figures, figure.name, figure)
        for attribute in part.attributes:
            problems += _twice(attributes, (attribute.collection, attribute.name), attribute)
        for name, unit in part.parameters:
            problems += _twice(parameters, name, unit)
    if problems:
        raise InputError(problems)
    return Declarations(tuple(figures.values()), tuple(attributes.values()),
                        tuple(parameters.items()))


def _twice(found: dict[Any, Any], key: Any, declared: Any) -> list[Problem]:
    earlier = found.setdefault(key, declared)
    if earlier == declared:
        return []
    name = ".".join(key) if isinstance(key, tuple) else key
    return [Problem("vocab.declared_twice", params={
        "name": name, "first": getattr(earlier, "declared_in", ""),
        "second": getattr(declared, "declared_in", "")})]
