"""Findings: what the engine concluded about one rule, one scope instance and one year."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from engine.model.facts import Deviation
from engine.model.pack import Rule
from engine.model.text import Text


class Status(StrEnum):
    COMPLIANT = "compliant"
    WARNING = "warning"
    BREACH = "breach"
    NOT_APPLICABLE = "not_applicable"
    NOT_DUE = "not_due"
    MISSING_DATA = "missing_data"


@dataclass(frozen=True, slots=True)
class ScopeInstance:
    """Whom or what a finding is about: the agreement, a party, or one entity of a collection."""

    kind: str  # agreement | party | entity | collection
    id: str
    label: str
    party: str | None = None


@dataclass(frozen=True, slots=True)
class FactUsed:
    """One figure a finding rests on, with its year and whether a party contests it."""

    name: str
    value: Any
    year: int
    contested_by: str | None = None
    contest_reason: str | None = None


@dataclass(frozen=True, slots=True)
class Distance:
    """How far from compliance, in the clause's own unit ("3 more social homes needed")."""

    amount: float
    unit: str  # count | eur | share | number | days
    direction: str  # more | fewer
    of: Text | None = None  # what is counted, when the measure is a share of a known figure


@dataclass(frozen=True, slots=True)
class Finding:
    """One judgement.

    `reason` is a message key (see `engine.i18n`) with `details` as its arguments, so that a
    finding can be rendered in Dutch or English without re-evaluating anything.
    """

    rule: Rule
    year: int
    scope: ScopeInstance
    status: Status
    reason: str
    value: Any = None
    bound: Any = None
    target: Any = None
    distance: Distance | None = None
    facts_used: tuple[FactUsed, ...] = ()
    missing: tuple[str, ...] = ()
    action: Text | None = None
    details: tuple[tuple[str, Any], ...] = ()
    deviation: Deviation | None = None  # set by the ladder stage when an agreed deviation covers it

    @property
    def contested(self) -> tuple[FactUsed, ...]:
        return tuple(f for f in self.facts_used if f.contested_by)

    @property
    def failing(self) -> bool:
        """A breach or warning the parties did not agree to as a deviation."""
        return self.status in (Status.BREACH, Status.WARNING) and self.deviation is None
