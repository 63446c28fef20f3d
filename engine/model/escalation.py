"""Escalation steps: where a clause stands on the disputes ladder and what comes next.

Derived from a clause's history (its findings year by year and the escalation events people
recorded), never stored: the same history always gives the same step.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from woonpact.engine.model.finding import ScopeInstance
from woonpact.engine.model.pack import Rule
from woonpact.engine.model.text import Text


@dataclass(frozen=True, slots=True)
class Reason:
    """One year's finding or one recorded event that moved the clause, as a message key.

    `key` is a message in `engine.i18n` with `params` as its arguments, so a step renders in
    Dutch or English without re-deriving anything.
    """

    key: str
    year: int
    date: dt.date | None = None
    params: tuple[tuple[str, Any], ...] = ()


@dataclass(frozen=True, slots=True)
class Escalation:
    """The ladder status of one clause episode, as of the year judged; or, with `action`, the
    consequence a clause names itself, due that year and not taken (a step beside the ladder).

    `rung` is the highest rung held so far in the episode (None before any was held);
    `recommended` is the rung the meeting should hold next, or None when a rung is held and the
    next evaluation decides (then `then` is the rung it recommends if the clause still fails) or
    the episode closed. `legal_basis` is what the rung stands on, with the date it applies from.
    An action step holds no rung and recommends none: `parties` are those who act.
    """

    rule: Rule
    year: int
    scope: ScopeInstance
    rung: str | None
    recommended: str | None
    reasons: tuple[Reason, ...]
    parties: tuple[str, ...]
    legal_basis: str | None = None
    legal_basis_from: dt.date | None = None  # the date the basis applies from
    closed: bool = False
    action: Text | None = None
    then: str | None = None  # a rung held without a solution: the rung if the clause still fails

    @property
    def kind(self) -> str:
        """`rung` for a step on the ladder, `action` for a clause's own action beside it."""
        return "rung" if self.action is None else "action"
