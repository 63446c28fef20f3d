"""What an expression sees while it is evaluated: one scope instance in one year.

A context answers figure, collection, dated value and condition look-ups for its party (or the
agreement as a whole) in its year, and hands out contexts for other years so that `previous`,
`at` and `cumulative` read the whole history. Anything absent raises `MissingFact`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from woonpact.engine.language.missing import MissingFact
from woonpact.engine.model.entities import Entities
from woonpact.engine.model.facts import Contest, FactSet, Section
from woonpact.engine.model.finding import FactUsed
from woonpact.engine.model.parameters import Parameters


class History:
    """Every fact set of one agreement, by year, plus the parameters and the pack's corporations."""

    __slots__ = ("by_year", "parameters", "corporations", "additive", "_contexts")

    def __init__(self, fact_sets: Mapping[int, FactSet], parameters: Parameters,
                 corporations: tuple[str, ...], additive: frozenset[str]) -> None:
        self.by_year = dict(fact_sets)
        self.parameters = parameters
        self.corporations = corporations
        self.additive = additive  # figures that may be summed over corporations (counts, euros)
        self._contexts: dict[tuple[int, str | None], Context] = {}

    def context(self, year: int, party: str | None) -> Context:
        """One shared context per year and party, so collections are filtered once per run."""
        key = (year, party)
        found = self._contexts.get(key)
        if found is None:
            found = self._contexts[key] = Context(self, year, party)
        return found


class Context:
    __slots__ = ("history", "year", "party", "_facts", "own", "_entities", "_cited")

    def __init__(self, history: History, year: int, party: str | None) -> None:
        self.history = history
        self.year = year
        self.party = party
        self._facts = history.by_year.get(year)
        section = self.section()
        # The figures looked up first, for every figure a rule reads: the party's own (or the
        # agreement's), or none without a fact set or a section for the party.
        self.own: Mapping[str, Any] = section.figures if section is not None else {}
        self._entities: dict[str, Entities] = {}
        self._cited: dict[str, FactUsed | None] = {}

    def _fact_set(self, name: str) -> FactSet:
        if self._facts is None:
            raise MissingFact(name, self.year)
        return self._facts

    def facts(self) -> FactSet | None:
        """This year's fact set, if there is one."""
        return self._facts

    def section(self) -> Section | None:
        facts = self._facts
        if facts is None:
            return None
        return facts.parties.get(self.party) if self.party else facts.agreement_section

    def figure(self, name: str) -> Any:
        own = self.own
        if name in own:
            return own[name]
        facts = self._fact_set(name)
        if self.party is not None:
            section = facts.parties.get(self.party)
            if section is None or name not in section.figures:
                raise MissingFact(name, self.year, self.party)
            return section.figures[name]
        figures = facts.agreement_section.figures
        if name in figures:
            return figures[name]
        return self._sum_over_corporations(facts, name)

    def _sum_over_corporations(self, facts: FactSet, name: str) -> Any:
        """An agreement-wide count that the municipality did not give is the corporations' sum."""
        if name not in self.history.additive or not self.history.corporations:
            raise MissingFact(name, self.year)
        return self._corporations_total(facts, name)

    def corporations_sum(self, name: str) -> Any:
        """`corporations(name)`: the corporations' sum, whatever the agreement's own section says
        (its `stock_total` is the whole municipality's, theirs their own homes)."""
        return self._corporations_total(self._fact_set(name), name)

    def _corporations_total(self, facts: FactSet, name: str) -> Any:
        total = 0
        for corporation in self.history.corporations:
            section = facts.parties.get(corporation)
            if section is None or name not in section.figures:
                raise MissingFact(name, self.year, corporation)
            total += section.figures[name]
        return total

    def entities(self, collection: str) -> Entities:
        cached = self._entities.get(collection)
        if cached is not None:
            return cached
        facts = self._fact_set(collection)
        if collection not in facts.collections:
            raise MissingFact(collection, self.year)
        found = facts.collections[collection]
        if self.party is not None:
            party = self.party
            owned = [p == party for p in found.column("party")] if "party" in found.position else ()
            found = found.select(owned)
        self._entities[collection] = found
        return found

    def cited(self, name: str) -> FactUsed | None:
        """The figure as a finding cites it, with any contest; None when it is missing.

        Every rule that reads the figure in this context cites the same thing, so it is built
        once per context rather than once per finding."""
        if name in self._cited:
            return self._cited[name]
        try:
            value = self.figure(name)
        except MissingFact:
            used = None
        else:
            contest = self._contest(name)
            used = FactUsed(name, value, self.year, contest.by if contest else None,
                            contest.reason if contest else None)
        self._cited[name] = used
        return used

    def cited_sum(self, name: str) -> FactUsed | None:
        """`corporations(name)` as a finding cites it: the sum, with a contest on any part of it."""
        try:
            value = self.corporations_sum(name)
        except MissingFact:
            return None
        contest = self._corporations_contest(name)
        return FactUsed(f"corporations({name})", value, self.year, contest.by if contest else None,
                        contest.reason if contest else None)

    def _contest(self, name: str) -> Contest | None:
        """A contest on the figure itself, or, for a sum over the corporations, on any part of
        it."""
        section, facts = self.section(), self._facts
        if section is not None and name in section.contested:
            return section.contested[name]
        if (self.party is None and facts is not None and section is not None
            and name not in section.figures):
            return self._corporations_contest(name)
        return None

    def _corporations_contest(self, name: str) -> Contest | None:
        facts = self._facts
        for corporation in self.history.corporations if facts is not None else ():
            party_section = facts.parties.get(corporation)  # type: ignore[union-attr]
            if party_section is not None and name in party_section.contested:
                return party_section.contested[name]
        return None

    def param(self, name: str, year: int) -> float:
        value = self.dated(name, year)
        if value is None:
            raise MissingFact(f"param({name})", year)
        return value

    def dated(self, name: str, year: int) -> float | None:
        """A dated value for `year`: the one that year's fact set sets outside the agreement (a
        taakstelling), else the one in force on 1 January (a pack's own or a national one)."""
        facts = self.history.by_year.get(year)
        if facts is not None and name in facts.values:
            return facts.values[name].value  # type: ignore[no-any-return]
        parameters = self.history.parameters
        return parameters.value(name, year) if name in parameters.by_name else None

    def dated_status(self, name: str, year: int) -> str | None:
        """How sure the dated value `dated` gives is: a national figure's status (confirmed,
        secondary, unconfirmed); None for a value the year's facts or a pack set themselves."""
        facts = self.history.by_year.get(year)
        parameters = self.history.parameters
        if (facts is not None and name in facts.values) or name not in parameters.by_name:
            return None
        found = parameters.by_name[name].in_force(year)
        return None if found is None else found.status or None

    def condition(self, name: str) -> bool:
        facts = self._fact_set(name)
        if name not in facts.conditions:
            raise MissingFact(f'condition("{name}")', self.year)
        return facts.conditions[name]

    def at_year(self, year: int) -> Context:
        return self.history.context(year, self.party)
