"""The disputes ladder as a statechart: positions, the signals that move a clause, transitions.

The chart depends only on how many rungs a ladder has (rung ids and parties are looked up
afterwards), so every pack with a three-rung ladder shares one chart. Its transitions are plain
data in the shape durable-rules reads, named by a hash of that data: a ruleset is registered once
per process under a name that cannot collide with a different shape.

A position is `quiet` (no episode yet, the start), `open` (a failing finding, a rung
recommended), `held` (a rung was held and not settled: the next evaluation decides) or `closed`
(compliance restored, or a meeting settled it). `held` counts rungs from 0; -1 means none held
in the episode. The rules, from docs/ladder.md:

- a failing finding recommends the rung above the highest held in the episode (the first rung
  when none was held), never above the clause's cap (the effort ceiling for an effort
  obligation), so a rung is never skipped and an ignored recommendation is repeated;
- a warning never climbs: it recommends the rung already held (the first when none was);
- a held rung that is not settled waits for the next evaluation; a settled one
  (`resolved`, `agreement-amended`) closes the episode, and so does a compliant finding;
- a failing finding after a close opens a new episode from the first rung.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache, cached_property
from types import MappingProxyType
from typing import Any

from woonpact.engine.model.pack import Ladder

QUIET = "quiet"
MAX_RUNGS = Ladder.MAX_RUNGS

Signal = Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class Position:
    phase: str  # quiet | open | held | closed
    held: int = -1  # the highest rung held in the episode (at closing, for `closed`)
    recommended: int | None = None

    @property
    def name(self) -> str:
        if self.phase == QUIET:
            return QUIET
        if self.phase == "open":
            return f"open:{self.held}>{self.recommended}"
        return f"{self.phase}:{self.held}"

    @property
    def in_episode(self) -> bool:
        return self.phase in ("open", "held")


@dataclass(frozen=True, slots=True)
class Transition:
    source: str
    when: Mapping[str, Any]  # a durable-rules condition on the signal (`m`)
    target: Position


# A signal is made for every finding of a national check (200,000): the few distinct ones are
# made once and shared, read-only.

@cache
def failing(*, warning: bool, cap: int) -> Signal:
    """A breach or warning not covered by an agreed deviation; `cap` is the clause's top rung."""
    return MappingProxyType({"kind": "fail", "warning": warning, "cap": cap})


@cache
def compliant() -> Signal:
    return MappingProxyType({"kind": "pass"})


@cache
def held(rung: int, *, settled: bool) -> Signal:
    return MappingProxyType({"kind": "held", "rung": rung, "settled": settled})


def _all(*conditions: Mapping[str, Any]) -> Mapping[str, Any]:
    return {"$and": list(conditions)}


@dataclass(frozen=True)
class Chart:
    rungs: int
    start: str
    positions: Mapping[str, Position]
    transitions: tuple[Transition, ...]

    @cached_property
    def name(self) -> str:
        """Process-wide ruleset name: a hash of the transitions, so equal shapes share one."""
        table = [(t.source, t.when, t.target.name) for t in self.transitions]
        digest = hashlib.sha256(json.dumps(table, sort_keys=True).encode()).hexdigest()[:16]
        return f"woonpact-ladder-{self.rungs}-{digest}"

    def step(self, position: str, signal: Signal) -> str:
        """The table read directly, without durable-rules: for tests and for checking the chart."""
        matches = [t.target.name for t in self.transitions if t.source == position
                   and _holds(t.when, signal)]
        if len(matches) != 1:
            raise ValueError(f"{len(matches)} transitions from {position} on {dict(signal)}")
        return matches[0]


def _holds(condition: Mapping[str, Any], signal: Signal) -> bool:
    (op, arg), = condition.items()
    if op == "$and":
        return all(_holds(c, signal) for c in arg)
    if op in ("$gt", "$lte"):
        (name, bound), = arg.items()
        return bool(signal.get(name, -1) > bound if op == "$gt" else signal.get(name, 99) <= bound)
    return bool(signal.get(op) == arg)


def _moves(held_rung: int, rungs: int,
           in_episode: bool) -> list[tuple[Mapping[str, Any], Position]]:
    """Every signal's way out of a position whose episode has held up to `held_rung`."""
    h = held_rung if in_episode else -1  # after a close a new episode starts from nothing
    fail = {"kind": "fail"}
    moves: list[tuple[Mapping[str, Any], Position]] = [
        (_all(fail, {"warning": True}), Position("open", h, max(h, 0))),
    ]
    if h + 1 < rungs:
        moves.append((_all(fail, {"warning": False}, {"$gt": {"cap": h}}),
                      Position("open", h, h + 1)))
    if h >= 0:
        moves.append((_all(fail, {"warning": False}, {"$lte": {"cap": h}}), Position("open", h, h)))
        for settled in (False, True):
            moves.append((_all({"kind": "held"}, {"settled": settled}, {"$lte": {"rung": h}}),
                          Position("closed" if settled else "held", h)))
    for j in range(h + 1, rungs):
        for settled in (False, True):
            moves.append((_all({"kind": "held"}, {"settled": settled}, {"rung": j}),
                          Position("closed" if settled else "held", j)))
    return moves


@cache
def chart(rungs: int) -> Chart:
    """The chart for a ladder of `rungs` rungs, holding only positions reachable from quiet.

    A compliant finding before anything failed is never signalled (see `history`), so `quiet`
    keeps no incoming transition and stays the one start state durable-rules requires.
    """
    if not 1 <= rungs <= MAX_RUNGS:
        raise ValueError(f"a ladder has 1 to {MAX_RUNGS} rungs, not {rungs}")
    start = Position(QUIET)
    positions = {start.name: start}
    transitions: list[Transition] = []
    todo = [start]
    while todo:
        here = todo.pop()
        moves = _moves(here.held, rungs, here.in_episode)
        if here.phase != QUIET:
            stay = here if here.phase == "closed" else Position("closed", here.held)
            moves.append(({"kind": "pass"}, stay))
        for when, target in moves:
            transitions.append(Transition(here.name, when, target))
            if target.name not in positions:
                positions[target.name] = target
                todo.append(target)
    return Chart(rungs, start.name, positions, tuple(transitions))
