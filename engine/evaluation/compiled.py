"""A rule's expressions compiled once into closures, plus what they read.

Compiling is separate from loading so that a loaded pack stays plain, picklable data; the
closures are rebuilt (cheaply) in each process.
"""

from __future__ import annotations

from dataclasses import dataclass

from woonpact.engine.facts.vocabulary import Vocabulary, vocabulary
from woonpact.engine.language.columns import Mask, compile_mask
from woonpact.engine.language.compiler import Closure, compile_expression, is_figure
from woonpact.engine.language.units import Environment
from woonpact.engine.model import ast
from woonpact.engine.model.pack import Rule, ScopeKind
from woonpact.engine.model.parameters import Parameters
from woonpact.engine.model.reads import Checked
from woonpact.engine.model.text import Text
from woonpact.engine.suggest import closest


@dataclass(frozen=True, slots=True)
class ShareParts:
    """The numerator and denominator of a `share(...)` measure, to state distance in homes.

    `figures`: their names when both are figures, which a judge then reads itself (judge.py
    `_constant_norm`)."""

    part: Closure
    whole: Closure
    of: Text | None
    figures: tuple[str, str] | None = None


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
    in_scope: Mask | None  # `where` and the trigger's `when` over whole columns, when they can be
    trigger_done: Closure | None
    trajectory_start: Closure | None
    milestones: tuple[tuple[int, Closure], ...]
    share_parts: ShareParts | None
    reads: Checked
    env: Environment  # the names as the rule's expressions read them: positions of attributes


def environment(rule: Rule, parameters: Parameters,
                vocab: Vocabulary | None = None) -> Environment:
    """What names mean in the rule's expressions: inside its collection for a rule per entity;
    `vocab`: the pack's vocabulary (its own figures added), else the shared one."""
    vocab = vocab or vocabulary()
    env = Environment(vocab.figures, vocab.collections, parameters.units(), suggest=closest)
    each = rule.scope.collection if rule.scope.kind is ScopeKind.EACH else None
    return env.inside(each) if each is not None else env


def _share_parts(tree: ast.Node, env: Environment, vocab: Vocabulary) -> ShareParts | None:
    if not (isinstance(tree, ast.Call) and tree.func == "share"):
        return None
    if tree.where is not None:
        collection = tree.args[0].name  # type: ignore[union-attr]
        count = ast.Call("count", tree.args, tree.where, tree.pos)
        total = ast.Call("count", tree.args, None, tree.pos)
        return ShareParts(compile_expression(count, env), compile_expression(total, env),
                          vocab.nouns[collection])
    part, whole = tree.args
    of = vocab.labels.get(part.name) if isinstance(part, ast.Name) else None
    figures = ((part.name, whole.name)  # type: ignore[union-attr]
               if is_figure(part, env) and is_figure(whole, env) else None)
    return ShareParts(compile_expression(part, env), compile_expression(whole, env), of, figures)


def _in_scope(rule: Rule, env: Environment) -> Mask | None:
    """Both filters of a per-entity rule as one column program; the row closures still decide
    whenever the data asks for them (engine/language/columns.py)."""
    trees = [e.tree for e in (rule.scope.where, rule.trigger.when if rule.trigger else None)
             if e is not None]
    if rule.scope.kind is not ScopeKind.EACH or not trees:
        return None
    tree = trees[0] if len(trees) == 1 else ast.Binary("and", trees[0], trees[1], trees[1].pos)
    return compile_mask(tree, env, compile_expression)


def compile_rule(rule: Rule, parameters: Parameters,
                 vocab: Vocabulary | None = None) -> CompiledRule:
    """`vocab`: the vocabulary the facts were read with (the pack's own figures added), whose
    attribute order the entities' rows follow."""
    vocab = vocab or vocabulary()
    env = environment(rule, parameters, vocab)

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
        in_scope=_in_scope(rule, env),
        trigger_done=closure(trigger.done.tree if trigger and trigger.done else None),
        trajectory_start=closure(trajectory.start_value if trajectory else None),
        milestones=tuple((year, compile_expression(node, env))
                         for year, node in (trajectory.milestones if trajectory else ())),
        share_parts=_share_parts(rule.measure.tree, env, vocab) if rule.measure else None,
        reads=rule.reads,
        env=env,
    )
