"""Packs and the national parameters loaded through the cache, and what a pack brings along:
the packs it includes, and the figures, attributes and dated values they and their workspace
declare, which its fact sets are validated against and its rules read.

Apart from engine/check.py, so that listing or explaining packs never imports the evaluation
engine (`woonpact list` starts as quickly as `woonpact --help`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import Any

from woonpact.engine import cache, paths, schema, yamlio
from woonpact.engine.errors import InputError, Problem
from woonpact.engine.facts.vocabulary import NONE, Vocabulary, combine, vocabulary
from woonpact.engine.model.declarations import Declarations
from woonpact.engine.model.pack import Pack, Rule
from woonpact.engine.model.parameters import Parameter, Parameters
from woonpact.engine.params import bundled as parameters
from woonpact.engine.rules.registry import find_pack, pack_path
from woonpact.engine.workspace import FILE, Workspace, of_pack


def pack_by_path(path: Path) -> Pack:
    """The pack in a file, checked against what its workspace declares (packs include packs,
    so it is shared); a change to the workspace's file makes it a different cache entry."""
    declared = workspace_declarations(of_pack(path))
    return cache.cached(path, f"pack{declared.key}", lambda p: _load_pack(p, declared), shared=True,
                        depends=(paths.PARAMETERS,))  # its expressions are checked against them


def _load_pack(path: Path, declared: Declarations) -> Pack:
    from woonpact.engine.rules.loader import load_pack  # warm, a pack is unpickled

    return load_pack(path, parameters(), declared)


def workspace_declarations(workspace: Workspace | None) -> Declarations:
    if workspace is None or not workspace.file.is_file():
        return NONE
    return cache.cached(workspace.file, "workspace", read_workspace_file, shared=True)


def read_workspace_file(path: Path) -> Declarations:
    """The figures and attributes a workspace's `woonpact.yaml` declares for all its packs."""
    from woonpact.engine.rules.declarations import read_vocabulary

    data = yamlio.load(path)
    data = yamlio.Located() if data is None else data  # a file of comments only
    schema.validate(data, "workspace.schema.json", path)
    declared, problems = read_vocabulary(data, path, {}, FILE)
    if problems:
        raise InputError(problems)
    return declared


def included_packs(pack: Pack, rules: Path | None = None,
                   chain: tuple[str, ...] = ()) -> tuple[Pack, ...]:
    """The pack followed by those it includes (the national layer), and theirs in turn.

    An included pack is looked for beside the including one, then among the bundled packs, so a
    rule author's own folder still gets the national layer."""
    if pack.id in chain:
        raise InputError(Problem("pack.include_cycle", file=pack.path,
                                 params={"chain": " -> ".join((*chain, pack.id))}))
    found = [pack]
    folder = rules if rules is not None and rules.is_dir() else pack.path.parent
    for included in pack.includes:
        path = pack_path(included, folder) or find_pack(included)  # else the bundled one
        found += included_packs(pack_by_path(path), rules, (*chain, pack.id))
    return tuple(found)


def included_rules(pack: Pack, rules: Path | None = None) -> tuple[Rule, ...]:
    """The pack's own rules followed by those of the packs it includes (the national layer).

    An included pack governs the years of its own `period` and no others: its rules are judged
    within those years only, and a pack that governs none of the including pack's years adds
    nothing. So a local pack that includes `npa-2022` (2022-2024) and `npa-2025` (2025-2035) judges
    each year against the national agreement in force that year.

    An included rule keeps its own pack id, so its findings name both packs: the rule's
    (`npa-2025/...`) and the one being checked.
    """
    first, last = period(pack)
    found = list(pack.rules)
    for layer in included_packs(pack, rules)[1:]:
        if layer.first_year <= last and first <= layer.last_year:
            found += (replace(r, first_year=max(r.first_year, layer.first_year),
                              last_year=min(r.last_year, layer.last_year))
                      for r in layer.rules)
    return tuple(found)


def period(pack: Pack) -> tuple[int, int]:
    """The years the agreement is judged in: its period, and after it as far as one of its own
    clauses runs ("tot en met 2025")."""
    return pack.first_year, max((pack.last_year, *(r.last_year for r in pack.rules)))


def facts_vocabulary(packs: Iterable[Pack]) -> Vocabulary:
    """What the fact sets of an agreement may name: the shared vocabulary with the figures and
    values the pack, the packs it includes and their workspace declare."""
    return vocabulary(combine(p.declarations for p in packs))


def pack_vocabulary(pack: Pack, rules: Path | None = None) -> Vocabulary:
    """The vocabulary an agreement's facts are read and asked for by (`facts_vocabulary`)."""
    return facts_vocabulary(included_packs(pack, rules))


def pack_parameters(packs: Iterable[Pack]) -> Parameters:
    """The national parameters with the dated values the packs set themselves."""
    own: dict[str, Parameter] = {}
    for pack in packs:
        for name, parameter in pack.parameters.items():
            if own.setdefault(name, parameter) != parameter:
                raise InputError(Problem("params.declared_twice", file=pack.path,
                                         field=f"parameters.{name}", params={"name": name}))
    return parameters().including(own)


class Vocabularies:
    """The vocabulary of the pack each agreement id names, looked up once per id: what a fact
    set is validated against before the check knows its pack (engine/facts/loader.py)."""

    def __init__(self, rules: Path | None) -> None:
        self.rules = rules
        self.found: dict[Any, Vocabulary] = {}

    def __call__(self, agreement: Any) -> Vocabulary:
        if not isinstance(agreement, str):
            return vocabulary()  # the schema says what is wrong with `agreement`
        if agreement not in self.found:
            self.found[agreement] = self._look_up(agreement)
        return self.found[agreement]

    def _look_up(self, agreement: Any) -> Vocabulary:
        try:
            if self.rules is not None and self.rules.is_file():
                pack = pack_by_path(self.rules)
            else:
                pack = pack_by_path(find_pack(agreement, self.rules))
        except InputError as error:
            if any(p.key == "pack.unknown" for p in error.problems):
                return vocabulary()  # reported once the facts are read (engine/check.py)
            raise
        return facts_vocabulary(included_packs(pack, self.rules))
