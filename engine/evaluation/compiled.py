"""A rule's expressions compiled once into closures, plus what they read.

Compiling is separate from loading so that a loaded pack stays plain, picklable data; the
closures are rebuilt (cheaply) in each process.
"""

from __future__ import annotations

from dataclasses import dataclass

from engine.facts.vocabulary import vocabulary
from engine.language import ast
from engine.language.compiler import Closure, compile_expression, figure_parts, is_figure
from engine.language.types import Checked, Environment
from engine.model.pack import Rule, ScopeKind
from engine.model.text import Text
from engine.params import Parameters
from engine.suggest import closest


@dataclass(frozen=True, slots=True)
class ShareParts:
    """The numerator and denominator of a `share(...)` measure, to state distance in homes.

    `read` reads both at once (see `figure_parts`) when they are two figures."""

    part: Closure
    whole: Closure
    of: Text | None
    read: Closure | None = None


@dataclass(frozen=True, slots=True)
class CompiledRule:
    rule: Rule
    measure: Closure | None
    bound: Closure | None
    upper: Closure | None
    signal: Closure | None
    tolerance: Closure | None
    applies_if: Closure | None
    where: Closure | None
    trigger_when: Closure | None
    trigger_done: Closure | None
    trajectory_start: Closure | None
    milestones: tuple[tuple[int, Closure], ...]
    share_parts: ShareParts | None
    reads: Checked


def _env(rule: Rule, parameters: Parameters) -> Environment:
    vocab = vocabulary()
    env = Environment(vocab.figures, vocab.collections, parameters.units(), suggest=closest)
    return env.inside(rule.scope.collection) if rule.scope.kind is ScopeKind.EACH else env


def _share_parts(tree: ast.Node, env: Environment) -> ShareParts | None:
    if not (isinstance(tree, ast.Call) and tree.func == "share"):
        return None
    vocab = vocabulary()
    if tree.where is not None:
        collection = tree.args[0].name  # type: ignore[union-attr]
        count = ast.Call("count", tree.args, tree.where, tree.pos)
        total = ast.Call("count", tree.args, None, tree.pos)
        return ShareParts(compile_expression(count, env), compile_expression(total, env),
                          COLLECTION_NOUNS.get(collection))
    part, whole = tree.args
    of = vocab.labels.get(part.name) if isinstance(part, ast.Name) else None
    figures = is_figure(part, env) and is_figure(whole, env)
    read = figure_parts(part.name, whole.name) if figures else None  # type: ignore[union-attr]
    return ShareParts(compile_expression(part, env), compile_expression(whole, env), of, read)


COLLECTION_NOUNS = {
    "projects": Text("projecten", "projects"),
    "lettings": Text("verhuringen", "lettings"),
    "neighbourhoods": Text("wijken", "neighbourhoods"),
    "plots": Text("kavels", "plots"),
    "homes": Text("woningen", "homes"),
    "meetings": Text("overleggen", "meetings"),
    "deliverables": Text("producten", "deliverables"),
}


def compile_rule(rule: Rule, parameters: Parameters) -> CompiledRule:
    env = _env(rule, parameters)

    def closure(node: ast.Node | None) -> Closure | None:
        return None if node is None else compile_expression(node, env)

    trigger = rule.trigger
    trajectory = rule.trajectory
    return CompiledRule(
        rule=rule,
        measure=closure(rule.measure.tree if rule.measure else None),
        bound=closure(rule.norm.tree.bound if rule.norm else None),
        upper=closure(rule.norm.tree.upper if rule.norm else None),
        signal=closure(rule.signal.level.tree.bound if rule.signal else None),
        tolerance=closure(rule.tolerance),
        applies_if=closure(rule.applies_if.tree if rule.applies_if else None),
        where=closure(rule.scope.where.tree if rule.scope.where else None),
        trigger_when=closure(trigger.when.tree if trigger and trigger.when else None),
        trigger_done=closure(trigger.done.tree if trigger and trigger.done else None),
        trajectory_start=closure(trajectory.start_value if trajectory else None),
        milestones=tuple((year, compile_expression(node, env))
                         for year, node in (trajectory.milestones if trajectory else ())),
        share_parts=_share_parts(rule.measure.tree, env) if rule.measure else None,
        reads=rule.reads,
    )
