"""(a) What users run, end to end, held against the floor of reading the input once.

- **The floor**: every input file the national check reads (the packs, the national parameters,
  the fact sets and the lettings CSVs) parsed once in this process, the YAML with libyaml's
  `CSafeLoader` and the CSVs with `csv.reader`, and nothing else: no validation, no evaluation,
  no output. Any program that judges the facts has to read them, and these are the fastest
  general parsers Python has for the two formats, so a run cannot honestly get much below it.
  A warm run may: it reads the cache instead of the YAML.
- **The national check**: `woonpact check <every agreement> --format F -o FILE` as a subprocess,
  interpreter start-up included, for JSON, the table and Markdown; cold (a fresh cache folder)
  and warm (the run after it). The peak memory (maximum resident set) of each run is read from
  the kernel through `os.wait4`.
- **Where a warm national JSON check spends its time**: the same command run in this process
  through the click command itself, with the engine's stage functions wrapped in timers: loading
  (read, validate, cross-check), evaluating, the ladder; the rest of the command (rendering,
  encoding and writing the document) is the output.
- **The report**: `woonpact report` takes one agreement, so it is run for a sample of agreements,
  cold and warm, and reported per agreement.
- **Start-up**: `python -c pass`, `woonpact --help`, and one agreement's check, cold and warm.
"""

from __future__ import annotations

import contextlib
import csv
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from dataset import Dataset
from measure import CacheFolder, Timing, repeat

FORMATS = ("json", "table", "markdown")
SUFFIX = {"json": "json", "table": "txt", "markdown": "md"}


def woonpact_command() -> list[str]:
    """The `woonpact` console script of the running interpreter's environment."""
    script = Path(sys.executable).parent / "woonpact"
    if script.exists():
        return [str(script)]
    found = shutil.which("woonpact")
    return [found] if found else [sys.executable, "-m", "woonpact.cli"]


def user_environment() -> dict[str, str]:
    """This process's environment as a user's shell has it: without PYTHONDONTWRITEBYTECODE,
    which some sandboxes set. With it every process compiles woonpact's modules from source again
    (about 70 ms a start); an installed package has its bytecode compiled (pip does it at
    install time, an editable install on the first run)."""
    return {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


@dataclass
class Run:
    """One process: its wall time and peak resident memory."""

    seconds: float
    peak_bytes: int


def run_process(command: list[str], env: dict[str, str]) -> Run:
    """Run `command` to the end; fail loudly when it fails (a benchmark of a crash is no figure).

    Standard output goes to /dev/null and standard error to a file, so neither pipe can fill up
    and stall the process; `os.wait4` gives this one child's resource usage."""
    with tempfile.TemporaryFile() as errors, open(os.devnull, "wb") as sink:
        started = time.perf_counter()
        process = subprocess.Popen(command, env=env, stdout=sink, stderr=errors)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode != 0:
            errors.seek(0)
            text = errors.read().decode(errors="replace")[-3000:]
            raise SystemExit(f"{' '.join(command[:6])} ... failed ({process.returncode}):\n{text}")
    return Run(seconds, usage.ru_maxrss * 1024)  # Linux reports kilobytes


# ------------------------------------------------------------------------------------------------
# The floor
# ------------------------------------------------------------------------------------------------

@dataclass
class Floor:
    timing: Timing
    yaml_files: int
    csv_files: int
    csv_rows: int
    megabytes: float


def input_files(data: Dataset) -> tuple[list[Path], list[Path]]:
    """The YAML and CSV files a national check reads: packs (the national pack included), the
    bundled national parameters, every fact set and its lettings."""
    from woonpact.engine import paths

    facts = data.out / "facts"
    yaml_files = [*sorted(data.rules_dir.glob("*.yaml")), paths.PARAMETERS,
                  *sorted(facts.glob("*/*.yaml"))]
    return yaml_files, sorted(facts.glob("*/*.csv"))


def measure_floor(data: Dataset, runs: int) -> Floor:
    yaml_files, csv_files = input_files(data)
    loader = yaml.CSafeLoader

    def parse() -> int:
        rows = 0
        for path in yaml_files:
            yaml.load(path.read_bytes(), Loader=loader)  # noqa: S506 - CSafeLoader is safe
        for path in csv_files:
            with path.open(encoding="utf-8", newline="") as handle:
                rows += sum(1 for _ in csv.reader(handle))
        return rows

    timing, rows = repeat(parse, runs)
    size = sum(p.stat().st_size for p in (*yaml_files, *csv_files)) / 1e6
    return Floor(timing, len(yaml_files), len(csv_files), rows, size)


# ------------------------------------------------------------------------------------------------
# The national check as users run it
# ------------------------------------------------------------------------------------------------

@dataclass
class NationalRun:
    fmt: str
    cold: Run
    warm: Run
    output_megabytes: float


def national_command(data: Dataset, fmt: str, output: Path) -> list[str]:
    folders = [str(data.facts_dir(a)) for a in data.agreements]
    return [*woonpact_command(), "check", *folders, "--rules", str(data.rules_dir),
            "--fail-on", "never", "--format", fmt, "-o", str(output)]


def measure_national(data: Dataset, formats: tuple[str, ...]) -> list[NationalRun]:
    """Per format, a cold run into a fresh cache folder, then a warm run on that cache."""
    runs = []
    for fmt in formats:
        output = data.out / f"national.{SUFFIX[fmt]}"
        command = national_command(data, fmt, output)
        with CacheFolder(data.out):
            env = user_environment()
            cold = run_process(command, env)
            warm = run_process(command, env)
        runs.append(NationalRun(fmt, cold, warm, output.stat().st_size / 1e6))
    return runs


# ------------------------------------------------------------------------------------------------
# The memory of the national check with its worker processes
# ------------------------------------------------------------------------------------------------

@dataclass
class Memory:
    """Peak memory of the national JSON check with the worker processes it starts: the sum of
    their proportional set sizes (a page shared by n processes counts 1/n in each), sampled."""

    cold: int
    warm: int

    @property
    def peak(self) -> int:
        return max(self.cold, self.warm)


def _tree(pid: int) -> list[int]:
    found = [pid]
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children", encoding="ascii") as children:
                for child in children.read().split():
                    found += _tree(int(child))
    except OSError:
        pass  # gone meanwhile
    return found


def _pss(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as rollup:
            return next((int(line.split()[1]) * 1024 for line in rollup
                         if line.startswith("Pss:")), 0)
    except OSError:
        return 0


def sampled_peak(command: list[str], env: dict[str, str], every: float = 0.05) -> int:
    """The largest summed PSS of the process and its descendants over its run, sampled every
    `every` seconds (Linux; elsewhere 0), and never less than the kernel's maximum resident
    set of the largest one."""
    with open(os.devnull, "wb") as sink:
        process = subprocess.Popen(command, env=env, stdout=sink, stderr=subprocess.DEVNULL)
        peak = 0
        while True:
            done, status, usage = os.wait4(process.pid, os.WNOHANG)
            if done:
                break
            peak = max(peak, sum(map(_pss, _tree(process.pid))))
            time.sleep(every)
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command[:6])} ... failed ({process.returncode})")
    return max(peak, usage.ru_maxrss * 1024)  # Linux reports kilobytes


def measure_memory(data: Dataset) -> Memory:
    """The national JSON check once more, cold and warm, sampled: in runs of their own, so that
    sampling takes nothing from the timed ones."""
    command = national_command(data, "json", data.out / "national-memory.json")
    with CacheFolder(data.out):
        env = user_environment()
        return Memory(sampled_peak(command, env), sampled_peak(command, env))


# ------------------------------------------------------------------------------------------------
# Where the time of a warm national JSON check goes
# ------------------------------------------------------------------------------------------------

# The functions `woonpact check` calls for each stage, by module and name. Wrapping them in the
# module that calls them times exactly what the command does; when the pipeline's functions are
# renamed, this table follows (a missing name stops the benchmark rather than mismeasuring).
STAGES: dict[str, tuple[tuple[str, str], ...]] = {
    "load": (("woonpact.engine.preload", "preload"),
             ("woonpact.engine.check", "fact_histories"), ("woonpact.engine.check", "load_facts"),
             ("woonpact.engine.check", "resolve_pack"), ("woonpact.engine.check", "included_rules"),
             ("woonpact.engine.check", "cross_check")),
    "evaluate": (("woonpact.engine.evaluation.run", "Evaluation.run"),),
    "ladder": (("woonpact.engine.check", "escalate"),),
}


@dataclass
class Stages:
    total: float
    seconds: dict[str, float] = field(default_factory=dict)

    @property
    def output(self) -> float:
        """Everything the command did besides loading, evaluating and the ladder."""
        return self.total - sum(self.seconds.values())

    def share(self, stage: str) -> float:
        seconds = self.output if stage == "output" else self.seconds[stage]
        return seconds / self.total


@contextlib.contextmanager
def _timed(stages: Stages) -> Iterator[None]:
    import importlib

    originals: list[tuple[Any, str, Any]] = []
    depth = [0]  # a stage that calls another (resolve_pack inside load_facts) counts once

    def wrap(stage: str, function: Callable[..., Any]) -> Callable[..., Any]:
        def timed(*args: Any, **kwargs: Any) -> Any:
            if depth[0]:
                return function(*args, **kwargs)
            depth[0] += 1
            started = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                stages.seconds[stage] += time.perf_counter() - started
                depth[0] -= 1
        return timed

    for stage, functions in STAGES.items():
        stages.seconds[stage] = 0.0
        for module_name, dotted in functions:
            owner: Any = importlib.import_module(module_name)
            *outer, name = dotted.split(".")
            for part in outer:
                owner = getattr(owner, part)
            original = getattr(owner, name)  # AttributeError: STAGES is out of step with the code
            originals.append((owner, name, original))
            setattr(owner, name, wrap(stage, original))
    try:
        yield
    finally:
        for owner, name, original in reversed(originals):
            setattr(owner, name, original)


def _run_cli(arguments: list[str]) -> None:
    from woonpact.cli import main

    try:
        main.main(args=arguments, standalone_mode=False)
    except SystemExit as done:
        if done.code not in (0, None):
            raise


def measure_stages(data: Dataset, runs: int) -> Stages:
    """The warm national JSON check, in this process, through the click command itself.

    A first, unmeasured run fills a fresh cache. Before each measured run the files every
    agreement shares are dropped from memory, and so is what the ladder remembers of the
    sequences of signals it ran (`runner.ladder_runner`): a new process starts with only what
    the cache keeps of them.
    The command runs on one core here (`engine.cores`): in worker processes its stages would
    escape the timers, so the shares are those of the work itself."""
    from woonpact.engine import cache, cores
    from woonpact.engine.ladder.runner import ladder_runner

    arguments = national_command(data, "json", data.out / "national-inprocess.json")[
        len(woonpact_command()):]
    best: Stages | None = None
    every_core = cores.cores
    with CacheFolder(data.out):
        _run_cli(arguments)
        cores.cores = lambda: 1  # type: ignore[assignment]
        for _ in range(runs):
            cache.forget_shared()
            ladder_runner.cache_clear()
            stages = _stage_run(arguments)
            if best is None or stages.total < best.total:
                best = stages
        cores.cores = every_core  # type: ignore[assignment]
    assert best is not None
    return best


def _stage_run(arguments: list[str]) -> Stages:
    stages = Stages(0.0)
    with _timed(stages):
        started = time.perf_counter()
        _run_cli(arguments)
        stages.total = time.perf_counter() - started
    return stages


# ------------------------------------------------------------------------------------------------
# The report, and start-up
# ------------------------------------------------------------------------------------------------

@dataclass
class ReportRuns:
    agreements: int
    cold: Timing
    warm: Timing


def measure_reports(data: Dataset, sample: int) -> ReportRuns:
    """`woonpact report` per agreement for the first `sample` agreements: cold, then warm."""
    chosen = data.agreements[:sample]
    cold, warm = Timing(), Timing()
    with CacheFolder(data.out):
        env = user_environment()
        for a in chosen:
            command = [*woonpact_command(), "report", str(data.facts_dir(a)), "--rules",
                       str(data.rules_dir), "-o", str(data.out / "report.html")]
            cold.samples.append(run_process(command, env).seconds)
            warm.samples.append(run_process(command, env).seconds)
    return ReportRuns(len(chosen), cold, warm)


@dataclass
class Startup:
    bare: Timing
    help: Timing
    listing: Timing
    cold: Timing | None = None
    warm: Timing | None = None
    findings: int = 0

    @property
    def help_ratio(self) -> float:
        return self.help.median / self.bare.median

    @property
    def list_ratio(self) -> float:
        return self.listing.median / self.bare.median

    @property
    def warm_ratio(self) -> float | None:
        return None if self.warm is None else self.warm.median / self.bare.median


def measure_commands(runs: int = 20) -> Startup:
    """`python -c pass`, `woonpact --help` and `woonpact list` (warm cache, the bundled packs,
    an empty folder as the workspace), interleaved run by run so that a busy moment on the
    machine touches all three alike. None of them needs a dataset."""
    command = woonpact_command()
    bare, help_, listing = Timing(), Timing(), Timing()
    with CacheFolder(Path(tempfile.gettempdir())), \
            tempfile.TemporaryDirectory(prefix="woonpact-empty-") as empty:
        env = user_environment()
        env.pop("WOONPACT_WORKSPACE", None)
        timed = ((bare, [sys.executable, "-c", "pass"]), (help_, [*command, "--help"]),
                 (listing, [*command, "list", "--workspace", empty]))
        run_process(timed[2][1], env)  # fills the cache
        for _ in range(runs):
            for timing, args in timed:
                timing.samples.append(run_process(args, env).seconds)
    return Startup(bare, help_, listing)


def measure_startup(data: Dataset, runs: int) -> Startup:
    """The commands that start without the engine, and one agreement's check: cold (a fresh
    cache folder) and warm (the two runs after each cold one)."""
    startup = measure_commands(4 * runs)
    output = data.out / "one.json"
    command = [*woonpact_command(), "check", str(data.facts_dir(data.agreements[0])), "--rules",
               str(data.rules_dir), "--fail-on", "never", "--format", "json", "-o", str(output)]
    startup.cold, startup.warm = Timing(), Timing()
    for _ in range(runs):
        with CacheFolder(data.out):
            env = user_environment()
            for timing in (startup.cold, startup.warm, startup.warm):
                timing.samples.append(run_process(command, env).seconds)
    startup.findings = len(json.loads(output.read_text(encoding="utf-8"))["findings"])
    return startup
