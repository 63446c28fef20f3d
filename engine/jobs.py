"""One function per job of the command line, so that the pipeline is written once.

`cli.py` parses the options, calls one of these, renders what it returns and picks the exit
code; it holds no step of the pipeline itself. Each job raises `InputError` with every problem
it found before anything is written. `check_many` renders as well, because a check of many
agreements judges and renders each one in a worker process (engine/cores.py) and hands on
only its text: the findings of hundreds of agreements are never held at once.

Only the commands that judge import this module: `list` and `explain` start without it.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from woonpact.engine import collector
from woonpact.engine.check import (
    CheckResult,
    Meeting,
    check,
    check_each,
    cross_check,
    cross_checked_histories,
    judged,
    load_facts,
    meeting_to_record,
    resolve_pack,
)
from woonpact.engine.cores import spread
from woonpact.engine.errors import InputError, Problem
from woonpact.engine.model.facts import EscalationEvent, FactSet
from woonpact.engine.model.pack import Pack, Rule
from woonpact.engine.output import chunks, rendered
from woonpact.engine.output.result import ExitCode, exit_code
from woonpact.engine.preload import preload
from woonpact.engine.rules.packs import (
    Vocabularies,
    included_rules,
    pack_by_path,
    pack_vocabulary,
)
from woonpact.engine.rules.registry import find_pack
from woonpact.engine.suggest import closest

if TYPE_CHECKING:  # the data request, merging and recording: imported by their jobs (start-up)
    from woonpact.engine.facts.request import DataRequest, PartyRequest
    from woonpact.engine.output.template import Prefill


@dataclass
class Checking:
    """A check of many agreements while it is made: `output` judges and renders them one after
    another (on every core) as it is read, as the UTF-8 bytes to write; `codes` and `warnings`
    fill as it goes."""

    output: Iterator[bytes]
    codes: list[ExitCode] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)

    @property
    def exit_code(self) -> ExitCode:
        return max(self.codes, default=ExitCode.OK)


@contextmanager
def check_many(facts: Sequence[Path], rules: Path | None, year: int | None, fmt: str, lang: str,
               fail_on: str, pretty: bool) -> Iterator[Checking]:
    """`woonpact check` in `fmt` (table, json, markdown): the files and folders given, one
    history per agreement. Every file is read and cross-checked before the first agreement is
    judged, so bad input anywhere is raised here, with every problem, and nothing is judged."""
    with collector.paused():  # one process checks every agreement: see engine/collector.py
        preload(facts, rules)
        checked = cross_checked_histories(list(facts), rules)

        def judge_one(item: tuple[dict[int, FactSet], Pack, list[Problem]],
                      ) -> tuple[bytes, ExitCode, tuple[Problem, ...]]:
            """One agreement's output, exit code and warnings (in a worker process, when many)."""
            result = judged(*item, rules, year)
            return (rendered(result, fmt, lang, pretty, nested=len(checked) > 1),
                    exit_code(result.findings, fail_on), result.warnings)

        def outputs() -> Iterator[bytes]:
            for output, code, found in spread(judge_one, checked):
                checking.codes.append(code)
                checking.warnings.extend(found)
                yield output

        checking = Checking(chunks(outputs(), len(checked), fmt, pretty))
        yield checking


def check_all(facts: Sequence[Path], rules: Path | None, year: int | None) -> list[CheckResult]:
    """One check per agreement among the files and folders given (one history each), for the
    formats that need every finding at once: a workbook, the ladder's open episodes."""
    with collector.paused():  # one process checks every agreement: see engine/collector.py
        preload(facts, rules)
        return check_each(list(facts), rules, year)


@dataclass(frozen=True)
class Validated:
    """An agreement whose facts are well-formed, and with `--missing` what each party is asked
    for `year` (`asked`)."""

    result: CheckResult
    year: int
    asked: DataRequest | None


def validate(facts: Sequence[Path], rules: Path | None, missing: bool,
             year: int | None) -> list[Validated]:
    """`woonpact validate`: every agreement read, cross-checked and judged (so that a recorded
    meeting no finding matches is warned about); with `missing`, the data request of `year`
    (default each agreement's last) to hold its facts against."""
    validated = []
    for result in check_all(facts, rules, None):
        if year is not None and missing and year not in result.fact_sets:
            raise InputError(Problem("facts.no_year", params={
                "year": year, "years": ", ".join(map(str, sorted(result.fact_sets)))}))
        shown = year or max(result.fact_sets)
        asked = asked_for(result.pack, included_rules(result.pack, rules), shown, rules) \
            if missing else None
        validated.append(Validated(result, shown, asked))
    return validated


def asked_for(pack: Pack, rules: Sequence[Rule], year: int | None,
              given: Path | None) -> DataRequest:
    """What the clauses `rules` of `pack` ask each party for `year` (`given`: --rules)."""
    from woonpact.engine.facts.request import request

    return request(pack, rules, year, pack_vocabulary(pack, given))


def report(facts: Sequence[Path], rules: Path | None, year: int | None) -> CheckResult:
    """`woonpact report`: the one agreement's history judged; `year` must be one of its years."""
    result = check(list(facts), rules)
    if year is not None and year not in result.years:
        raise InputError(Problem("facts.no_year", params={
            "year": year, "years": ", ".join(map(str, result.years))}))
    return result


def record_meeting(fact_file: Path, event: EscalationEvent, rules: Path | None) -> Meeting:
    """`woonpact record`: the meeting checked against the agreement's history, then written
    into `fact_file` (atomically, validated first); what it concerns is returned."""
    from woonpact.engine.facts.record import record

    meeting = meeting_to_record(fact_file, event, rules)
    record(fact_file, meeting.event, meeting.cross_check, vocabularies=meeting.vocabularies)
    return meeting


@dataclass(frozen=True)
class Merging:
    """The parties' workbooks joined: the year's facts, their agreement, and what it asks."""

    fact_set: FactSet
    pack: Pack
    asked: DataRequest


def merge(workbooks: Sequence[Path], output: Path, rules: Path | None) -> Merging:
    """`woonpact merge`: the returned workbooks joined into one fact set, cross-checked with its
    pack as `check` would, each problem placed in the workbook and cell it comes from."""
    from woonpact.engine.facts.merge import merge as join

    merged = join(workbooks, output, Vocabularies(rules))
    fact_set = merged.fact_set
    pack = resolve_pack({fact_set.year: fact_set}, rules)
    all_rules = included_rules(pack, rules)
    try:
        cross_check(pack, {fact_set.year: fact_set}, all_rules)
    except InputError as error:
        raise InputError([merged.locate(p) for p in error.problems]) from None
    return Merging(fact_set, pack, asked_for(pack, all_rules, fact_set.year, rules))


@dataclass(frozen=True)
class Template:
    """`woonpact template`'s data request, the parties chosen, and what it starts from."""

    asked: DataRequest
    chosen: list[PartyRequest]
    start: Prefill


def template(pack_id: str, rules: Path | None, parties: Sequence[str], year: int | None,
             prefill: Path | None) -> Template:
    """The data request of a pack (`rules` a pack file: that one) for `year` (default: the
    year after the prefill's last), for the parties chosen (default: all)."""
    from woonpact.engine.output.template import starting_point

    pack = pack_by_path(rules if rules is not None and rules.is_file()
                        else find_pack(pack_id, rules))
    fact_sets = load_facts([prefill], rules) if prefill is not None else {}
    for fact_set in fact_sets.values():
        if fact_set.agreement != pack.id:
            raise InputError(Problem("facts.agreement_mismatch", file=fact_set.path,
                                     field="agreement", params={"found": fact_set.agreement,
                                                                "expected": pack.id}))
    if year is None and fact_sets:
        year = max(fact_sets) + 1
    asked = asked_for(pack, included_rules(pack, rules), year, rules)
    ids = [p.id for p in pack.parties]
    if unknown := [p for p in parties if p not in ids]:
        raise InputError([Problem("facts.unknown_party", field="--party", params={
            "party": p, "pack": pack.id, "suggestion": closest(p, ids) or ""})
            for p in unknown])
    chosen = [party for party in asked.parties if not parties or party.party.id in parties]
    return Template(asked, chosen, starting_point(fact_sets, year))
