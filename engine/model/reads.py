"""What a checked expression reads, kept with the rule (`Rule.reads`) for its findings' "facts
used", the data request and the linter; made by the type checker (engine/language/types.py)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Checked:
    """The result of checking: the unit, and every name the expression reads (for `facts used`).

    `summed` holds the figures read as the corporations' sum (`corporations(stock_total)`),
    apart from `figures`, which are read in the expression's own scope."""

    unit: str
    figures: frozenset[str] = frozenset()
    attributes: frozenset[str] = frozenset()
    collections: frozenset[str] = frozenset()
    parameters: frozenset[str] = frozenset()
    history: bool = False
    summed: frozenset[str] = frozenset()

    def merge(self, unit: str, *others: Checked) -> Checked:
        return Checked(
            unit,
            self.figures.union(*(o.figures for o in others)),
            self.attributes.union(*(o.attributes for o in others)),
            self.collections.union(*(o.collections for o in others)),
            self.parameters.union(*(o.parameters for o in others)),
            self.history or any(o.history for o in others),
            self.summed.union(*(o.summed for o in others)),
        )
