"""A `where` filter run over whole columns instead of entity by entity.

A `where` over a national year of lettings runs for 200,000 rows; as row closures that is a
handful of Python calls per row, as column operations a few loops in C (`map` over the
`operator` functions). The row closures (compiler.py) stay the reference. A column program
exists only for the operators below and the functions that declare one (functions/: `share`
of two values, `min`, `max`), and at run time it gives way to the rows (the mask is None)
whenever a row could behave differently: an attribute absent in some entity (the row closures
may short-circuit past it, or report that entity as missing), a zero divisor, a figure or
parameter the facts lack. So either both paths give the same mask, or the column path is not
taken.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Sequence
from itertools import repeat
from typing import Any

from woonpact.engine.language.compare import comparator
from woonpact.engine.language.functions import FUNCTIONS
from woonpact.engine.language.missing import MissingFact
from woonpact.engine.language.units import Environment
from woonpact.engine.model import ast
from woonpact.engine.model.entities import Entities

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
            return _column(env.position(env.entity or "", name))  # type: ignore[arg-type]
        case ast.Unary(op=op, operand=operand):
            inner = _compile(operand, env, rows)
            return None if inner is None else _elementwise(operator.not_ if op == "not"
                                                           else operator.neg, inner)
        case ast.Binary(left=left, right=right):
            return _both(left, right, env, rows, _operation(node, env))
        case ast.Call(func=func):
            program = FUNCTIONS[func].columns
            return None if program is None else program(node, _Arguments(env, rows))
    return None


Combine = Callable[[Program, Program], Program]
OPERATORS = {"and": operator.and_, "or": operator.or_, "in": lambda item, items: item in items,
             "+": operator.add, "-": operator.sub, "*": operator.mul}


def _both(left: ast.Node, right: ast.Node, env: Environment, rows: RowCompiler,
          combine: Combine) -> Program | None:
    a, b = _compile(left, env, rows), _compile(right, env, rows)
    return None if a is None or b is None else combine(a, b)


class _Arguments:
    """A call's arguments as its function's column program combines them (functions/base.py
    `Columns`)."""

    def __init__(self, env: Environment, rows: RowCompiler) -> None:
        self.env, self.rows = env, rows

    def quotient(self, part: ast.Node, whole: ast.Node) -> Program | None:
        return _both(part, whole, self.env, self.rows, _quotient)

    def pairwise(self, fn: Callable[[Any, Any], Any], left: ast.Node,
                 right: ast.Node) -> Program | None:
        return _both(left, right, self.env, self.rows, lambda a, b: _elementwise(fn, a, b))


def _operation(node: ast.Binary, env: Environment) -> Combine:
    if node.op == "/":
        return _quotient
    fn = OPERATORS.get(node.op) or comparator(node, env)  # and/or over bools only: checked at load
    return lambda a, b: _elementwise(fn, a, b)


def _quotient(part: Program, whole: Program) -> Program:
    return _elementwise(operator.truediv, part, _nonzero(whole))


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
        case ast.Call(func=func, where=where) if where is not None and FUNCTIONS[func].aggregate:
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


def _elementwise(fn: Callable[..., Any], *programs: Program) -> Program:
    def elementwise(ctx: Any, entities: Entities) -> Values:
        values = [program(ctx, entities) for program in programs]
        if all(isinstance(v, _Same) for v in values):
            return _Same(fn(*(v.value for v in values)))  # type: ignore[union-attr]
        n = len(entities)
        return list(map(fn, *(repeat(v.value, n) if isinstance(v, _Same) else v for v in values)))
    return elementwise
