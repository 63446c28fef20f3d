"""Who answers for a finding: the party a clause binds, or the parties it binds together.

A clause judged per corporation charges that corporation; a clause of the agreement as a whole,
or of the corporations together, charges them together, once: counting such a breach against
each corporation would report one shortfall as several and blame a corporation for what
another (or the municipality) did not do. A corporation is charged only with clauses that bind
it: an item's party (the corporation a letting or project belongs to) counts only when the
clause holds that party responsible.
"""

from __future__ import annotations

from dataclasses import dataclass

from woonpact.engine.i18n import say
from woonpact.engine.model.finding import ScopeInstance
from woonpact.engine.model.pack import Obligation, Pack, Role, Rule


@dataclass(frozen=True, slots=True)
class Accountable:
    """The parties charged with a finding; `together` when it is one charge to them all."""

    parties: tuple[str, ...]

    @property
    def together(self) -> bool:
        return len(self.parties) != 1

    @property
    def key(self) -> str:
        """One row of a per-party count: a party's id, or the parties charged together."""
        return "+".join(self.parties) if self.parties else "all"


def accountable(rule: Rule, scope: ScopeInstance, pack: Pack) -> Accountable:
    responsible = tuple(p.id for p in pack.responsible(rule))
    if scope.party is not None and scope.party in responsible:
        return Accountable((scope.party,))
    return Accountable(responsible or tuple(p.id for p in pack.parties))


def accountable_text(charged: Accountable, pack: Pack, lang: str) -> str:
    """ "Portaal"; "de corporaties samen"; "alle partijen samen"; "samen: Gemeente X, Portaal"."""
    ids = set(charged.parties)
    if not charged.together:
        party = pack.party(charged.parties[0])
        return party.name if party else charged.parties[0]
    corporations = {p.id for p in pack.parties if p.role is Role.CORPORATIE}
    if ids == {p.id for p in pack.parties} or not ids:
        return say("accountable.all", lang)
    if ids == corporations:
        return say("accountable.corporations", lang)
    names = [p.name for p in pack.parties if p.id in ids]
    return say("accountable.together", lang, parties=", ".join(names))


def obligation_text(rule: Rule, lang: str) -> str:
    """resultaatsverplichting / inspanningsverplichting."""
    return say(
        "obligation.result" if rule.obligation is Obligation.RESULT else "obligation.effort", lang
    )
