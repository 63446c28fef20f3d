"""Findings: what the engine concluded about one rule, one scope instance and one year."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, fields
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


@dataclass(frozen=True, slots=True, init=False)
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

    def __init__(self, rule: Rule, year: int, scope: ScopeInstance, status: Status, reason: str,
                 value: Any = None, bound: Any = None, target: Any = None,
                 distance: Distance | None = None, facts_used: tuple[FactUsed, ...] | Later = (),
                 missing: tuple[str, ...] = (), action: Text | None = None,
                 details: tuple[tuple[str, Any], ...] = (), deviation: Deviation | None = None) -> None:
        # What the generated __init__ of a frozen dataclass does, but through the slots' own
        # setters instead of object.__setattr__: 1.3 instead of 2.3 µs, for each of the 200,000
        # findings of a national sweep. tests/test_findings.py keeps it in step with the fields.
        (set_rule, set_year, set_scope, set_status, set_reason, set_value, set_bound, set_target,
         set_distance, set_facts_used, set_missing, set_action, set_details, set_deviation) = _SLOT_SETTERS
        set_rule(self, rule)
        set_year(self, year)
        set_scope(self, scope)
        set_status(self, status)
        set_reason(self, reason)
        set_value(self, value)
        set_bound(self, bound)
        set_target(self, target)
        set_distance(self, distance)
        set_facts_used(self, facts_used)
        set_missing(self, missing)
        set_action(self, action)
        set_details(self, details)
        set_deviation(self, deviation)

    @property
    def contested(self) -> tuple[FactUsed, ...]:
        return tuple(f for f in self.facts_used if f.contested_by)

    @property
    def failing(self) -> bool:
        """A breach or warning the parties did not agree to as a deviation."""
        return self.status in (Status.BREACH, Status.WARNING) and self.deviation is None


class Later:
    """A finding's `facts_used` not built yet: the function and arguments that build it.

    Citing every figure a finding rests on (values, years, contests) cost more than judging it,
    and a sweep that only counts statuses never reads them. The result is the same whenever
    it is read: it is built from immutable facts.
    """

    __slots__ = ("build", "args")

    def __init__(self, build: Callable[..., tuple[FactUsed, ...]], *args: Any) -> None:
        self.build = build
        self.args = args


class _BuiltOnFirstRead:
    """Stands in for the `facts_used` slot: a `Later` value is built, stored and returned on the
    first read, so `finding.facts_used` (and equality, hashing, repr, pickling) always see the
    tuple."""

    def __init__(self, slot: Any) -> None:
        self.slot = slot

    def __get__(self, finding: Finding | None, owner: type | None = None) -> Any:
        if finding is None:
            return self
        value = self.slot.__get__(finding, owner)
        if type(value) is Later:
            value = value.build(*value.args)
            self.slot.__set__(finding, value)
        return value

    def __set__(self, finding: Finding, value: Any) -> None:
        self.slot.__set__(finding, value)


_SLOT_SETTERS = tuple(getattr(Finding, f.name).__set__ for f in fields(Finding))
Finding.facts_used = _BuiltOnFirstRead(Finding.facts_used)  # type: ignore[assignment,misc]
