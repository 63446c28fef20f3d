"""Static units of expressions: the check that makes `30` versus `30%` a load-time error.

Units: count, eur, share, bool, text, date, year, list, and `number` for a bare literal or a
quotient, which unifies with count and eur (a bare number is a count or an amount) but never
with share. Checking happens once when a pack loads, so evaluation needs no unit tests at all.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from woonpact.engine.language import ast
from woonpact.engine.language.errors import ExpressionError

NUMERIC = {"count", "eur", "number", "year"}
ARITHMETIC = NUMERIC | {"share"}
# The year judged, as a name: spelled so that it cannot be mistaken for the `year` a dated entity
# has inside `where` (lettings, meetings, deliverables), which keeps its meaning there.
YEAR_JUDGED = "year_judged"


@dataclass(frozen=True)
class Environment:
    """What names mean where an expression is checked.

    `entity` names the collection whose attributes are in scope (inside `where`, or for a
    per-entity rule); `figures` and `collections` come from the fact vocabulary and
    `parameters` from the national parameter file.
    """

    figures: Mapping[str, str]
    collections: Mapping[str, Mapping[str, str]]
    parameters: Mapping[str, str]
    entity: str | None = None
    suggest: Callable[[str, list[str]], str | None] = field(default=lambda name, known: None)

    def inside(self, collection: str) -> Environment:
        return Environment(
            self.figures, self.collections, self.parameters, collection, self.suggest
        )

    def position(self, collection: str, attribute: str) -> int | None:
        """Where an attribute stands in an entity's row: rows follow the vocabulary's attribute
        order (engine/model/entities.py); None for an attribute the collection lacks."""
        attributes = tuple(self.collections[collection])
        return attributes.index(attribute) if attribute in attributes else None


@dataclass(frozen=True, slots=True)
class Checked:
    """The result of checking: the unit, and every name the expression reads (for `facts used`).

    `summed` holds the figures read as the corporations' sum (`corporations(stock_total)`),
    apart from `figures`, which are read in the expression's own scope."""

    unit: str
    figures: frozenset[str] = frozenset()
    attributes: frozenset[str] = frozenset()
    collections: frozenset[str] = frozenset()
    parameters: frozenset[str] = frozenset()
    history: bool = False
    summed: frozenset[str] = frozenset()

    def merge(self, unit: str, *others: Checked) -> Checked:
        return Checked(
            unit,
            self.figures.union(*(o.figures for o in others)),
            self.attributes.union(*(o.attributes for o in others)),
            self.collections.union(*(o.collections for o in others)),
            self.parameters.union(*(o.parameters for o in others)),
            self.history or any(o.history for o in others),
            self.summed.union(*(o.summed for o in others)),
        )


def unify(a: str, b: str) -> str | None:
    """The common unit of two operands, or None when they cannot meet."""
    if a == b:
        return a
    pair = {a, b}
    if "number" in pair and pair & {"count", "eur", "year"}:
        return (pair - {"number"}).pop()
    if pair == {"count", "year"}:
        return "count"
    return None


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
            _expect(inner.unit, {"bool"}, pos, "not")
            return inner
        case ast.Unary(op="-", operand=operand, pos=pos):
            inner = check(operand, env)
            _expect(inner.unit, ARITHMETIC, pos, "-")
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
        collection, attribute = name.split(".", 1)
        attributes = _collection(collection, pos, env)
        if attribute not in attributes:
            raise _unknown("expr.unknown_attribute", attribute, list(attributes), pos, env,
                           collection=collection)
        return Checked(attributes[attribute], collections=frozenset({collection}),
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
    raise _unknown("expr.unknown_name", name, known, pos, env)


def _collection(name: str, pos: int, env: Environment) -> Mapping[str, str]:
    if name not in env.collections:
        raise _unknown("expr.unknown_collection", name, list(env.collections), pos, env)
    return env.collections[name]


def _unknown(key: str, name: str, known: list[str], pos: int, env: Environment,
             **params: object) -> ExpressionError:
    hint = env.suggest(name, known)
    return ExpressionError(key, pos, name=name, suggestion=hint or "", **params)


def _expect(unit: str, allowed: set[str], pos: int, op: str) -> None:
    if unit not in allowed:
        raise ExpressionError("expr.bad_operand", pos, op=op, unit=unit)


def _check_binary(op: str, left: Checked, right: Checked, pos: int, node: ast.Binary) -> Checked:
    lu, ru = left.unit, right.unit
    if op in ("and", "or"):
        _expect(lu, {"bool"}, pos, op)
        _expect(ru, {"bool"}, pos, op)
        return left.merge("bool", right)
    if op in ("==", "!=", "<", "<=", ">", ">="):
        if unify(lu, ru) is None:
            raise share_as_number(node.right, lu) or share_as_number(node.left, ru) \
                or _mismatch(lu, ru, pos, op)
        if op not in ("==", "!=") and lu in ("bool", "text"):
            raise ExpressionError("expr.bad_operand", pos, op=op, unit=lu)
        return left.merge("bool", right)
    _expect(lu, ARITHMETIC, pos, op)
    _expect(ru, ARITHMETIC, pos, op)
    if op == "-" and lu == "year" and ru in ("year", "number"):
        # a span of years (`year_judged - 2024`): a plain number, so that `2% * (year_judged - 2024)`
        # is a share; it still meets a year where one is compared (`year == year_judged - 1`)
        return left.merge("number", right)
    if op in ("+", "-"):
        unit = unify(lu, ru)
        if unit is None:
            raise _mismatch(lu, ru, pos, op)
        return left.merge(unit, right)
    if op == "*":
        return left.merge(_product_unit(lu, ru, pos), right)
    # division: like over like is a plain number; anything over a plain number keeps its unit
    if ru == "number":
        return left.merge(lu, right)
    if unify(lu, ru) is not None:
        return left.merge("number", right)
    raise _mismatch(lu, ru, pos, op)


def _check_membership(node: ast.Binary, env: Environment) -> Checked:
    """`"wywonen" in parties`: a text looked up in a list (a meeting's participants)."""
    member, members = check(node.left, env), check(node.right, env)
    if members.unit != "list":
        raise ExpressionError("expr.not_a_list", node.right.pos, unit=members.unit)
    _expect(member.unit, {"text"}, node.pos, "in")
    return member.merge("bool", members)


def _product_unit(lu: str, ru: str, pos: int) -> str:
    pair = sorted((lu, ru))
    if "number" in pair:
        return pair[0] if pair[1] == "number" else pair[1]
    if pair[0] == "share" or pair[1] == "share":
        other = pair[1] if pair[0] == "share" else pair[0]
        return other if other != "share" else "share"
    raise _mismatch(lu, ru, pos, "*")


def share_as_number(node: ast.Node, unit: str) -> ExpressionError | None:
    """A bare number where a share is meant (`<= 0.075` against a share): say what to write."""
    if unit != "share" or not isinstance(node, ast.Number):
        return None
    percent = node.value * 100 if node.value <= 1 else node.value
    return ExpressionError("expr.share_as_number", node.pos, text=f"{node.value:g}",
                           percent=f"{percent:g}%")


def _mismatch(lu: str, ru: str, pos: int, op: str) -> ExpressionError:
    key = "expr.share_vs_number" if {lu, ru} & {"share"} else "expr.unit_mismatch"
    return ExpressionError(key, pos, left=lu, right=ru, op=op)


# -- functions ------------------------------------------------------------------------------

def _arity(call: ast.Call, low: int, high: int | None = None) -> None:
    high = low if high is None else high
    if not low <= len(call.args) <= high:
        raise ExpressionError("expr.arity", call.pos, func=call.func, low=low, high=high,
                              given=len(call.args))


def _no_where(call: ast.Call) -> None:
    if call.where is not None:
        raise ExpressionError("expr.where_not_allowed", call.pos, func=call.func)


def _aggregate_target(call: ast.Call, env: Environment) -> tuple[str, str | None, Checked]:
    """`count(lettings where …)` / `sum(projects.homes where …)`: the collection, attribute, filter."""
    target = call.args[0]
    if not isinstance(target, ast.Name):
        raise ExpressionError("expr.aggregate_target", target.pos, func=call.func)
    collection, _, attribute = target.name.partition(".")
    attributes = _collection(collection, target.pos, env)
    if attribute and attribute not in attributes:
        raise _unknown("expr.unknown_attribute", attribute, list(attributes), target.pos, env,
                       collection=collection)
    checked = Checked("collection", collections=frozenset({collection}),
                      attributes=frozenset({target.name} if attribute else ()))
    if call.where is not None:
        cond = check(call.where, env.inside(collection))
        if cond.unit != "bool":
            raise ExpressionError("expr.filter_not_bool", call.where.pos, unit=cond.unit)
        checked = checked.merge("collection", cond)
    return collection, attribute or None, checked


def _check_call(call: ast.Call, env: Environment) -> Checked:
    func = call.func
    if func == "count":
        _arity(call, 1)
        _, attribute, checked = _aggregate_target(call, env)
        if attribute is not None:
            raise ExpressionError("expr.aggregate_target", call.args[0].pos, func=func)
        return checked.merge("count")
    if func == "sum":
        _arity(call, 1)
        _, attribute, checked = _aggregate_target(call, env)
        if attribute is None:
            raise ExpressionError("expr.aggregate_attribute", call.args[0].pos, func=func)
        unit = env.collections[call.args[0].name.split(".")[0]][attribute]
        _expect(unit, ARITHMETIC, call.pos, func)
        return checked.merge(unit)
    if func == "share":
        if call.where is not None:
            _arity(call, 1)
            _, attribute, checked = _aggregate_target(call, env)
            if attribute is not None:
                raise ExpressionError("expr.aggregate_target", call.args[0].pos, func=func)
            return checked.merge("share")
        _arity(call, 2)
        part, whole = (check(a, env) for a in call.args)
        if unify(part.unit, whole.unit) is None or part.unit in ("share", "bool", "text"):
            raise _mismatch(part.unit, whole.unit, call.pos, "share")
        return part.merge("share", whole)
    if func in ("min", "max"):
        _no_where(call)
        _arity(call, 2)
        a, b = (check(x, env) for x in call.args)
        unit = unify(a.unit, b.unit)
        if unit is None or unit not in ARITHMETIC:
            raise _mismatch(a.unit, b.unit, call.pos, func)
        return a.merge(unit, b)
    _no_where(call)
    if func == "param":
        _arity(call, 1, 2)
        name = call.args[0]
        if not isinstance(name, ast.Name) or name.name not in env.parameters:
            given = name.name if isinstance(name, ast.Name) else "?"
            raise _unknown("expr.unknown_parameter", given, list(env.parameters), name.pos, env)
        checked = Checked(env.parameters[name.name], parameters=frozenset({name.name}))
        if len(call.args) == 2:
            _year(call.args[1])
        return checked
    if func == "previous":
        _arity(call, 1)
        inner = check(call.args[0], env)
        return inner.merge(inner.unit, Checked(inner.unit, history=True))
    if func == "at":
        _arity(call, 2)
        _year(call.args[0])
        inner = check(call.args[1], env)
        return inner.merge(inner.unit, Checked(inner.unit, history=True))
    if func == "cumulative":
        _arity(call, 2)
        inner = check(call.args[0], env)
        _expect(inner.unit, NUMERIC, call.pos, func)
        _year(call.args[1])
        return inner.merge(inner.unit, Checked(inner.unit, history=True))
    if func == "price_level":
        _arity(call, 3)
        amount = check(call.args[0], env)
        if unify(amount.unit, "eur") != "eur":
            raise _mismatch(amount.unit, "eur", call.pos, func)
        _year(call.args[1])
        index = call.args[2]
        if not isinstance(index, ast.Name) or index.name not in env.parameters:
            given = index.name if isinstance(index, ast.Name) else "?"
            raise _unknown("expr.unknown_parameter", given, list(env.parameters), index.pos, env)
        return amount.merge("eur", Checked("eur", parameters=frozenset({index.name})))
    if func == "corporations":
        _arity(call, 1)
        name = call.args[0]
        if not isinstance(name, ast.Name) or name.name not in env.figures:
            given = name.name if isinstance(name, ast.Name) else "?"
            raise _unknown("expr.unknown_name", given, list(env.figures), name.pos, env)
        unit = env.figures[name.name]
        _expect(unit, {"count", "eur"}, call.pos, func)
        return Checked(unit, summed=frozenset({name.name}))
    if func == "condition":
        _arity(call, 1)
        if not isinstance(call.args[0], ast.Text):
            raise ExpressionError("expr.condition_name", call.args[0].pos)
        return Checked("bool")
    if func == "exists":
        _arity(call, 1)
        inner = check(call.args[0], env)
        return inner.merge("bool")
    raise ExpressionError("expr.unknown_function", call.pos, func=func,
                          suggestion=env.suggest(func, list(FUNCTIONS)) or "")


def _year(node: ast.Node) -> None:
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


FUNCTIONS: dict[str, tuple[tuple[str, str], ...]] = {
    # name -> its forms: (signature, what it gives); docs/rule-language.md is generated from this
    "count": (("count(collection [where condition])", "how many entities (in party scope: that party's) pass"),),
    "sum": (("sum(collection.attribute [where condition])", "the sum of an attribute"),),
    "share": (("share(part, whole)", "a share of two counts or amounts"),
              ("share(collection where condition)", "the share of entities that pass")),
    "min": (("min(a, b)", "the smaller"),),
    "max": (("max(a, b)", "the larger"),),
    "param": (("param(name [, year])", "a dated value in force on 1 January of the year judged "
                                       "(or of `year`): a national parameter "
                                       "(`rules/national/parameters.yaml`) or the pack's own, "
                                       "which a fact set may set for its year"),),
    "previous": (("previous(expression)", "the expression in the previous year"),),
    "at": (("at(year, expression)", "the expression in a baseline year"),),
    "cumulative": (("cumulative(expression, from_year)", "the sum of the expression over `from_year` through the year judged"),),
    "price_level": (("price_level(amount, base_year, index)", "an amount at `base_year` prices, indexed to the year judged "
                                                              "with the national index parameter `index`"),),
    "corporations": (("corporations(figure)",
                      "a count or amount summed over the pack's corporations, each from its own "
                      "section (`corporations(stock_total)`: their homes, where `stock_total` "
                      "alone is the municipality's)"),),
    "condition": (('condition("name")', "a named true/false fact from the fact set's `conditions`"),),
    "exists": (("exists(expression)", "true when every fact the expression needs is present"),),
}
