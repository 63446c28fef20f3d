"""Findings: what the engine concluded about one rule, one scope instance and one year."""

from __future__ import annotations

from dataclasses import dataclass, fields
from enum import StrEnum
from typing import Any, Self

from woonpact.engine.model.facts import Deviation
from woonpact.engine.model.pack import Rule
from woonpact.engine.model.text import Text


class Status(StrEnum):
    COMPLIANT = "compliant"
    WARNING = "warning"
    BREACH = "breach"
    NOT_APPLICABLE = "not_applicable"
    NOT_DUE = "not_due"
    MISSING_DATA = "missing_data"


# The order readers meet statuses in, everywhere they are listed (the table, the reports' tiles,
# cards and counts): what needs attention first, then what was kept, then what did not apply.
DISPLAY_ORDER: tuple[Status, ...] = (Status.BREACH, Status.WARNING, Status.MISSING_DATA,
                                     Status.COMPLIANT, Status.NOT_DUE, Status.NOT_APPLICABLE)


@dataclass(frozen=True, slots=True)
class ScopeInstance:
    """Whom or what a finding is about: the agreement, a party, or one entity of a collection."""

    kind: str  # agreement | party | entity | collection
    id: str
    label: str
    party: str | None = None


@dataclass(frozen=True, slots=True)
class FactUsed:
    """One figure a finding rests on, with its year and whether a party contests it; a national
    parameter also with how sure its value is (`status`, see rules/national/parameters.yaml)."""

    name: str
    value: Any
    year: int
    contested_by: str | None = None
    contest_reason: str | None = None
    status: str | None = None

    @property
    def unconfirmed(self) -> bool:
        """A national figure found only in a secondary source, or not found at all."""
        return self.status not in (None, "confirmed")


class _Storage:
    """The slots of a frozen dataclass declared on a plain base class, so that filling them in
    is cheap: for `Finding`, built once per rule evaluation, and `Distance`, once per shortfall.

    A frozen dataclass can only set its own slots through descriptors (`object.__setattr__` in
    the generated `__init__`, 2.1 µs for a finding's fourteen fields, or the slots' own
    setters, 1.3 µs), because its `__setattr__` refuses. A national sweep builds 200,000
    findings, and a threshold rule evaluation costs about 3 µs in all. So the constructor fills
    in an instance of the base with plain attribute stores and then makes it an instance of the
    dataclass (0.9 µs for a finding): the slots are the same, so `__class__` may change, and
    from then on the object is as frozen as any other.

    The rules a class built this way keeps (tests/test_findings.py checks them for every
    subclass): its base declares exactly its fields as `__slots__`, in field order; its
    `__new__` takes the fields in that order with their defaults and stores every one; it has
    no `__init__` or `__post_init__` (nothing runs after the class is swapped), so any derived
    value is a property. A new field goes into all three places at the same position.
    """

    __slots__ = ()

    def __reduce__(self) -> tuple[type, tuple[Any, ...]]:
        """Pickled and copied as a call of the constructor (the default calls `__new__` without
        arguments)."""
        return type(self), tuple(getattr(self, f.name) for f in fields(self))  # type: ignore[arg-type]


class _DistanceSlots(_Storage):
    __slots__ = ("amount", "unit", "direction", "of")


@dataclass(frozen=True, slots=True, init=False)
class Distance(_DistanceSlots):
    """How far from compliance, in the clause's own unit ("3 more social homes needed")."""

    amount: float
    unit: str  # count | eur | share | number | days
    direction: str  # more | fewer
    of: Text | None = None  # what is counted, when the measure is a share of a known figure

    def __new__(cls, amount: float, unit: str, direction: str, of: Text | None = None) -> Self:
        distance: Any = _new(_DistanceSlots)
        distance.amount, distance.unit = amount, unit
        distance.direction, distance.of = direction, of
        distance.__class__ = cls
        return distance  # type: ignore[no-any-return]


class _FindingSlots(_Storage):
    __slots__ = ("rule", "year", "scope", "status", "reason", "value", "bound", "target",
                 "distance", "facts_used", "missing", "action", "details", "deviation")


@dataclass(frozen=True, slots=True, init=False)
class Finding(_FindingSlots):
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

    def __new__(cls, rule: Rule, year: int, scope: ScopeInstance, status: Status, reason: str,
                value: Any = None, bound: Any = None, target: Any = None,
                distance: Distance | None = None, facts_used: tuple[FactUsed, ...] | Later = (),
                missing: tuple[str, ...] = (), action: Text | None = None,
                details: tuple[tuple[str, Any], ...] = (),
                deviation: Deviation | None = None) -> Self:
        # tests/test_findings.py keeps the signature in step with the fields.
        finding: Any = _new(_FindingSlots)
        finding.rule = rule  # one store a line: a tuple assignment costs 80 ns more
        finding.year = year
        finding.scope = scope
        finding.status = status
        finding.reason = reason
        finding.value = value
        finding.bound = bound
        finding.target = target
        finding.distance = distance
        finding.facts_used = facts_used
        finding.missing = missing
        finding.action = action
        finding.details = details
        finding.deviation = deviation
        finding.__class__ = cls
        return finding  # type: ignore[no-any-return]

    @property
    def contested(self) -> tuple[FactUsed, ...]:
        return tuple(f for f in self.facts_used if f.contested_by)

    @property
    def unconfirmed(self) -> tuple[FactUsed, ...]:
        """The national figures short of `confirmed` this finding rests on (none when it could
        not be judged: missing data rests on nothing)."""
        if self.status is Status.MISSING_DATA:
            return ()
        return tuple(f for f in self.facts_used if f.unconfirmed)

    @property
    def failing(self) -> bool:
        """A breach or warning the parties did not agree to as a deviation."""
        return self.status in (Status.BREACH, Status.WARNING) and self.deviation is None


Later = tuple[Any, ...]
"""A finding's `facts_used` not built yet: `(build, *args)`, the function that builds it and its
arguments.

Citing every figure a finding rests on (values, years, contests) cost more than judging it,
and a sweep that only counts statuses never reads them. The result is the same whenever it is
read: it is built from immutable facts. A plain tuple, told from the built tuple of `FactUsed`
by its first item, a function: an object of its own (a `functools.partial` is three: itself,
its arguments, a keyword dict) made a national threshold evaluation 0.4 µs slower (of 3 µs).
"""


def _is_later(facts_used: Any) -> bool:
    return bool(facts_used) and callable(facts_used[0])


class _BuiltOnFirstRead:
    """Stands in for the `facts_used` slot: a `Later` value is built, stored and returned on the
    first read, so `finding.facts_used` (and equality, hashing, repr, pickling) always see the
    built tuple."""

    def __init__(self, slot: Any) -> None:
        self.slot = slot

    def __get__(self, finding: Finding | None, owner: type | None = None) -> Any:
        if finding is None:
            return self
        value = self.slot.__get__(finding, owner)
        if _is_later(value):
            value = value[0](*value[1:])
            self.slot.__set__(finding, value)
        return value

    def __set__(self, finding: Finding, value: Any) -> None:
        self.slot.__set__(finding, value)


_new = object.__new__

Finding.facts_used = _BuiltOnFirstRead(_FindingSlots.facts_used)  # type: ignore[assignment,misc,attr-defined]
