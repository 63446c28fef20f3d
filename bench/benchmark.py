"""How fast is woonpact at what users run, measured honestly on a synthetic national dataset.

This is a script that prints figures, not a test: nothing here asserts. It

1. generates (once, deterministically) a national dataset of N agreements x Y years
   (dataset.py);
2. times the floor (parsing every input file once) and the national `woonpact check` end to end
   as users run it, per output format, cold and warm, with its peak memory and where a warm
   run spends its time; the report for a sample of agreements; start-up (endtoend.py);
3. times the national sweep in one process, loading and evaluating only (sweep.py);
4. evaluates the same threshold rules five ways (woonpact, a plain loop, durable-rules,
   zen-engine, rule-engine) and checks that all reach the same verdicts (thresholds.py);
5. ends with a summary: each target, its ratio as measured in this run, and whether it is met.

Run `python bench/benchmark.py --help`; bench/README.md explains what is measured and why.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import endtoend
from dataset import NATIONAL_PACK, Dataset, ensure_dataset
from endtoend import Floor, Memory, NationalRun, ReportRuns, Stages, Startup
from measure import CacheFolder, calibration, heading, load_average, machine_line, rate
from sweep import SweepResult, measure_sweep, profile_sweep
from thresholds import ThresholdResult, measure_thresholds

TARGET_COLD_VS_FLOOR = 3.0
TARGET_WARM_VS_FLOOR = 1.0
TARGET_LADDER_SHARE = 0.10
TARGET_OUTPUT_SHARE = 0.15
TARGET_ONE_CHECK_VS_BARE = 10.0
TARGET_HELP_VS_BARE = 3.0
TARGET_VS_PLAIN = 2.0
TARGET_PEAK_BYTES = 1024 ** 3
GIB = 1024 ** 3


def print_dataset(data: Dataset) -> None:
    heading("dataset")
    corporations = sum(len(a.corporations) for a in data.agreements)
    action = "generated" if data.generated else "reused (generated before, same parameters)"
    print(f"{data.out}: {action} in {data.seconds:.1f} s")
    per_year = ", ".join(f"{y}: {n:,}" for y, n in sorted(data.lettings_per_year.items()))
    print(f"{len(data.agreements)} agreements x {len(data.years)} years "
          f"({data.years[0]}-{data.years[-1]}), {corporations:,} corporations")
    print(f"lettings per year: {per_year}")


def print_floor(floor: Floor) -> None:
    heading("(a) the floor: every input file parsed once (CSafeLoader, csv.reader), nothing else")
    print(f"{floor.yaml_files:,} YAML files, {floor.csv_files:,} CSV files ({floor.csv_rows:,} "
          f"rows), {floor.megabytes:.0f} MB")
    print(f"parse floor             : {floor.timing.describe()}")


def print_national(runs: list[NationalRun], floor: Floor) -> None:
    heading("(a) the national `woonpact check` as a subprocess, every agreement in one command")
    base = floor.timing.median
    for r in runs:
        print(f"{r.fmt:<9} cold {r.cold.seconds:7.2f} s = {r.cold.seconds / base:4.1f}x floor, "
              f"peak {r.cold.peak_bytes / GIB:.2f} GiB | warm {r.warm.seconds:7.2f} s = "
              f"{r.warm.seconds / base:4.1f}x floor, peak {r.warm.peak_bytes / GIB:.2f} GiB | "
              f"{r.output_megabytes:.0f} MB written")


def print_memory(memory: Memory) -> None:
    heading("(a) peak memory of the national JSON check with its worker processes (summed PSS)")
    print(f"cold {memory.cold / GIB:.2f} GiB | warm {memory.warm / GIB:.2f} GiB  (the process and "
          f"the workers it forks, a shared page counted once; sampled in runs of their own)")


def print_stages(stages: Stages) -> None:
    heading("(a) a warm national JSON check in this process: where the time goes")
    for stage in (*stages.seconds, "output"):
        seconds = stages.output if stage == "output" else stages.seconds[stage]
        print(f"{stage:<9} {seconds:7.2f} s  {100 * stages.share(stage):5.1f}%")
    print(f"{'total':<9} {stages.total:7.2f} s  (output: rendering, encoding and writing the "
          f"document, and the rest of the command)")


def print_reports(r: ReportRuns) -> None:
    heading(f"(a) `woonpact report` (HTML), one agreement per run, {r.agreements} agreements")
    print(f"cold cache              : {r.cold.describe()} per agreement")
    print(f"warm cache              : {r.warm.describe()} per agreement")


def print_startup(r: Startup) -> None:
    heading("(a) start-up: processes including interpreter start-up")
    print(f"command: {' '.join(endtoend.woonpact_command())}")
    print(f"python -c pass          : {r.bare.describe('ms')}")
    print(f"woonpact --help         : {r.help.describe('ms')}  = {r.help_ratio:.1f}x bare")
    print(f"woonpact list           : {r.listing.describe('ms')}  = {r.list_ratio:.1f}x bare "
          f"(warm cache, the bundled packs)")
    if r.cold is not None and r.warm is not None and r.warm_ratio is not None:
        print(f"one check, cold cache   : {r.cold.describe('ms')}")
        print(f"one check, warm cache   : {r.warm.describe('ms')}  = {r.warm_ratio:.1f}x bare "
              f"({r.findings} findings)")


def _statuses(counts: Counter[str]) -> str:
    return ", ".join(f"{status} {n:,}" for status, n in counts.most_common())


def print_sweep(r: SweepResult, data: Dataset) -> None:
    heading("(b) national sweep in one process: loading and evaluating only (diagnostic)")
    lettings = sum(data.lettings_per_year.values())
    print(f"{len(data.agreements)} packs ({r.rules:,} rules incl. {NATIONAL_PACK}), "
          f"{len(data.agreements) * len(data.years):,} fact sets, {lettings:,} lettings")
    if r.cold_load is not None:
        print(f"load, cold cache        : {r.cold_load.describe()}  (YAML, schema, CSV, pickle)")
    print(f"load, warm cache        : {r.warm_load.describe()}  ({r.warm_load.gc_note()})")
    print(f"evaluation              : {r.evaluation.describe()}  (all agreements, all years)")
    print(f"  of which              : compiling the packs {r.compile_seconds:.2f} s, "
          f"{r.evaluation.gc_note()}")
    print(f"findings                : {r.findings:,} ({_statuses(r.statuses)})")
    print(f"rule evaluations/s      : {rate(r.findings, r.evaluation.median)}")


def print_thresholds(r: ThresholdResult) -> None:
    heading("(c) the same threshold rules five ways: per corporation, share(a, b) <= or >= N%")
    print(f"{r.evaluations:,} evaluations per run ({_statuses(r.statuses)})")
    print(f"woonpact Evaluation     : {r.woonpact.describe()}  "
          f"{rate(r.evaluations, r.woonpact.median)}")
    print(f"  (compiling these rules once: {r.compile_seconds:.3f} s, not included; "
          f"{r.woonpact.gc_note()})")
    for peer in r.peers:
        if peer.timing is None:
            print(f"{peer.name:<24}: {peer.note}")
            continue
        times = peer.timing.median / r.woonpact.median
        relation = f"woonpact {times:.2f}x faster" if times >= 1 else \
            f"woonpact {1 / times:.2f}x slower"
        agreement = "same verdicts" if peer.mismatches == 0 else \
            f"{peer.mismatches} verdicts DIFFER"
        print(f"{peer.name:<24}: {peer.timing.describe()}  "
              f"{rate(r.evaluations, peer.timing.median)}  {relation}; {agreement}")
        if peer.note:
            print(f"  ({peer.note})")


@dataclass
class Target:
    name: str
    measured: str
    met: bool | None  # None: not measured in this run


def _ratio(name: str, value: float | None, limit: float, unit: str = "x",
           at_least: bool = False) -> Target:
    if value is None:
        return Target(name, "not measured", None)
    met = value >= limit if at_least else value <= limit
    return Target(name, f"{value:.2f}{unit}", met)


def help_target(startup: Startup) -> Target:
    return _ratio(f"`woonpact --help` within {TARGET_HELP_VS_BARE:.0f}x bare python",
                  startup.help_ratio, TARGET_HELP_VS_BARE)


def summary(floor: Floor, national: list[NationalRun], stages: Stages | None, startup: Startup,
            thresholds: ThresholdResult, memory: Memory | None) -> list[Target]:
    """Each target with the ratio measured against it in this run."""
    base = floor.timing.median
    json_run = next((r for r in national if r.fmt == "json"), None)
    peaks = [max(r.cold.peak_bytes, r.warm.peak_bytes) for r in national]
    peak = max([*peaks, memory.peak] if memory else peaks, default=None)
    zen = thresholds.faster_than("zen-engine")
    targets = [
        _ratio(f"national JSON check, cold, within {TARGET_COLD_VS_FLOOR:.0f}x the parse floor",
               json_run and json_run.cold.seconds / base, TARGET_COLD_VS_FLOOR),
        _ratio(f"national JSON check, warm, within {TARGET_WARM_VS_FLOOR:.0f}x the parse floor",
               json_run and json_run.warm.seconds / base, TARGET_WARM_VS_FLOOR),
        _ratio(f"ladder at most {TARGET_LADDER_SHARE:.0%} of a warm national check",
               stages and 100 * stages.share("ladder"), 100 * TARGET_LADDER_SHARE, "%"),
        _ratio(f"output at most {TARGET_OUTPUT_SHARE:.0%} of a warm national check",
               stages and 100 * stages.share("output"), 100 * TARGET_OUTPUT_SHARE, "%"),
        _ratio(f"one agreement's warm check within {TARGET_ONE_CHECK_VS_BARE:.0f}x bare python",
               startup.warm_ratio, TARGET_ONE_CHECK_VS_BARE),
        help_target(startup),
        _ratio("threshold rules: woonpact faster than zen-engine (times)", zen, 1.0,
               at_least=True),
        _ratio(f"threshold rules: woonpact within {TARGET_VS_PLAIN:.0f}x of a plain loop",
               thresholds.vs_plain, TARGET_VS_PLAIN),
        _ratio("peak memory of a national check (with its workers) at most 1 GiB",
               peak and peak / GIB, TARGET_PEAK_BYTES / GIB, " GiB"),
        Target("every evaluator reaches the same threshold verdicts",
               "yes" if thresholds.agree else "NO", thresholds.agree),
    ]
    return targets


def print_summary(targets: list[Target]) -> None:
    heading("summary: targets, as ratios measured in this run")
    width = max(len(t.name) for t in targets)
    for t in targets:
        verdict = "n/a" if t.met is None else ("met" if t.met else "NOT MET")
        print(f"{t.name:<{width}}  {t.measured:>12}  {verdict}")


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--agreements", type=int, help="agreements (packs); default 342, quick 12")
    parser.add_argument("--years", type=int, help="fact years from 2025; default 6, quick 3")
    parser.add_argument("--lettings-per-year", type=int,
                        help="lettings nationally per year; default 200000, quick 7020")
    parser.add_argument("--out", type=Path, help="dataset folder; default /tmp/woonpact-bench "
                                                 "(quick: /tmp/woonpact-bench-quick)")
    parser.add_argument("--runs", type=int, default=3, help="runs per in-process timing "
                                                            "(median reported)")
    parser.add_argument("--formats", default=",".join(endtoend.FORMATS),
                        help="output formats of the national check, comma-separated "
                             "(default: json,table,markdown)")
    parser.add_argument("--report-sample", type=int, default=10,
                        help="agreements to run `woonpact report` for (default 10)")
    parser.add_argument("--sweep-cold", action="store_true",
                        help="also time the in-process sweep's load on a cold cache")
    parser.add_argument("--quick", action="store_true", help="a small dataset, to try the script")
    parser.add_argument("--startup-only", action="store_true",
                        help="only `woonpact --help` and `woonpact list` against a bare "
                             "interpreter: seconds, no dataset")
    parser.add_argument("--profile", action="store_true", help="also cProfile one sweep evaluation")
    args = parser.parse_args(argv)
    args.agreements = args.agreements or (12 if args.quick else 342)
    args.years = args.years or (3 if args.quick else 6)
    args.lettings_per_year = args.lettings_per_year or (12 * 585 if args.quick else 200_000)
    default_out = "/tmp/woonpact-bench-quick" if args.quick else "/tmp/woonpact-bench"
    args.out = args.out or Path(default_out)
    args.formats = tuple(f for f in args.formats.split(",") if f)
    if not (1 <= args.agreements <= 999 and 1 <= args.years <= 20 and args.runs >= 1):
        parser.error("--agreements must be 1..999, --years 1..20 and --runs at least 1")
    if not set(args.formats) <= set(endtoend.FORMATS):
        parser.error(f"--formats takes {', '.join(endtoend.FORMATS)}")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    print(f"woonpact benchmark: {args.agreements} agreements x {args.years} years, "
          f"{args.lettings_per_year:,} lettings a year nationally")
    print(machine_line())
    print(calibration())
    print(f"command: {Path(sys.executable).name} {' '.join(sys.argv)}", flush=True)
    if args.startup_only:
        startup = endtoend.measure_commands()
        print_startup(startup)
        print_summary([help_target(startup)])
        return 0
    data = ensure_dataset(args.out.resolve(), args.agreements, args.years, args.lettings_per_year)
    print_dataset(data)

    floor = endtoend.measure_floor(data, args.runs)
    print_floor(floor)
    national = endtoend.measure_national(data, args.formats)
    print_national(national, floor)
    memory = endtoend.measure_memory(data) if "json" in args.formats else None
    if memory is not None:
        print_memory(memory)
    stages = endtoend.measure_stages(data, args.runs) if "json" in args.formats else None
    if stages is not None:
        print_stages(stages)
    if args.report_sample > 0:
        print_reports(endtoend.measure_reports(data, args.report_sample))
    startup = endtoend.measure_startup(data, runs=5)
    print_startup(startup)

    with CacheFolder(data.out):
        sweep, loaded = measure_sweep(data, args.runs, cold=args.sweep_cold)
        print_sweep(sweep, data)
        thresholds = measure_thresholds(loaded, runs=max(args.runs, 5), peer_runs=args.runs)
        print_thresholds(thresholds)
        if args.profile:
            heading("profile of one sweep evaluation: engine functions by own time")
            print("\n".join(profile_sweep(loaded, data.out, top=15)))

    print_summary(summary(floor, national, stages, startup, thresholds, memory))
    print(f"\nat the end: {load_average()}; {calibration()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
