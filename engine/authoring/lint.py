"""`woonpact lint`: every mistake in a pack at once, each with its place and what to do.

Errors are exactly what the loader refuses (schema, expressions, units, parties, ids, years, a
name used that neither the shared vocabulary nor the pack declares), so `lint` and `check`
never disagree about whether a pack can be used. Warnings are things a pack may legally say but
almost certainly does not mean: a filter no item can pass, a comparison with a value an
attribute never takes, a quote that is a placeholder, a figure, attribute or dated value the
pack (or, linting all its packs, the workspace) declares and no rule reads.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from woonpact.engine import schema, yamlio
from woonpact.engine.authoring.filters import Attributes, comparisons, never_true, start
from woonpact.engine.errors import InputError, Problem
from woonpact.engine.facts.vocabulary import Vocabulary, vocabulary
from woonpact.engine.language.errors import ExpressionError
from woonpact.engine.language.parser import parse_expression, parse_norm
from woonpact.engine.model import ast
from woonpact.engine.model.pack import Pack
from woonpact.engine.output.result import ExitCode
from woonpact.engine.params import bundled as parameters
from woonpact.engine.rules.loader import pack_from_data
from woonpact.engine.rules.packs import included_rules, workspace_declarations
from woonpact.engine.suggest import closest
from woonpact.engine.workspace import FILE, Workspace, of_pack

EXPRESSION_FIELDS = (("measure",), ("applies_if",), ("trigger", "when"), ("trigger", "done"))
NORM_FIELDS = (("norm",), ("signal", "level"))
PLACEHOLDER = re.compile(r"\b(todo|fixme|tbd|xxx+|lorem|ipsum)\b|^\W*$", re.IGNORECASE)
MIN_QUOTE_WORDS = 3


@dataclass(frozen=True)
class LintReport:
    path: Path
    problems: tuple[Problem, ...]
    reads: frozenset[str] = frozenset()  # the figures, attributes and parameters its rules read

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity == "error")

    @property
    def warnings(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity == "warning")


def pack_paths(targets: tuple[Path, ...] | list[Path]) -> list[Path]:
    """The pack files the arguments stand for: a file itself, or every pack in a folder."""
    found = []
    for target in targets:
        found += sorted(target.glob("*.yaml")) if target.is_dir() else [target]
    return found


def lint_pack(path: Path) -> LintReport:
    try:
        data = yamlio.load(path)
        schema.validate(data, "pack.schema.json", path)
    except InputError as error:
        return LintReport(path, tuple(error.problems))
    problems: list[Problem] = []
    reads: frozenset[str] = frozenset()
    vocab = vocabulary()
    try:
        pack = pack_from_data(data, path, parameters(), workspace_declarations(of_pack(path)))
        included_rules(pack)
    except InputError as error:
        problems += [_with_file(p, path) for p in error.problems]
    else:
        vocab, reads = vocabulary(pack.declarations), _reads(pack)
        problems += _unused(data, path, pack, reads)
    problems += _Warnings(path, data, vocab).all()
    ordered = sorted(problems, key=lambda p: (p.line or 0, p.column or 0))
    return LintReport(path, tuple(ordered), reads)


def _reads(pack: Pack) -> frozenset[str]:
    return frozenset().union(*(r.reads.figures | r.reads.attributes | r.reads.parameters
                               for r in pack.rules))


def _unused(data: Any, path: Path, pack: Pack, reads: frozenset[str]) -> list[Problem]:
    """What the pack itself declares and none of its rules reads: a figure nobody will report,
    or a rule that reads a shared figure where it meant its own."""
    own = [name for name, spec in pack.declarations.names().items()
           if spec.declared_in != FILE]  # not the workspace's
    return [_unused_warning(data, path, name,
                            ["parameters", name] if name in pack.parameters else None)
            for name in [*own, *pack.parameters] if name not in reads]


def _unused_warning(data: Any, path: Path, name: str, field: list[Any] | None = None) -> Problem:
    if field is None:
        field = ["vocabulary", "attributes", *name.split(".")] if "." in name \
            else ["vocabulary", "figures", name]
    return Problem("lint.declared_unused", path, *yamlio.locate(data, field), yamlio.dotted(field),
                   {"name": name}, severity="warning")


def lint_workspace(workspace: Workspace, reports: list[LintReport]) -> LintReport | None:
    """The figures the workspace's file declares that none of its packs reads; only when every
    pack of the workspace was linted without errors, since another pack may read them."""
    linted = {r.path.resolve() for r in reports if not r.errors}  # with errors, nothing is read
    every = all(p.resolve() in linted for p in workspace.rules.glob("*.yaml"))
    if not workspace.file.is_file() or not every:
        return None
    try:
        declared = workspace_declarations(workspace)
    except InputError as error:
        return LintReport(workspace.file, tuple(error.problems))
    if not declared:
        return None
    reads = frozenset().union(*(r.reads for r in reports))
    data = yamlio.load(workspace.file)
    return LintReport(workspace.file, tuple(_unused_warning(data, workspace.file, name)
                                            for name in declared.names() if name not in reads))


def exit_code(reports: list[LintReport], strict: bool) -> ExitCode:
    """2 when any pack has an error; 1 with `--strict` when any has a warning; else 0."""
    if any(r.errors for r in reports):
        return ExitCode.BAD_INPUT
    if strict and any(r.warnings for r in reports):
        return ExitCode.FAILING
    return ExitCode.OK


def _with_file(problem: Problem, path: Path) -> Problem:
    if problem.file is not None:
        return problem
    return Problem(problem.key, path, problem.line, problem.column, problem.field, problem.params,
                   problem.severity)


class _Warnings:
    """The lint-only checks, on schema-valid pack data; an expression that does not parse is
    skipped here because the loader has already reported it."""

    def __init__(self, path: Path, data: Any, vocab: Vocabulary) -> None:
        self.path = path
        self.data = data
        self.attributes = {
            name: Attributes(units, {attr: values for (coll, attr),
                                     values in vocab.enums.items() if coll == name})
            for name, units in vocab.collections.items()
        }

    def all(self) -> list[Problem]:
        found: list[Problem] = []
        for path, rule in self.rules():
            found += self.filters(rule, path)
            found += self.quote(rule.get("source"), [*path, "source"])
        for i, amendment in enumerate(self.data.get("amendments") or ()):
            found += self.quote(amendment.get("source"), ["amendments", i, "source"])
        return found

    def rules(self) -> Iterator[tuple[list[Any], Any]]:
        for i, rule in enumerate(self.data["rules"]):
            yield ["rules", i], rule
        for i, amendment in enumerate(self.data.get("amendments") or ()):
            for j, change in enumerate(amendment["changes"]):
                yield ["amendments", i, "changes", j, "set"], change["set"]

    def warning(self, key: str, field_path: list[Any],
                position: tuple[int | None, int | None] | None = None,
                **params: Any) -> Problem:
        line, column = (position if position and position[0]
                        else yamlio.locate(self.data, field_path))
        return Problem(key, self.path, line, column, yamlio.dotted(field_path), params,
                       severity="warning")

    # -- quotes ------------------------------------------------------------------------------

    def quote(self, source: Any, path: list[Any]) -> list[Problem]:
        if not isinstance(source, dict) or not isinstance(source.get("quote"), str):
            return []
        quote = source["quote"]
        if PLACEHOLDER.search(quote) or len(re.findall(r"\w+", quote)) < MIN_QUOTE_WORDS:
            return [self.warning("lint.quote_placeholder", [*path, "quote"],
                                 value=quote.strip()[:40])]
        return []

    # -- filters -----------------------------------------------------------------------------

    def filters(self, rule: Any, path: list[Any]) -> list[Problem]:
        found = []
        scope = rule.get("scope")
        outer = scope["each"] if isinstance(scope, dict) and "each" in scope else None
        if outer and isinstance(scope.get("where"), str):
            tree = _parse(scope["where"], parse_expression)
            if tree is not None:
                found += self.filter(tree, outer, scope, "where", [*path, "scope", "where"])
                found += self.calls(tree, scope, "where", [*path, "scope", "where"])
        for keys in (*EXPRESSION_FIELDS, *NORM_FIELDS):
            container = rule
            for key in keys[:-1]:
                container = container.get(key) if isinstance(container, dict) else None
            if not isinstance(container, dict) or not isinstance(container.get(keys[-1]),
                                                                 (str, int, float)):
                continue
            text = str(container[keys[-1]])
            if keys in NORM_FIELDS:
                norm = _parse(text, parse_norm)
                trees = [t for t in (norm.bound, norm.upper) if t is not None] if norm else []
            else:
                trees = [t for t in [_parse(text, parse_expression)] if t is not None]
            for tree in trees:
                found += self.calls(tree, container, keys[-1], [*path, *keys])
        return found

    def calls(self, tree: ast.Node, container: Any, key: str,
              field_path: list[Any]) -> list[Problem]:
        """The filters of `count(x where …)`, `sum(x.a where …)` and `share(x where …)`."""
        found = []
        for call in ast.walk(tree):
            if not isinstance(call, ast.Call) or call.where is None or not call.args:
                continue
            if isinstance(call.args[0], ast.Name):
                collection = call.args[0].name.split(".")[0]
                if collection in self.attributes:
                    found += self.filter(call.where, collection, container, key, field_path)
        return found

    def filter(self, where: ast.Node, collection: str, container: Any, key: str,
               field_path: list[Any]) -> list[Problem]:
        attrs = self.attributes[collection]
        text = str(container[key])

        def at(pos: int) -> tuple[int | None, int | None]:
            return yamlio.expression_position(container, key, text, pos)

        unknown = [c for c in comparisons(where, attrs)
                   if c.attribute in attrs.enums and c.op in ("==", "!=")
                   and c.value not in attrs.enums[c.attribute]]
        if unknown:
            c = unknown[0]
            return [self.warning("lint.filter_value", field_path, at(c.pos), attribute=c.attribute,
                                 collection=collection, value=c.value,
                                 suggestion=closest(str(c.value), attrs.enums[c.attribute]) or "",
                                 allowed=", ".join(attrs.enums[c.attribute]))]
        attribute = never_true(where, attrs)
        if attribute is None:
            return []
        return [self.warning("lint.filter_never", field_path, at(start(where)), attribute=attribute,
                             collection=collection)]


def _parse(text: str, parser: Any) -> Any:
    try:
        return parser(text)
    except ExpressionError:
        return None
