"""The units of the expression language, and the names an expression is checked against.

Units: count, eur, share, bool, text, date, year, list, and `number` for a bare literal or a
quotient, which unifies with count and eur (a bare number is a count or an amount) but never
with share. The checker (types.py) and the functions' own type rules (functions/) share what is
here: which units meet, and the errors naming what is wrong (what a checked expression reads
is the model's `Checked`, engine/model/reads.py).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from woonpact.engine.language.errors import ExpressionError

NUMERIC = {"count", "eur", "number", "year"}
ARITHMETIC = NUMERIC | {"share"}
# The year judged, as a name: spelled so that it cannot be mistaken for the `year` a dated entity
# has inside `where` (lettings, meetings, deliverables), which keeps its meaning there.
YEAR_JUDGED = "year_judged"


@dataclass(frozen=True)
class Environment:
    """What names mean where an expression is checked.

    `entity` names the collection whose attributes are in scope (inside `where`, or for a
    per-entity rule); `figures` and `collections` come from the fact vocabulary and
    `parameters` from the national parameter file.
    """

    figures: Mapping[str, str]
    collections: Mapping[str, Mapping[str, str]]
    parameters: Mapping[str, str]
    entity: str | None = None
    suggest: Callable[[str, list[str]], str | None] = field(default=lambda name, known: None)

    def inside(self, collection: str) -> Environment:
        return Environment(
            self.figures, self.collections, self.parameters, collection, self.suggest
        )

    def position(self, collection: str, attribute: str) -> int | None:
        """Where an attribute stands in an entity's row: rows follow the vocabulary's attribute
        order (engine/model/entities.py); None for an attribute the collection lacks."""
        attributes = tuple(self.collections[collection])
        return attributes.index(attribute) if attribute in attributes else None


def unify(a: str, b: str) -> str | None:
    """The common unit of two operands, or None when they cannot meet."""
    if a == b:
        return a
    pair = {a, b}
    if "number" in pair and pair & {"count", "eur", "year"}:
        return (pair - {"number"}).pop()
    if pair == {"count", "year"}:
        return "count"
    return None


def collection(name: str, pos: int, env: Environment) -> Mapping[str, str]:
    """A collection's attributes and their units; an unknown collection is an error."""
    if name not in env.collections:
        raise unknown("expr.unknown_collection", name, list(env.collections), pos, env)
    return env.collections[name]


def unknown(key: str, name: str, known: list[str], pos: int, env: Environment,
            **params: object) -> ExpressionError:
    hint = env.suggest(name, known)
    return ExpressionError(key, pos, name=name, suggestion=hint or "", **params)


def expect(unit: str, allowed: set[str], pos: int, op: str) -> None:
    if unit not in allowed:
        raise ExpressionError("expr.bad_operand", pos, op=op, unit=unit)


def mismatch(lu: str, ru: str, pos: int, op: str) -> ExpressionError:
    key = "expr.share_vs_number" if {lu, ru} & {"share"} else "expr.unit_mismatch"
    return ExpressionError(key, pos, left=lu, right=ru, op=op)
