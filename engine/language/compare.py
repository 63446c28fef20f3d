"""What a comparison in a rule means: exact for whole counts, within a tolerance for fractions.

The row compiler (compiler.py), the column compiler (columns.py) and the judge all compare, and
must agree at every boundary ("exactly 15% complies"), so the choice lives here once.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from typing import Any

from woonpact.engine.language.functions import FUNCTIONS
from woonpact.engine.language.types import check
from woonpact.engine.language.units import Environment
from woonpact.engine.model import ast

EPSILON = 1e-9

Compare = Callable[[Any, Any], bool]


def close(a: float, b: float) -> bool:
    """Equality with a relative tolerance, so that 6/40 and 15% meet exactly at the boundary.

    The gap is held against EPSILON times the largest of 1, |a| and |b| one of them at a time:
    the same answer (a product with EPSILON keeps the order of its factors) without calling
    `max`, 70 ns of the 0.2 µs a clearly failed norm spends here."""
    gap = abs(a - b)
    return gap <= EPSILON or gap <= EPSILON * abs(a) or gap <= EPSILON * abs(b)


def _ge(a: float, b: float) -> bool:
    return a >= b or close(a, b)


def _le(a: float, b: float) -> bool:
    return a <= b or close(a, b)


def _gt(a: float, b: float) -> bool:
    return a > b and not close(a, b)


def _lt(a: float, b: float) -> bool:
    return a < b and not close(a, b)


def _eq(a: float, b: float) -> bool:
    return a == b or close(a, b)


def _ne(a: float, b: float) -> bool:
    return not _eq(a, b)


NUMERIC_COMPARE: dict[str, Compare] = {
    ">=": _ge, "<=": _le, ">": _gt, "<": _lt, "==": _eq, "!=": _ne,
}
PLAIN_COMPARE: dict[str, Compare] = {"==": operator.eq, "!=": operator.ne}
EXACT_COMPARE: dict[str, Compare] = {
    ">=": operator.ge, "<=": operator.le, ">": operator.gt, "<": operator.lt, "==": operator.eq,
    "!=": operator.ne,
}


def comparator(node: ast.Binary, env: Environment) -> Compare:
    """The comparison a checked `left op right` node stands for."""
    if check(node.left, env).unit in ("text", "bool"):
        return PLAIN_COMPARE[node.op]
    if _whole(node.left, env) and _whole(node.right, env):
        return EXACT_COMPARE[node.op]
    return NUMERIC_COMPARE[node.op]


def _whole(node: ast.Node, env: Environment) -> bool:
    """Whether the expression is a whole number by construction: counts, integer literals, and
    their sums, differences, and the functions that say so (minima, maxima, history: their
    `whole`). A product or quotient (`lettings_total * 15%`) keeps the unit count but not the
    wholeness, so it keeps the tolerance."""
    match node:
        case ast.Number(value=value):
            return isinstance(value, int)
        case ast.Name():
            return check(node, env).unit == "count"
        case ast.Unary(op="-", operand=operand):
            return _whole(operand, env)
        case ast.Binary(op="+" | "-", left=left, right=right):
            return _whole(left, env) and _whole(right, env)
        case ast.Call(func=func):
            return FUNCTIONS[func].whole(node, lambda part: _whole(part, env),
                                         lambda part: check(part, env).unit)
    return False
