"""The value of an expression that reads no facts (`-5%`, `60% + 50%`, `"regulier"`).

Load-time checks use it to judge a bound or a filter without any facts: a share bound below 0%
or above 100%, or a filter that no item can ever pass.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from typing import TypeGuard

from woonpact.engine.model import ast

_ARITHMETIC: dict[str, Callable[[float, float], float]] = {
    "+": operator.add, "-": operator.sub, "*": operator.mul}


def constant(node: ast.Node) -> float | str | bool | None:
    """The literal value of `node`, or None when it depends on facts (or divides by zero)."""
    match node:
        case ast.Number(value=value) | ast.Share(value=value) | ast.Money(value=value):
            return value
        case ast.Text(value=value) | ast.Bool(value=value):
            return value
        case ast.Unary(op="-", operand=operand):
            inner = constant(operand)
            return (-inner if isinstance(inner, (int, float)) and not isinstance(inner, bool)
                    else None)
        case ast.Binary(op=op, left=left, right=right) if op in (*_ARITHMETIC, "/"):
            a, b = constant(left), constant(right)
            if not (_number(a) and _number(b)):
                return None
            if op == "/":
                return a / b if b else None
            return _ARITHMETIC[op](a, b)
    return None


def _number(value: object) -> TypeGuard[float]:
    """A number, not a truth value (bool is an int to Python)."""
    return isinstance(value, (int, float)) and not isinstance(value, bool)
