"""The cache never serves stale data, and everything it stores can be stored."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

from engine import cache, paths
from engine.check import load_facts, pack_by_path, parameters
from engine.rules.loader import load_pack
from engine.params import load_parameters
from tests.support import BUNDLED_FACTS


def test_changing_a_csv_beside_a_fact_set_invalidates_its_entry(tmp_path: Path) -> None:
    shutil.copy(BUNDLED_FACTS / "stichtse-vecht-2025" / "2025.yaml", tmp_path / "2025.yaml")
    text = (tmp_path / "2025.yaml").read_text(encoding="utf-8")
    (tmp_path / "2025.yaml").write_text(text.replace("collections:\n", "collections:\n  lettings: {csv: l.csv}\n", 1),
                                        encoding="utf-8")
    (tmp_path / "l.csv").write_text("id,refusals\na,1\nb,2\n", encoding="utf-8")
    assert len(load_facts([tmp_path])[2025].collections["lettings"]) == 2
    time.sleep(0.01)
    (tmp_path / "l.csv").write_text("id,refusals\na,1\n", encoding="utf-8")
    assert len(load_facts([tmp_path])[2025].collections["lettings"]) == 1


def test_parameters_are_cached(tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.setenv("WOONPACT_CACHE", str(tmp_path))
    parameters()
    assert any(p.name.startswith("parameters-") for p in tmp_path.iterdir())
    reloads: list[Path] = []
    value = cache.cached(paths.PARAMETERS, "parameters", lambda p: reloads.append(p) or load_parameters(p))
    assert not reloads and value.value("aftoppingsgrens_2", 2024) == 697.07


def test_every_bundled_pack_and_fact_set_comes_back_from_the_cache_equal(tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    """The cache rebuilds frozen dataclasses through their slots (`cache._restore`), not through
    the generated `__setstate__`: what comes back must equal what went in, field by field."""
    monkeypatch.setenv("WOONPACT_CACHE", str(tmp_path))
    for pack_file in sorted(paths.RULES.glob("*.yaml")):
        fresh = load_pack(pack_file, load_parameters())
        assert pack_by_path(pack_file) == fresh  # written to the cache
        assert pack_by_path(pack_file) == fresh  # read back
    for folder in sorted(BUNDLED_FACTS.iterdir()):
        assert load_facts([folder]) == load_facts([folder])
    assert b"_restore" in next(tmp_path.glob("pack-*.pickle")).read_bytes()
