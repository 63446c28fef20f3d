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
    meanings: Mapping[str, Text]  # a figure or collection -> its meaning
    attribute_labels: Mapping[tuple[str, str], Text]
    attribute_meanings: Mapping[tuple[str, str], Text]
    # Who is asked for a figure read for the agreement as a whole (municipality | corporations),
    # and for a collection's items (municipality | corporations | party): see vocabulary.yaml.
    reported_by: Mapping[str, str]


@cache
def vocabulary() -> Vocabulary:
    schema = load_schema("facts.schema.json")
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
            attribute_labels[(name, attr)] = Text.of(a["x-label"])
            attribute_meanings[(name, attr)] = Text.of(a["x-doc"])
        defaults[name] = MappingProxyType(
            {attr: a["default"] for attr, a in entity["properties"].items() if "default" in a})
    return Vocabulary(MappingProxyType(figures), MappingProxyType(labels),
                      MappingProxyType(collections), MappingProxyType(nouns), MappingProxyType(enums),
                      MappingProxyType(defaults),
                      frozenset(name for name, spec in figures_schema.items()
                                if spec.get("x-summable")),
                      MappingProxyType(meanings), MappingProxyType(attribute_labels),
                      MappingProxyType(attribute_meanings), MappingProxyType(reported_by))
