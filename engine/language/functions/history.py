"""Functions that read an expression in other years: previous, at, cumulative."""

from __future__ import annotations

from typing import Any

from woonpact.engine.language.functions.arguments import arity, in_history, year
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
from woonpact.engine.language.units import NUMERIC, Environment, expect
from woonpact.engine.model import ast
from woonpact.engine.model.reads import Checked

_SIMPLE = (ast.Name, ast.Number, ast.Share, ast.Money, ast.Text, ast.Bool)


def _check_previous(call: ast.Call, env: Environment, check: Checker) -> Checked:
    arity(call, 1)
    return in_history(check(call.args[0], env))


def _compile_previous(call: ast.Call, env: Environment, compiler: Compiler) -> Closure:
    inner = compiler.expression(call.args[0], env)
    return lambda ctx, ent: inner(ctx.at_year(ctx.year - 1), ent)


def _trace_previous(call: ast.Call, walk: Walk) -> None:
    walk.visit(call.args[0], walk.year - 1)


PREVIOUS = Function(
    "previous",
    forms=(Form("previous(expression)", "the expression in the previous year"),),
    check=_check_previous,
    compile=_compile_previous,
    words=(Words("previous", {"value": Part(Role.WORDS, 0)}),),
    trace=_trace_previous,
    examples=("previous(stock_social)",),
    whole=lambda call, whole, unit: whole(call.args[0]),
    leads=lambda call: isinstance(call.args[0], ast.Name),
)


def _check_at(call: ast.Call, env: Environment, check: Checker) -> Checked:
    arity(call, 2)
    year(call.args[0])
    return in_history(check(call.args[1], env))


def _compile_at(call: ast.Call, env: Environment, compiler: Compiler) -> Closure:
    when = compiler.year(call.args[0], env)
    inner = compiler.expression(call.args[1], env)
    return lambda ctx, ent: inner(ctx.at_year(when(ctx)), ent)


def _trace_at(call: ast.Call, walk: Walk) -> None:
    walk.visit(call.args[1], walk.year_of(call.args[0]))


AT = Function(
    "at",
    forms=(Form("at(year, expression)", "the expression in a baseline year"),),
    check=_check_at,
    compile=_compile_at,
    words=(Words("at", {"value": Part(Role.WORDS, 1), "year": Part(Role.YEAR, 0)}),),
    trace=_trace_at,
    examples=("at(2022, stock_social)", "at(year_judged - 2, stock_social)"),
    whole=lambda call, whole, unit: whole(call.args[1]),
    leads=lambda call: isinstance(call.args[1], ast.Name),
)


def _check_cumulative(call: ast.Call, env: Environment, check: Checker) -> Checked:
    arity(call, 2)
    inner = check(call.args[0], env)
    expect(inner.unit, NUMERIC, call.pos, call.func)
    year(call.args[1])
    return in_history(inner)


def _compile_cumulative(call: ast.Call, env: Environment, compiler: Compiler) -> Closure:
    inner = compiler.expression(call.args[0], env)
    first = compiler.year(call.args[1], env)

    def cumulative(ctx: Any, ent: Any) -> Any:
        return sum(inner(ctx.at_year(y), ent) for y in range(first(ctx), ctx.year + 1))
    return cumulative


def _trace_cumulative(call: ast.Call, walk: Walk) -> None:
    """Each year's value beside the sum, and what each year's value rests on."""
    inner = call.args[0]
    years = range(walk.year_of(call.args[1]), walk.year + 1)
    walk.step("years", tuple((inner, y) for y in years))
    for y in years:
        walk.visit(inner, y)


_SUMMED = {"value": Part(Role.WORDS, 0), "year": Part(Role.YEAR, 1)}
CUMULATIVE = Function(
    "cumulative",
    forms=(Form("cumulative(expression, from_year)",
                "the sum of the expression over `from_year` through the year judged"),),
    check=_check_cumulative,
    compile=_compile_cumulative,
    words=(Words("since", _SUMMED, when=lambda call: isinstance(call.args[0], _SIMPLE)),
           Words("summed_since", _SUMMED)),
    trace=_trace_cumulative,
    examples=("cumulative(new_build_social, 2023)",
              "cumulative(new_build_social - sold_social, year_judged - 1)"),
    whole=lambda call, whole, unit: whole(call.args[0]),
    leads=lambda call: isinstance(call.args[0], ast.Name),
)
