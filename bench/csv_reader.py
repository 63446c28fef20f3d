"""How fast a large CSV collection is read: the CSV reader against the floor of `csv.reader`.

    python bench/csv_reader.py [--lettings 200000] [--runs 5] [--dialect comma|dutch]

Writes a lettings CSV (Excel's comma dialect, or Dutch Excel's `;` with decimal commas and
D-M-YYYY dates) beside a one-line fact set, then times in CPU seconds (the machine is shared;
wall time swings with the load) with the cyclic collector paused as `woonpact check` pauses
it (engine/collector.py), each as the median of the runs:
the floor (the file read and split into rows by `csv.reader`, nothing converted) and
`load_fact_set` (decoding, every strict check, conversion into the columnar collection). The
cache is not involved. Run it with another checkout on PYTHONPATH to compare two versions.
"""

from __future__ import annotations

import argparse
import csv
import random
import statistics
import tempfile
import time
from pathlib import Path

from woonpact.engine import collector
from woonpact.engine.facts.loader import load_fact_set

GROUPS = ("regulier", "urgent", "statushouder", "uitstroom", "bijzonder")
HEADER = ["id", "party", "date", "rent", "relet", "target_group", "free_allocation", "huurtoeslag",
          "refusals", "reported_to_municipality"]


def write(folder: Path, lettings: int, dutch: bool) -> Path:
    rng = random.Random(2025)
    csv_path = folder / "lettings.csv"
    with csv_path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=";" if dutch else ",")
        writer.writerow(HEADER)
        for i in range(lettings):
            month, day = rng.randint(1, 12), rng.randint(1, 28)
            date = f"{day}-{month}-2026" if dutch else f"2026-{month:02d}-{day:02d}"
            rent = f"{rng.uniform(400, 900):.2f}"
            flags = [rng.choice(("true", "false")) for _ in range(2)]
            writer.writerow([f"L-{i:07d}", rng.choice(("portaal", "vo")), date,
                             rent.replace(".", ",") if dutch else rent, flags[0],
                             rng.choice(GROUPS), "false", flags[1], rng.randint(0, 80), "false"])
    facts = folder / "2026.yaml"
    facts.write_text("agreement: stichtse-vecht-2025\nyear: 2026\n"
                     "collections:\n  lettings: {csv: lettings.csv}\n", encoding="utf-8")
    return facts


def median_seconds(job: object, runs: int) -> float:
    times = []
    for _ in range(runs):
        with collector.paused():  # as `woonpact check` reads its facts
            start = time.process_time()
            job()  # type: ignore[operator]
            times.append(time.process_time() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--lettings", type=int, default=200_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--dialect", choices=("comma", "dutch"), default="comma")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        facts = write(Path(folder), args.lettings, args.dialect == "dutch")
        separator = ";" if args.dialect == "dutch" else ","

        def floor() -> None:
            with (Path(folder) / "lettings.csv").open(encoding="utf-8", newline="") as handle:
                for _ in csv.reader(handle, delimiter=separator):
                    pass

        floor_s = median_seconds(floor, args.runs)
        load_s = median_seconds(lambda: load_fact_set(facts), args.runs)
        assert len(load_fact_set(facts).collections["lettings"]) == args.lettings
    print(f"{args.lettings} lettings, {args.dialect} dialect, median of {args.runs} runs")
    print(f"  floor (csv.reader, rows only)  {floor_s:7.3f} s CPU")
    ratio = load_s / floor_s
    print(f"  load_fact_set                  {load_s:7.3f} s CPU  ({ratio:.1f}x the floor)")


if __name__ == "__main__":
    main()
