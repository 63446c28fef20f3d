"""A year's fact set: per-party figures, entity collections, meetings, deliverables, events."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from woonpact.engine.model.entities import Entities


@dataclass(frozen=True, slots=True)
class Contest:
    """A figure one party disputes; findings resting on it say so."""

    figure: str
    by: str
    reason: str


@dataclass(frozen=True, slots=True)
class Section:
    """The figures of one party (or of the agreement as a whole) and where they came from."""

    figures: Mapping[str, Any]
    supplier: str | None = None
    system: str | None = None
    contested: Mapping[str, Contest] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class EscalationEvent:
    """A meeting on a rung of the disputes ladder; `scope` narrows it to one party or entity.

    `concerns` is the year whose findings it deals with (an overleg in March 2026 about the 2025
    shortfall: 2025); left out, the year it was held. The fact file it is recorded in does not
    decide (docs/ladder.md).
    """

    rule: str
    rung: str
    date: dt.date
    outcome: str | None
    note: str = ""
    scope: str | None = None
    concerns: int | None = None

    @property
    def concerned_year(self) -> int:
        return self.concerns if self.concerns is not None else self.date.year

    @property
    def settled(self) -> bool:
        """Resolved or settled by changing the agreement: the episode closes."""
        return self.outcome in ("resolved", "agreement-amended")


@dataclass(frozen=True, slots=True)
class Deviation:
    """A deviation the parties agreed (Vlaardingen 2.1: a corporation may deviate in a given year).

    It covers the clause's findings from `first_year` through `last_year` (for one party or
    entity when `scope` is given); after `last_year` it has expired and covers nothing.
    """

    rule: str
    first_year: int
    last_year: int
    approved_by: tuple[str, ...]
    reason: str
    scope: str | None = None
    date: dt.date | None = None


@dataclass(frozen=True, slots=True)
class SetValue:
    """A value set outside the agreement's text for the fact set's year (the taakstelling
    statushouders), overriding what the pack's `parameters` give for that year; with its source."""

    value: Any
    source: str
    date: dt.date | None = None


@dataclass(frozen=True, slots=True)
class SourceFile:
    """A file a fact set was read from, with the SHA-256 of the very bytes that were read: what
    a report cites as the version judged, not the file as it is by the time the report is
    written."""

    path: Path
    sha256: str


@dataclass(frozen=True, slots=True)
class FactSet:
    agreement: str
    year: int
    path: Path
    agreement_section: Section
    parties: Mapping[str, Section]
    collections: Mapping[str, Entities]
    conditions: Mapping[str, bool]
    escalations: tuple[EscalationEvent, ...] = ()
    deviations: tuple[Deviation, ...] = ()
    values: Mapping[str, SetValue] = field(default_factory=dict)  # the year's `parameters`
    vocabulary: str = ""  # the key of the declarations it was validated against (Declarations.key)
    sources: tuple[SourceFile, ...] = ()  # its file, then the CSV files it reads; none for data
