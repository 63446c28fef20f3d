"""A `where` filter run over whole columns instead of entity by entity.

A `where` over a national year of lettings runs for 200,000 rows; as row closures that is a
handful of Python calls per row, as column operations a few loops in C (`map` over the
`operator` functions). The row closures (compiler.py) stay the reference. A column program
exists only for the operators below, and at run time it gives way to the rows (the mask is
None) whenever a row could behave differently: an attribute absent in some entity (the row
closures may short-circuit past it, or report that entity as missing), a zero divisor, a
figure or parameter the facts lack. So either both paths give the same mask, or the column
path is not taken.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Sequence
from itertools import repeat
from typing import Any

from engine.language import ast
from engine.language.compare import comparator
from engine.language.missing import MissingFact
from engine.language.types import Environment
from engine.model.entities import Entities

RowCompiler = Callable[[ast.Node, Environment], Callable[[Any, Any], Any]]
Mask = Callable[[Any, Entities], "Sequence[bool] | None"]


class _Same:
    """A value that is the same for every entity: a literal, a figure, a parameter."""

    __slots__ = ("value",)

    def __init__(self, value: Any) -> None:
        self.value = value


Values = Sequence[Any] | _Same
Program = Callable[[Any, Entities], Values]


class _RowsDecide(Exception):
    """The data holds something (a gap, a zero divisor) the row closures must handle."""


def compile_mask(node: ast.Node, env: Environment, rows: RowCompiler) -> Mask | None:
    """A column program for a checked boolean `node` in `env` (inside a collection), or None
    when it uses something only the row closures evaluate. `rows` compiles the parts that do
    not depend on the entity (figures, parameters, aggregates), so they mean the same here."""
    program = _compile(node, env, rows)
    if program is None:
        return None

    def mask(ctx: Any, entities: Entities) -> Sequence[bool] | None:
        try:
            values = program(ctx, entities)
        except _RowsDecide:
            return None
        if isinstance(values, _Same):
            return [bool(values.value)] * len(entities)
        return values
    return mask


def _compile(node: ast.Node, env: Environment, rows: RowCompiler) -> Program | None:
    if not _reads_entity(node, env):
        return _same(rows(node, env))
    match node:
        case ast.Name(name=name):
            return _column(tuple(env.collections[env.entity or ""]).index(name))
        case ast.Unary(op=op, operand=operand):
            inner = _compile(operand, env, rows)
            return None if inner is None else _elementwise(operator.not_ if op == "not" else operator.neg, inner)
        case ast.Binary(op=op, left=left, right=right):
            a, b = _compile(left, env, rows), _compile(right, env, rows)
            if a is None or b is None:
                return None
            if op in ("and", "or"):
                return _elementwise(operator.and_ if op == "and" else operator.or_, a, b)
            if op == "/":
                return _elementwise(operator.truediv, a, _nonzero(b))
            if op == "in":
                return _elementwise(_member, a, b)
            if op in ("+", "-", "*"):
                return _elementwise({"+": operator.add, "-": operator.sub, "*": operator.mul}[op], a, b)
            return _elementwise(comparator(node, env), a, b)
        case ast.Call(func="share", args=(part, whole), where=None):
            a, b = _compile(part, env, rows), _compile(whole, env, rows)
            if a is None or b is None:
                return None
            return _elementwise(operator.truediv, a, _nonzero(b))
        case ast.Call(func="min" | "max", args=(left, right)):
            a, b = _compile(left, env, rows), _compile(right, env, rows)
            if a is None or b is None:
                return None
            return _elementwise(min if node.func == "min" else max, a, b)
    return None


def _reads_entity(node: ast.Node, env: Environment) -> bool:
    """Whether `node` reads an attribute of the entity being filtered (not of one inside a
    nested aggregate, which has its own entity)."""
    match node:
        case ast.Name(name=name):
            return env.entity is not None and name in env.collections[env.entity]
        case ast.Unary(operand=operand):
            return _reads_entity(operand, env)
        case ast.Binary(left=left, right=right):
            return _reads_entity(left, env) or _reads_entity(right, env)
        case ast.Call(func="count" | "sum" | "share", where=where) if where is not None:
            return False
        case ast.Call(args=args):
            return any(_reads_entity(arg, env) for arg in args)
    return False


def _same(closure: Callable[[Any, Any], Any]) -> Program:
    def same(ctx: Any, entities: Entities) -> _Same:
        try:
            return _Same(closure(ctx, None))
        except MissingFact:
            raise _RowsDecide from None  # the rows raise it where (and whether) a row reads it
    return same


def _column(index: int) -> Program:
    def column(ctx: Any, entities: Entities) -> Sequence[Any]:
        values = entities.columns[index]
        if None in values:
            raise _RowsDecide
        return values
    return column


def _nonzero(program: Program) -> Program:
    def nonzero(ctx: Any, entities: Entities) -> Values:
        values = program(ctx, entities)
        if (values.value == 0) if isinstance(values, _Same) else (0 in values):
            raise _RowsDecide
        return values
    return nonzero


def _member(item: Any, items: Any) -> bool:
    return item in items


def _elementwise(fn: Callable[..., Any], *programs: Program) -> Program:
    def elementwise(ctx: Any, entities: Entities) -> Values:
        values = [program(ctx, entities) for program in programs]
        if all(isinstance(v, _Same) for v in values):
            return _Same(fn(*(v.value for v in values)))  # type: ignore[union-attr]
        n = len(entities)
        return list(map(fn, *(repeat(v.value, n) if isinstance(v, _Same) else v for v in values)))
    return elementwise
