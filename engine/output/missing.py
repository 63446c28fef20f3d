"""What each party still has to deliver for a year, in words: for `woonpact validate --missing`,
`woonpact merge` and the report.

The data request (engine/facts/request.py) says what each party is asked; a fact set says what
came in. A figure is named by its label (with its name for whoever fills in the workbook), a
product by its id, with its due date and the clauses that need it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from woonpact.engine.facts.request import DataRequest, Missing, PartyRequest, missing
from woonpact.engine.facts.vocabulary import Vocabulary
from woonpact.engine.i18n import say
from woonpact.engine.model.facts import FactSet
from woonpact.engine.output.words import condition_words, figure_label, value_text


@dataclass(frozen=True)
class Outstanding:
    """One party's missing items in a year."""

    party: PartyRequest
    items: tuple[Missing, ...]
    vocabulary: Vocabulary  # the pack's, whose labels name the figures it declares itself


def outstanding(
    data: DataRequest, year: int, fact_sets: Mapping[int, FactSet]
) -> tuple[Outstanding, ...]:
    """Per party asked anything, what the fact set of `year` still lacks (possibly nothing)."""
    return tuple(
        Outstanding(asked, missing(asked, year, fact_sets), data.vocabulary)
        for asked in data.parties
        if not asked.empty
    )


def item_text(item: Missing, vocab: Vocabulary, lang: str, codes: bool) -> str:
    """One missing item in words; with `codes`, a figure's or list's name as the workbook has it."""
    label = {  # by its label (a figure a pack declares itself too), else its name in words
        "figure": lambda: figure_label(item.name, lang, vocab),
        "collection": lambda: figure_label(item.name, lang, vocab),
        "condition": lambda: condition_words(item.name),
        "deliverable": lambda: item.name,
    }[item.kind]()
    code = f" [{item.name}]" if codes and item.kind != "deliverable" else ""
    due = value_text(item.due, "date", lang) if item.due else "-"
    together = (
        say("missing.together", lang, parties=", ".join(item.together)) if item.together else ""
    )
    return say(
        f"missing.{item.kind}",
        lang,
        label=label,
        code=code,
        due=due,
        clauses=", ".join(item.clauses),
        together=together,
    )


def lines(data: DataRequest, year: int, fact_sets: Mapping[int, FactSet], lang: str) -> list[str]:
    """The listing of `validate --missing` and `merge`: per party what is missing, then who
    has delivered everything."""
    found = outstanding(data, year, fact_sets)
    out = [say("missing.heading", lang, year=year)]
    for entry in (e for e in found if e.items):
        out.append(f"  {entry.party.party.name} ({entry.party.party.id}):")
        out += [f"    - {item_text(item, entry.vocabulary, lang, codes=True)}"
                for item in entry.items]
    complete = [e.party.party.name for e in found if not e.items]
    if complete:
        out.append("  " + say("missing.complete", lang, parties=", ".join(complete)))
    return out
