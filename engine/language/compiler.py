"""Compile a checked syntax tree into a Python closure `f(ctx, entity) -> value`.

Closures, not generated source: the rule text never reaches `eval`/`exec`, and a closure tree
costs one Python call per node, which keeps evaluation within a small factor of hand-written
code. A literal operand is captured in its parent's closure rather than called, and whole
counts compare exactly (the tolerance below exists for fractions), because a `where` filter
runs once per entity: at national size over a million lettings a year. The context object
supplies figures, collections, parameters and other years; it raises `MissingFact` for
anything absent, so a missing figure becomes a finding and never a crash.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from typing import Any, Protocol

from engine.language import ast
from engine.language.types import Environment, check

Closure = Callable[[Any, Any], Any]

EPSILON = 1e-9


class MissingFact(Exception):
    """A figure, attribute, parameter or year that the facts do not hold."""

    def __init__(self, name: str, year: int | None = None, entity: str | None = None) -> None:
        super().__init__(name)
        self.name = name
        self.year = year
        self.entity = entity


class Context(Protocol):
    year: int

    def figure(self, name: str) -> Any: ...
    def entities(self, collection: str) -> list[dict[str, Any]]: ...
    def param(self, name: str, year: int) -> float: ...
    def at_year(self, year: int) -> Context: ...
    def condition(self, name: str) -> bool: ...


def close(a: float, b: float) -> bool:
    """Equality with a relative tolerance, so that 6/40 and 15% meet exactly at the boundary."""
    return abs(a - b) <= EPSILON * max(1.0, abs(a), abs(b))


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


NUMERIC_COMPARE: dict[str, Callable[[float, float], bool]] = {
    ">=": _ge, "<=": _le, ">": _gt, "<": _lt, "==": _eq, "!=": _ne,
}
PLAIN_COMPARE = {"==": operator.eq, "!=": operator.ne}
EXACT_COMPARE: dict[str, Callable[[Any, Any], bool]] = {
    ">=": operator.ge, "<=": operator.le, ">": operator.gt, "<": operator.lt, "==": operator.eq,
    "!=": operator.ne,
}
LITERALS = (ast.Number, ast.Share, ast.Money, ast.Text, ast.Bool)
ARITHMETIC = {"+": operator.add, "-": operator.sub, "*": operator.mul}


def compile_expression(node: ast.Node, env: Environment) -> Closure:
    """Compile `node`; `env` must be the environment it was checked in."""
    match node:
        case ast.Number(value=v) | ast.Share(value=v) | ast.Money(value=v) | ast.Text(value=v) \
                | ast.Bool(value=v):
            return lambda ctx, ent, v=v: v
        case ast.Name(name=name):
            return _compile_name(name, env)
        case ast.Unary(op="not", operand=operand):
            inner = compile_expression(operand, env)
            return lambda ctx, ent: not inner(ctx, ent)
        case ast.Unary(op="-", operand=operand):
            inner = compile_expression(operand, env)
            return lambda ctx, ent: -inner(ctx, ent)
        case ast.Binary(op=op, left=left, right=right):
            return _compile_binary(node, env)
        case ast.Call():
            return _compile_call(node, env)
    raise AssertionError(f"unknown node {node!r}")


def _compile_name(name: str, env: Environment) -> Closure:
    if env.entity is not None and name in env.collections[env.entity]:
        return _attribute(env.entity, name)
    return lambda ctx, ent: ctx.figure(name)


def is_figure(node: ast.Node, env: Environment) -> bool:
    """Whether `node` names a figure: what `_compile_name` reads with `ctx.figure`."""
    return isinstance(node, ast.Name) and not (
        env.entity is not None and node.name in env.collections[env.entity])


def nonzero(whole: Any, year: int) -> Any:
    """The whole of a share: a share of nothing is missing, not zero."""
    if whole == 0:
        raise MissingFact("share of zero", year)
    return whole


def figure_parts(part: str, whole: str) -> Closure:
    """`share(a, b)` of two figures read as the pair (a, b), the whole first as in `share`, for a
    judge that states a shortfall in the part's own count without reading the figures again."""
    def parts(ctx: Any, ent: Any) -> tuple[Any, Any]:
        denominator = nonzero(ctx.figure(whole), ctx.year)
        return ctx.figure(part), denominator
    return parts


def _attribute(collection: str, name: str) -> Closure:
    def attribute(ctx: Any, ent: dict[str, Any]) -> Any:
        try:
            return ent[name]
        except KeyError:
            raise MissingFact(f"{collection}.{name}", ctx.year, ent.get("id")) from None
    return attribute


def _compile_binary(node: ast.Binary, env: Environment) -> Closure:
    op = node.op
    left = compile_expression(node.left, env)
    right = compile_expression(node.right, env)
    if op == "and":
        return lambda ctx, ent: left(ctx, ent) and right(ctx, ent)
    if op == "or":
        return lambda ctx, ent: left(ctx, ent) or right(ctx, ent)
    if op in NUMERIC_COMPARE:
        return _compile_comparison(node, env, left, right)
    if op == "/":
        def divide(ctx: Any, ent: Any) -> float:
            denominator = right(ctx, ent)
            if denominator == 0:
                raise MissingFact("division by zero", ctx.year)
            return left(ctx, ent) / denominator
        return divide
    fn = ARITHMETIC[op]
    if isinstance(node.right, LITERALS):
        constant = node.right.value
        return lambda ctx, ent: fn(left(ctx, ent), constant)
    return lambda ctx, ent: fn(left(ctx, ent), right(ctx, ent))


def _compile_comparison(node: ast.Binary, env: Environment, left: Closure, right: Closure) -> Closure:
    if check(node.left, env).unit in ("text", "bool"):
        compare = PLAIN_COMPARE[node.op]
    elif _whole(node.left, env) and _whole(node.right, env):
        compare = EXACT_COMPARE[node.op]
    else:
        compare = NUMERIC_COMPARE[node.op]
    if isinstance(node.right, LITERALS):
        constant = node.right.value
        return lambda ctx, ent: compare(left(ctx, ent), constant)
    return lambda ctx, ent: compare(left(ctx, ent), right(ctx, ent))


def _whole(node: ast.Node, env: Environment) -> bool:
    """Whether the expression is a whole number by construction: counts, integer literals, and
    their sums, differences, minima, maxima and history. A product or quotient (`lettings_total
    * 15%`) keeps the unit count but not the wholeness, so it keeps the tolerance."""
    match node:
        case ast.Number(value=value):
            return isinstance(value, int)
        case ast.Name():
            return check(node, env).unit == "count"
        case ast.Unary(op="-", operand=operand):
            return _whole(operand, env)
        case ast.Binary(op="+" | "-", left=left, right=right):
            return _whole(left, env) and _whole(right, env)
        case ast.Call(func="count"):
            return True
        case ast.Call(func="sum"):
            return check(node, env).unit == "count"
        case ast.Call(func="min" | "max", args=args):
            return all(_whole(a, env) for a in args)
        case ast.Call(func="previous" | "cumulative", args=(inner, *_)):
            return _whole(inner, env)
        case ast.Call(func="at", args=(_, inner)):
            return _whole(inner, env)
    return False


def _filter(call: ast.Call, env: Environment) -> tuple[str, str | None, Closure | None]:
    target = call.args[0]
    assert isinstance(target, ast.Name)
    collection, _, attribute = target.name.partition(".")
    cond = None
    if call.where is not None:
        cond = compile_expression(call.where, env.inside(collection))
    return collection, attribute or None, cond


def _compile_call(call: ast.Call, env: Environment) -> Closure:
    func = call.func
    if func in ("count", "sum") or (func == "share" and call.where is not None):
        return _compile_aggregate(call, env)
    if func == "condition":
        name = call.args[0].value  # type: ignore[union-attr]
        return lambda ctx, ent: ctx.condition(name)
    if func == "param":
        name = call.args[0].name  # type: ignore[union-attr]
        if len(call.args) == 2:
            year = int(call.args[1].value)  # type: ignore[union-attr]
            return lambda ctx, ent: ctx.param(name, year)
        return lambda ctx, ent: ctx.param(name, ctx.year)
    if func == "price_level":
        amount = compile_expression(call.args[0], env)
        base = int(call.args[1].value)  # type: ignore[union-attr]
        index = call.args[2].name  # type: ignore[union-attr]
        def price_level(ctx: Any, ent: Any) -> float:
            return amount(ctx, ent) * ctx.param(index, ctx.year) / ctx.param(index, base)
        return price_level
    args = [compile_expression(a, env) for a in call.args]
    if func == "share":
        part, whole = args
        def share(ctx: Any, ent: Any) -> float:
            denominator = nonzero(whole(ctx, ent), ctx.year)
            return part(ctx, ent) / denominator
        return share
    if func in ("min", "max"):
        fn = min if func == "min" else max
        a, b = args
        return lambda ctx, ent: fn(a(ctx, ent), b(ctx, ent))
    if func == "previous":
        (inner,) = args
        return lambda ctx, ent: inner(ctx.at_year(ctx.year - 1), ent)
    if func == "at":
        year = int(call.args[0].value)  # type: ignore[union-attr]
        inner = args[1]
        return lambda ctx, ent: inner(ctx.at_year(year), ent)
    if func == "cumulative":
        inner = args[0]
        first = int(call.args[1].value)  # type: ignore[union-attr]
        def cumulative(ctx: Any, ent: Any) -> float:
            return sum(inner(ctx.at_year(y), ent) for y in range(first, ctx.year + 1))
        return cumulative
    if func == "exists":
        (inner,) = args
        def exists(ctx: Any, ent: Any) -> bool:
            try:
                inner(ctx, ent)
            except MissingFact:
                return False
            return True
        return exists
    raise AssertionError(f"unchecked function {func}")


def _compile_aggregate(call: ast.Call, env: Environment) -> Closure:
    collection, attribute, cond = _filter(call, env)
    func = call.func
    if func == "count":
        if cond is None:
            return lambda ctx, ent: len(ctx.entities(collection))
        return lambda ctx, ent: sum(1 for e in ctx.entities(collection) if cond(ctx, e))
    if func == "share":
        assert cond is not None
        def share(ctx: Any, ent: Any) -> float:
            entities = ctx.entities(collection)
            if not entities:
                raise MissingFact(collection, ctx.year)
            return sum(1 for e in entities if cond(ctx, e)) / len(entities)
        return share
    value = _attribute(collection, attribute)  # type: ignore[arg-type]
    if cond is None:
        return lambda ctx, ent: sum(value(ctx, e) for e in ctx.entities(collection))
    return lambda ctx, ent: sum(value(ctx, e) for e in ctx.entities(collection) if cond(ctx, e))
