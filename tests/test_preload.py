"""A cold check of many agreements loads them into the cache on every core first; the check
then finds everything there and judges exactly as without it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from woonpact.engine import cache, paths, preload
from woonpact.engine.check import fact_histories, judge_history
from tests.support import BUNDLED_FACTS

AGREEMENTS = sorted(p for p in BUNDLED_FACTS.iterdir() if p.is_dir())


@pytest.fixture
def fresh_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("WOONPACT_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr(preload, "cores", lambda: 2)
    return tmp_path


def test_a_cold_check_of_many_agreements_fills_the_cache_first(
        fresh_cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert len(AGREEMENTS) >= preload.AT_LEAST
    files = [(f, "facts") for folder in AGREEMENTS for f in sorted(folder.glob("*.yaml"))]
    files += [(paths.RULES / f"{folder.name}.yaml", "pack") for folder in AGREEMENTS]
    assert not any(cache.stored(f, kind) for f, kind in files)
    preload.preload(AGREEMENTS, None)
    assert all(cache.stored(f, kind) for f, kind in files)
    judged = [judge_history(h) for h in fact_histories(AGREEMENTS)]
    monkeypatch.setenv("WOONPACT_CACHE", "off")
    assert judged == [judge_history(h) for h in fact_histories(AGREEMENTS)]


def test_bad_input_is_left_to_the_check(fresh_cache: Path) -> None:
    """A worker that meets bad input leaves it alone; the others' agreements are loaded."""
    broken = fresh_cache / "westland-2025"
    shutil.copytree(BUNDLED_FACTS / "westland-2025", broken)
    first = sorted(broken.glob("*.yaml"))[0]
    first.write_text(first.read_text(encoding="utf-8").replace("year:", "year: [", 1), encoding="utf-8")
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
    preload.preload(AGREEMENTS[: preload.AT_LEAST - 1], None)
