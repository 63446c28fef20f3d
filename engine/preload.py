"""A cold check's loading on every core: agreements the cache does not hold yet are loaded into
it by worker processes, one per core, before the check reads everything from the cache.

Reading, validating and building fact sets and packs is most of a cold national check, and
agreements are independent. The workers only fill the cache and report nothing: the check then
loads every file through the cache as always, afresh where a worker could not, and so reports
bad input exactly as it would without them (a worker that meets it leaves that file alone).
A warm check, or one of a few agreements, starts no process: the first fact file of each target
tells whether its agreement is cached, and fewer than `cores.AT_LEAST` uncached targets are
loaded in the check's own process.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from woonpact.engine import cache, cores, schema
from woonpact.engine.errors import InputError


def preload(targets: Sequence[Path], rules: Path | None) -> None:
    """Load the targets (fact files and folders) whose agreements the cache lacks, with their
    packs, into the cache on every core."""
    from woonpact.engine.facts.loader import fact_files

    workers = cores.cores()
    if workers < 2 or len(targets) < cores.AT_LEAST:
        return
    cold = []
    for target in targets:
        try:
            if cache.stored(fact_files(target)[0], "facts") is False:
                cold.append(target)
        except (InputError, OSError):
            continue  # reported by the check itself
    if len(cold) < cores.AT_LEAST:
        return
    from concurrent.futures.process import BrokenProcessPool

    for name in ("facts.schema.json", "pack.schema.json"):
        schema.expect_many(name)  # once here, not in every worker
    try:
        with cores.pool(min(workers, len(cold))) as pool:
            for _ in pool.map(_load, cold, [rules] * len(cold)):
                pass
    except BrokenProcessPool:
        return  # a worker died: the check loads what is left itself


def _load(target: Path, rules: Path | None) -> None:
    """One target's fact sets and their packs, into the cache (in a worker process)."""
    from woonpact.engine.check import fact_histories, resolve_pack
    from woonpact.engine.rules.packs import included_rules

    try:
        for history in fact_histories([target], rules):
            included_rules(resolve_pack(history, rules), rules)
    except Exception:  # noqa: BLE001, S110 - reported by the check itself, see the docstring
        pass
