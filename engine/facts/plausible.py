"""Values that are valid but unlikely, warned about and never refused.

Typed into a cell formatted as a percentage, Dutch Excel reads `0,3` as 30%: a rent-sum rise no
corporation has had. Such a value cannot be refused (it is a share between 0% and 100%), and it
cannot be corrected (it may be true), so the check goes on and the run says, on standard error,
which value to look at. The bounds are vocabulary data (`plausible` in vocabulary.yaml).
"""

from __future__ import annotations

from collections.abc import Iterator

from woonpact.engine.errors import Problem
from woonpact.engine.facts.vocabulary import vocabulary
from woonpact.engine.model.facts import FactSet, Section


def implausible(fact_set: FactSet) -> list[Problem]:
    bounds = vocabulary().plausible
    found = []
    for section, base in sections(fact_set):
        for name, value in section.figures.items():
            low, high = bounds.get(name, (None, None))
            if not isinstance(value, (int, float)) or ((low is None or value >= low) \
                    and (high is None or value <= high)):
                continue
            unit = vocabulary().figures[name]
            usual = f"{_shown(low or 0, unit)}–{_shown(high, unit)}"
            found.append(Problem("facts.implausible", file=fact_set.path,
                                 field=f"{base}.figures.{name}", severity="warning",
                                 params={"name": name, "value": _shown(value, unit),
                                         "range": usual}))
    return found


def sections(fact_set: FactSet) -> Iterator[tuple[Section, str]]:
    """Each section of figures with the data path it stands at."""
    yield fact_set.agreement_section, "municipality"
    for party, section in fact_set.parties.items():
        yield section, f"parties.{party}"


def _shown(value: float | None, unit: str) -> str:
    if value is None:
        return "…"
    return f"{value * 100:.10g}%" if unit == "share" else f"{value:.10g}"
