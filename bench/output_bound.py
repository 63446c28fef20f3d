"""The least a check's JSON output can cost: how large a share of a warm check the output would
be if each finding said only what the product must say of it.

    python bench/output_bound.py [--out /tmp/woonpact-bench] [--runs 3]

Issue 15 asks that the output be at most 15% of a warm check. This script tells whether any
document could meet that, not only today's. On a dataset `bench/benchmark.py` generated (`--out`),
in this process and on one core, with a warm cache, it times:

- **judging**: loading every agreement from the cache, evaluating and the ladder (`check_all`),
  which any output comes after;
- **today's document**: `woonpact check --format json`'s document for every agreement, built and
  encoded (`engine.output.rendered`);
- **the least document**: per finding only what the product promises of it (the clause, party
  and year, the status, the measured value, the norm in words, the facts used, the clause quoted
  and the sentence in the user's language), the quote once per clause, encoded without
  indentation;
- **the sentences alone**: `words.message` for every finding, and nothing else.

It prints each one's share of judging plus that output. Rendering is timed as CPU time, best of
`--runs`, with the cyclic collector paused as the check pauses it.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson
from measure import CacheFolder

from woonpact.engine import cache, collector, cores
from woonpact.engine.check import CheckResult
from woonpact.engine.jobs import check_all
from woonpact.engine.ladder.runner import ladder_runner
from woonpact.engine.output import rendered
from woonpact.engine.output.json_format import _plain
from woonpact.engine.output.phrases import Phrases
from woonpact.engine.output.words import message

LANG = "nl"


def least_document(result: CheckResult) -> bytes:
    """A check with only what each finding must say, each clause's quote stated once."""
    phrases = Phrases.of(result.pack, LANG)
    clauses = {f.rule.key: {"section": f.rule.source.section, "quote": f.rule.source.quote}
               for f in result.findings}
    findings = [{
        "rule": f.rule.key,
        "party": f.scope.party,
        "scope": f.scope.id,
        "year": f.year,
        "status": f.status.value,
        "value": _plain(f.value),
        "norm": phrases.norm(f.rule, f.bound) if f.rule.norm else None,
        "facts_used": [[u.name, _plain(u.value), u.year] for u in f.facts_used],
        "message": message(f, LANG, result.pack),
    } for f in result.findings]
    return orjson.dumps({"clauses": clauses, "findings": findings})


def sentences(result: CheckResult) -> list[str]:
    return [message(f, LANG, result.pack) for f in result.findings]


def best_cpu(work: Callable[[], Any], runs: int) -> float:
    best = float("inf")
    with collector.paused():
        for _ in range(runs):
            started = time.process_time()
            work()
            best = min(best, time.process_time() - started)
    return best


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("/tmp/woonpact-bench"),
                        help="a dataset folder bench/benchmark.py generated")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    folders = sorted((args.out / "facts").iterdir())
    rules = args.out / "rules"
    cores.cores = lambda: 1  # type: ignore[assignment] # the work itself, not its spread
    with CacheFolder(args.out):
        check_all(folders, rules, None)  # fills the cache
        cache.forget_shared()
        ladder_runner.cache_clear()
        started = time.process_time()
        results = check_all(folders, rules, None)
        judging = time.process_time() - started
    findings = sum(len(r.findings) for r in results)
    timed = {
        "today's document": best_cpu(lambda: [rendered(r, "json", LANG) for r in results],
                                     args.runs),
        "the least document": best_cpu(lambda: [least_document(r) for r in results], args.runs),
        "the sentences alone": best_cpu(lambda: [sentences(r) for r in results], args.runs),
    }
    print(f"{len(results)} agreements, {findings:,} findings; judging (load from the cache, "
          f"evaluate, ladder) {judging:.2f} s CPU")
    for name, seconds in timed.items():
        share = seconds / (judging + seconds)
        print(f"{name:>20}: {seconds:6.2f} s, {seconds / findings * 1e6:5.1f} µs a finding, "
              f"{share:6.1%} of judging plus it (target <= 15%)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
