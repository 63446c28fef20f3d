"""Static units of expressions: the check that makes `30` versus `30%` a load-time error.

The units and how they meet are in units.py; a call is checked by its function's own type rule
(functions/). Checking happens once when a pack loads, so evaluation needs no unit tests at all.
"""

from __future__ import annotations

from woonpact.engine.language.errors import ExpressionError
from woonpact.engine.language.functions import FUNCTIONS
from woonpact.engine.language.units import (
    ARITHMETIC,
    YEAR_JUDGED,
    Environment,
    collection,
    expect,
    mismatch,
    unify,
    unknown,
)
from woonpact.engine.model import ast
from woonpact.engine.model.reads import Checked


def check(node: ast.Node, env: Environment) -> Checked:
    match node:
        case ast.Number():
            return Checked("number")
        case ast.Share():
            return Checked("share")
        case ast.Money():
            return Checked("eur")
        case ast.Text():
            return Checked("text")
        case ast.Bool():
            return Checked("bool")
        case ast.Name(name=name, pos=pos):
            return _check_name(name, pos, env)
        case ast.Unary(op="not", operand=operand, pos=pos):
            inner = check(operand, env)
            expect(inner.unit, {"bool"}, pos, "not")
            return inner
        case ast.Unary(op="-", operand=operand, pos=pos):
            inner = check(operand, env)
            expect(inner.unit, ARITHMETIC, pos, "-")
            return inner
        case ast.Binary(op="in"):
            return _check_membership(node, env)
        case ast.Binary(op=op, left=left, right=right, pos=pos):
            return _check_binary(op, check(left, env), check(right, env), pos, node)
        case ast.Call():
            return _check_call(node, env)
    raise AssertionError(f"unknown node {node!r}")


def _check_name(name: str, pos: int, env: Environment) -> Checked:
    if name == YEAR_JUDGED:
        return Checked("year")
    if "." in name:
        owner, attribute = name.split(".", 1)
        attributes = collection(owner, pos, env)
        if attribute not in attributes:
            raise unknown("expr.unknown_attribute", attribute, list(attributes), pos, env,
                          collection=owner)
        return Checked(attributes[attribute], collections=frozenset({owner}),
                       attributes=frozenset({name}))
    if env.entity is not None and name in env.collections[env.entity]:
        return Checked(env.collections[env.entity][name],
                       attributes=frozenset({f"{env.entity}.{name}"}))
    if name in env.figures:
        return Checked(env.figures[name], figures=frozenset({name}))
    if name in env.collections:
        return Checked("collection", collections=frozenset({name}))
    known = [*env.figures, YEAR_JUDGED]
    if env.entity is not None:
        known += list(env.collections[env.entity])
    raise unknown("expr.unknown_name", name, known, pos, env)


def _check_binary(op: str, left: Checked, right: Checked, pos: int, node: ast.Binary) -> Checked:
    lu, ru = left.unit, right.unit
    if op in ("and", "or"):
        expect(lu, {"bool"}, pos, op)
        expect(ru, {"bool"}, pos, op)
        return left.merge("bool", right)
    if op in ("==", "!=", "<", "<=", ">", ">="):
        if unify(lu, ru) is None:
            raise share_as_number(node.right, lu) or share_as_number(node.left, ru) \
                or mismatch(lu, ru, pos, op)
        if op not in ("==", "!=") and lu in ("bool", "text"):
            raise ExpressionError("expr.bad_operand", pos, op=op, unit=lu)
        return left.merge("bool", right)
    expect(lu, ARITHMETIC, pos, op)
    expect(ru, ARITHMETIC, pos, op)
    if op == "-" and lu == "year" and ru in ("year", "number"):
        # a span of years (`year_judged - 2024`): a plain number, so that `2% * (year_judged -
        # 2024)`
        # is a share; it still meets a year where one is compared (`year == year_judged - 1`)
        return left.merge("number", right)
    if op in ("+", "-"):
        unit = unify(lu, ru)
        if unit is None:
            raise mismatch(lu, ru, pos, op)
        return left.merge(unit, right)
    if op == "*":
        return left.merge(_product_unit(lu, ru, pos), right)
    # division: like over like is a plain number; anything over a plain number keeps its unit
    if ru == "number":
        return left.merge(lu, right)
    if unify(lu, ru) is not None:
        return left.merge("number", right)
    raise mismatch(lu, ru, pos, op)


def _check_membership(node: ast.Binary, env: Environment) -> Checked:
    """`"wywonen" in parties`: a text looked up in a list (a meeting's participants)."""
    member, members = check(node.left, env), check(node.right, env)
    if members.unit != "list":
        raise ExpressionError("expr.not_a_list", node.right.pos, unit=members.unit)
    expect(member.unit, {"text"}, node.pos, "in")
    return member.merge("bool", members)


def _product_unit(lu: str, ru: str, pos: int) -> str:
    pair = sorted((lu, ru))
    if "number" in pair:
        return pair[0] if pair[1] == "number" else pair[1]
    if pair[0] == "share" or pair[1] == "share":
        other = pair[1] if pair[0] == "share" else pair[0]
        return other if other != "share" else "share"
    raise mismatch(lu, ru, pos, "*")


def share_as_number(node: ast.Node, unit: str) -> ExpressionError | None:
    """A bare number where a share is meant (`<= 0.075` against a share): say what to write."""
    if unit != "share" or not isinstance(node, ast.Number):
        return None
    percent = node.value * 100 if node.value <= 1 else node.value
    return ExpressionError("expr.share_as_number", node.pos, text=f"{node.value:g}",
                           percent=f"{percent:g}%")


def _check_call(call: ast.Call, env: Environment) -> Checked:
    """A call by its function's own type rule (functions/); a filter only on an aggregate."""
    function = FUNCTIONS.get(call.func)
    if function is None:
        raise ExpressionError("expr.unknown_function", call.pos, func=call.func,
                              suggestion=env.suggest(call.func, list(FUNCTIONS)) or "")
    if call.where is not None and not function.aggregate:
        raise ExpressionError("expr.where_not_allowed", call.pos, func=call.func)
    return function.check(call, env, check)
