"""Functions over the items of a collection, which a `where` may filter: count, sum, share."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from itertools import compress
from typing import Any

from woonpact.engine.language.errors import ExpressionError
from woonpact.engine.language.functions.arguments import aggregate_target, arity
from woonpact.engine.language.functions.base import (
    Checker,
    Closure,
    Compiler,
    Form,
    Function,
    Part,
    Role,
    Walk,
    Words,
)
from woonpact.engine.language.missing import MissingFact, nonzero
from woonpact.engine.language.units import ARITHMETIC, Environment, expect, mismatch, unify
from woonpact.engine.model import ast
from woonpact.engine.model.reads import Checked


def _items(call: ast.Call, env: Environment,
           compiler: Compiler) -> tuple[str, str, Callable[[Any, Any], Sequence[bool]] | None]:
    """The collection a checked aggregate reads, its attribute ("" for none) and its filter."""
    target = call.args[0]
    assert isinstance(target, ast.Name)
    collection, _, attribute = target.name.partition(".")
    select = None if call.where is None else compiler.selector(call.where, env.inside(collection))
    return collection, attribute, select


def _through_filter(call: ast.Call, walk: Walk) -> None:
    """The trace of an aggregate: into its filter, inside the collection."""
    target = call.args[0]
    if call.where is not None and isinstance(target, ast.Name):
        walk.visit(call.where, collection=target.name.partition(".")[0])


def _items_only(call: ast.Call, env: Environment, check: Checker) -> Checked:
    """`collection [where condition]`, counted: an attribute has no place here."""
    arity(call, 1)
    _, attribute, checked = aggregate_target(call, env, check)
    if attribute is not None:
        raise ExpressionError("expr.aggregate_target", call.args[0].pos, func=call.func)
    return checked


def _compile_count(call: ast.Call, env: Environment, compiler: Compiler) -> Closure:
    collection, _, select = _items(call, env, compiler)
    if select is None:
        return lambda ctx, ent: len(ctx.entities(collection))
    return lambda ctx, ent: sum(select(ctx, ctx.entities(collection)))


COUNT = Function(
    "count",
    forms=(Form("count(collection [where condition])",
                "how many entities (in party scope: that party's) pass"),),
    check=lambda call, env, check: _items_only(call, env, check).merge("count"),
    compile=_compile_count,
    words=(Words("count", {"items": Part(Role.ITEMS)}),),
    trace=_through_filter,
    examples=('count(meetings where kind == "bestuurlijk_overleg")',),
    aggregate=True,
    whole=lambda call, whole, unit: True,
    leads=lambda call: True,
)


def _check_sum(call: ast.Call, env: Environment, check: Checker) -> Checked:
    arity(call, 1)
    collection, attribute, checked = aggregate_target(call, env, check)
    if attribute is None:
        raise ExpressionError("expr.aggregate_attribute", call.args[0].pos, func=call.func)
    unit = env.collections[collection][attribute]
    expect(unit, ARITHMETIC, call.pos, call.func)
    return checked.merge(unit)


def _compile_sum(call: ast.Call, env: Environment, compiler: Compiler) -> Closure:
    collection, attribute, select = _items(call, env, compiler)
    value = compiler.attribute(collection, attribute, env.inside(collection))
    index = env.position(collection, attribute)

    def total(ctx: Any, ent: Any) -> Any:
        entities = ctx.entities(collection)
        values, rows = entities.columns[index], entities.rows
        if select is not None:
            mask = select(ctx, entities)
            values, rows = tuple(compress(values, mask)), lambda: compress(entities.rows(), mask)
        if None in values:  # the row closure raises for the first entity without the attribute
            return sum(value(ctx, row) for row in rows())
        return sum(values)
    return total


SUM = Function(
    "sum",
    forms=(Form("sum(collection.attribute [where condition])", "the sum of an attribute"),),
    check=_check_sum,
    compile=_compile_sum,
    words=(Words("sum", {"attribute": Part(Role.ATTRIBUTE), "items": Part(Role.ITEMS)}),),
    trace=_through_filter,
    examples=("sum(projects.homes where completed)",),
    aggregate=True,
    whole=lambda call, whole, unit: unit(call) == "count",
)


def _check_share(call: ast.Call, env: Environment, check: Checker) -> Checked:
    if call.where is not None:
        return _items_only(call, env, check).merge("share")
    arity(call, 2)
    part, whole = (check(a, env) for a in call.args)
    if unify(part.unit, whole.unit) is None or part.unit in ("share", "bool", "text"):
        raise mismatch(part.unit, whole.unit, call.pos, "share")
    return part.merge("share", whole)


def _compile_share(call: ast.Call, env: Environment, compiler: Compiler) -> Closure:
    if call.where is None:
        part, whole = (compiler.expression(a, env) for a in call.args)

        def share(ctx: Any, ent: Any) -> Any:
            denominator = nonzero(whole(ctx, ent), ctx.year)
            return part(ctx, ent) / denominator
        return share
    collection, _, select = _items(call, env, compiler)
    assert select is not None

    def share_of_items(ctx: Any, ent: Any) -> float:
        entities = ctx.entities(collection)
        if not len(entities):
            raise MissingFact(collection, ctx.year)
        return sum(select(ctx, entities)) / len(entities)
    return share_of_items


def _trace_share(call: ast.Call, walk: Walk) -> None:
    """The part and the whole beside the share; of items: those that pass, of all."""
    if call.where is None:
        part, whole = call.args
        walk.step("share", ((part, None), (whole, None)))
        walk.visit(part)
        walk.visit(whole)
        return
    passing, every = (ast.Call("count", call.args, w, call.pos) for w in (call.where, None))
    walk.step("share", ((passing, None), (every, None)))
    _through_filter(call, walk)


SHARE = Function(
    "share",
    forms=(Form("share(part, whole)", "a share of two counts or amounts"),
           Form("share(collection where condition)", "the share of entities that pass")),
    check=_check_share,
    compile=_compile_share,
    columns=lambda call, columns: (
        None if call.where else columns.quotient(call.args[0], call.args[1])),
    words=(Words("share_of_items", {"part": Part(Role.ITEMS), "whole": Part(Role.NOUN)},
                 when=lambda call: call.where is not None),
           Words("share", {"part": Part(Role.BRACKETED, 0), "whole": Part(Role.BRACKETED, 1)})),
    trace=_trace_share,
    examples=("share(lettings_free_allocation, lettings_total)",
              "share(lettings where rent <= param(aftoppingsgrens_2))"),
    aggregate=True,
)
