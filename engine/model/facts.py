"""A year's fact set: per-party figures, entity collections, meetings, deliverables, events."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping


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
    rule: str
    rung: str
    date: dt.date
    outcome: str | None
    note: str = ""


@dataclass(frozen=True, slots=True)
class FactSet:
    agreement: str
    year: int
    path: Path
    agreement_section: Section
    parties: Mapping[str, Section]
    collections: Mapping[str, tuple[Mapping[str, Any], ...]]
    conditions: Mapping[str, bool]
    escalations: tuple[EscalationEvent, ...] = ()
