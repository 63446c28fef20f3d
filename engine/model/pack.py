"""A rule pack: one agreement's header, parties, disputes ladder and rules.

Rules keep their parsed syntax trees (picklable, so a pack can be cached); the closures that
evaluate them are built by `engine.rules.compiled` when a pack is used.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from woonpact.engine.model import ast
from woonpact.engine.model.declarations import Declarations
from woonpact.engine.model.reads import Checked
from woonpact.engine.model.text import Text

if TYPE_CHECKING:
    from woonpact.engine.model.parameters import Parameter


READS_NOTHING = Checked("number")  # a rule before its expressions are checked


class Role(StrEnum):
    GEMEENTE = "gemeente"
    CORPORATIE = "corporatie"
    HUURDERSORGANISATIE = "huurdersorganisatie"
    OTHER = "other"


class Obligation(StrEnum):
    RESULT = "result"
    EFFORT = "effort"


@dataclass(frozen=True, slots=True)
class Party:
    id: str
    name: str
    role: Role


class Dispute(StrEnum):
    """The two kinds of dispute the law and the agreements tell apart (docs/ladder.md)."""

    MAKING = "making"  # one that stands in the way of making the agreements (art. 44 Woningwet)
    KEEPING = "keeping"  # one about an agreed clause not kept


@dataclass(frozen=True, slots=True)
class Basis:
    """What a rung stands on, and from when: an article of the agreement (`text`) from a date,
    or a national law (`law`, an id in parameters.yaml `laws`) from its entry into force; for
    one kind of dispute, or (`dispute` None) for both."""

    text: str | None = None
    since: dt.date | None = None
    law: str | None = None
    dispute: Dispute | None = None


@dataclass(frozen=True, slots=True)
class Rung:
    """One step of the disputes ladder; `parties` are party ids or roles, `all` for everybody.

    A rung without `basis` is a step the parties may always take (talks, a mediator); one with
    a basis is open to a dispute only where one of its bases covers that kind of dispute, from
    its date (`engine.ladder.reach`)."""

    id: str
    name: Text
    parties: tuple[str, ...]
    basis: tuple[Basis, ...] = ()
    note: Text | None = None


@dataclass(frozen=True, slots=True)
class ClauseLadder:
    """What an agreement says about the ladder of some clauses (`rules`: rule keys): the kind of
    dispute they give rise to, who sits at a rung for them (`parties`, by rung id: replacing the
    rung's own), and who takes no part (`without`: Oegstgeest's HBV Leiden for article 15)."""

    rules: tuple[str, ...]
    dispute: Dispute = Dispute.KEEPING
    parties: tuple[tuple[str, tuple[str, ...]], ...] = ()
    without: tuple[str, ...] = ()
    source: Source | None = None


@dataclass(frozen=True, slots=True)
class Ladder:
    """The disputes ladder of a pack: the rungs for a dispute about keeping an agreed clause,
    those for a dispute about making the agreements where the agreement gives them their own
    (`making`; else the same rungs), and what it says about particular clauses."""

    MAX_RUNGS: ClassVar[int] = 6  # the ladder's statechart stays below durable-rules' ~510 rules

    rungs: tuple[Rung, ...]
    effort_ceiling: str  # the highest rung an effort obligation climbs to
    source: Source | None = None
    making: tuple[Rung, ...] = ()
    making_source: Source | None = None
    clauses: tuple[ClauseLadder, ...] = ()

    def settings(self, rule: Rule) -> tuple[ClauseLadder, ...]:
        return tuple(c for c in self.clauses if rule.key in c.rules)

    def dispute(self, rule: Rule) -> Dispute:
        return Dispute.MAKING if any(c.dispute is Dispute.MAKING for c in self.settings(rule)) \
            else Dispute.KEEPING

    def track(self, rule: Rule) -> tuple[Rung, ...]:
        """The rungs a clause's dispute climbs."""
        return self.making if self.making and self.dispute(rule) is Dispute.MAKING else self.rungs

    def rung(self, rule: Rule, rung_id: str | None) -> Rung | None:
        return next((r for r in self.track(rule) if r.id == rung_id), None)

    def rung_ids(self) -> tuple[str, ...]:
        """Every rung id of either track, in order."""
        return tuple(dict.fromkeys(r.id for r in (*self.rungs, *self.making)))

    def seats(self, rule: Rule, rung: Rung) -> tuple[str, ...]:
        """Who sits at a rung for this clause: the agreement's choice for it, else the rung's."""
        chosen = [seated for c in self.settings(rule) for at, seated in c.parties if at == rung.id]
        return chosen[0] if chosen else rung.parties

    def excluded(self, rule: Rule) -> frozenset[str]:
        return frozenset(p for c in self.settings(rule) for p in c.without)


@dataclass(frozen=True, slots=True)
class Source:
    """Where a clause stands in the agreement, and its words."""

    section: str
    quote: str
    page: int | None = None


@dataclass(frozen=True, slots=True)
class Expression:
    """An expression as written and as parsed; `line` is where it stands in the pack file."""

    text: str
    tree: ast.Node
    line: int


@dataclass(frozen=True, slots=True)
class Norm:
    text: str
    tree: ast.Norm
    line: int


@dataclass(frozen=True, slots=True)
class Signal:
    """A level short of the norm that already calls for action (Oegstgeest 9: above 20%)."""

    level: Norm
    action: Text


@dataclass(frozen=True, slots=True)
class Trigger:
    """A situation that demands an action; `done` tells whether the action was taken."""

    action: Text
    when: Expression | None = None
    done: Expression | None = None


@dataclass(frozen=True, slots=True)
class Milestone:
    """A deliverable by a date, or each year by a day (`due_each_year` as (month, day))."""

    deliverable: str
    due: dt.date | None = None
    due_each_year: tuple[int, int] | None = None


@dataclass(frozen=True, slots=True)
class Trajectory:
    """The path towards a deadline: linear from a start point, or explicit yearly targets."""

    start_year: int | None = None
    start_value: ast.Node | None = None
    milestones: tuple[tuple[int, ast.Node], ...] = ()


class ScopeKind(StrEnum):
    AGREEMENT = "agreement"
    CORPORATIONS = "corporations"
    PARTY = "party"
    EACH = "each"


@dataclass(frozen=True, slots=True)
class Scope:
    kind: ScopeKind
    party: str | None = None
    collection: str | None = None
    where: Expression | None = None


@dataclass(frozen=True, slots=True)
class Wording:
    """The author's words for a finding where those rendered from the expressions read badly:
    the measure (`{value}` places the value) and the norm (`{bound}`, `{upper}`)."""

    measure: Text | None = None
    norm: Text | None = None

    PLACES: ClassVar[dict[str, frozenset[str]]] = {"measure": frozenset({"value"}),
                                                   "norm": frozenset({"bound", "upper"})}


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    pack: str
    title: Text
    theme: str
    source: Source
    obligation: Obligation
    responsible: tuple[str, ...]
    scope: Scope
    first_year: int
    last_year: int
    line: int
    measure: Expression | None = None
    norm: Norm | None = None
    signal: Signal | None = None
    tolerance: ast.Node | None = None
    deadline: int | None = None
    trajectory: Trajectory | None = None
    applies_if: Expression | None = None
    trigger: Trigger | None = None
    milestone: Milestone | None = None
    effort_shortfall: str = "warning"
    interpretation: Text | None = None
    wording: Wording | None = None
    unit: str = "number"
    amendment: str | None = None  # the allonge that introduced this version of the clause
    versions: int = 1  # how many versions of this clause the pack holds (amendments add one each)
    reads: Checked = READS_NOTHING  # every name its expressions read, from the load-time check

    @property
    def key(self) -> str:
        """The name findings, docs and tests use: `<pack>/<id>`."""
        return f"{self.pack}/{self.id}"

    def called_in(self, checked_pack: str) -> frozenset[str]:
        """How facts may name the clause: by its id within its own pack, or as `<pack>/<id>`."""
        return frozenset({self.key, self.id} if self.pack == checked_pack else {self.key})

    def trees(self) -> list[ast.Node]:
        """The trees of the expressions that read facts: its measure, conditions, filters,
        trigger and norms."""
        trees: list[ast.Node] = []
        for expr in (self.measure, self.applies_if, self.scope.where,
                     self.trigger and self.trigger.when, self.trigger and self.trigger.done):
            if expr:
                trees.append(expr.tree)
        for norm in (self.norm, self.signal and self.signal.level):
            if norm:
                trees += [n for n in (norm.tree.bound, norm.tree.upper) if n is not None]
        return trees


@dataclass(frozen=True, slots=True)
class Amendment:
    """An allonge: signed on a date, changing clauses from a year on."""

    id: str
    title: str
    signed: dt.date
    source: Source | None


@dataclass(frozen=True, slots=True)
class Pack:
    id: str
    title: str
    municipality: str
    first_year: int
    last_year: int
    parties: tuple[Party, ...]
    document: str
    ladder: Ladder
    rules: tuple[Rule, ...]
    path: Path
    includes: tuple[str, ...] = field(default=())
    amendments: tuple[Amendment, ...] = field(default=())
    # The workspace's and the pack's own figures and attributes, with the units of the values a
    # fact set may set (its rules were checked against them), and the pack's own dated values.
    declarations: Declarations = field(default=Declarations())
    parameters: Mapping[str, Parameter] = field(default_factory=dict)

    def party(self, party_id: str) -> Party | None:
        return next((p for p in self.parties if p.id == party_id), None)

    def corporations(self) -> tuple[Party, ...]:
        return tuple(p for p in self.parties if p.role is Role.CORPORATIE)

    def responsible(self, rule: Rule) -> tuple[Party, ...]:
        """The parties a clause names as responsible: by id, by role, or `all`, in pack order."""
        names = set(rule.responsible)
        return tuple(p for p in self.parties
                     if "all" in names or p.id in names or p.role.value in names)

    def lineage(self, rule_id: str) -> tuple[Rule, ...]:
        """Every version of a clause, oldest first."""
        return tuple(sorted((r for r in self.rules if r.id == rule_id), key=lambda r: r.first_year))
