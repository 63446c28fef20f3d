"""Whom a rule's findings are about: its scope instances and the ids they go by.

`run.py` judges one finding per rule, scope instance and year; a recorded meeting or agreed
deviation names the instance it concerns by the same id (`scope: portaal`,
`scope: projects/nieuwe-wetering`), and `engine/check.py` refuses an id no finding can have.
Both take the instances from here, so what is judged and what may be named cannot drift apart.
"""

from __future__ import annotations

from woonpact.engine.model.finding import ScopeInstance
from woonpact.engine.model.pack import Pack, Rule, ScopeKind

Instances = tuple[tuple[str | None, ScopeInstance], ...]  # (party read from, whom it is about)


def fixed_instances(pack: Pack, rule: Rule) -> Instances:
    """The instances of a rule that are the same every year; none for a rule per entity, whose
    instances are the entities of each year's facts (`entity_id`)."""
    kind = rule.scope.kind
    if kind is ScopeKind.CORPORATIONS:
        return tuple((p.id, ScopeInstance("party", p.id, p.name, p.id))
                     for p in pack.corporations())
    if kind is ScopeKind.AGREEMENT:
        return ((None, ScopeInstance("agreement", pack.id, pack.municipality)),)
    if kind is ScopeKind.PARTY:
        party_id = rule.scope.party or ""
        party = pack.party(party_id)
        return ((rule.scope.party, ScopeInstance("party", party_id, party.name if party
                                                 else party_id, rule.scope.party)),)
    return ()


def entity_id(collection: str, identifier: object) -> str:
    """The id of one entity's instance: its collection and its own id (`projects/vechtoever`)."""
    return f"{collection}/{identifier}"
