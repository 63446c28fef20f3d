"""The disputes ladder at national scale: how long the ladder stage takes for N clause episodes.

    python bench/ladder.py [--episodes 5000] [--runs 3]

Builds N clause histories that each fail at least once over three years (about a third with a
recorded meeting; `tests/ladder_support.national`), runs the ladder stage on them `--runs`
times in one process, and prints the first run (each distinct history goes through
durable-rules once, `runner.Memoised`) and the median of the later ones (all remembered), with
how many distinct histories there are.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.ladder_support import YEARS, national
from woonpact.engine.ladder.escalate import escalate
from woonpact.engine.ladder.history import histories
from woonpact.engine.ladder.reach import Reach
from woonpact.engine.params import bundled


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--episodes", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    pack, findings, fact_sets = national(args.episodes)
    reach = Reach(pack.ladder, bundled().laws)
    moving = [h for h in histories(reach, pack.id, findings, fact_sets) if h.signalled]
    events = sum(len(h.signalled) for h in moving)
    distinct = len({tuple(tuple(sorted(h.steps[i].signal.items())) for i in h.signalled)
                    for h in moving})
    times = []
    for _ in range(max(args.runs, 2)):
        start = time.perf_counter()
        _, steps = escalate(pack, findings, fact_sets, YEARS)
        times.append(time.perf_counter() - start)
    later = statistics.median(times[1:])
    print(f"{args.episodes} clause histories ({distinct} distinct), {events} signals, "
          f"{len(steps)} escalation steps")
    print(f"ladder stage: first run {times[0]:.2f} s (each distinct history on durable-rules "
          f"once); later runs median {later:.2f} s over {len(times) - 1} "
          f"(min {min(times[1:]):.2f}, max {max(times[1:]):.2f})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
