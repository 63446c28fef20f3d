"""A check of many agreements uses every core: a cold one loads them into the cache first, and
each is judged and rendered in a worker process; the output is exactly as on one core."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tests.support import BUNDLED_FACTS
from tests.test_cli import invoke
from woonpact.engine import cache, cores, paths, preload
from woonpact.engine.check import fact_histories, judge_history
from woonpact.engine.errors import InputError, Problem
from woonpact.engine.output.result import ExitCode

AGREEMENTS = sorted(p for p in BUNDLED_FACTS.iterdir() if p.is_dir())


@pytest.fixture
def fresh_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("WOONPACT_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr(cores, "cores", lambda: 2)
    return tmp_path


def test_a_cold_check_of_many_agreements_fills_the_cache_first(
        fresh_cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert len(AGREEMENTS) >= cores.AT_LEAST
    files = [(f, "facts", ()) for folder in AGREEMENTS for f in sorted(folder.glob("*.yaml"))]
    files += [(paths.RULES / f"{folder.name}.yaml", "pack", (paths.PARAMETERS,))  # rules/packs.py
              for folder in AGREEMENTS]
    assert not any(cache.stored(f, kind, depends) for f, kind, depends in files)
    preload.preload(AGREEMENTS, None)
    assert all(cache.stored(f, kind, depends) for f, kind, depends in files)
    judged = [judge_history(h) for h in fact_histories(AGREEMENTS)]
    monkeypatch.setenv("WOONPACT_CACHE", "off")
    assert judged == [judge_history(h) for h in fact_histories(AGREEMENTS)]


def test_bad_input_is_left_to_the_check(fresh_cache: Path) -> None:
    """A worker that meets bad input leaves it alone; the others' agreements are loaded."""
    broken = fresh_cache / "westland-2025"
    shutil.copytree(BUNDLED_FACTS / "westland-2025", broken)
    first = sorted(broken.glob("*.yaml"))[0]
    text = first.read_text(encoding="utf-8")
    first.write_text(text.replace("year:", "year: [", 1), encoding="utf-8")
    targets = [broken, *(a for a in AGREEMENTS if a.name != "westland-2025")]
    preload.preload(targets, None)
    assert cache.stored(first, "facts") is False
    assert all(cache.stored(f, "facts") for a in targets[1:] for f in a.glob("*.yaml"))


def test_a_few_agreements_or_a_warm_cache_start_no_process(fresh_cache: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    def no_pool(*args: object, **kwargs: object) -> None:
        raise AssertionError("no worker process expected")

    preload.preload(AGREEMENTS, None)  # now warm
    monkeypatch.setattr("concurrent.futures.ProcessPoolExecutor", no_pool)
    preload.preload(AGREEMENTS, None)
    shutil.rmtree(fresh_cache / "cache")
    preload.preload(AGREEMENTS[: cores.AT_LEAST - 1], None)


def test_work_spread_over_cores_comes_back_in_order_and_raises_at_its_turn(
        fresh_cache: Path) -> None:
    def work(n: int) -> tuple[int, int]:
        if n == 6:
            raise InputError(Problem("facts.year_twice", params={"year": n}))
        return n, os.getpid()

    done = cores.spread(work, range(6))
    assert [n for n, _ in done] == list(range(6))
    results = cores.spread(work, range(10))
    seen = [next(results) for _ in range(6)]
    assert os.getpid() not in {pid for _, pid in seen}  # in workers, not this process
    with pytest.raises(InputError) as raised:
        next(results)
    assert raised.value.problems == [Problem("facts.year_twice", params={"year": 6})]
    assert [n for n, _ in cores.spread(work, range(cores.AT_LEAST - 1))] == [0, 1, 2]


def test_a_check_over_every_core_writes_what_one_core_writes(
        fresh_cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    args = [*map(str, AGREEMENTS), "--fail-on", "warning", "--lang", "en"]
    for fmt in ("json", "table"):
        over_cores = invoke("check", *args, "--format", fmt)
        monkeypatch.setattr(cores, "cores", lambda: 1)
        assert over_cores == invoke("check", *args, "--format", fmt)
        monkeypatch.setattr(cores, "cores", lambda: 2)


def test_bad_input_met_in_a_worker_writes_nothing(fresh_cache: Path) -> None:
    broken = fresh_cache / "westland-2025"
    shutil.copytree(BUNDLED_FACTS / "westland-2025", broken)
    year = broken / "2025.yaml"
    year.write_text(year.read_text(encoding="utf-8").replace(
        "parties:", "parties:\n  nobody:\n    figures: {}", 1), encoding="utf-8")
    target = fresh_cache / "out.json"
    others = [str(a) for a in AGREEMENTS if a.name != "westland-2025"]
    code, out = invoke("check", *others, str(broken), "--format", "json", "-o", str(target))
    assert code == ExitCode.BAD_INPUT and "nobody" in out and "Traceback" not in out
    assert not target.exists() and not list(fresh_cache.glob(".out.json*"))
