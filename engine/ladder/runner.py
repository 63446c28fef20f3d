"""Running clause histories through the ladder chart on durable-rules, behind a small interface.

The rest of the engine sees only `Runner.positions`: signals in, the position after each signal
out. durable-rules keeps process-global state and has hard limits, so this module is where they
are respected:

- a ruleset is registered once per chart shape, under the chart's hashed name;
- each history is one session with a name never used before, fed its signals one `post` at a
  time (batches lost events here), read after each, and deleted when done, also on failure, so
  at most one session is live (the host fails past 1,024) and no run sees another's state;
- every transition writes the signal's sequence number beside the position it reaches, so a
  signal that no transition took is noticed instead of silently skipped, and an unmatched
  signal (`MessageNotHandledException`) becomes a `LadderFault`;
- consequence functions take exactly one parameter (two would make them asynchronous).

A clause's positions depend only on the chart and its signals, and at national scale the same
few sequences recur tens of thousands of times, so the process's runner (`ladder_runner`) sends
each distinct sequence through durable-rules once and hands out its positions again after; it
keeps them in the user's cache too, so that a later check runs only the sequences it brings new.
"""

from __future__ import annotations

import functools
import itertools
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, ClassVar, Protocol

from woonpact.engine import cache
from woonpact.engine.ladder.chart import Chart, Position, Signal

LADDER = "ladder"  # the cache's kind for what the charts reached


class LadderFault(RuntimeError):
    """The chart did not take a signal: a bug in the chart, never a problem with the input."""


class Runner(Protocol):
    def positions(self, chart: Chart,
                  histories: Iterable[Sequence[Signal]]) -> Iterator[tuple[Position, ...]]:
        """For each history, the position after each of its signals."""
        ...


def _enter(target: str) -> Callable[[Any], None]:
    def enter(c: Any) -> None:
        c.s.at = target
        c.s.seen = c.m.seq
    return enter


class DurableRunner:
    """The ladder on durable-rules: one statechart session per clause history."""

    # durable-rules' host is process-global, so is this record
    _registered: ClassVar[set[str]] = set()
    _runs = itertools.count()

    def __init__(self) -> None:
        self.prefix = uuid.uuid4().hex[:12]

    @functools.cached_property
    def lang(self) -> Any:
        from durable import lang  # a C extension, loaded only when a history is new

        return lang

    def _register(self, chart: Chart) -> str:
        name = chart.name
        if name not in self._registered:
            states: dict[str, dict[str, Any]] = {p: {} for p in chart.positions}
            for i, t in enumerate(chart.transitions):
                states[t.source][f"t{i}"] = {"all": [{"m": t.when}], "run": _enter(t.target.name),
                                             "to": t.target.name}
            self.lang.get_host().register_rulesets({f"{name}$state": states})
            self._registered.add(name)
        return name

    def positions(self, chart: Chart,
                  histories: Iterable[Sequence[Signal]]) -> Iterator[tuple[Position, ...]]:
        from durable.engine import MessageNotHandledException

        ruleset = self._register(chart)
        host = self.lang.get_host()
        run = next(self._runs)
        for n, signals in enumerate(histories):
            sid = f"{self.prefix}-{run}-{n}"
            reached: list[Position] = []
            try:
                for seq, signal in enumerate(signals):
                    try:
                        host.post(ruleset, {**signal, "sid": sid, "seq": seq})
                    except MessageNotHandledException:
                        raise LadderFault(f"no transition took {dict(signal)}") from None
                    state = host.get_state(ruleset, sid)
                    if state.get("seen") != seq:
                        raise LadderFault(f"no transition took {dict(signal)} after {reached[-1:]}")
                    reached.append(chart.positions[state["at"]])
            finally:
                if signals:
                    host.delete_state(ruleset, sid)
            yield tuple(reached)


Key = tuple[tuple[tuple[str, Any], ...], ...]  # a history's signals, each as sorted items


class Memoised:
    """A runner that sends each distinct history through `runner` once.

    What a history reaches is a function of the chart (its name is a hash of every transition)
    and the signals, which carry all that the ladder reads: a failing finding's cap holds what
    the law and the agreement open to the clause that year, a meeting its rung and whether it
    settled the matter. So equal keys give equal positions; durable-rules still decides every
    sequence it has not seen. A national check's 84,000 episodes are a few hundred sequences.

    `kept`: what a chart's histories reached is also kept in the user's cache (engine/cache.py:
    sealed, and dropped when the engine's code changes), so a later process starts with it
    and needs durable-rules, and its import, only for a history no earlier check ran.
    """

    def __init__(self, runner: Runner, kept: bool = False) -> None:
        self.runner = runner
        self.kept = kept
        self.known: dict[str, dict[Key, tuple[Position, ...]]] = {}  # by chart name

    def positions(self, chart: Chart,
                  histories: Iterable[Sequence[Signal]]) -> Iterator[tuple[Position, ...]]:
        known = self.known.get(chart.name)
        if known is None:
            known = self.known[chart.name] = self._recalled(chart)
        keyed = [(tuple(tuple(sorted(s.items())) for s in h), h) for h in histories]
        new = {key: h for key, h in keyed if key not in known}
        if new:
            known.update(zip(new, self.runner.positions(chart, new.values()), strict=True))
            if self.kept:
                cache.remember(LADDER, chart.name, known)
        return (known[key] for key, _ in keyed)

    def _recalled(self, chart: Chart) -> dict[Key, tuple[Position, ...]]:
        kept = cache.recall(LADDER, chart.name) if self.kept else None
        return dict(kept) if isinstance(kept, dict) else {}


@functools.cache
def ladder_runner() -> Runner:
    """The process's runner: durable-rules, each distinct history once (`Memoised`), what it
    reached kept for later processes."""
    return Memoised(DurableRunner(), kept=True)
