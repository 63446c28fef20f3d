"""(b) The national sweep in one process: load every pack and fact set, then evaluate them all.

Uses the functions `woonpact.engine.check.check` uses, so it shows where the time of loading and
judging goes; the end-to-end figures users see are in endtoend.py.
"""

from __future__ import annotations

import cProfile
import os
import pstats
import statistics
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dataset import Agreement, Dataset
from measure import Timing, repeat


@dataclass
class Loaded:
    """One agreement ready to evaluate: its pack, all rules that apply, its fact sets by year."""

    spec: Agreement
    pack: Any
    rules: tuple[Any, ...]
    fact_sets: dict[int, Any]


def load_all(data: Dataset) -> list[Loaded]:
    """Load the way `engine.check.check` does (same functions, same cache), minus evaluating.

    Like `woonpact check` given every agreement's folder, it runs with the cyclic collector
    paused (engine/collector.py). It starts without the packs and parameters an earlier load
    in this process kept in memory, as a new process does (engine/cache.py `shared`)."""
    from woonpact.engine import cache, collector
    from woonpact.engine.check import cross_check, included_rules, load_facts, resolve_pack

    cache.forget_shared()
    loaded = []
    with collector.paused():
        for a in data.agreements:
            fact_sets = load_facts([data.facts_dir(a)])
            pack = resolve_pack(fact_sets, data.rules_dir)
            rules = included_rules(pack, data.rules_dir)
            cross_check(pack, fact_sets, rules)
            loaded.append(Loaded(a, pack, rules, fact_sets))
    return loaded


def evaluate_all(loaded: list[Loaded], compile_clock: list[float] | None = None) -> list[Any]:
    """Evaluate every agreement for all its years, as `engine.check.check` does after loading.

    `compile_clock`, when given, receives the seconds spent building the Evaluations (compiling
    rules into closures), which every process does again for every pack. Like `woonpact check`
    given every agreement's folder, it runs with the cyclic collector paused.
    """
    from woonpact.engine import collector
    from woonpact.engine.check import parameters
    from woonpact.engine.evaluation.run import Evaluation

    params = parameters()
    findings: list[Any] = []
    compiling = 0.0
    with collector.paused():
        for a in loaded:
            started = time.perf_counter()
            evaluation = Evaluation(a.pack, params, a.rules)
            compiling += time.perf_counter() - started
            findings += evaluation.run(a.fact_sets, sorted(a.fact_sets))
    if compile_clock is not None:
        compile_clock.append(compiling)
    return findings


@dataclass
class SweepResult:
    cold_load: Timing | None
    warm_load: Timing
    evaluation: Timing
    compile_seconds: float
    findings: int
    statuses: Counter[str]
    rules: int

    @property
    def total(self) -> float:
        return self.warm_load.median + self.evaluation.median


def measure_sweep(data: Dataset, runs: int, cold: bool) -> tuple[SweepResult, list[Loaded]]:
    """A cold load (fills the fresh cache), warm loads, then evaluations of the last warm load."""
    from woonpact.engine.errors import InputError

    cold_load = None
    try:
        if cold:
            cold_load, _ = repeat(lambda: len(load_all(data)), 1)
        else:
            load_all(data)  # fills the cache; not measured
        warm_load, loaded = repeat(lambda: load_all(data), runs)
    except InputError as error:
        from woonpact.engine.output.problems import problem_line

        lines = "\n".join(problem_line(p, "en") for p in error.problems[:10])
        raise SystemExit(
            f"the generated dataset does not load; the generator is wrong:\n{lines}") from None
    compile_clock: list[float] = []
    evaluation, findings = repeat(lambda: evaluate_all(loaded, compile_clock), runs)
    result = SweepResult(cold_load, warm_load, evaluation, statistics.median(compile_clock),
                         len(findings), Counter(f.status.value for f in findings),
                         sum(len(a.rules) for a in loaded))
    return result, loaded


def profile_sweep(loaded: list[Loaded], out: Path, top: int) -> list[str]:
    """cProfile one evaluation sweep; the engine functions with the most own time."""
    profiler = cProfile.Profile()
    profiler.runcall(evaluate_all, loaded)
    stats_file = out / "sweep.pstats"
    profiler.dump_stats(stats_file)
    stats = pstats.Stats(profiler)
    total = stats.total_tt  # type: ignore[attr-defined]
    marker = f"{os.sep}engine{os.sep}"
    rows = []
    entries = stats.stats.items()  # type: ignore[attr-defined]
    for (file, line, name), (_, calls, own, cumulative, _) in entries:
        if marker in file:
            rows.append((own, cumulative, calls, f"{file[file.index(marker) + 1:]}:{line}({name})"))
    rows.sort(reverse=True)
    lines = [f"{total:.2f} s under cProfile (its overhead inflates this); saved to {stats_file}",
             f"{'own s':>7} {'own %':>6} {'cum s':>7} {'calls':>10}  function"]
    for own, cumulative, calls, where in rows[:top]:
        share = 100 * own / total
        lines.append(f"{own:7.3f} {share:5.1f}% {cumulative:7.3f} {calls:10,d}  {where}")
    return lines
