"""Functions about the facts themselves: summed over the corporations, a named condition,
whether they are there: corporations, condition, exists."""

from __future__ import annotations

from typing import Any

from woonpact.engine.language.errors import ExpressionError
from woonpact.engine.language.functions.arguments import arity
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
    through_arguments,
)
from woonpact.engine.language.missing import MissingFact
from woonpact.engine.language.units import Environment, expect, unknown
from woonpact.engine.model import ast
from woonpact.engine.model.reads import Checked


def _check_corporations(call: ast.Call, env: Environment, check: Checker) -> Checked:
    arity(call, 1)
    name = call.args[0]
    if not isinstance(name, ast.Name) or name.name not in env.figures:
        given = name.name if isinstance(name, ast.Name) else "?"
        raise unknown("expr.unknown_name", given, list(env.figures), name.pos, env)
    unit = env.figures[name.name]
    expect(unit, {"count", "eur"}, call.pos, call.func)
    return Checked(unit, summed=frozenset({name.name}))


def _compile_corporations(call: ast.Call, env: Environment, compiler: Compiler) -> Closure:
    figure = call.args[0].name  # type: ignore[union-attr]
    return lambda ctx, ent: ctx.corporations_sum(figure)


def _trace_corporations(call: ast.Call, walk: Walk) -> None:
    figure = call.args[0]
    if isinstance(figure, ast.Name):
        walk.summed(figure.name)


CORPORATIONS = Function(
    "corporations",
    forms=(Form("corporations(figure)",
                "a count or amount summed over the pack's corporations, each from its own "
                "section (`corporations(stock_total)`: their homes, where `stock_total` "
                "alone is the municipality's)"),),
    check=_check_corporations,
    compile=_compile_corporations,
    words=(Words("corporations", {"value": Part(Role.WORDS, 0)}),),
    trace=_trace_corporations,
    examples=("corporations(stock_total)",),
    whole=lambda call, whole, unit: unit(call) == "count",
)


def _check_condition(call: ast.Call, env: Environment, check: Checker) -> Checked:
    arity(call, 1)
    if not isinstance(call.args[0], ast.Text):
        raise ExpressionError("expr.condition_name", call.args[0].pos)
    return Checked("bool")


def _compile_condition(call: ast.Call, env: Environment, compiler: Compiler) -> Closure:
    name = call.args[0].value  # type: ignore[union-attr]
    return lambda ctx, ent: ctx.condition(name)


CONDITION = Function(
    "condition",
    forms=(Form('condition("name")',
                "a named true/false fact from the fact set's `conditions`"),),
    check=_check_condition,
    compile=_compile_condition,
    words=(Words("condition", {"name": Part(Role.CONDITION, 0)}),),
    trace=through_arguments,
    examples=('condition("convenant_gegevensdeling_nodig")',),
)


def _check_exists(call: ast.Call, env: Environment, check: Checker) -> Checked:
    arity(call, 1)
    return check(call.args[0], env).merge("bool")


def _compile_exists(call: ast.Call, env: Environment, compiler: Compiler) -> Closure:
    inner = compiler.expression(call.args[0], env)

    def exists(ctx: Any, ent: Any) -> bool:
        try:
            inner(ctx, ent)
        except MissingFact:
            return False
        return True
    return exists


EXISTS = Function(
    "exists",
    forms=(Form("exists(expression)", "true when every fact the expression needs is present"),),
    check=_check_exists,
    compile=_compile_exists,
    words=(Words("exists", {"value": Part(Role.WORDS, 0)}),),
    trace=through_arguments,
    examples=("exists(stock_social)",),
)
