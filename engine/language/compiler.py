"""Compile a checked syntax tree into a Python closure `f(ctx, entity) -> value`.

Closures, not generated source: the rule text never reaches `eval`/`exec`, and a closure tree
costs one Python call per node, which keeps evaluation within a small factor of hand-written
code. A literal operand is captured in its parent's closure rather than called. What a
comparison means (exact or within a tolerance) is decided in compare.py. The context object
supplies figures, collections, parameters and other years; it raises `MissingFact` for
anything absent, so a missing figure becomes a finding and never a crash.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Sequence
from typing import Any, Protocol

from woonpact.engine.language.columns import compile_mask
from woonpact.engine.language.compare import comparator
from woonpact.engine.language.functions import FUNCTIONS
from woonpact.engine.language.missing import MissingFact
from woonpact.engine.language.units import YEAR_JUDGED, Environment
from woonpact.engine.model import ast
from woonpact.engine.model.entities import Entities

Closure = Callable[[Any, Any], Any]


class Context(Protocol):
    year: int

    def figure(self, name: str) -> Any: ...
    def entities(self, collection: str) -> Entities: ...
    def param(self, name: str, year: int) -> float: ...
    def at_year(self, year: int) -> Context: ...
    def condition(self, name: str) -> bool: ...


COMPARISONS = frozenset(("==", "!=", "<", "<=", ">", ">="))
LITERALS = (ast.Number, ast.Share, ast.Money, ast.Text, ast.Bool)
ARITHMETIC = {"+": operator.add, "-": operator.sub, "*": operator.mul}


def compile_expression(node: ast.Node, env: Environment) -> Closure:
    """Compile `node`; `env` must be the environment it was checked in."""
    match node:
        case ast.Number(value=v) | ast.Share(value=v) | ast.Money(value=v) | ast.Text(value=v) \
                | ast.Bool(value=v):
            def literal(ctx: Any, ent: Any, v: Any = v) -> Any:
                return v
            return literal
        case ast.Name(name=name) if name == YEAR_JUDGED:
            return lambda ctx, ent: ctx.year
        case ast.Name(name=name):
            return _compile_name(name, env)
        case ast.Unary(op="not", operand=operand):
            inner = compile_expression(operand, env)
            return lambda ctx, ent: not inner(ctx, ent)
        case ast.Unary(op="-", operand=operand):
            inner = compile_expression(operand, env)
            return lambda ctx, ent: -inner(ctx, ent)
        case ast.Binary():
            return _compile_binary(node, env)
        case ast.Call():
            return _compile_call(node, env)
    raise AssertionError(f"unknown node {node!r}")


def _compile_name(name: str, env: Environment) -> Closure:
    if env.entity is not None and name in env.collections[env.entity]:
        return _attribute(env.entity, name, env)
    return lambda ctx, ent: ctx.figure(name)


def is_figure(node: ast.Node, env: Environment) -> bool:
    """Whether `node` names a figure: what `_compile_name` reads with `ctx.figure`."""
    return isinstance(node, ast.Name) and not (
        env.entity is not None and node.name in env.collections[env.entity])


def _attribute(collection: str, name: str, env: Environment) -> Closure:
    """An entity is a row in the vocabulary's attribute order (engine/model/entities.py)."""
    index, id_index = env.position(collection, name), env.position(collection, "id")
    assert index is not None, "the checker let through an attribute the collection lacks"

    def attribute(ctx: Any, ent: tuple[Any, ...]) -> Any:
        value = ent[index]
        if value is None:
            raise MissingFact(f"{collection}.{name}", ctx.year,
                              None if id_index is None else ent[id_index])
        return value
    return attribute


def _compile_binary(node: ast.Binary, env: Environment) -> Closure:
    op = node.op
    left = compile_expression(node.left, env)
    right = compile_expression(node.right, env)
    if op == "and":
        return lambda ctx, ent: left(ctx, ent) and right(ctx, ent)
    if op == "or":
        return lambda ctx, ent: left(ctx, ent) or right(ctx, ent)
    if op == "in":
        if isinstance(node.left, ast.Text):
            member = node.left.value
            return lambda ctx, ent: member in right(ctx, ent)
        return lambda ctx, ent: left(ctx, ent) in right(ctx, ent)
    if op in COMPARISONS:
        return _compile_comparison(node, env, left, right)
    if op == "/":
        def divide(ctx: Any, ent: Any) -> Any:
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


def _compile_comparison(node: ast.Binary, env: Environment, left: Closure,
                        right: Closure) -> Closure:
    compare = comparator(node, env)
    if isinstance(node.right, LITERALS):
        constant = node.right.value
        return lambda ctx, ent: compare(left(ctx, ent), constant)
    return lambda ctx, ent: compare(left(ctx, ent), right(ctx, ent))


Selector = Callable[[Any, Entities], Sequence[bool]]


def selector(where: ast.Node, env: Environment) -> Selector:
    """Which entities a checked `where` keeps, as a mask: computed over whole columns when
    columns.py can, else row by row, raising `MissingFact` as the rows do."""
    row = compile_expression(where, env)
    columns = compile_mask(where, env, compile_expression)

    def by_rows(ctx: Any, entities: Entities) -> list[bool]:
        return [bool(row(ctx, ent)) for ent in entities.rows()]
    if columns is None:
        return by_rows

    def select(ctx: Any, entities: Entities) -> Sequence[bool]:
        mask = columns(ctx, entities)
        return by_rows(ctx, entities) if mask is None else mask
    return select


def _compile_call(call: ast.Call, env: Environment) -> Closure:
    return FUNCTIONS[call.func].compile(call, env, _COMPILER)


def _year(node: ast.Node, env: Environment) -> Callable[[Any], int]:
    """A checked year argument, by the context it is read in: `2022`, or `year_judged - 1`."""
    if isinstance(node, ast.Number):
        year = int(node.value)
        return lambda ctx: year
    relative = compile_expression(node, env)
    return lambda ctx: int(relative(ctx, None))


class _Compiler:
    """This module, as the functions' compile steps see it (functions/base.py `Compiler`)."""

    expression = staticmethod(compile_expression)
    selector = staticmethod(selector)
    attribute = staticmethod(_attribute)
    year = staticmethod(_year)


_COMPILER = _Compiler()
