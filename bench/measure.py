"""Timing helpers shared by every part of the benchmark: medians of repeated runs, the time the
cyclic collector took, subprocess wall time, and the machine's state (load, calibration)."""

from __future__ import annotations

import datetime as dt
import gc
import os
import platform
import shutil
import statistics
import subprocess
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")



class GcClock:
    """Seconds the cyclic garbage collector ran (via gc.callbacks).

    Reported separately because it is a real, and at national size large, cost of allocating
    many container objects while millions of loaded facts are alive; it is not noise.
    """

    def __init__(self) -> None:
        self.seconds = 0.0
        self._started = 0.0

    def _callback(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            self._started = time.perf_counter()
        else:
            self.seconds += time.perf_counter() - self._started

    def __enter__(self) -> GcClock:
        gc.callbacks.append(self._callback)
        return self

    def __exit__(self, *exc: object) -> None:
        gc.callbacks.remove(self._callback)


@dataclass
class Timing:
    """Wall-clock samples of one measurement; the median is what is reported."""

    samples: list[float] = field(default_factory=list)
    gc: list[float] = field(default_factory=list)  # per sample, the seconds in the cyclic GC

    @property
    def median(self) -> float:
        return statistics.median(self.samples)

    def describe(self, unit: str = "s") -> str:
        scale = 1000 if unit == "ms" else 1
        if len(self.samples) == 1:
            return f"{self.samples[0] * scale:.3f} {unit} (1 run)"
        return (f"{self.median * scale:.3f} {unit} (median of {len(self.samples)} runs, "
                f"min {min(self.samples) * scale:.3f}, max {max(self.samples) * scale:.3f})")

    def gc_note(self) -> str:
        return f"cyclic GC {statistics.median(self.gc):.2f} s of it" if self.gc else ""


def repeat(fn: Callable[[], T], runs: int) -> tuple[Timing, T]:
    """Run `fn` `runs` times; return the timings and the last result.

    Each run starts after a full collection and with the previous result released, so every
    run sees the same heap.
    """
    timing = Timing()
    result: Any = None
    for _ in range(runs):
        result = None
        gc.collect()
        with GcClock() as clock:
            started = time.perf_counter()
            result = fn()
            timing.samples.append(time.perf_counter() - started)
        timing.gc.append(clock.seconds)
    return timing, result


def rate(count: int, seconds: float) -> str:
    return f"{count / seconds:,.0f}/s" if seconds > 0 else "n/a"


def heading(text: str) -> None:
    print(f"\n== {text} " + "=" * max(0, 96 - len(text)), flush=True)


def run_process(command: list[str], env: dict[str, str]) -> tuple[float, bytes]:
    """Wall time of one process run, start-up included; its standard output."""
    started = time.perf_counter()
    done = subprocess.run(command, env=env, capture_output=True, check=False)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed ({done.returncode}):\n{done.stderr.decode()}")
    return seconds, done.stdout



def machine_line() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    now = dt.datetime.now().astimezone().isoformat(timespec="seconds")
    return (f"machine: {os.cpu_count()} CPUs ({usable} usable, {cpu}), "
            f"{platform.python_implementation()} {platform.python_version()}, "
            f"{platform.system()} {platform.release()}, {now}, {load_average()}")


def load_average() -> str:
    """Other work on the machine skews every figure; the load average shows if there was any."""
    if not hasattr(os, "getloadavg"):
        return "load average unknown"
    return "load average " + " ".join(f"{x:.2f}" for x in os.getloadavg()) + " (1, 5, 15 min)"


def calibration() -> str:
    """A fixed pure-Python loop: compare it between runs before comparing any other figure.

    Virtual machines share their host; the same code can run at different speeds an hour apart
    with nothing else running in the machine itself.
    """
    def loop() -> int:
        total = 0
        for i in range(3_000_000):
            total += i
        return total

    timing, _ = repeat(loop, 5)
    return f"calibration: 3,000,000 additions in a Python loop take {timing.median * 1000:.0f} ms"


class CacheFolder:
    """A fresh WOONPACT_CACHE folder for this process, removed afterwards."""

    def __init__(self, parent: Path) -> None:
        self.path = Path(tempfile.mkdtemp(prefix="cache-", dir=parent))
        self.previous = os.environ.get("WOONPACT_CACHE")

    def __enter__(self) -> Path:
        os.environ["WOONPACT_CACHE"] = str(self.path)
        return self.path

    def __exit__(self, *exc: object) -> None:
        if self.previous is None:
            os.environ.pop("WOONPACT_CACHE", None)
        else:
            os.environ["WOONPACT_CACHE"] = self.previous
        shutil.rmtree(self.path, ignore_errors=True)


def collector_paused(fn: Callable[[], T]) -> Callable[[], T]:
    """`fn`, run with the cyclic collector paused, as `woonpact check` runs
    (engine/collector.py)."""
    from woonpact.engine import collector

    def call() -> T:
        with collector.paused():
            return fn()
    return call
