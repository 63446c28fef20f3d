"""Who is involved in a step: the parties at a rung, or the ones who take a clause's own action."""

from __future__ import annotations

from woonpact.engine.model.finding import ScopeInstance
from woonpact.engine.model.pack import Pack, Role, Rule, Rung


def involved(pack: Pack, rule: Rule, scope: ScopeInstance, rung: Rung | None) -> tuple[str, ...]:
    """Who sits at the rung, or (without one) who takes a clause's own action: everybody for a
    tripartite rung or a clause of all parties (`all`), otherwise the rung's own parties (or those
    the agreement seats there for this clause) with the clause's responsible ones, a role narrowed
    to the party the clause is about; never a party that did not agree to the clause."""
    seated = pack.ladder.seats(rule, rung) if rung is not None else ()
    wanted = set(seated) | set(rule.responsible)
    left_out = pack.ladder.excluded(rule)
    if "all" in wanted:
        return tuple(p.id for p in pack.parties if p.id not in left_out)
    chosen = []
    for party in pack.parties:
        by_role = party.role.value in wanted and (party.role is not Role.CORPORATIE
                                                  or scope.party in (None, party.id))
        if (party.id in wanted or by_role) and party.id not in left_out:
            chosen.append(party.id)
    return tuple(chosen)
