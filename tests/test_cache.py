"""The cache never serves stale data, and everything it stores can be stored."""

from __future__ import annotations

import dataclasses
import datetime as dt
import inspect
import pickle
import shutil
import time
from pathlib import Path

from woonpact.engine import cache, params, paths
from woonpact.engine.check import check, included_rules, load_facts, parameters
from woonpact.engine.language import ast, types
from woonpact.engine.model import declarations as model_declarations
from woonpact.engine.model import escalation as model_escalation
from woonpact.engine.model import facts as model_facts
from woonpact.engine.model import finding as model_finding
from woonpact.engine.model import pack as model_pack
from woonpact.engine.model import text as model_text
from woonpact.engine.model.facts import Deviation
from woonpact.engine.params import load_parameters
from tests.support import BUNDLED_FACTS
from tests.test_amendments import amended_pack
from tests.workspace_support import make_workspace


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


MODEL_MODULES = (model_pack, model_facts, model_finding, model_escalation, model_text,
                 model_declarations, ast, types, params)


def frozen_slotted_classes() -> set[type]:
    return {cls for module in MODEL_MODULES for _, cls in inspect.getmembers(module, inspect.isclass)
            if cls.__module__ == module.__name__ and dataclasses.is_dataclass(cls)
            and cls.__dataclass_params__.frozen and "__slots__" in cls.__dict__}  # type: ignore[attr-defined]


def instances(root: object) -> dict[type, object]:
    """One instance of each dataclass reachable from `root` (which keeps them alive)."""
    found: dict[type, object] = {}
    todo, seen = [root], set()
    while todo:
        item = todo.pop()
        if id(item) in seen:
            continue
        seen.add(id(item))
        if dataclasses.is_dataclass(item) and not isinstance(item, type):
            found.setdefault(type(item), item)
            todo += [getattr(item, f.name) for f in dataclasses.fields(item)]
        elif isinstance(item, dict):
            todo += [*item.keys(), *item.values()]
        elif isinstance(item, (list, tuple, set, frozenset)):
            todo += list(item)
    return found


def test_every_model_object_comes_back_from_the_cache_equal(tmp_path: Path) -> None:
    rules, facts = amended_pack(tmp_path)
    deviation = Deviation("3.2-7", 2025, 2026, ("gemeente",), "krappe markt", "portaal", dt.date(2025, 3, 1))
    own = make_workspace(tmp_path / "own")  # figures, attributes and dated values of its own
    wording = model_pack.Wording(model_text.Text("{value} woningen erbij", "{value} homes added"))
    samples: list[object] = [parameters(), check([facts], rules), deviation, wording,
                             check([own / "facts" / "groenstad-2025"], own / "rules")]
    for folder in sorted(p for p in BUNDLED_FACTS.iterdir() if p.is_dir()):
        result = check([folder])
        samples += [result, included_rules(result.pack), load_facts([folder])]
    found = instances(samples)
    assert frozen_slotted_classes() <= set(found), "a model class without a sample: add one above"
    restored = pickle.loads(cache.dumps(samples))
    assert restored == samples
    for cls, sample in found.items():
        again = pickle.loads(cache.dumps(sample))
        assert type(again) is cls and again == sample


def test_a_shared_file_is_unpickled_once_per_process(tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.setenv("WOONPACT_CACHE", str(tmp_path))
    cache.forget_shared()
    first = parameters()
    assert parameters() is first
    cache.forget_shared()
    again = parameters()  # from the cache folder
    assert again == first and again is not first
