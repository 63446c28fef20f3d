"""Does each clever part still pay for itself? Each one timed with and without, on the same data.

docs/design.md ("Clever parts and their rules") keeps a trick only while it pays; this script
gives the figures:

- a `Finding` and a `Distance` built as their slots' base and then given their class
  (engine/model/finding.py), against the same frozen slotted dataclass with its generated
  `__init__`;
- the cache's restore through the slots' setters (engine/cache.py), against dataclasses' own
  `__setstate__`, for the packs and for the fact sets of the sweep;
- the paused collector (engine/collector.py) over a warm load and an evaluation of every
  agreement: as it is (paused, then frozen and unfrozen), paused without the freeze, and not
  paused; each variant in a fresh process, interleaved, the median of the runs.

    python bench/clever.py                    # 60 agreements x 6 years, about a minute
    python bench/clever.py --agreements 342   # national size (not on a shared machine)
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import gc
import os
import pickle
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from dataset import Dataset, ensure_dataset
from measure import CacheFolder, load_average, machine_line
from sweep import evaluate_all, load_all

COLLECTOR = ("as it is", "paused, not frozen", "not paused")


def median(fn: Callable[[], object], runs: int) -> float:
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - started)
    return statistics.median(samples)


def _plain_twin(cls: type) -> type:
    """The same frozen slotted dataclass, built by its generated `__init__`."""
    return dataclasses.make_dataclass(f"Plain{cls.__name__}", [
        (f.name, f.type) if f.default is dataclasses.MISSING
        else (f.name, f.type, dataclasses.field(default=f.default))
        for f in dataclasses.fields(cls)], frozen=True, slots=True)


def findings(runs: int, data: Dataset) -> None:
    from woonpact.engine import collector
    from woonpact.engine.check import check
    from woonpact.engine.model.finding import Distance, Finding, ScopeInstance, Status

    rule = check([data.facts_dir(data.agreements[0])], data.rules_dir).pack.rules[0]
    scope, n = ScopeInstance("party", "x", "X", "x"), 200_000
    arguments = {Finding: (rule, 2025, scope, Status.COMPLIANT, "met", 1, 2, None, None, (), (),
                           None, ()),
                 Distance: (3, "count", "more", None)}
    with collector.paused():
        for built, values in arguments.items():
            for label, cls in (("class swapped", built), ("plain dataclass", _plain_twin(built))):
                seconds = median(lambda cls=cls, values=values: [
                    cls(*values) for _ in range(n)], runs)
                print(f"{built.__name__}, {label:<16}: {seconds / n * 1e6:.2f} µs each")


def restore(runs: int, data: Dataset) -> None:
    from woonpact.engine import cache, collector

    loaded = load_all(data)
    for label, value in (("packs", [(a.pack, a.rules) for a in loaded]),
                         ("fact sets", [a.fact_sets for a in loaded])):
        ours = cache.dumps(value)
        default = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        with collector.paused():
            setters, own = (median(lambda p=p: pickle.loads(p), runs) for p in (ours, default))
        print(f"unpickling the {label:<9}: slot setters {setters:.3f} s, dataclasses' own "
              f"__setstate__ {own:.3f} s")


def collector_variant(variant: str, data: Dataset) -> None:
    """One run in this process: prints the seconds of the load, the evaluation and the first
    allocations after the pause."""
    from woonpact.engine import collector

    if variant == COLLECTOR[1]:  # the pause alone: this process's gc never freezes
        gc.freeze = gc.unfreeze = lambda: None  # type: ignore[assignment]
    elif variant == COLLECTOR[2]:
        collector.paused = contextlib.nullcontext  # type: ignore[assignment]
    load_all(data)  # the cache filled, not measured
    gc.collect()
    started = time.perf_counter()
    loaded = load_all(data)
    evaluate_all(loaded)
    evaluated = time.perf_counter()
    [[i] for i in range(20_000)]  # the first allocations after the pause
    print(evaluated - started, time.perf_counter() - evaluated)


def collector_runs(runs: int, args: argparse.Namespace) -> None:
    times: dict[str, list[tuple[float, float]]] = {v: [] for v in COLLECTOR}
    for _ in range(runs):
        for variant in COLLECTOR:
            done = subprocess.run([sys.executable, __file__, "--variant", variant, *_size(args)],
                                  capture_output=True, text=True, check=True, env=os.environ)
            work, after = (float(x) for x in done.stdout.split())
            times[variant].append((work, after))
    for variant, samples in times.items():
        work, after = (statistics.median(s[i] for s in samples) for i in (0, 1))
        print(f"load and evaluation, {variant:<18}: {work + after:.3f} s "
              f"(of which {after:.3f} s the first allocations after the pause)")


def _size(args: argparse.Namespace) -> list[str]:
    return ["--agreements", str(args.agreements), "--years", str(args.years),
            "--lettings-per-year", str(args.lettings_per_year), "--out", str(args.out)]


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--agreements", type=int, default=60)
    parser.add_argument("--years", type=int, default=6)
    parser.add_argument("--lettings-per-year", type=int,
                        help="nationally; default in proportion to 200,000 for 342 agreements")
    parser.add_argument("--out", type=Path, default=Path("/tmp/woonpact-bench-clever"))
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--variant", choices=COLLECTOR, help=argparse.SUPPRESS)
    args = parser.parse_args()
    args.lettings_per_year = args.lettings_per_year or 200_000 * args.agreements // 342
    data = ensure_dataset(args.out, args.agreements, args.years, args.lettings_per_year)
    if args.variant:  # one run of the collector's, in a process of its own (WOONPACT_CACHE set)
        collector_variant(args.variant, data)
        return
    print(machine_line())
    print(f"{args.agreements} agreements x {args.years} years, {args.lettings_per_year:,} "
          f"lettings a year")
    with CacheFolder(args.out) as _:
        findings(args.runs, data)
        restore(args.runs, data)
        collector_runs(args.runs, args)
    print(f"at the end: {load_average()}")


if __name__ == "__main__":
    main()
