"""What evaluation raises when the facts lack something a rule reads."""

from __future__ import annotations

from typing import Any


class MissingFact(Exception):
    """A figure, attribute, parameter or year that the facts do not hold."""

    def __init__(self, name: str, year: int | None = None, entity: str | None = None) -> None:
        super().__init__(name)
        self.name = name
        self.year = year
        self.entity = entity


def nonzero(whole: Any, year: int) -> Any:
    """The whole of a share: a share of nothing is missing, not zero."""
    if whole == 0:
        raise MissingFact("share of zero", year)
    return whole
