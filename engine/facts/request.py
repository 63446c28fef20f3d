"""The data request of a year: what each party must deliver for the pack's clauses to be judged.

A clause reads a figure from a party's own section when it is judged per corporation or for one
party, and from the agreement's section otherwise; there the vocabulary says whether the
municipality gives the total or each corporation its part (`reported_by`, summed by the
engine). A collection's items come from the municipality, from each corporation (its own
items) or from each party (its own items, by `party`); a deliverable from the party a clause
holds to it. So every party is asked exactly what the clauses read from it, no more: the
template (`engine/output/template.py`) writes one workbook per party from this, and `missing`
lists what a fact set still lacks, per party.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from woonpact.engine.facts.vocabulary import Vocabulary, vocabulary
from woonpact.engine.facts.workbook import MUNICIPALITY
from woonpact.engine.model import ast
from woonpact.engine.model.facts import FactSet
from woonpact.engine.model.pack import Pack, Party, Role, Rule, ScopeKind

Clauses = tuple[str, ...]  # the clauses that ask for something, as facts name them (`3.2-7`)


@dataclass(frozen=True)
class Deliverable:
    """A product a clause holds a party to, and when it is due (the last due date in the year,
    or the fixed date when that lies later)."""

    id: str
    clauses: Clauses
    due: dt.date | None
    yearly: bool = False  # due each year: only a delivery in the year itself counts
    together: tuple[str, ...] = ()  # the other parties of a joint product: one delivery counts


@dataclass(frozen=True)
class PartyRequest:
    """What one party is asked for: figures per section (`municipality` or a party id),
    collections, deliverables, and for the municipality the conditions and the ladder's records."""

    party: Party
    figures: Mapping[str, Mapping[str, Clauses]]  # section -> figure -> clauses
    collections: Mapping[str, Clauses]
    deliverables: tuple[Deliverable, ...]
    conditions: Mapping[str, Clauses] = field(default_factory=dict)
    records: bool = (
        False  # the ladder's records (escalations, deviations): kept by the municipality
    )

    @property
    def sections(self) -> tuple[str, ...]:
        """Its sheets of figures: its own section first, even when nothing is asked in it, so a
        returned workbook always says whose it is."""
        own = MUNICIPALITY if self.party.role is Role.GEMEENTE else self.party.id
        return (own, *(s for s in self.figures if s != own))

    @property
    def empty(self) -> bool:
        return not (
            any(self.figures.values()) or self.collections or self.deliverables or self.conditions
        )


@dataclass(frozen=True)
class DataRequest:
    pack: Pack
    year: int | None  # None: every year of the pack
    parties: tuple[PartyRequest, ...]
    clauses: Clauses  # every clause a record of the ladder may name
    vocabulary: Vocabulary  # the pack's: the shared one with the figures it declares itself

    def of(self, party_id: str) -> PartyRequest | None:
        return next((p for p in self.parties if p.party.id == party_id), None)


def municipality_party(pack: Pack) -> Party | None:
    return next((p for p in pack.parties if p.role is Role.GEMEENTE), None)


def clause_name(rule: Rule, pack: Pack) -> str:
    return rule.id if rule.pack == pack.id else rule.key


def request(pack: Pack, rules: Sequence[Rule], year: int | None = None,
            vocab: Vocabulary | None = None) -> DataRequest:
    """The request for `year` (the clauses in force then), or for every year of the pack;
    `vocab`: the pack's vocabulary, when it declares figures of its own."""
    vocab = vocab or vocabulary()
    asked = _Asked(pack, vocab)
    clauses: dict[str, None] = {}
    for rule in rules:
        clause = clause_name(rule, pack)
        clauses[clause] = None
        if year is None or rule.first_year <= year <= rule.last_year:
            asked.rule(rule, clause, year)
    return DataRequest(pack, year, asked.result(), tuple(clauses), vocab)


class _Asked:
    """Collects, clause by clause, who is asked what."""

    def __init__(self, pack: Pack, vocab: Vocabulary) -> None:
        self.pack = pack
        self.vocab = vocab
        self.municipality = municipality_party(pack)
        self.corporations = tuple(p.id for p in pack.corporations())
        self.figures: dict[str, dict[str, dict[str, dict[str, None]]]] = {}  # party, section, name
        self.collections: dict[str, dict[str, dict[str, None]]] = {}
        self.deliverables: dict[str, dict[str, Deliverable]] = {}
        self.conditions: dict[str, dict[str, None]] = {}

    def rule(self, rule: Rule, clause: str, year: int | None) -> None:
        vocab = self.vocab
        summed = set(rule.reads.summed)  # corporations(figure): each corporation its own
        for name in sorted(set(rule.reads.figures) | summed):
            sections = self.corporations if name in summed else self._sections(rule, name)
            for section in sections:
                owner = self._owner(section)
                if owner is not None:
                    self.figures.setdefault(owner, {}).setdefault(section, {}).setdefault(name, {})[
                        clause
                    ] = None
        collections = set(rule.reads.collections) | (
            {rule.scope.collection} if rule.scope.collection else set()
        )
        for name in sorted(collections - {"deliverables"} if rule.milestone else collections):
            for party in self._suppliers(rule, vocab.reported_by.get(name, "municipality")):
                self.collections.setdefault(party, {}).setdefault(name, {})[clause] = None
        if rule.milestone is not None:
            self._deliverable(rule, clause, year)
        for node in (n for tree in rule.trees() for n in ast.walk(tree)):
            if (
                isinstance(node, ast.Call)
                and node.func == "condition"
                and isinstance(node.args[0], ast.Text)
            ):
                self.conditions.setdefault(node.args[0].value, {})[clause] = None

    def _sections(self, rule: Rule, figure: str) -> tuple[str, ...]:
        """Where the clause looks the figure up (engine/evaluation/context.py)."""
        kind = rule.scope.kind
        if kind is ScopeKind.CORPORATIONS:
            return self.corporations
        if kind is ScopeKind.PARTY:
            return (rule.scope.party or "",)
        if self.vocab.reported_by.get(figure) == "corporations" and self.corporations:
            return self.corporations
        return (MUNICIPALITY,)

    def _owner(self, section: str) -> str | None:
        if section == MUNICIPALITY:
            return self.municipality.id if self.municipality else None
        return section if self.pack.party(section) else None

    def _suppliers(self, rule: Rule, reported_by: str) -> tuple[str, ...]:
        """Who gives a collection's items: the municipality, or the parties the clause reads
        them from (for a clause of the whole agreement: every corporation, or for a collection
        every party keeps, the parties the clause holds to it)."""
        if reported_by == "municipality":
            return (self.municipality.id,) if self.municipality else ()
        kind = rule.scope.kind
        if kind is ScopeKind.CORPORATIONS:
            return self.corporations
        if kind is ScopeKind.PARTY:
            return (rule.scope.party or "",)
        if reported_by == "corporations":
            return self.corporations
        return self._holders(rule)

    def _holders(self, rule: Rule) -> tuple[str, ...]:
        """The parties a clause of the whole agreement holds to a product: the municipality when
        it is among them (it coordinates a joint product), else those responsible."""
        responsible = tuple(p.id for p in self.pack.responsible(rule))
        if self.municipality is not None and (
            not responsible or self.municipality.id in responsible
        ):
            return (self.municipality.id,)
        return responsible

    def _deliverable(self, rule: Rule, clause: str, year: int | None) -> None:
        milestone = rule.milestone
        assert milestone is not None
        kind = rule.scope.kind
        parties = (
            self.corporations
            if kind is ScopeKind.CORPORATIONS
            else (rule.scope.party or "",)
            if kind is ScopeKind.PARTY
            else self._holders(rule)
        )
        due = milestone.due
        if milestone.due_each_year is not None and year is not None:
            due = dt.date(year, *milestone.due_each_year)
        together = parties if kind is not ScopeKind.CORPORATIONS and len(parties) > 1 else ()
        for party in parties:
            known = self.deliverables.setdefault(party, {}).get(milestone.deliverable)
            clauses = (known.clauses if known else ()) + (clause,)
            latest = max(
                (d for d in (due, known.due if known else None) if d is not None), default=None
            )
            self.deliverables[party][milestone.deliverable] = Deliverable(
                milestone.deliverable,
                tuple(dict.fromkeys(clauses)),
                latest,
                milestone.due_each_year is not None,
                tuple(p for p in together if p != party),
            )

    def result(self) -> tuple[PartyRequest, ...]:
        found = []
        for party in self.pack.parties:
            municipal = party.role is Role.GEMEENTE and party is self.municipality
            found.append(
                PartyRequest(
                    party,
                    {
                        section: {name: tuple(c) for name, c in names.items()}
                        for section, names in self.figures.get(party.id, {}).items()
                    },
                    {
                        name: tuple(c)
                        for name, c in sorted(self.collections.get(party.id, {}).items())
                    },
                    tuple(
                        sorted(
                            self.deliverables.get(party.id, {}).values(),
                            key=lambda d: (d.due or dt.date.max, d.id),
                        )
                    ),
                    {name: tuple(c) for name, c in sorted(self.conditions.items())}
                    if municipal
                    else {},
                    records=municipal,
                )
            )
        return tuple(found)


# -- what is still missing ----------------------------------------------------------------------


@dataclass(frozen=True)
class Missing:
    """One thing a party was asked for and a fact set lacks."""

    kind: str  # figure | collection | deliverable | condition
    name: str
    clauses: Clauses
    section: str | None = None  # a figure's section
    due: dt.date | None = None  # a deliverable's
    together: tuple[str, ...] = ()


def missing(
    asked: PartyRequest, year: int, fact_sets: Mapping[int, FactSet]
) -> tuple[Missing, ...]:
    """What `asked` still lacks in the fact set of `year`: figures and conditions not given,
    collections absent, deliverables due by the end of the year and delivered in no year so far
    (by the party itself, or by nobody in particular). A product due before the year is only
    listed when the earlier years are given: without them, nobody knows it was not delivered."""
    facts = fact_sets.get(year)
    found: list[Missing] = []
    for section, names in asked.figures.items():
        given = _section_figures(facts, section)
        found += [
            Missing("figure", name, clauses, section)
            for name, clauses in names.items()
            if name not in given
        ]
    given_collections = facts.collections if facts is not None else {}
    found += [
        Missing("collection", name, clauses)
        for name, clauses in asked.collections.items()
        if name not in given_collections
    ]
    so_far = _delivered(asked.party.id, [f for y, f in fact_sets.items() if y <= year], None)
    this_year = _delivered(asked.party.id, [facts] if facts is not None else [], year)
    history = any(y < year for y in fact_sets)
    for item in asked.deliverables:
        due_now = item.due is None or item.due <= dt.date(year, 12, 31)
        if not history and item.due is not None and item.due.year < year:
            continue
        delivered = this_year if item.yearly else so_far
        if due_now and not delivered.intersection(
            {(item.id, p) for p in (asked.party.id, *item.together)}
        ):
            found.append(
                Missing("deliverable", item.id, item.clauses, due=item.due, together=item.together)
            )
    conditions = facts.conditions if facts is not None else {}
    found += [
        Missing("condition", name, clauses)
        for name, clauses in asked.conditions.items()
        if name not in conditions
    ]
    return tuple(found)


def _section_figures(facts: FactSet | None, section: str) -> Mapping[str, object]:
    if facts is None:
        return {}
    if section == MUNICIPALITY:
        return facts.agreement_section.figures
    part = facts.parties.get(section)
    return part.figures if part is not None else {}


def _delivered(party: str, fact_sets: Iterable[FactSet], year: int | None) -> set[tuple[str, str]]:
    """(deliverable, party) for every delivery in the fact sets (in `year` only, if given); one
    naming no party counts for anyone."""
    found: set[tuple[str, str]] = set()
    for facts in fact_sets:
        items = facts.collections.get("deliverables")
        if items is None:
            continue
        for identifier, by, date in zip(
            items.column("id"), items.column("party"), items.column("date")
        ):
            if year is None or date.year == year:
                found.add((identifier, by if by is not None else party))
    return found
