"""How far a clause may climb the disputes ladder in a year, and on what footing.

The statechart (`chart`) knows positions and a cap per signal; this module works out the cap
from the law and the agreement (docs/ladder.md):

- a clause's dispute is about *keeping* an agreed clause, unless the pack's ladder names the
  clause as one about *making* the agreements (a missed yearly signature); a pack may give the
  making track rungs of its own (Stichtse Vecht §2.7);
- a rung without a `basis` is a step the parties may always take; a rung with one is open to a
  kind of dispute only from the date one of its bases gives for that kind: an article of the
  agreement from its date, or a national law from its entry into force, counted only once its
  date is `confirmed` (rules/national/parameters.yaml `laws`);
- a step for year Y is taken at the review after that year, so a rung whose basis applies by
  31 December of Y is open to it;
- the clause climbs no higher than the rung below the first one closed to it, nor above the
  effort ceiling for an effort obligation.

So by default a breach of an agreed clause stops at mediation: the minister's rung stands on
art. 44 Woningwet, which covers a dispute about making the agreements, and on the Wet versterking
regie volkshuisvesting for keeping them, from the day that act is in force.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

from woonpact.engine.model.pack import Basis, Dispute, Ladder, Obligation, Rule, Rung
from woonpact.engine.model.parameters import Law

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Footing:
    """A basis resolved for a step: what to cite and the date it applies from."""

    text: str
    since: dt.date | None


@dataclass(frozen=True)
class Reach:
    """A pack's ladder read with the national laws as they stand."""

    ladder: Ladder
    laws: Mapping[str, Law]
    # What depends only on a clause's version, a year or a rung is asked for every finding and
    # step, the same for a clause's instances (a clause per corporation has one per
    # corporation): worked out once per ladder run (`once`). By id: the rules outlive the
    # Reach, made per run. What is asked for every finding (a clause's track, dispute and cap
    # in a year) has a dictionary of its own, read without building a key or a closure.
    _known: dict[tuple[Any, ...], Any] = field(default_factory=dict, init=False, repr=False,
                                               compare=False)
    _tracks: dict[int, tuple[Rung, ...]] = field(default_factory=dict, init=False, repr=False,
                                                 compare=False)
    _disputes: dict[int, Dispute] = field(default_factory=dict, init=False, repr=False,
                                          compare=False)
    _caps: dict[tuple[int, int], int] = field(default_factory=dict, init=False, repr=False,
                                              compare=False)

    def once(self, key: tuple[Any, ...], work: Callable[[], T]) -> T:
        """`work()`, remembered under `key` for this ladder run."""
        if key not in self._known:
            self._known[key] = work()
        return self._known[key]  # type: ignore[no-any-return]

    def track(self, rule: Rule) -> tuple[Rung, ...]:
        """The rungs the clause's dispute climbs (`Ladder.track`)."""
        found = self._tracks.get(id(rule))
        if found is None:
            found = self._tracks[id(rule)] = self.ladder.track(rule)
        return found

    def dispute(self, rule: Rule) -> Dispute:
        found = self._disputes.get(id(rule))
        if found is None:
            found = self._disputes[id(rule)] = self.ladder.dispute(rule)
        return found

    def index(self, rule: Rule, rung_id: str) -> int:
        return next(i for i, r in enumerate(self.track(rule)) if r.id == rung_id)

    def ceiling(self, rule: Rule) -> int:
        """The highest rung the obligation itself lets the clause climb to."""
        track = self.track(rule)
        if rule.obligation is Obligation.EFFORT:
            return next((i for i, r in enumerate(track) if r.id == self.ladder.effort_ceiling), 0)
        return len(track) - 1

    def blocked(self, rule: Rule, year: int) -> int | None:
        """The first rung not open to the clause's dispute in `year` (None: all are open)."""
        dispute = self.dispute(rule)
        return next((i for i, r in enumerate(self.track(rule))
                     if r.basis and self.footing(r, dispute, year) is None), None)

    def cap(self, rule: Rule, year: int) -> int:
        """The highest rung the clause climbs to in `year` (asked for every finding). It depends
        on the clause only through its track, dispute and obligation, which most clauses of a
        pack share: worked out once for those, and kept for the clause itself."""
        found = self._caps.get((id(rule), year))
        if found is None:
            found = self._caps[(id(rule), year)] = self.once(
                ("cap", id(self.track(rule)), self.dispute(rule), rule.obligation, year),
                lambda: self._cap(rule, year))
        return found

    def _cap(self, rule: Rule, year: int) -> int:
        blocked = self.blocked(rule, year)
        top = self.ceiling(rule)
        return top if blocked is None else min(top, max(blocked - 1, 0))

    def footing(self, rung: Rung, dispute: Dispute, year: int) -> Footing | None:
        """The first basis of the rung that covers this dispute by the end of `year`."""
        for basis in rung.basis:
            if basis.dispute not in (None, dispute):
                continue
            resolved = self._resolved(basis)
            if resolved is None:
                continue
            text, since = resolved
            if since is None or since <= dt.date(year, 12, 31):
                return Footing(text, since)
        return None

    def _resolved(self, basis: Basis) -> tuple[str, dt.date | None] | None:
        """The text to cite and the date from which the basis applies; None: not yet at all."""
        if basis.law is None:
            return basis.text or "", basis.since
        law = self.laws.get(basis.law)
        if law is None or law.in_force_from is None:
            return None
        return basis.text or law.title, law.in_force_from

    def awaited(self, rung: Rung, dispute: Dispute) -> tuple[Law, ...]:
        """The laws that would open a rung to this dispute once in force (for the step's words)."""
        return tuple(self.laws[b.law] for b in rung.basis
                     if b.law is not None and b.law in self.laws and b.dispute in (None, dispute))
