"""The smaller and the larger of two values: min, max."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from woonpact.engine.language.functions.arguments import arity
from woonpact.engine.language.functions.base import (
    Checker,
    Closure,
    Compiler,
    Form,
    Function,
    Part,
    Role,
    Words,
    through_arguments,
)
from woonpact.engine.language.units import ARITHMETIC, Environment, mismatch, unify
from woonpact.engine.model import ast
from woonpact.engine.model.reads import Checked


def _check(call: ast.Call, env: Environment, check: Checker) -> Checked:
    arity(call, 2)
    a, b = (check(x, env) for x in call.args)
    unit = unify(a.unit, b.unit)
    if unit is None or unit not in ARITHMETIC:
        raise mismatch(a.unit, b.unit, call.pos, call.func)
    return a.merge(unit, b)


def _extreme(name: str, pick: Callable[[Any, Any], Any], gives: str) -> Function:
    def compile_(call: ast.Call, env: Environment, compiler: Compiler) -> Closure:
        a, b = (compiler.expression(x, env) for x in call.args)
        return lambda ctx, ent: pick(a(ctx, ent), b(ctx, ent))

    return Function(
        name,
        forms=(Form(f"{name}(a, b)", gives),),
        check=_check,
        compile=compile_,
        columns=lambda call, columns: columns.pairwise(pick, call.args[0], call.args[1]),
        words=(Words(name, {"items": Part(Role.TERMS), "last": Part(Role.LAST)}),),
        trace=through_arguments,
        examples=(f"{name}(lettings_total, {name}(10, stock_social))",),
        whole=lambda call, whole, unit: all(whole(a) for a in call.args),
    )


MIN = _extreme("min", min, "the smaller")
MAX = _extreme("max", max, "the larger")
