"""National parameters (rent limits, indexation) looked up by name and year, a pack's own dated
values beside them, and the national laws the disputes ladder relies on from their entry into
force; read by engine/params.py."""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from collections.abc import Mapping
from dataclasses import dataclass, field

from woonpact.engine.model.text import Text

STATUSES = ("confirmed", "secondary", "unconfirmed")
"""How sure a national figure or date is: found in the government's own publication
(`confirmed`), only in a source that repeats it (`secondary`), or not found (`unconfirmed`)."""


@dataclass(frozen=True, slots=True)
class ParameterValue:
    valid_from: dt.date
    value: float
    source: str
    status: str
    valid_to: dt.date | None = None  # the last day it applies; else until the next value


@dataclass(frozen=True, slots=True)
class Parameter:
    name: str
    unit: str
    description: Text
    values: tuple[ParameterValue, ...]
    label: Text | None = None  # the words readers see ("de liberalisatiegrens")

    def in_force(self, year: int) -> ParameterValue | None:
        """The value in force on 1 January of `year`; rules judge a year by its opening limits.

        A value with `valid_to` holds no longer: a yearly figure (the maximum rent increase of
        one year) is not silently carried into a year nobody has published a figure for."""
        dates = [v.valid_from for v in self.values]
        i = bisect_right(dates, dt.date(year, 1, 1))
        found = self.values[i - 1] if i else None
        if (found is not None and found.valid_to is not None
            and found.valid_to < dt.date(year, 1, 1)):
            return None
        return found


@dataclass(frozen=True, slots=True)
class Law:
    """A national law the disputes ladder relies on from the day it enters into force.

    `status` says how sure that date is; only a `confirmed` one counts (`in_force_from`), so
    a law whose date is still an aim (the Wet versterking regie volkshuisvesting) is switched
    on by one line in parameters.yaml, `status: confirmed`, when a source confirms it.
    """

    id: str
    title: str
    in_force: dt.date | None
    status: str
    source: str

    @property
    def in_force_from(self) -> dt.date | None:
        return self.in_force if self.status == "confirmed" else None


@dataclass(frozen=True)
class Parameters:
    by_name: Mapping[str, Parameter]
    laws: Mapping[str, Law] = field(default_factory=dict)
    _units: Mapping[str, str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Built once: every rule compiled asks for the units of all parameters.
        # a dict: pickled by the cache
        object.__setattr__(self, "_units", {name: p.unit for name, p in self.by_name.items()})

    def units(self) -> Mapping[str, str]:
        return self._units

    def value(self, name: str, year: int) -> float | None:
        found = self.by_name[name].in_force(year)
        return None if found is None else found.value

    def including(self, own: Mapping[str, Parameter]) -> Parameters:
        """These parameters and a pack's own dated values (engine/rules/declarations.py), which
        never share a name with a national one."""
        return Parameters({**self.by_name, **own}, self.laws) if own else self
