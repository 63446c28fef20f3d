"""Type rules for the kinds of argument several functions take: a year, a dated value's name, a
collection with its filter; and how many arguments a call has."""

from __future__ import annotations

from woonpact.engine.language.errors import ExpressionError
from woonpact.engine.language.functions.base import Checker
from woonpact.engine.language.units import YEAR_JUDGED, Environment, collection, unknown
from woonpact.engine.model import ast
from woonpact.engine.model.reads import Checked


def arity(call: ast.Call, low: int, high: int | None = None) -> None:
    high = low if high is None else high
    if not low <= len(call.args) <= high:
        raise ExpressionError("expr.arity", call.pos, func=call.func, low=low, high=high,
                              given=len(call.args))


def year(node: ast.Node) -> None:
    """A year argument: a year (`2022`), or the year judged give or take whole years
    (`year_judged - 1`), so that `param(name, year_judged - 1)` reads last year's value."""
    if isinstance(node, ast.Number):
        if not (isinstance(node.value, int) and 1900 < node.value < 2200):
            raise ExpressionError("expr.year_literal", node.pos)
    elif not (_relative_year(node) and any(isinstance(n, ast.Name) for n in ast.walk(node))):
        raise ExpressionError("expr.year_literal", min(n.pos for n in ast.walk(node)))


def _relative_year(node: ast.Node) -> bool:
    match node:
        case ast.Name(name=name):
            return name == YEAR_JUDGED
        case ast.Number(value=value):
            return isinstance(value, int)
        case ast.Binary(op="+" | "-", left=left, right=right):
            return _relative_year(left) and _relative_year(right)
    return False


def parameter(node: ast.Node, env: Environment) -> str:
    """The dated value (a national parameter or the pack's own) an argument names."""
    if not isinstance(node, ast.Name) or node.name not in env.parameters:
        given = node.name if isinstance(node, ast.Name) else "?"
        raise unknown("expr.unknown_parameter", given, list(env.parameters), node.pos, env)
    return node.name


def in_history(inner: Checked) -> Checked:
    """What an expression read in other years reads: the same, and the facts of those years."""
    return inner.merge(inner.unit, Checked(inner.unit, history=True))


def aggregate_target(call: ast.Call, env: Environment,
                     check: Checker) -> tuple[str, str | None, Checked]:
    """`count(lettings where …)` / `sum(projects.homes where …)`: the collection, attribute,
    filter."""
    target = call.args[0]
    if not isinstance(target, ast.Name):
        raise ExpressionError("expr.aggregate_target", target.pos, func=call.func)
    name, _, attribute = target.name.partition(".")
    attributes = collection(name, target.pos, env)
    if attribute and attribute not in attributes:
        raise unknown("expr.unknown_attribute", attribute, list(attributes), target.pos, env,
                      collection=name)
    checked = Checked("collection", collections=frozenset({name}),
                      attributes=frozenset({target.name} if attribute else ()))
    if call.where is not None:
        cond = check(call.where, env.inside(name))
        if cond.unit != "bool":
            raise ExpressionError("expr.filter_not_bool", call.where.pos, unit=cond.unit)
        checked = checked.merge("collection", cond)
    return name, attribute or None, checked
