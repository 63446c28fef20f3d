"""The ids, kinds and codes that tie facts to rules, and the facts that would miss them.

A rule picks entities by text: `count(deliverables where id == "mutatiedata")`, a milestone's
deliverable, a meeting's participants (`"gemeente" in parties`), a context's party. A value that
differs by one letter (`Mutatiedata`) matches nothing, and the clause is judged as if the thing
never happened: a false breach that climbs the disputes ladder. So the values facts give such
attributes are checked against the texts the rules compare them with:

- an attribute is *closed* when every read of its collection picks entities by it (each
  `count`/`sum`/`share` over deliverables filters `id == "…"`, and milestones name theirs): an
  entity with any other value is read by no rule, so the value is refused, with the nearest
  value meant and the values the rules read;
- an attribute that is matched but also read whole (a project's id, where other rules count all
  projects) stays free text, but a value that differs from a matched one only in case, spaces
  or punctuation (`Potgieterstraat`, `potgieter straat`) is refused as the typo it is;
- a collection's `party` and a meeting's `parties` are party ids of the pack, and so is a
  figure's `contested_by`; a fact set's conditions are those the rules read.

Enumerations of the vocabulary (a meeting's kind, a letting's target group) are closed already
by the facts schema: a value of the enumeration that no rule reads cannot be a typo, so it
stays allowed. The checks run in `engine.check.cross_check`, where pack and facts meet.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from woonpact.engine.errors import Problem
from woonpact.engine.facts.plausible import sections
from woonpact.engine.facts.vocabulary import vocabulary
from woonpact.engine.language.functions import FUNCTIONS
from woonpact.engine.model import ast
from woonpact.engine.model.facts import FactSet
from woonpact.engine.model.pack import Pack, Rule, ScopeKind
from woonpact.engine.schema import MAX_PROBLEMS
from woonpact.engine.suggest import closest

SHOWN = 8  # values listed in a message before "…"


@dataclass(frozen=True)
class Codes:
    """The texts the rules compare one attribute with, and whether they are all it may hold."""

    values: frozenset[str]
    closed: bool


@dataclass
class _Reads:
    values: dict[tuple[str, str], set[str]]
    picked: dict[str, list[frozenset[str]]]  # per collection: each read's attributes picked by


def matched_codes(rules: Iterable[Rule]) -> dict[tuple[str, str], Codes]:
    """Each (collection, attribute) a rule compares with a text, with the texts compared."""
    reads = _Reads(defaultdict(set), defaultdict(list))
    for rule in rules:
        entity = rule.scope.collection if rule.scope.kind is ScopeKind.EACH else None
        if entity is not None:
            where = rule.scope.where.tree if rule.scope.where else None
            reads.picked[entity].append(_picked_by(where, entity))
        for tree in rule.trees():
            _walk(tree, entity, reads)
        if rule.milestone is not None:
            reads.values[("deliverables", "id")].add(rule.milestone.deliverable)
            reads.picked["deliverables"].append(frozenset({"id"}))
    return {(collection, attribute):
            Codes(frozenset(values), all(attribute in p for p in reads.picked.get(collection, ())))
            for (collection, attribute), values in reads.values.items()}


def conditions_read(rules: Iterable[Rule], name_of: dict[str, str]) -> dict[str, tuple[str, ...]]:
    """Each condition the rules read, with the clauses (as `name_of` names them) that read it."""
    found: dict[str, dict[str, None]] = {}
    for rule in rules:
        for node in (n for tree in rule.trees() for n in ast.walk(tree)):
            if isinstance(node, ast.Call) and node.func == "condition" \
                    and isinstance(node.args[0], ast.Text):
                found.setdefault(node.args[0].value, {})[name_of[rule.key]] = None
    return {name: tuple(clauses) for name, clauses in found.items()}


def _walk(node: ast.Node, entity: str | None, reads: _Reads) -> None:
    """Note every comparison of an attribute with a text, in the collection it is read in."""
    stack = [(node, entity)]
    while stack:
        current, inside = stack.pop()
        match current:
            case ast.Binary(op="==" | "!=", left=left, right=right):
                for name, text in ((left, right), (right, left)):
                    if isinstance(name, ast.Name) and isinstance(text, ast.Text):
                        _note(name.name, inside, text.value, reads)
                stack += [(left, inside), (right, inside)]
            case ast.Binary(op="in", left=ast.Text(value=value), right=ast.Name(name=name)):
                _note(name, inside, value, reads)
            case ast.Binary(left=left, right=right):
                stack += [(left, inside), (right, inside)]
            case ast.Unary(operand=operand):
                stack.append((operand, inside))
            case ast.Call(func=func, args=(ast.Name(name=target), *rest), where=where) \
                    if FUNCTIONS[func].aggregate \
                    and target.partition(".")[0] in vocabulary().collections:
                collection = target.partition(".")[0]
                reads.picked[collection].append(_picked_by(where, collection))
                stack += [(a, inside) for a in rest]
                if where is not None:
                    stack.append((where, collection))
            case ast.Call(args=args, where=where):
                stack += [(a, inside) for a in (*args, *([where] if where is not None else []))]
            case ast.Name(name=name):
                collection, dot, _ = name.partition(".")
                collections = vocabulary().collections
                whole = dot or inside is None or name not in collections[inside]
                if collection in collections and whole:
                    reads.picked[collection].append(frozenset())  # a collection read whole


def _note(name: str, inside: str | None, value: str, reads: _Reads) -> None:
    collection, _, attribute = name.rpartition(".")
    collection = collection or inside or ""
    if attribute in vocabulary().collections.get(collection, {}):
        reads.values[(collection, attribute)].add(value)


def _picked_by(where: ast.Node | None, collection: str) -> frozenset[str]:
    """The attributes a filter requires to equal a text (`kind == "x" and quarter == 1`)."""
    picked = set()
    for conjunct in _conjuncts(where):
        if isinstance(conjunct, ast.Binary) and conjunct.op == "==":
            for name, text in ((conjunct.left, conjunct.right), (conjunct.right, conjunct.left)):
                if isinstance(name, ast.Name) and isinstance(text, ast.Text) \
                        and name.name in vocabulary().collections[collection]:
                    picked.add(name.name)
    return frozenset(picked)


def _conjuncts(node: ast.Node | None) -> Iterator[ast.Node]:
    if isinstance(node, ast.Binary) and node.op == "and":
        yield from _conjuncts(node.left)
        yield from _conjuncts(node.right)
    elif node is not None:
        yield node


# -- the facts -------------------------------------------------------------------------------

def code_problems(pack: Pack, fact_set: FactSet, codes: dict[tuple[str, str], Codes],
                  conditions: dict[str, tuple[str, ...]]) -> list[Problem]:
    """Every value of a fact set that a rule would silently fail to match."""
    party_ids = [p.id for p in pack.parties]
    problems = []
    for name, entities in fact_set.collections.items():
        for attribute, position in entities.position.items():
            column = entities.columns[position]
            if attribute == "party":
                problems += _unknown_parties(pack, fact_set, name, column, party_ids)
            elif attribute == "parties":
                problems += _unknown_participants(pack, fact_set, column, party_ids)
            elif (name, attribute) in codes and (name, attribute) not in vocabulary().enums:
                problems += _unmatched(fact_set, name, attribute, column, codes[(name, attribute)])
    for section, field in sections(fact_set):
        for figure, contest in section.contested.items():
            if contest.by not in party_ids:
                hint = closest(contest.by, party_ids) or ""
                problems.append(_problem(fact_set, "facts.unknown_party",
                                         f"{field}.figures.{figure}.contested_by", party=contest.by,
                                         pack=pack.id, suggestion=hint))
    for condition in fact_set.conditions:
        if condition not in conditions:
            problems.append(_problem(fact_set, "facts.unknown_condition", f"conditions.{condition}",
                                     name=condition, pack=pack.id, allowed=_shown(conditions),
                                     suggestion=closest(condition, conditions) or ""))
    if len(problems) > MAX_PROBLEMS:  # a whole column misspelt: the first few say it
        more = Problem("facts.more", fact_set.path, params={"count": len(problems) - MAX_PROBLEMS})
        problems = [*problems[:MAX_PROBLEMS], more]
    return problems


def _problem(fact_set: FactSet, key: str, field: str, **params: object) -> Problem:
    """A problem at a data path of the fact set; `engine.check.placed` finds its line or cell."""
    return Problem(key, file=fact_set.path, field=field, params=params)


def _unknown_parties(pack: Pack, fact_set: FactSet, collection: str, column: tuple[object, ...],
                     party_ids: list[str]) -> list[Problem]:
    """A context reads a party's entities by their `party`: a name the pack does not know would
    leave an entity out of every count for that party."""
    if set(column) <= {None, *party_ids}:
        return []
    return [_problem(fact_set, "facts.unknown_party", f"collections.{collection}[{index}].party",
                     party=party, pack=pack.id, suggestion=closest(str(party), party_ids) or "")
            for index, party in enumerate(column) if party is not None and party not in party_ids]


def _unknown_participants(pack: Pack, fact_set: FactSet, column: tuple[object, ...],
                          party_ids: list[str]) -> list[Problem]:
    """A meeting's participants are tested by id (`"gemeente" in parties`): a name the pack does
    not know would make the meeting count for nobody."""
    return [_problem(fact_set, "facts.unknown_participant",
                     f"collections.meetings[{i}].parties[{j}]", party=party, pack=pack.id,
                     allowed=", ".join(party_ids), suggestion=closest(party, party_ids) or "")
            for i, parties in enumerate(column) if isinstance(parties, list)
            for j, party in enumerate(parties) if party not in party_ids]


def _unmatched(fact_set: FactSet, collection: str, attribute: str, column: tuple[object, ...],
               codes: Codes) -> list[Problem]:
    problems = []
    near = {_folded(v): v for v in codes.values}
    for index, value in enumerate(column):
        if not isinstance(value, str) or value in codes.values:
            continue
        meant = near.get(_folded(value))
        if not codes.closed and meant is None:
            continue  # free text: another project, not a misspelt one
        problems.append(_problem(fact_set, "facts.unknown_code",
                                 f"collections.{collection}[{index}].{attribute}", value=value,
                                 name=f"{collection}.{attribute}", allowed=_shown(codes.values),
                                 suggestion=meant or closest(value, codes.values) or ""))
    return problems


def _folded(text: str) -> str:
    """A text without case, spaces and punctuation: `Potgieter straat` and `potgieterstraat`."""
    return re.sub(r"[\W_]+", "", text.casefold())


def _shown(values: Iterable[str]) -> str:
    ordered = sorted(values)
    return ", ".join(ordered[:SHOWN] + (["…"] if len(ordered) > SHOWN else [])) or "—"
