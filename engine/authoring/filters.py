"""Can a `where` filter ever let an item through? Interval and value-set reasoning over its
comparisons of entity attributes with literals.

Only `attribute <op> literal` (either way round), `and`, `or`, `not` and bare true/false
attributes are understood; anything else counts as possibly true. So a finding here is a real
contradiction (`homes >= 16 and homes < 10`, `quarter == 5`), never a guess.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from woonpact.engine.language.constant import constant
from woonpact.engine.model import ast

NEGATED = {"==": "!=", "!=": "==", "<": ">=", "<=": ">", ">": "<=", ">=": "<"}
FLIPPED = {"==": "==", "!=": "!=", "<": ">", "<=": ">=", ">": "<", ">=": "<="}
MAX_TERMS = 256
# The values an attribute of each unit can take; derived date parts have narrower ranges.
UNIT_RANGE = {"count": (0.0, math.inf), "eur": (0.0, math.inf), "share": (0.0, 1.0),
              "year": (-math.inf, math.inf), "number": (-math.inf, math.inf)}
NAME_RANGE = {"quarter": (1.0, 4.0), "month": (1.0, 12.0)}
INTEGER_UNITS = {"count", "year"}


@dataclass(frozen=True, slots=True)
class Comparison:
    attribute: str
    op: str
    value: Any
    pos: int


Conjunction = tuple[Comparison, ...]


@dataclass(frozen=True)
class Attributes:
    """The attributes of one collection: unit per name, and the allowed values of enumerations."""

    units: Mapping[str, str]
    enums: Mapping[str, tuple[str, ...]]


def comparisons(node: ast.Node, attrs: Attributes) -> list[Comparison]:
    """Every `attribute <op> literal` in the filter, for checks on single values."""
    found = []
    stack = [node]
    while stack:
        current = stack.pop()
        if (comparison := _comparison(current, attrs)) is not None:
            found.append(comparison)
        elif isinstance(current, ast.Binary):
            stack += [current.left, current.right]
        elif isinstance(current, ast.Unary):
            stack.append(current.operand)
    return sorted(found, key=lambda c: c.pos)


def never_true(node: ast.Node, attrs: Attributes) -> str | None:
    """The attribute whose comparisons no value passes (`false` for a filter false as written),
    or None when some item may pass."""
    terms = _dnf(node, attrs, negate=False)
    if terms is None:
        return None
    blocking = []
    for term in terms:
        attribute = _contradiction(term, attrs)
        if attribute is None:
            return None
        blocking.append(attribute)
    return blocking[0] if blocking else "false"


def _comparison(node: ast.Node, attrs: Attributes) -> Comparison | None:
    if isinstance(node, ast.Name) and attrs.units.get(node.name) == "bool":
        return Comparison(node.name, "==", True, node.pos)
    if not (isinstance(node, ast.Binary) and node.op in NEGATED):
        return None
    for name, other, op in ((node.left, node.right, node.op),
                            (node.right, node.left, FLIPPED[node.op])):
        if isinstance(name, ast.Name) and name.name in attrs.units:
            value = constant(other)
            if value is not None:
                return Comparison(name.name, op, value, start(node))
    return None


def start(node: ast.Node) -> int:
    """Where an expression starts in its text (a binary node's own position is its operator)."""
    while isinstance(node, ast.Binary):
        node = node.left
    return node.pos


def _dnf(node: ast.Node, attrs: Attributes, negate: bool) -> list[Conjunction] | None:
    """The filter as a disjunction of conjunctions of comparisons; None when it is too large.

    A part that is not understood becomes the empty conjunction, which is always satisfiable."""
    match node:
        case ast.Bool(value=value):
            return [()] if value != negate else []
        case ast.Unary(op="not", operand=operand):
            return _dnf(operand, attrs, not negate)
        case ast.Binary(op="and" | "or" as op, left=left, right=right):
            a, b = _dnf(left, attrs, negate), _dnf(right, attrs, negate)
            if a is None or b is None:
                return None
            if (op == "or") != negate:
                return a + b
            product = [x + y for x in a for y in b]
            return product if len(product) <= MAX_TERMS else None
    comparison = _comparison(node, attrs)
    if comparison is None:
        return [()]
    if negate:
        comparison = Comparison(comparison.attribute, NEGATED[comparison.op], comparison.value,
                                comparison.pos)
    return [(comparison,)]


def _contradiction(term: Conjunction, attrs: Attributes) -> str | None:
    """The first attribute whose comparisons in `term` no single value satisfies."""
    by_attribute: dict[str, list[Comparison]] = {}
    for comparison in term:
        by_attribute.setdefault(comparison.attribute, []).append(comparison)
    for attribute, found in by_attribute.items():
        unit = attrs.units[attribute]
        possible = (_numeric_possible(attribute, unit, found) if unit in UNIT_RANGE
                    else _values_possible(found, attrs.enums.get(attribute), unit))
        if not possible:
            return attribute
    return None


def _numeric_possible(attribute: str, unit: str, found: list[Comparison]) -> bool:
    low, high = NAME_RANGE.get(attribute, UNIT_RANGE[unit])
    low_open = high_open = False
    excluded = set()
    for c in found:
        if not isinstance(c.value, (int, float)) or isinstance(c.value, bool):
            return True
        v = float(c.value)
        if c.op in ("==", ">=", ">") and (v > low or (v == low and c.op == ">")):
            low, low_open = v, c.op == ">"
        if c.op in ("==", "<=", "<") and (v < high or (v == high and c.op == "<")):
            high, high_open = v, c.op == "<"
        if c.op == "!=":
            excluded.add(v)
    if unit in INTEGER_UNITS or attribute in NAME_RANGE:
        low, high = _whole(low, low_open, 1), _whole(high, high_open, -1)
        low_open = high_open = False
    if low > high or (low == high and (low_open or high_open)):
        return False
    return not (low == high and low in excluded)


def _whole(bound: float, is_open: bool, direction: int) -> float:
    """The nearest whole number inside a bound (`> 3` -> 4, `< 3.5` -> 3); infinity stays."""
    if math.isinf(bound):
        return bound
    if bound == math.floor(bound):
        return bound + direction if is_open else bound
    return float(math.ceil(bound) if direction > 0 else math.floor(bound))


def _values_possible(found: list[Comparison], enum: tuple[str, ...] | None, unit: str) -> bool:
    allowed: set[Any] | None = set(enum) if enum else ({True, False} if unit == "bool" else None)
    equal = {c.value for c in found if c.op == "=="}
    unequal = {c.value for c in found if c.op == "!="}
    if len(equal) > 1:
        return False
    candidates = equal if equal else allowed
    if candidates is None:
        return True
    if allowed is not None:
        candidates = candidates & allowed
    return bool(candidates - unequal)
