"""The data request as workbooks: one per party, with only what the clauses read from it.

Each workbook is a fact set in the layout `workbook.read` reads back (described there), so a
returned workbook is checked like any other and `merge.py` joins the parties' workbooks into
the year's fact set. What a person reads is in the language asked for: the cover sheet
(`agreement`: whose request it is, the deadline, where to send it, how to fill it in, the
deliverables asked and what every column means), the units, the descriptions and the column
headers (`rent (kale huur · bedrag in €)`: the name before the bracket is what reading needs).
Every closed column offers its values as a drop-down (parties, deliverables, enumerations,
yes/no, the ladder's clauses, rungs and outcomes) from the hidden sheet `_lists`. Each sheet
prints landscape on A4, fitted to the width, its header repeated on every page.

Prefilled from the facts of the year itself (a correction round, or `woonpact merge`), the
values fill the cells. From the year before, they stand beside each figure for comparison
only, so a figure nobody updated is missing rather than last year's; last year's projects,
neighbourhoods, plots and homes are copied (they last), its lettings, meetings and deliverables
are not (they were that year's), and a product already delivered is not asked again.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from woonpact.engine import schema
from woonpact.engine.facts.request import DataRequest, Deliverable, PartyRequest, municipality_party
from woonpact.engine.facts.workbook import (
    AGREEMENT,
    CONDITIONS,
    LISTS,
    MUNICIPALITY,
    RECORDS,
    SECTION_HEAD,
    _attributes,
    _head,
)
from woonpact.engine.i18n import say
from woonpact.engine.model.entities import Entities
from woonpact.engine.model.facts import FactSet, Section
from woonpact.engine.model.pack import Role
from woonpact.engine.output.words import date_text, value_text

LAST_ROW = 1_048_576  # Excel's: a drop-down covers the rows a team adds as well
LASTING = ("projects", "neighbourhoods", "plots", "homes")  # copied from the year before
FORMATS = {"share": "0.0%", "eur": '"€" #,##0.00', "count": "0", "date": "yyyy-mm-dd",
           "year": "0"}
WRAP_WIDTH = 70  # the description column: long meanings wrap within it


@dataclass(frozen=True)
class Prefill:
    """What a template starts from: the year's own facts (they fill the cells), the year before
    (shown beside for comparison), and the products delivered before the year."""

    facts: FactSet | None = None
    previous: FactSet | None = None
    delivered: frozenset[tuple[str, str | None]] = frozenset()  # (deliverable, party)


@dataclass(frozen=True)
class Letter:
    """The cover's particulars: by when and to whom the workbook goes back."""

    deadline: dt.date | None = None
    send_to: str | None = None


def workbook(
    data: DataRequest,
    parties: Sequence[PartyRequest],
    lang: str,
    prefill: Prefill = Prefill(),
    letter: Letter = Letter(),
) -> Any:
    """The workbook for `parties` (one party's request, or all of them in one book)."""
    from openpyxl import Workbook  # only commands that touch Excel pay for it

    book = Workbook()
    writer = _Writer(book, data, parties, lang, prefill)
    writer.cover(book.active, letter)
    for party in parties:
        for section in party.sections:
            writer.section(section, party)
    for collection in writer.collections():
        writer.collection(collection)
    if any(p.conditions for p in parties):
        writer.conditions()
    if any(p.records for p in parties):
        writer.records()
    book.move_sheet(
        writer.lists.sheet, offset=len(book.sheetnames) - 1 - book.index(writer.lists.sheet)
    )
    for sheet in book.worksheets:
        _printable(sheet)
    return book


def starting_point(fact_sets: Mapping[int, FactSet], year: int | None) -> Prefill:
    """What a template for `year` starts from, given fact sets: the year's own facts, the year
    before, and the products delivered before the year (by whom; None: nobody in particular)."""
    if year is None or not fact_sets:
        return Prefill()
    delivered = set()
    for earlier in (facts for y, facts in fact_sets.items() if y < year):
        items = earlier.collections.get("deliverables")
        if items is not None:
            delivered |= set(zip(items.column("id"), items.column("party")))
    return Prefill(fact_sets.get(year), fact_sets.get(year - 1), frozenset(delivered))


def file_name(data: DataRequest, party: PartyRequest) -> str:
    """`westland-2025-2026-arcade.xlsx`: the agreement, the year and the party."""
    year = f"-{data.year}" if data.year is not None else ""
    return f"{data.pack.id}{year}-{party.party.id}.xlsx"


class _Writer:
    def __init__(
        self,
        book: Any,
        data: DataRequest,
        parties: Sequence[PartyRequest],
        lang: str,
        prefill: Prefill,
    ) -> None:
        self.book, self.data, self.parties, self.lang, self.prefill = (
            book,
            data,
            parties,
            lang,
            prefill,
        )
        self.lists = _Lists(book, lang)
        self.whole = len(parties) > 1  # every party's rows, in one book
        self.own = frozenset(p.party.id for p in parties)

    # -- the cover --------------------------------------------------------------------------

    def cover(self, sheet: Any, letter: Letter) -> None:
        """The `agreement` sheet: the two rows reading needs, then the request in words (column
        A left blank, so reading passes over it)."""
        lang, pack, year = self.lang, self.data.pack, self.data.year
        sheet.title = AGREEMENT
        _head(
            sheet,
            [say("workbook.name", lang), say("workbook.value", lang), say("workbook.label", lang)],
        )
        sheet.append(["agreement", pack.id, pack.title])
        sheet.append(
            [
                "year",
                year,
                say("workbook.year_hint", lang, first=pack.first_year, last=pack.last_year),
            ]
        )
        if year is not None:
            sheet.cell(3, 2).number_format = "0"
        names = ", ".join(p.party.name for p in self.parties)
        lines: list[tuple[str, str] | str] = [
            "",
            (
                "!",
                say(
                    "request.title",
                    lang,
                    year=year or f"{pack.first_year}-{pack.last_year}",
                    agreement=pack.title,
                ),
            ),
            (say("request.for", lang), names),
            (
                say("request.deadline", lang),
                date_text(letter.deadline, lang) if letter.deadline
                else say("request.deadline_letter", lang),
            ),
            (say("request.send_to", lang), letter.send_to or self._municipality_name()),
            "",
            ("!", say("request.how", lang)),
            *((str(i), say(f"request.step{i}", lang)) for i in range(1, 6)),
        ]
        if self.prefill.previous is not None:
            lines.append(("", say("request.previous", lang, year=self.prefill.previous.year)))
        if self.prefill.facts is not None:
            lines.append(("", say("request.filled", lang, year=self.prefill.facts.year)))
        lines += ["", ("!", say("request.asked", lang))]
        lines += [(sheet_name, text) for sheet_name, text in self._contents()]
        deliverables = [(p, d) for p in self.parties for d in p.deliverables if self._asked(p, d)]
        if deliverables:
            lines += ["", ("!", say("request.deliverables", lang))]
            for party, item in deliverables:
                due = value_text(item.due, "date", lang) if item.due else "-"
                together = (
                    say("request.together", lang, parties=self._names(item.together))
                    if item.together
                    else ""
                )
                who = f"{party.party.name}: " if self.whole else ""
                lines.append(
                    (
                        item.id,
                        say(
                            "request.deliverable",
                            lang,
                            who=who,
                            due=due,
                            clauses=", ".join(item.clauses),
                            together=together,
                        ),
                    )
                )
        lines += ["", ("!", say("request.columns", lang))]
        lines += self._legend()
        _cover_lines(sheet, lines)
        _widths(sheet, (12, 34, 90))

    def _contents(self) -> Iterable[tuple[str, str]]:
        lang = self.lang
        for party in self.parties:
            for section in party.sections:
                count = len(party.figures.get(section, {}))
                yield (
                    section,
                    say(
                        "request.sheet_figures",
                        lang,
                        count=count,
                        whose=self._section_name(section),
                    ),
                )
        vocab = self.data.vocabulary
        for collection in self.collections():
            yield (
                collection,
                say("request.sheet_collection", lang, what=vocab.meanings[collection](lang)),
            )
        if any(p.conditions for p in self.parties):
            yield CONDITIONS, say("request.sheet_conditions", lang)
        if any(p.records for p in self.parties):
            yield "escalations, deviations", say("request.sheet_records", lang)

    def _legend(self) -> list[tuple[str, str] | str]:
        """Every column of every collection sheet: its name, words, unit, meaning, values."""
        vocab, lang = self.data.vocabulary, self.lang
        lines: list[tuple[str, str] | str] = []
        for collection in self.collections():
            lines.append(("!", collection))
            for attr, unit in _attributes(collection, self.data.vocabulary).items():
                allowed = self._allowed(collection, attr)
                values = (
                    " "
                    + say(
                        "request.values", lang, values=", ".join(_shown(v, lang) for v in allowed)
                    )
                    if allowed
                    else ""
                )
                lines.append(
                    (
                        attr,
                        f"{vocab.attribute_labels[(collection, attr)](lang)} "
                        f"({_unit(unit, lang)}): "
                        f"{vocab.attribute_meanings[(collection, attr)](lang)}{values}",
                    )
                )
        return lines

    def _municipality_name(self) -> str:
        party = municipality_party(self.data.pack)
        return party.name if party else self.data.pack.municipality

    def _names(self, ids: Iterable[str]) -> str:
        return ", ".join(p.name if (p := self.data.pack.party(i)) else i for i in ids)

    def _section_name(self, section: str) -> str:
        return self._municipality_name() if section == MUNICIPALITY else self._names([section])

    # -- figures ----------------------------------------------------------------------------

    def section(self, section: str, party: PartyRequest) -> None:
        """A party's figures: who supplied them and from which system, then a row per figure."""
        lang, vocab = self.lang, self.data.vocabulary
        sheet = self.book.create_sheet(section)
        _head(sheet, [say(f"workbook.{h}", lang) for h in SECTION_HEAD])
        own = self._facts_section(self.prefill.facts, section)
        before = self._facts_section(self.prefill.previous, section)
        sheet.append(
            [
                "supplied_by",
                own.supplier if own else None,
                _unit("text", lang),
                say("workbook.supplied_by", lang, section=self._section_name(section)),
            ]
        )
        sheet.append(
            [
                "system",
                own.system if own else None,
                _unit("text", lang),
                say("workbook.system", lang),
            ]
        )
        asked = party.figures.get(section, {})
        extra = [n for n in (own.figures if own else {}) if n not in asked and n in vocab.figures]
        for name in [*asked, *extra]:
            unit = vocab.figures[name]
            description = f"{vocab.labels[name](lang)}: {vocab.meanings[name](lang)}"
            if name in asked:
                description += " " + say("request.read_by", lang, clauses=", ".join(asked[name]))
            if before is not None and name in before.figures:
                description += " " + say(
                    "request.before",
                    lang,
                    year=self.prefill.previous.year,  # type: ignore[union-attr]
                    value=value_text(before.figures[name], unit, lang),
                )
            contest = own.contested.get(name) if own else None
            value = own.figures.get(name) if own else None
            sheet.append(
                [
                    name,
                    _share(value) if unit == "share" and value is not None else value,
                    _unit(unit, lang),
                    description,
                    contest.by if contest else None,
                    contest.reason if contest else None,
                ]
            )
            if unit in FORMATS:
                sheet.cell(sheet.max_row, 2).number_format = FORMATS[unit]
        self.lists.restrict(sheet, 5, [p.id for p in self.data.pack.parties])
        _wrap(sheet, 4)
        _widths(sheet, (30, 14, 12, WRAP_WIDTH, 16, 40))

    @staticmethod
    def _facts_section(facts: FactSet | None, section: str) -> Section | None:
        if facts is None:
            return None
        return facts.agreement_section if section == MUNICIPALITY else facts.parties.get(section)

    # -- collections ------------------------------------------------------------------------

    def collections(self) -> list[str]:
        """The collection sheets: those asked of these parties, and those the prefill has rows
        of theirs in, in the vocabulary's order."""
        wanted = {name for p in self.parties for name in p.collections}
        if any(p.deliverables for p in self.parties):
            wanted.add("deliverables")
        wanted |= {name for name in self.data.vocabulary.collections if self._rows(name)}
        return [name for name in self.data.vocabulary.collections if name in wanted]

    def _rows(self, collection: str) -> list[dict[str, Any]]:
        """The prefill's items of this collection that belong in this workbook."""
        facts = self.prefill.facts
        source = facts.collections.get(collection) if facts is not None else None
        if source is None and collection in LASTING and self.prefill.previous is not None:
            source = self.prefill.previous.collections.get(collection)
        if source is None:
            return []
        return [
            item
            for item in _items(source)
            if self.whole or self._owner(collection, item.get("party")) in self.own
        ]

    def _owner(self, collection: str, party: str | None) -> str | None:
        """Whose workbook an item goes in: the party it names, for a collection each party keeps;
        else (or naming nobody of the pack) the municipality's."""
        pack = self.data.pack
        if (
            self.data.vocabulary.reported_by.get(collection) != "municipality"
            and party
            and pack.party(party)
        ):
            return party
        municipality = municipality_party(pack)
        return municipality.id if municipality else None

    def collection(self, name: str) -> None:
        """A header of attributes with their words and units, the prefilled rows, an Excel table,
        and a drop-down on every closed column."""
        lang, vocab = self.lang, self.data.vocabulary
        units = _attributes(name, self.data.vocabulary)
        sheet = self.book.create_sheet(name)
        _head(
            sheet,
            [
                f"{attr} ({vocab.attribute_labels[(name, attr)](lang)} · {_unit(unit, lang)})"
                for attr, unit in units.items()
            ],
        )
        rows = self._rows(name)
        for item in rows:
            sheet.append([_cell(item.get(attr)) for attr in units])
        _table(sheet, name, len(units), max(2, len(rows) + 1))
        for column, (attr, unit) in enumerate(units.items(), start=1):
            if unit in FORMATS:
                for row in range(2, len(rows) + 2):
                    sheet.cell(row, column).number_format = FORMATS[unit]
                sheet.column_dimensions[_letter(column)].number_format = FORMATS[unit]
            if allowed := self._allowed(name, attr):
                self.lists.restrict(sheet, column, allowed)
        _widths(sheet, [max(16, min(40, len(str(c.value)) + 2)) for c in sheet[1]])

    def _allowed(self, collection: str, attr: str) -> tuple[Any, ...]:
        """A closed column's values: an enumeration, yes/no, a party (in a party's own workbook,
        only itself), a deliverable asked of these parties."""
        vocab = self.data.vocabulary
        if (collection, attr) in vocab.enums:
            return vocab.enums[(collection, attr)]
        if vocab.collections[collection][attr] == "bool":
            return (True, False)
        if (
            attr == "party"
            and vocab.reported_by.get(collection) != "municipality"
            and not self._municipal
        ):
            return tuple(sorted(self.own))
        if attr == "party":
            return tuple(p.id for p in self.data.pack.parties)
        if collection == "deliverables" and attr == "id":
            asked = [d.id for p in self.parties for d in p.deliverables]
            return tuple(
                dict.fromkeys([*asked, *(item["id"] for item in self._rows("deliverables"))])
            )
        return ()

    @property
    def _municipal(self) -> bool:
        return self.whole or any(p.party.role is Role.GEMEENTE for p in self.parties)

    def _asked(self, party: PartyRequest, deliverable: Deliverable) -> bool:
        """Not asked again: a product (not a yearly one) delivered before the year, by the party
        or by nobody in particular."""
        delivered = self.prefill.delivered
        return (
            deliverable.yearly
            or not {(deliverable.id, party.party.id), (deliverable.id, None)} & delivered
        )

    # -- the municipality's own sheets ------------------------------------------------------

    def conditions(self) -> None:
        """One row per condition the clauses read, with the clauses that read it."""
        lang = self.lang
        sheet = self.book.create_sheet(CONDITIONS)
        _head(
            sheet,
            [
                f"name ({say('workbook.condition', lang)})",
                f"value ({_unit('bool', lang)})",
                say("workbook.read_by", lang),
            ],
        )
        given = self.prefill.facts.conditions if self.prefill.facts is not None else {}
        for party in self.parties:
            for condition, clauses in party.conditions.items():
                sheet.append([condition, given.get(condition), ", ".join(clauses)])
        self.lists.restrict(sheet, 2, (True, False))
        _widths(sheet, (36, 14, 40))

    def records(self) -> None:
        """The ladder's records: the meetings held on the disputes ladder, the agreed deviations."""
        lang = self.lang
        closed = {
            "rule": self.data.clauses,
            "rung": tuple(r.id for r in self.data.pack.ladder.rungs),
            "outcome": tuple(
                schema.load_schema("facts.schema.json")["$defs"]["escalation"]["properties"][
                    "outcome"
                ]["enum"]
            ),
        }
        facts = self.prefill.facts
        rows = {
            "escalations": [_event(e) for e in facts.escalations] if facts else [],
            "deviations": [_deviation(d) for d in facts.deviations] if facts else [],
        }
        for name, units in RECORDS.items():
            sheet = self.book.create_sheet(name)
            _head(
                sheet,
                [
                    f"{attr} ({say(f'workbook.record.{attr}', lang)} · {_unit(unit, lang)})"
                    for attr, unit in units.items()
                ],
            )
            for item in rows[name]:
                sheet.append([_cell(item.get(attr)) for attr in units])
            _widths(sheet, [60 if attr in ("note", "reason") else 22 for attr in units])
            for column, (attr, unit) in enumerate(units.items(), start=1):
                if unit == "date":
                    sheet.column_dimensions[_letter(column)].number_format = FORMATS["date"]
                if closed.get(attr):
                    self.lists.restrict(sheet, column, closed[attr])


def _items(entities: Entities) -> list[dict[str, Any]]:
    return [
        {a: v for a, v in zip(entities.attributes, row) if v is not None} for row in entities.rows()
    ]


def _event(event: Any) -> dict[str, Any]:
    """A recorded meeting as its row: the sheet's columns are the event's fields, by name."""
    return {attr: getattr(event, attr, None) or None for attr in RECORDS["escalations"]}


def _deviation(deviation: Any) -> dict[str, Any]:
    return {
        "rule": deviation.rule,
        "scope": deviation.scope,
        "from": deviation.first_year,
        "until": deviation.last_year,
        "approved_by": list(deviation.approved_by),
        "date": deviation.date,
        "reason": deviation.reason,
    }


def _share(value: float) -> Decimal:
    """A share as the percentage it was written as, over 100: Excel keeps 16 digits, and the
    17th of 4.1% read as a fraction (0.040999999999999995) would make it 4.099999999999999%."""
    return Decimal(f"{value * 100:.10g}") / 100


def _cell(value: Any) -> Any:
    """A value as a cell holds it: a list (a meeting's parties) as its items with commas."""
    return ", ".join(value) if isinstance(value, list) else value


def _unit(unit: str, lang: str) -> str:
    return say(f"unit.{unit}", lang)


def _shown(value: Any, lang: str) -> str:
    return value_text(value, "", lang) if isinstance(value, bool) else str(value)


def _cover_lines(sheet: Any, lines: Sequence[tuple[str, str] | str]) -> None:
    """The cover's words in columns B and C; a heading (`!`) bold, in column B."""
    from openpyxl.styles import Alignment, Font

    for line in lines:
        if isinstance(line, str):
            sheet.append([None, line or None])
            continue
        key, text = line
        if key == "!":
            sheet.append([None, text])
            sheet.cell(sheet.max_row, 2).font = Font(bold=True, size=12)
        else:
            sheet.append([None, key or None, text])
            sheet.cell(sheet.max_row, 3).alignment = Alignment(wrap_text=True, vertical="top")
            sheet.cell(sheet.max_row, 2).alignment = Alignment(vertical="top")


class _Lists:
    """The values of the template's drop-downs, one column each on the hidden sheet `_lists`."""

    def __init__(self, book: Any, lang: str) -> None:
        self.sheet = book.create_sheet(LISTS)
        self.sheet.sheet_state = "hidden"
        self.lang = lang
        self.ranges: dict[tuple[Any, ...], str] = {}

    def restrict(self, sheet: Any, column: int, allowed: Sequence[Any]) -> None:
        """Let `column` of `sheet` (below its header) take only `allowed`, from a drop-down."""
        from openpyxl.utils import quote_sheetname
        from openpyxl.worksheet.datavalidation import DataValidation

        key = tuple(allowed)
        if key not in self.ranges:
            letter = _letter(len(self.ranges) + 1)
            for row, value in enumerate(key, start=1):
                self.sheet[f"{letter}{row}"] = value
            self.ranges[key] = f"{quote_sheetname(LISTS)}!${letter}$1:${letter}${len(key)}"
        rule = DataValidation(
            type="list",
            formula1=self.ranges[key],
            allow_blank=True,
            showErrorMessage=True,
            errorTitle=say("workbook.invalid_title", self.lang),
            error=say("workbook.invalid", self.lang),
        )
        letter = _letter(column)
        rule.add(f"{letter}2:{letter}{LAST_ROW}")
        sheet.add_data_validation(rule)


def _wrap(sheet: Any, column: int) -> None:
    from openpyxl.styles import Alignment

    for (cell,) in sheet.iter_rows(min_row=2, min_col=column, max_col=column):
        cell.alignment = Alignment(wrap_text=True, vertical="top")


def _printable(sheet: Any) -> None:
    """Landscape A4, fitted to the page's width, the header row on every page."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = "1:1"


def _table(sheet: Any, name: str, width: int, last_row: int) -> None:
    from openpyxl.worksheet.table import Table, TableStyleInfo

    table = Table(displayName=f"t_{name}", ref=f"A1:{_letter(width)}{last_row}")
    table.tableStyleInfo = TableStyleInfo(name="TableStyleLight9", showRowStripes=True)
    sheet.add_table(table)


def _widths(sheet: Any, widths: Any) -> None:
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[_letter(column)].width = width


def _letter(column: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(column)
