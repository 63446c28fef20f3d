"""(c) The same threshold rules evaluated five ways, after checking they reach the same verdicts.

The twelve per-corporation ratio rules of every generated pack (`share(part, whole) <= N%` and the
like) are judged by woonpact's own Evaluation, by a plain Python loop (the floor for any engine
driven from Python), and by three rule engines a team might pick instead: durable-rules (a Rete
engine in C, woonpact's ladder engine), zen-engine (GoRules' Rust core, expressions compiled once)
and rule-engine (a pure-Python expression language). The peers are bench-only extras
(`pip install -e '.[bench]'`); a peer that is not installed is reported as such, not skipped
silently.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from dataset import EPSILON, Threshold
from measure import Timing, collector_paused, repeat
from sweep import Loaded

Verdict = tuple[str, str, int, str, Any]  # rule key, party, year, status, value


@dataclass
class ThresholdJob:
    """One agreement's threshold rules and facts, in the shapes each evaluator wants."""

    evaluation: Any  # woonpact's Evaluation over only the threshold rules
    fact_sets: dict[int, Any]
    years: list[int]
    corporations: tuple[str, ...]
    thresholds: tuple[Threshold, ...]


def threshold_jobs(loaded: list[Loaded]) -> tuple[list[ThresholdJob], float]:
    """Compile woonpact Evaluations over the threshold rules only; also return the compile time."""
    from woonpact.engine.check import parameters
    from woonpact.engine.evaluation.run import Evaluation

    params = parameters()
    started = time.perf_counter()
    jobs = []
    for a in loaded:
        wanted = {t.rule_id for t in a.spec.thresholds}
        rules = tuple(r for r in a.rules if r.pack == a.pack.id and r.id in wanted)
        if len(rules) != len(wanted):
            raise SystemExit(f"{a.pack.id}: threshold rules missing from the loaded pack")
        corporations = tuple(c.id for c in a.spec.corporations)
        jobs.append(ThresholdJob(Evaluation(a.pack, params, rules), a.fact_sets,
                                 sorted(a.fact_sets), corporations, a.spec.thresholds))
    return jobs, time.perf_counter() - started


def woonpact_thresholds(jobs: list[ThresholdJob]) -> list[Any]:
    findings: list[Any] = []
    for job in jobs:
        findings += job.evaluation.run(job.fact_sets, job.years)
    return findings


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= EPSILON * max(1.0, abs(a), abs(b))


def plain_thresholds(jobs: list[ThresholdJob]) -> list[Verdict]:
    """A hand-written loop: read both figures, divide, compare with woonpact's tolerance.

    Written out in full rather than through `_cases`, so that it stays the fastest honest way
    to do the job in Python: the floor the engines are held against."""
    verdicts: list[Verdict] = []
    append = verdicts.append
    for job in jobs:
        for year in job.years:
            parties = job.fact_sets[year].parties
            for t in job.thresholds:
                part_name, whole_name, bound = t.kind.part, t.kind.whole, t.bound
                at_most = t.kind.op == "<="
                for corporation in job.corporations:
                    section = parties.get(corporation)
                    figures = section.figures if section is not None else {}
                    part, whole = figures.get(part_name), figures.get(whole_name)
                    if part is None or whole is None or whole == 0:
                        append((t.key, corporation, year, "missing_data", None))
                        continue
                    value = part / whole
                    met = (value <= bound if at_most else value >= bound) or _close(value, bound)
                    append((t.key, corporation, year, "compliant" if met else t.shortfall, value))
    return verdicts


Case = tuple[Threshold, str, int, float, float]  # threshold, corporation, year, part, whole


def _cases(jobs: list[ThresholdJob], verdicts: list[Verdict]) -> Iterator[Case]:
    """Every (threshold, corporation, year) with both figures; a missing one is recorded as
    missing data here, so that each peer only decides the comparison."""
    for job in jobs:
        for year in job.years:
            parties = job.fact_sets[year].parties
            for t in job.thresholds:
                for corporation in job.corporations:
                    section = parties.get(corporation)
                    figures = section.figures if section is not None else {}
                    part, whole = figures.get(t.kind.part), figures.get(t.kind.whole)
                    if part is None or whole is None or whole == 0:
                        verdicts.append((t.key, corporation, year, "missing_data", None))
                    else:
                        yield t, corporation, year, part, whole


def _tolerant_bound(t: Threshold) -> float:
    """woonpact's one-in-a-billion tolerance, folded into the bound for engines that compare
    `part op whole * bound` themselves."""
    return t.bound + EPSILON if t.kind.op == "<=" else t.bound - EPSILON


def _judged_by(met: Callable[[Threshold, float, float], bool]) -> Callable[[list[ThresholdJob]],
                                                                           list[Verdict]]:
    """A peer that decides each comparison with `met(threshold, part, whole)`."""
    def run(jobs: list[ThresholdJob]) -> list[Verdict]:
        verdicts: list[Verdict] = []
        for t, corporation, year, part, whole in _cases(jobs, verdicts):
            status = "compliant" if met(t, part, whole) else t.shortfall
            verdicts.append((t.key, corporation, year, status, part / whole))
        return verdicts
    return run


def zen_thresholds() -> Callable[[list[ThresholdJob]], list[Verdict]] | None:
    """zen-engine: one compiled expression per operator, evaluated with the figures as context."""
    try:
        import zen
    except ImportError:
        return None
    compiled = {op: zen.compile_expression(f"part {op} whole * bound") for op in ("<=", ">=")}
    return _judged_by(lambda t, part, whole: compiled[t.kind.op].evaluate(
        {"part": part, "whole": whole, "bound": _tolerant_bound(t)}))


def rule_engine_thresholds() -> Callable[[list[ThresholdJob]], list[Verdict]] | None:
    """rule-engine: one parsed Rule per operator, matched against the figures."""
    try:
        import rule_engine
    except ImportError:
        return None
    rules = {op: rule_engine.Rule(f"part {op} whole * bound") for op in ("<=", ">=")}
    return _judged_by(lambda t, part, whole: rules[t.kind.op].matches(
        {"part": part, "whole": whole, "bound": _tolerant_bound(t)}))


DURABLE_RULESET = "woonpact_thresholds"
DURABLE_SESSION = "national"


@dataclass
class DurableRules:
    """One durable-rules ruleset: one rule per distinct threshold, plus one for shortfalls.

    durable-rules cannot hold one rule per agreement and clause (4,104 at default size): a
    ruleset of more than about 510 rules fails with "error code: 303" or never finishes
    compiling (jruizgit/rules#312). Agreements that chose the same bound therefore share a rule,
    and the event names the clause it stands for. The comparison happens inside durable-rules
    (`m.part <= m.whole * bound`, with woonpact's tolerance folded into the bound); the
    consequences only record the verdict. Events go one by one with `post`: `post_batch` of
    1,000 events silently left about half of them unprocessed in a trial.
    """

    verdicts: list[Verdict]
    rules: int
    unhandled: int = 0


def build_durable(thresholds: list[Threshold]) -> DurableRules:
    from durable.lang import get_host, m, pri, ruleset, when_all

    verdicts: list[Verdict] = []
    distinct = {t.durable_id: t for t in thresholds}

    def compliant(c: Any) -> None:
        verdicts.append((c.m.clause, c.m.party, c.m.year, "compliant", c.m.part / c.m.whole))

    def shortfall(c: Any) -> None:
        verdicts.append((c.m.clause, c.m.party, c.m.year, c.m.shortfall, c.m.part / c.m.whole))

    with ruleset(DURABLE_RULESET):
        for durable_id, t in distinct.items():
            bound = _tolerant_bound(t)
            met = m.part <= m.whole * bound if t.kind.op == "<=" else m.part >= m.whole * bound
            when_all(pri(1), (m.threshold == durable_id) & met)(compliant)
        when_all(pri(2), +m.threshold)(shortfall)  # a threshold event no norm rule took
    get_host()  # registers (compiles) the ruleset now, outside the timed runs
    return DurableRules(verdicts, len(distinct) + 1)


def durable_thresholds(jobs: list[ThresholdJob], engine: DurableRules) -> list[Verdict]:
    """Post one event per (clause, corporation, year); the consequences record the verdicts."""
    from durable.engine import MessageNotHandledException
    from durable.lang import delete_state, post

    engine.verdicts.clear()
    for t, corporation, year, part, whole in _cases(jobs, engine.verdicts):
        event = {"sid": DURABLE_SESSION, "threshold": t.durable_id, "clause": t.key,
                 "party": corporation, "year": year, "part": part, "whole": whole,
                 "shortfall": t.shortfall}
        try:
            post(DURABLE_RULESET, event)
        except MessageNotHandledException:
            engine.unhandled += 1
    delete_state(DURABLE_RULESET, DURABLE_SESSION)  # one session, emptied after every run
    return list(engine.verdicts)


@dataclass
class Peer:
    name: str
    timing: Timing | None  # None: not installed
    mismatches: int = 0
    note: str = ""


@dataclass
class ThresholdResult:
    evaluations: int
    compile_seconds: float
    woonpact: Timing
    plain: Timing
    peers: list[Peer] = field(default_factory=list)
    statuses: Counter[str] = field(default_factory=Counter)

    def peer(self, name: str) -> Peer:
        return next(p for p in self.peers if p.name == name)

    def faster_than(self, name: str) -> float | None:
        """How many times woonpact is faster than a peer (None: the peer is not installed)."""
        timing = self.peer(name).timing
        return None if timing is None else timing.median / self.woonpact.median

    @property
    def vs_plain(self) -> float:
        return self.woonpact.median / self.plain.median

    @property
    def agree(self) -> bool:
        return all(p.mismatches == 0 for p in self.peers if p.timing is not None)


def measure_thresholds(loaded: list[Loaded], runs: int, peer_runs: int) -> ThresholdResult:
    """woonpact runs as in the sweep, with the cyclic collector paused (with it on, the national
    heap made its runs spend 0.8 of 1.2 s in the collector). The others run with the collector
    on, as they always did: durable-rules leaves cyclic garbage behind and was 20% slower with
    the collector paused, so pausing it would weaken that baseline."""
    jobs, compile_seconds = threshold_jobs(loaded)
    woonpact, findings = repeat(collector_paused(lambda: woonpact_thresholds(jobs)), runs)
    reference = [(f.rule.key, f.scope.party, f.year, f.status.value, f.value) for f in findings]
    del findings
    plain, plain_verdicts = repeat(lambda: plain_thresholds(jobs), runs)
    result = ThresholdResult(len(reference), compile_seconds, woonpact, plain,
                             statuses=Counter(v[3] for v in reference))
    result.peers.append(Peer("plain loop", plain, _mismatches(reference, plain_verdicts)))
    engine = build_durable([t for job in jobs for t in job.thresholds])
    durable, verdicts = repeat(lambda: durable_thresholds(jobs, engine), peer_runs)
    result.peers.append(Peer("durable-rules", durable, _mismatches(reference, verdicts),
                             f"{engine.rules} rules in one ruleset, one `post` per evaluation, "
                             f"{engine.unhandled} unhandled events"))
    for name, build in (("zen-engine", zen_thresholds), ("rule-engine", rule_engine_thresholds)):
        run = build()
        if run is None:
            result.peers.append(Peer(name, None, note="not installed: pip install -e '.[bench]'"))
            continue
        timing, verdicts = repeat(lambda run=run: run(jobs), peer_runs)  # type: ignore[misc]
        result.peers.append(Peer(name, timing, _mismatches(reference, verdicts)))
    return result


def _mismatches(reference: list[Verdict], other: list[Verdict]) -> int:
    """How many verdicts differ in status or value (values exactly: it is the same division)."""
    return sum((Counter(reference) - Counter(other)).values()) + sum(
        (Counter(other) - Counter(reference)).values())
