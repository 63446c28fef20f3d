"""Generate the published facts schema and docs/facts.md from vocabulary.yaml.

Run `python -m woonpact.engine.generate` after editing the vocabulary; a test fails when the
published files are out of step with it. The same builders make the schema and the vocabulary
page of a pack or workspace that declares figures of its own (`facts_schema`, `woonpact
vocabulary`): an own figure is validated exactly as a shared one because it is built alike.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from woonpact.engine import paths, yamlio
from woonpact.engine.model.declarations import Declarations

VOCABULARY = Path(__file__).with_name("vocabulary.yaml")
SCHEMA_OUT = paths.SCHEMAS / "facts.schema.json"
DOC_OUT = paths.PACKAGE / "docs" / "facts.md"

SHARE_PATTERN = r"^\s*(100(\.0+)?|[0-9]{1,2}(\.[0-9]+)?)\s*%$"
DATE_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"

UNIT_SCHEMAS: dict[str, dict[str, Any]] = {
    "count": {"type": "integer", "minimum": 0},
    "eur": {"type": "number", "minimum": 0},
    "share": {"type": "string", "pattern": SHARE_PATTERN, "x-unit": "share"},
    "bool": {"type": "boolean"},
    "text": {"type": "string"},
    "date": {"type": "string", "format": "date", "pattern": DATE_PATTERN},
    "year": {"type": "integer", "minimum": 1990, "maximum": 2100},
    "list": {"type": "array", "items": {"type": "string"}},
    "number": {"type": "number"},
}

UNIT_DOC = {
    "count": "count (a whole number, 0 or more)",
    "eur": "euro (an amount, 0 or more)",
    "share": "share (written with %, 0%–100%)",
    "bool": "true / false",
    "text": "text",
    "date": "date (YYYY-MM-DD)",
    "year": "year",
    "list": "list of party ids",
    "number": "number",
}


def _figure(spec: dict[str, Any]) -> dict[str, Any]:
    unit = spec["unit"]
    value = UNIT_SCHEMAS[unit]
    summable = unit in ("count", "eur") and spec.get("summable", True)
    return {
        "description": spec["doc"],
        "x-unit": unit,
        "x-label": spec["label"],
        "x-doc": _doc(spec),
        "x-summable": summable,
        "x-reported-by": spec.get("reported_by", "corporations" if summable else "municipality"),
        **({"x-declared-in": spec["declared_in"]} if "declared_in" in spec else {}),
        **({"x-plausible": spec["plausible"]} if "plausible" in spec else {}),
        "oneOf": [
            value,
            {"type": "object", "additionalProperties": False, "required": ["value"],
             "description": "A figure with a note, or contested by a party.",
             "properties": {
                 "value": value,
                 "contested_by": {"type": "string",
                                  "description": "The party that disputes this figure."},
                 "reason": {"type": "string"},
                 "note": {"type": "string"},
             }},
        ],
    }


def _doc(spec: dict[str, Any]) -> dict[str, str]:
    """The meaning in both languages; an entry without `doc_nl` shows its English one."""
    return {"nl": spec.get("doc_nl", spec["doc"]), "en": spec["doc"]}


def _label(name: str, spec: dict[str, Any]) -> dict[str, str]:
    """An attribute's words for readers; without a `label`, its name in words."""
    words = name.replace("_", " ")
    label: dict[str, str] = spec.get("label", {"nl": words, "en": words})
    return label


def _entity(name: str, spec: dict[str, Any]) -> dict[str, Any]:
    properties = {}
    for attr, a in spec["attributes"].items():
        prop = dict(UNIT_SCHEMAS[a["unit"]])
        prop.pop("x-unit", None)
        if "enum" in a:
            prop = {"enum": a["enum"]}
        properties[attr] = {**prop, "description": a["doc"], "x-unit": a["unit"],
                            "x-label": _label(attr, a), "x-doc": _doc(a)}
        if "declared_in" in a:
            properties[attr]["x-declared-in"] = a["declared_in"]
        if "default" in a:
            properties[attr]["default"] = a["default"]
        if a.get("unique"):
            properties[attr]["x-unique"] = True
    required = [attr for attr, a in spec["attributes"].items() if a.get("required")]
    return {"type": "object", "additionalProperties": False, "required": required,
            "properties": properties, "description": f"One item of `{name}`."}


def build_schema(vocab: dict[str, Any]) -> dict[str, Any]:
    figures = {name: _figure(spec) for name, spec in vocab["figures"].items()}
    collections = {}
    for name, spec in vocab["collections"].items():
        entity = _entity(name, spec)
        collections[name] = {
            "description": spec["doc"],
            "x-label": spec["label"],
            "x-doc": _doc(spec),
            "x-reported-by": spec.get("reported_by", "municipality"),
            "x-entity": entity,
            "oneOf": [
                {"type": "array", "items": entity},
                {"type": "object", "additionalProperties": False, "required": ["csv"],
                 "description": "Rows from a CSV file next to this file; the header names the "
                                "attributes.",
                 "properties": {"csv": {"type": "string", "pattern": r"\.csv$",
                                        "x-message": "facts.csv_name"},
                                **_provenance()}},
            ],
        }
    section = {
        "type": "object", "additionalProperties": False, "required": ["figures"],
        "properties": {**_provenance(), "figures": {"$ref": "#/$defs/figures"}},
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://woonpact.nl/schemas/facts.schema.json",
        "title": "woonpact yearly fact set",
        "description": "The facts of one agreement for one year. Generated from "
                       "engine/facts/vocabulary.yaml; do not edit by hand.",
        "type": "object",
        "additionalProperties": False,
        "required": ["agreement", "year"],
        "properties": {
            "agreement": {"type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$",
                          "x-message": "pack.slug_form",
                          "description": "The rule pack these facts are checked against."},
            "year": {"type": "integer", "minimum": 1990, "maximum": 2100},
            "municipality": {**section,
                             "description": "Figures for the agreement as a whole (the "
                                            "municipality)."},
            "parties": {"type": "object", "description": "Per party id: that party's own figures.",
                        "additionalProperties": section},
            "collections": {"type": "object", "additionalProperties": False,
                            "properties": {name: {"$ref": f"#/$defs/collections/properties/{name}"}
                                           for name in collections}},
            "parameters": {"type": "object", "additionalProperties": False,
                           "properties": {name: _set_value(unit)
                                          for name, unit in vocab.get("parameters", {}).items()},
                           "description": "Values the pack's `parameters` declares, set for this "
                                          "year outside the agreement's text (a taakstelling), "
                                          "each with its `source`."},
            "conditions": {"type": "object", "additionalProperties": {"type": "boolean"},
                           "description": "Named preconditions of conditional clauses (financing "
                                          "found, care partner found)."},
            "escalations": {"type": "array", "items": {"$ref": "#/$defs/escalation"}},
            "deviations": {"type": "array", "items": {"$ref": "#/$defs/deviation"}},
        },
        "$defs": {
            "figures": {"type": "object", "additionalProperties": False, "properties": figures},
            "collections": {"type": "object", "properties": collections},
            "escalation": {
                "type": "object", "additionalProperties": False,
                "required": ["rule", "rung", "date"],
                "properties": {
                    "rule": {"type": "string",
                             "description": "The rule id (`3.2-7`) or `<pack>/<id>`."},
                    "rung": {"type": "string"},
                    "date": UNIT_SCHEMAS["date"],
                    "outcome": {"enum": ["resolved", "unresolved", "agreement-amended"]},
                    "note": {"type": "string"},
                    "scope": {"type": "string",
                              "description": "Only for this party or entity (`portaal`, "
                                             "`projects/nieuwe-wetering`)."},
                    "concerns": {"type": "integer", "minimum": 1990, "maximum": 2100,
                                 "description": "The year whose findings the meeting deals with "
                                                "(default: the year of `date`)."},
                },
            },
            "deviation": {
                "type": "object", "additionalProperties": False,
                "required": ["rule", "from", "approved_by", "reason"],
                "properties": {
                    "rule": {"type": "string",
                             "description": "The rule id (`2.1`) or `<pack>/<id>`."},
                    "from": {"type": "integer", "minimum": 1990, "maximum": 2100,
                             "description": "The first year it covers."},
                    "until": {"type": "integer", "minimum": 1990, "maximum": 2100,
                              "description": "The last year it covers (default: `from`); after it "
                                             "the deviation has expired."},
                    "approved_by": {"type": "array", "minItems": 1, "items": {"type": "string"},
                                    "description": "The party ids that agreed to it."},
                    "reason": {"type": "string", "minLength": 1},
                    "scope": {"type": "string", "description": "Only for this party or entity."},
                    "date": UNIT_SCHEMAS["date"],
                },
            },
        },
    }


def _set_value(unit: str) -> dict[str, Any]:
    return {"type": "object", "additionalProperties": False, "required": ["value", "source"],
            "x-unit": unit,
            "properties": {"value": UNIT_SCHEMAS[unit],
                           "source": {"type": "string", "minLength": 1,
                                      "description": "Where it was set: a decision, a letter."},
                           "date": {**UNIT_SCHEMAS["date"], "description": "When it was set."}}}


def _provenance() -> dict[str, Any]:
    return {
        "supplied_by": {"type": "string", "description": "The party that supplied these figures."},
        "system": {"type": "string",
                   "description": "Where they come from (a corporation's dPi, the regional "
                                  "allocation system)."},
    }


GENERATED_BY = "`python -m woonpact.engine.generate` from woonpact.engine/facts/vocabulary.yaml"


def build_doc(vocab: dict[str, Any], generated_by: str = GENERATED_BY) -> str:
    lines = [
        "# The fact vocabulary",
        "",
        f"<!-- Generated by {generated_by}. -->",
        "",
        "Every name a fact set may use, with its unit and meaning. A fact set is one YAML (or "
        "JSON)",
        "file per agreement and year, `facts/<pack>/<year>.yaml`; its JSON Schema is",
        "[`schemas/facts.schema.json`](schemas/facts.schema.json). A share is always written with "
        "`%`",
        "(`15%`), a bare number is a count or an amount. A figure may be given as",
        "`{value: 31, contested_by: gemeente, reason: ...}`: findings that rest on it say so.",
        "",
        "## Figures",
        "",
        "Figures stand under `municipality.figures` (the agreement as a whole) or",
        "`parties.<party>.figures` (that party's own figure). A figure the rules read for the",
        "agreement as a whole is asked of the municipality (one total) when it is marked",
        "*municipality* below, else of each corporation (the engine sums their parts); a figure a",
        "clause reads for one party is always asked of that party (`woonpact template`).",
        "",
        "| name | unit | meaning | agreement-wide total from |",
        "|---|---|---|---|",
    ]
    for name, spec in vocab["figures"].items():
        summable = spec["unit"] in ("count", "eur") and spec.get("summable", True)
        source = spec.get("reported_by", "corporations" if summable else "municipality")
        bounds = spec.get("plausible", {})
        warned = " or ".join(f"{'below' if side == 'min' else 'above'} {bounds[side]}"
                             for side in ("min", "max") if side in bounds)
        warned = f" A value {warned} is warned about as implausible." if warned else ""
        meaning = f"{spec['doc']} ({spec['label']['nl']}){warned}{_own(spec)}"
        lines.append(f"| `{name}` | {UNIT_DOC[spec['unit']]} | {meaning} | {source} |")
    lines += ["", "## Collections", "",
              "Under `collections.<name>`: a list of items, or `{csv: file.csv}` for a CSV file "
              "next",
              "to the YAML whose header names the attributes ([tables.md](tables.md) says",
              "exactly which CSV dialects are read). Items with a `date` also have the",
              "derived attributes `year`, `quarter` and `month` in rules. The word in brackets is",
              "the collection's `label`: the noun findings use for its items. Who is asked for",
              "its items: the municipality, each corporation (its own items, by `party`), or each",
              "party (its own items, by `party`).", ""]
    for name, spec in vocab["collections"].items():
        asked = spec.get("reported_by", "municipality")
        lines += [f"### `{name}` ({spec['label']['nl']})", "", f"{spec['doc']} Asked of: {asked}.",
                  "", "| attribute | unit | meaning |", "|---|---|---|"]
        for attr, a in spec["attributes"].items():
            unit = UNIT_DOC[a["unit"]]
            if "enum" in a:
                unit = "one of " + ", ".join(f"`{v}`" for v in a["enum"])
            required = " (required)" if a.get("required") else ""
            if "default" in a:
                required += f" (default: {str(a['default']).lower()})"
            if a.get("unique"):
                required += " (unique within the collection)"
            lines.append(f"| `{attr}` | {unit} | {a['doc']}{required} ({_label(attr, a)['nl']})"
                         f"{_own(a)} |")
        lines.append("")
    if vocab.get("parameters"):
        lines += ["## Values set outside the agreement", "",
                  "Under `parameters.<name>`: `{value, source, date}`, for the year of the fact",
                  "set; it overrides the value the pack gives for that year.", "",
                  "| name | unit |", "|---|---|"]
        lines += [f"| `{name}` | {UNIT_DOC[unit]} |" for name, unit in vocab["parameters"].items()]
        lines.append("")
    lines += [
        "## Other sections", "",
        "- `parameters`: values the pack declares under its own `parameters:` (a taakstelling),",
        "  set for this fact set's year outside the agreement: `{value, source, date}`; see",
        "  [rule-language.md](rule-language.md#values-set-outside-the-agreement).",
        "- `conditions`: named true/false facts that conditional clauses read with",
        "  `condition(\"name\")` (for example whether financing was found).",
        "- `escalations`: recorded steps on the disputes ladder: `rule`, `rung`, `date`,",
        "  `outcome` (`resolved`, `unresolved`, `agreement-amended`), a `note`, optionally `scope`",
        "  (a party or entity id) when the meeting was about one of the clause's instances, and",
        "  `concerns`, the year whose findings it deals with (default: the year of `date`; the",
        "  file it is recorded in does not decide).",
        "  See [ladder.md](ladder.md#which-year-a-meeting-concerns).",
        "  `woonpact record` appends one.",
        "- `deviations`: deviations the parties agreed (Vlaardingen 2.1): `rule`, `from` and "
        "`until`",
        "  (the years covered), `approved_by` (party ids), `reason`, optionally `scope` and "
        "`date`. A",
        "  breach or warning it covers keeps its status but is reported as an agreed deviation, "
        "does",
        "  not climb the disputes ladder and does not fail the exit code.",
        "- Every section may say who supplied it (`supplied_by`) and from which system (`system`).",
        "",
    ]
    return "\n".join(lines)


def _own(spec: dict[str, Any]) -> str:
    """What the page says of a figure or attribute declared by a pack or workspace."""
    return f" Declared in `{spec['declared_in']}`." if "declared_in" in spec else ""


@cache
def _shared() -> str:
    return VOCABULARY.read_text(encoding="utf-8")


def with_own(own: Declarations) -> dict[str, Any]:
    """The shared vocabulary in vocabulary.yaml's shape, with the declared figures, attributes and
    set values added after the shared ones (so an entity's shared attributes keep their places)."""
    vocab: dict[str, Any] = yaml.safe_load(_shared())
    for figure in own.figures:
        vocab["figures"][figure.name] = {
            "unit": figure.unit, "label": {"nl": figure.label.nl, "en": figure.label.en},
            "doc": (figure.doc or figure.label).en, "doc_nl": (figure.doc or figure.label).nl,
            "summable": figure.summable,
            "reported_by": figure.asked_of, "declared_in": figure.declared_in}
    for attribute in own.attributes:
        spec: dict[str, Any] = {"unit": attribute.unit, "doc": attribute.label.en,
                                "doc_nl": attribute.label.nl,
                                "label": {"nl": attribute.label.nl, "en": attribute.label.en},
                                "declared_in": attribute.declared_in}
        if attribute.enum:
            spec["enum"] = list(attribute.enum)
        if attribute.default is not None:
            spec["default"] = attribute.default
        vocab["collections"][attribute.collection]["attributes"][attribute.name] = spec
    vocab["parameters"] = dict(own.parameters)
    return vocab


def facts_schema(own: Declarations) -> dict[str, Any]:
    return build_schema(with_own(own))


def outputs() -> dict[Path, str]:
    vocab = yamlio.load(VOCABULARY)  # the strict loader: a key written twice fails the drift test
    return {
        SCHEMA_OUT: json.dumps(build_schema(vocab), indent=2, ensure_ascii=False) + "\n",
        DOC_OUT: build_doc(vocab),
    }

