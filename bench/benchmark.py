"""Benchmark: prints figures for one check, a national sweep and raw rule-evaluation throughput.

    pip install -e '.[bench]'          # durable-rules, for the comparison
    python bench/benchmark.py          # 342 agreements x 6 years, ~200,000 lettings a year
    python bench/benchmark.py --quick  # a small run

It generates a synthetic national dataset (deterministic, reused when already generated), then
measures: (a) one `woonpact check` as a subprocess, interpreter start-up included, against a
bare `python -c pass`; (b) the whole national sweep in one process, load and evaluation timed
apart; (c) the same threshold rules evaluated by woonpact, by durable-rules alone and by a plain
Python loop. It prints what it measures; it asserts nothing.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

YEARS_FROM = 2025
CORPORATIONS = ("corp-a", "corp-b", "corp-c")
RATIO_FIGURES = [
    ("lettings_free_allocation", "lettings_total", "<= 15%"),
    ("lettings_huurtoeslag", "lettings_total", ">= 70%"),
    ("lettings_special_groups", "lettings_total", ">= 30%"),
    ("lettings_statushouders", "lettings_special_groups", ">= 40%"),
    ("lettings_regular", "lettings_total", ">= 70%"),
    ("lettings_primary_target_group", "lettings_total", ">= 70%"),
    ("lettings_relet_below_aftoppingsgrens_2", "lettings_relet", ">= 70%"),
    ("lettings_urgent", "lettings_total", "<= 25%"),
    ("lettings_uitstroom", "lettings_total", "<= 10%"),
    ("lettings_lokaal_maatwerk", "lokaal_maatwerk_quota", ">= 100%"),
    ("stock_below_aftoppingsgrens_2", "stock_total", ">= 70%"),
    ("stock_future_proof_insulated", "stock_total", ">= 20%"),
]
SOURCE = '{section: "synthetic", quote: "A synthetic clause for the benchmark, not an agreement."}'


# -- the dataset --------------------------------------------------------------------------------

def rule(rule_id: str, body: str, scope: str = "corporations", obligation: str = "result") -> str:
    return (f"  - id: {rule_id}\n    title: {rule_id}\n    theme: beschikbaarheid\n    source: {SOURCE}\n"
            f"    obligation: {obligation}\n    scope: {scope}\n{body}")


def pack_text(pack_id: str, years: int) -> str:
    """About 45 rules of the kinds real packs use."""
    last = YEARS_FROM + years - 1
    rules = []
    for i, (part, whole, norm) in enumerate(RATIO_FIGURES):
        rules.append(rule(f"ratio-{i}", f"    measure: share({part}, {whole})\n    norm: \"{norm}\"\n"))
    for i in range(6):
        rules.append(rule(f"cumulative-{i}", f"    measure: cumulative(new_build_social, {YEARS_FROM})\n"
                          f"    norm: \">= {300 + 10 * i}\"\n    deadline: {last}\n"
                          f"    trajectory: {{start: {{year: {YEARS_FROM - 1}, value: 0}}}}\n", obligation="effort"))
    for i in range(4):
        rules.append(rule(f"deadline-{i}", f"    measure: stock_label_efg - stock_label_efg_exempt\n    norm: \"<= 0\"\n"
                          f"    deadline: {min(last, YEARS_FROM + 3)}\n"
                          f"    trajectory: {{start: {{year: {YEARS_FROM}, value: \"at({YEARS_FROM}, stock_label_efg)\"}}}}\n"))
    for i in range(3):
        rules.append(rule(f"cap-{i}", f"    measure: cumulative(sold_total, {YEARS_FROM})\n    norm: \"<= {150 + 20 * i}\"\n"))
    for i in range(4):
        rules.append(rule(f"project-{i}", "    measure: share(social_rent_homes, homes)\n    norm: \">= 30%\"\n",
                          scope=f"{{each: projects, where: \"homes >= {16 + i}\"}}"))
    rules.append(rule("refusals", "    trigger:\n      action: Melden bij de gemeente.\n      done: reported_to_municipality\n",
                      scope='{each: lettings, where: "relet and refusals >= 50"}'))
    kinds = ["ambtelijk_overleg", "bestuurlijk_overleg", "ketenpartneroverleg", "kennisdeling", "wijkschouw", "stuurgroep"]
    for i, kind in enumerate(kinds):
        rules.append(rule(f"process-{i}", f"    measure: count(meetings where kind == \"{kind}\")\n    norm: \">= {1 + i % 2}\"\n",
                          scope="agreement"))
    for i in range(5):
        rules.append(rule(f"milestone-{i}", f"    milestone: {{deliverable: product-{i}, due: \"{YEARS_FROM + i % years}-12-31\"}}\n"))
    for i in range(4):
        rules.append(rule(f"signal-{i}", "    measure: share(lettings_special_groups, lettings_total)\n"
                          f"    norm: \"<= {25 + i}%\"\n    signal: {{level: \"> {20 + i}%\", action: Overleg.}}\n",
                          obligation="effort"))
    parties = "\n".join(f"  - {{id: {c}, name: Corporatie {c[-1].upper()}, role: corporatie}}" for c in CORPORATIONS)
    return (f"pack: {pack_id}\ntitle: Synthetic agreement {pack_id}\nmunicipality: {pack_id}\n"
            f"period: {{from: {YEARS_FROM}, to: {last}}}\ndocument: {{title: synthetic}}\n"
            f"parties:\n  - {{id: gemeente, name: Gemeente, role: gemeente}}\n{parties}\nrules:\n" + "".join(rules))


def facts_text(pack_id: str, year: int, rnd: random.Random, lettings_csv: str) -> str:
    lines = [f"agreement: {pack_id}", f"year: {year}", "parties:"]
    for corporation in CORPORATIONS:
        total = rnd.randint(150, 250)
        special = rnd.randint(40, 80)
        figures = {
            "lettings_total": total, "lettings_relet": total - 20, "lettings_free_allocation": rnd.randint(10, 45),
            "lettings_huurtoeslag": rnd.randint(90, total), "lettings_special_groups": special,
            "lettings_statushouders": rnd.randint(10, special), "lettings_regular": rnd.randint(80, total),
            "lettings_primary_target_group": rnd.randint(90, total), "lettings_relet_below_aftoppingsgrens_2": rnd.randint(80, total - 20),
            "lettings_urgent": rnd.randint(5, 60), "lettings_uitstroom": rnd.randint(0, 25),
            "lettings_lokaal_maatwerk": rnd.randint(5, 12), "lokaal_maatwerk_quota": 12,
            "stock_total": 3000, "stock_below_aftoppingsgrens_2": rnd.randint(1900, 2600),
            "stock_future_proof_insulated": rnd.randint(300, 900), "stock_label_efg": rnd.randint(0, 60),
            "stock_label_efg_exempt": rnd.randint(0, 5), "new_build_social": rnd.randint(20, 90), "sold_total": rnd.randint(0, 40),
        }
        if rnd.random() < 0.02:
            figures.pop("lettings_total")  # some missing data, as in real monitoring
        lines += [f"  {corporation}:", "    figures:"] + [f"      {k}: {v}" for k, v in figures.items()]
    lines += ["collections:", f"  lettings: {{csv: {lettings_csv}}}", "  projects:"]
    for p in range(rnd.randint(3, 10)):
        homes = rnd.randint(8, 80)
        lines.append(f"    - {{id: p{p}, homes: {homes}, social_rent_homes: {rnd.randint(0, homes // 2)}}}")
    kinds = ["ambtelijk_overleg", "bestuurlijk_overleg", "ketenpartneroverleg", "kennisdeling", "wijkschouw", "stuurgroep"]
    lines.append("  meetings:")
    for _ in range(rnd.randint(5, 12)):
        lines.append(f"    - {{kind: {rnd.choice(kinds)}, date: {year}-{rnd.randint(1, 12):02d}-15}}")
    delivered = [f"    - {{id: product-{i}, date: {year}-{rnd.randint(1, 12):02d}-10}}" for i in range(5) if rnd.random() < 0.7]
    lines += ["  deliverables:", *delivered] if delivered else ["  deliverables: []"]
    return "\n".join(lines) + "\n"


def lettings_rows(count: int, rnd: random.Random) -> str:
    rows = ["id,party,relet,refusals,reported_to_municipality,rent"]
    for i in range(count):
        refusals = rnd.randint(0, 60) if rnd.random() < 0.05 else rnd.randint(0, 10)
        rows.append(f"l{i},{rnd.choice(CORPORATIONS)},{rnd.choice(('ja', 'ja', 'nee'))},{refusals},"
                    f"{rnd.choice(('ja', 'nee'))},{rnd.randint(450, 880)}")
    return "\n".join(rows) + "\n"


def generate(out: Path, agreements: int, years: int, lettings_per_year: int) -> None:
    stamp = out / f"generated-{agreements}-{years}-{lettings_per_year}"
    if stamp.exists():
        return
    shutil.rmtree(out, ignore_errors=True)
    (out / "rules").mkdir(parents=True)
    rnd = random.Random(20261123)
    per_agreement = max(1, lettings_per_year // agreements)
    for n in range(1, agreements + 1):
        pack_id = f"bench-{n:03d}"
        (out / "rules" / f"{pack_id}.yaml").write_text(pack_text(pack_id, years), encoding="utf-8")
        folder = out / "facts" / pack_id
        folder.mkdir(parents=True)
        for year in range(YEARS_FROM, YEARS_FROM + years):
            csv_name = f"lettings-{year}.csv"
            (folder / csv_name).write_text(lettings_rows(per_agreement, rnd), encoding="utf-8")
            (folder / f"{year}.yaml").write_text(facts_text(pack_id, year, rnd, csv_name), encoding="utf-8")
    stamp.write_text("ok\n")


# -- measurements -------------------------------------------------------------------------------

def wall(command: list[str], runs: int, env: dict[str, str] | None = None) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        done = subprocess.run(command, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
        if done.returncode != 0:  # a failing command would time an error message, not a check
            raise SystemExit(f"{' '.join(command)} exited {done.returncode}: {done.stderr.decode()[:500]}")
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def one_check(out: Path, runs: int) -> dict[str, float]:
    woonpact = shutil.which("woonpact") or str(Path(sys.executable).with_name("woonpact"))
    command = [woonpact, "check", str(out / "facts" / "bench-001"), "--rules", str(out / "rules"),
               "--fail-on", "never", "--format", "json"]
    bare = wall([sys.executable, "-c", "pass"], runs)
    cold = []
    for _ in range(runs):
        env = {**os.environ, "WOONPACT_CACHE": tempfile.mkdtemp(prefix="woonpact-bench-cold-")}
        cold.append(wall(command, 1, env))
        shutil.rmtree(env["WOONPACT_CACHE"], ignore_errors=True)
    warm_env = {**os.environ, "WOONPACT_CACHE": str(out / "cache")}
    wall(command, 1, warm_env)  # fill the cache
    return {"bare": bare, "cold": statistics.median(cold), "warm": wall(command, runs, warm_env)}


def sweep(out: Path, agreements: int) -> dict[str, float]:
    from engine import cache as cache_module
    from engine.check import included_rules, judged_years, load_facts, pack_by_path
    from engine.evaluation.run import Evaluation
    from engine.check import parameters

    def load_all() -> list[tuple]:
        loaded = []
        for n in range(1, agreements + 1):
            pack = pack_by_path(out / "rules" / f"bench-{n:03d}.yaml")
            loaded.append((pack, load_facts([out / "facts" / pack.id])))
        return loaded

    figures: dict[str, float] = {}
    for label in ("cold", "warm"):
        if label == "cold":
            os.environ["WOONPACT_CACHE"] = tempfile.mkdtemp(prefix="woonpact-bench-sweep-")
        cache_module._STAMP = None
        start = time.perf_counter()
        loaded = load_all()
        figures[f"load_{label}"] = time.perf_counter() - start
    start = time.perf_counter()
    findings = 0
    for pack, fact_sets in loaded:
        findings += len(Evaluation(pack, parameters(), included_rules(pack)).run(fact_sets, judged_years(pack, fact_sets)))
    figures["evaluate"] = time.perf_counter() - start
    figures["findings"] = findings
    shutil.rmtree(os.environ["WOONPACT_CACHE"], ignore_errors=True)
    return figures


def thresholds(out: Path, agreements: int) -> dict[str, float]:
    """The ratio rules alone, three ways, on the same figures."""
    from engine.check import load_facts, pack_by_path, parameters
    from engine.evaluation.judge import holds
    from engine.evaluation.run import Evaluation

    os.environ["WOONPACT_CACHE"] = str(out / "cache")
    cases = []  # (evaluation, fact_sets, years) for woonpact; flat rows for the others
    rows = []
    for n in range(1, agreements + 1):
        pack = pack_by_path(out / "rules" / f"bench-{n:03d}.yaml")
        ratio_rules = [r for r in pack.rules if r.id.startswith("ratio-")]
        fact_sets = load_facts([out / "facts" / pack.id])
        cases.append((Evaluation(pack, parameters(), ratio_rules), fact_sets))
        for year, fs in fact_sets.items():
            for i, (part, whole, norm) in enumerate(RATIO_FIGURES):
                op, bound = norm.split()
                for corporation in CORPORATIONS:
                    figures = fs.parties[corporation].figures
                    rows.append((f"ratio-{i}", corporation, year, figures.get(part), figures.get(whole), op, float(bound[:-1]) / 100))
    start = time.perf_counter()
    ours = sum(len(evaluation.run(fact_sets)) for evaluation, fact_sets in cases)
    ours_time = time.perf_counter() - start

    start = time.perf_counter()
    plain = []
    for rule_id, party, year, part, whole, op, bound in rows:
        if part is None or whole is None or whole == 0:
            plain.append((rule_id, party, year, "missing_data", None))
            continue
        value = part / whole
        plain.append((rule_id, party, year, "compliant" if holds(op, value, bound) else "breach", value))
    plain_time = time.perf_counter() - start

    durable_rate = durable_rules_rate(rows)
    return {"evaluations": ours, "ours": ours / ours_time, "plain": len(plain) / plain_time, "durable": durable_rate}


def durable_rules_rate(rows: list[tuple]) -> float:
    """The same verdicts from durable-rules: one rule per threshold and outcome, facts posted as events."""
    try:
        from durable.lang import m, post, ruleset, when_all
    except ImportError:
        return float("nan")
    verdicts: list[tuple] = []
    name = f"thresholds_{os.getpid()}"
    with ruleset(name):
        for i, (_part, _whole, norm) in enumerate(RATIO_FIGURES):
            op, bound = norm.split()
            limit = float(bound[:-1]) / 100
            meets = (m.value >= limit) if op == ">=" else (m.value <= limit)
            fails = (m.value < limit) if op == ">=" else (m.value > limit)

            @when_all((m.rule == f"ratio-{i}") & meets)
            def compliant(c):  # noqa: ANN001, ANN202 - durable-rules' callback shape
                verdicts.append((c.m.rule, "compliant"))

            @when_all((m.rule == f"ratio-{i}") & fails)
            def breach(c):  # noqa: ANN001, ANN202
                verdicts.append((c.m.rule, "breach"))

        @when_all(m.value == -1)
        def missing(c):  # noqa: ANN001, ANN202
            verdicts.append((c.m.rule, "missing_data"))

    sample = rows[: min(len(rows), 20000)]  # durable-rules is slow: time a sample, report the rate
    start = time.perf_counter()
    for k, (rule_id, party, year, part, whole, _op, _bound) in enumerate(sample):
        value = -1 if part is None or not whole else part / whole
        post(name, {"id": k, "rule": rule_id, "party": party, "year": year, "value": value})
    elapsed = time.perf_counter() - start
    assert len(verdicts) == len(sample), (len(verdicts), len(sample))
    return len(sample) / elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--agreements", type=int, default=342)
    parser.add_argument("--years", type=int, default=6)
    parser.add_argument("--lettings-per-year", type=int, default=200_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()) / "woonpact-bench")
    parser.add_argument("--quick", action="store_true", help="20 agreements, 3 runs")
    args = parser.parse_args()
    if args.quick:
        args.agreements, args.runs, args.lettings_per_year = 20, 3, 200_000 * 20 // 342
    print(f"machine: {os.cpu_count()} cores, Python {platform.python_version()}, {dt.date.today()}")
    start = time.perf_counter()
    generate(args.out, args.agreements, args.years, args.lettings_per_year)
    print(f"dataset: {args.agreements} agreements x {args.years} years, ~{args.lettings_per_year:,} lettings a year "
          f"(in {args.out}; generated or reused in {time.perf_counter() - start:.1f} s)")

    check = one_check(args.out, args.runs)
    print(f"\n(a) one check, subprocess, median of {args.runs}:")
    print(f"    python -c pass          {check['bare'] * 1000:7.0f} ms")
    print(f"    woonpact check, cold    {check['cold'] * 1000:7.0f} ms  ({check['cold'] / check['bare']:.1f}x bare)")
    print(f"    woonpact check, warm    {check['warm'] * 1000:7.0f} ms  ({check['warm'] / check['bare']:.1f}x bare)")

    national = sweep(args.out, args.agreements)
    rate = national["findings"] / national["evaluate"]
    print("\n(b) national sweep, one process:")
    print(f"    load, cold cache        {national['load_cold']:7.2f} s")
    print(f"    load, warm cache        {national['load_warm']:7.2f} s")
    print(f"    evaluate                {national['evaluate']:7.2f} s  ({national['findings']:,} findings = rule evaluations)")
    print(f"    warm load + evaluate    {national['load_warm'] + national['evaluate']:7.2f} s")
    print(f"    throughput              {rate:,.0f} rule evaluations/s")

    raw = thresholds(args.out, args.agreements)
    print(f"\n(c) threshold rules ({raw['evaluations']:,} evaluations), evaluations per second:")
    print(f"    woonpact                {raw['ours']:12,.0f}")
    print(f"    plain Python loop       {raw['plain']:12,.0f}")
    print(f"    durable-rules alone     {raw['durable']:12,.0f}  (timed on a sample of at most 20,000)")
    print(f"    woonpact / durable-rules {raw['ours'] / raw['durable']:8.1f}x")
    print(f"    plain loop / woonpact    {raw['plain'] / raw['ours']:8.1f}x")

    print("\nsummary (target: measured, met?)")
    targets = [
        ("one warm check within 15x bare python", check["warm"] / check["bare"], 15, "x", True),
        ("national sweep (warm load + evaluate) within 3 s", national["load_warm"] + national["evaluate"], 3, "s", True),
        ("national sweep (evaluate only) within 3 s", national["evaluate"], 3, "s", True),
        ("at least 10x faster than durable-rules", raw["ours"] / raw["durable"], 10, "x", False),
        ("within 3x of the plain loop", raw["plain"] / raw["ours"], 3, "x", True),
    ]
    for text, value, limit, unit, lower_is_better in targets:
        met = value <= limit if lower_is_better else value >= limit
        print(f"    {text:<52} {value:8.2f} {unit}   {'met' if met else 'NOT met'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
