"""Functions that read dated values (national parameters and a pack's own): param,
price_level."""

from __future__ import annotations

from typing import Any

from woonpact.engine.language.functions.arguments import arity, parameter, year
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
from woonpact.engine.language.units import Environment, mismatch, unify
from woonpact.engine.model import ast
from woonpact.engine.model.reads import Checked


def _check_param(call: ast.Call, env: Environment, check: Checker) -> Checked:
    arity(call, 1, 2)
    name = parameter(call.args[0], env)
    if len(call.args) == 2:
        year(call.args[1])
    return Checked(env.parameters[name], parameters=frozenset({name}))


def _compile_param(call: ast.Call, env: Environment, compiler: Compiler) -> Closure:
    name = call.args[0].name  # type: ignore[union-attr]
    if len(call.args) == 2:
        when = compiler.year(call.args[1], env)
        return lambda ctx, ent: ctx.param(name, when(ctx))
    return lambda ctx, ent: ctx.param(name, ctx.year)


def _trace_param(call: ast.Call, walk: Walk) -> None:
    when = walk.year_of(call.args[1]) if len(call.args) == 2 else walk.year
    walk.parameter(call.args[0].name, when)  # type: ignore[union-attr]


PARAM = Function(
    "param",
    forms=(Form("param(name [, year])",
                "a dated value in force on 1 January of the year judged (or of `year`): a "
                "national parameter (`rules/national/parameters.yaml`) or the pack's own, "
                "which a fact set may set for its year"),),
    check=_check_param,
    compile=_compile_param,
    words=(Words("at", {"value": Part(Role.PARAMETER, 0), "year": Part(Role.YEAR, 1)},
                 when=lambda call: len(call.args) == 2),
           Words("param", {"name": Part(Role.PARAMETER, 0)})),
    trace=_trace_param,
    examples=("param(liberalisatiegrens)", "param(liberalisatiegrens, year_judged - 1)"),
)


def _check_price_level(call: ast.Call, env: Environment, check: Checker) -> Checked:
    arity(call, 3)
    amount = check(call.args[0], env)
    if unify(amount.unit, "eur") != "eur":
        raise mismatch(amount.unit, "eur", call.pos, call.func)
    year(call.args[1])
    index = parameter(call.args[2], env)
    return amount.merge("eur", Checked("eur", parameters=frozenset({index})))


def _compile_price_level(call: ast.Call, env: Environment, compiler: Compiler) -> Closure:
    amount = compiler.expression(call.args[0], env)
    base = compiler.year(call.args[1], env)
    index = call.args[2].name  # type: ignore[union-attr]

    def price_level(ctx: Any, ent: Any) -> Any:
        return amount(ctx, ent) * ctx.param(index, ctx.year) / ctx.param(index, base(ctx))
    return price_level


def _trace_price_level(call: ast.Call, walk: Walk) -> None:
    """The amount, and the index in the year judged and in the base year."""
    amount, base, index = call.args
    walk.visit(amount)
    walk.parameter(index.name, walk.year)  # type: ignore[union-attr]
    walk.parameter(index.name, walk.year_of(base))  # type: ignore[union-attr]


PRICE_LEVEL = Function(
    "price_level",
    forms=(Form("price_level(amount, base_year, index)",
                "an amount at `base_year` prices, indexed to the year judged with the national "
                "index parameter `index`"),),
    check=_check_price_level,
    compile=_compile_price_level,
    words=(Words("price_level", {"amount": Part(Role.WORDS, 0), "base": Part(Role.YEAR, 1),
                                 "index": Part(Role.PARAMETER, 2)}),),
    trace=_trace_price_level,
    examples=("price_level(€550, 2020, huurverlaging_grens_npa)",),
)
