"""Figures and collection attributes of one's own: what a pack or a workspace declares beside the
shared vocabulary (engine/facts/vocabulary.yaml), and the values a pack sets outside the
agreement's text that a fact set may set for its year.

Declarations are plain frozen data, so a loaded pack keeps them and the cache can store them;
engine/facts/vocabulary.py turns them, with the shared vocabulary, into the vocabulary and the
facts schema a pack's fact sets are validated against.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from woonpact.engine.model.text import Text


@dataclass(frozen=True, slots=True)
class OwnFigure:
    name: str
    unit: str
    label: Text  # its meaning, in Dutch and English
    reported_by: str  # the party id or role that reports it
    doc: Text | None = None
    summable: bool = True  # a count or amount the agreement-wide look-up may sum over corporations
    declared_in: str = ""  # the file that declares it, as the workspace names it: rules/<pack>.yaml
    asked_of: str = "municipality"  # "corporations" or "municipality": who gives the figure of
    # the whole agreement (engine/evaluation/context.py), and so whom the data request asks


@dataclass(frozen=True, slots=True)
class OwnAttribute:
    collection: str
    name: str
    unit: str
    label: Text
    enum: tuple[str, ...] = ()
    default: bool | None = None  # for a true/false attribute: its value when an entity omits it
    declared_in: str = ""


@dataclass(frozen=True, slots=True)
class Declarations:
    """Own figures and attributes, and the units of the values a fact set may set (`parameters`)."""

    figures: tuple[OwnFigure, ...] = ()
    attributes: tuple[OwnAttribute, ...] = ()
    parameters: tuple[tuple[str, str], ...] = ()  # (name, unit) of the pack's own dated values

    def __bool__(self) -> bool:
        return bool(self.figures or self.attributes or self.parameters)

    @property
    def key(self) -> str:
        """A short name for exactly these declarations ("" for none): what a fact set records it
        was validated against, so a cached fact set is never used with other declarations."""
        return hashlib.sha256(repr(self).encode()).hexdigest()[:16] if self else ""

    def names(self) -> dict[str, OwnFigure | OwnAttribute]:
        """Each declared name as rules read it: `figure`, `collection.attribute`."""
        return {**{f.name: f for f in self.figures},
                **{f"{a.collection}.{a.name}": a for a in self.attributes}}
