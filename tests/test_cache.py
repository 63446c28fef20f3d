"""The cache never serves stale data, and everything it stores can be stored."""

from __future__ import annotations

import ast as python_ast
import dataclasses
import datetime as dt
import enum
import inspect
import os
import pickle
import shutil
import textwrap
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.support import BUNDLED_FACTS
from tests.test_amendments import amended_pack
from tests.workspace_support import make_workspace
from woonpact.cli import main
from woonpact.engine import cache, paths
from woonpact.engine.check import check, included_rules, load_facts, pack_by_path, parameters
from woonpact.engine.errors import InputError
from woonpact.engine.language import units
from woonpact.engine.model import ast
from woonpact.engine.model import declarations as model_declarations
from woonpact.engine.model import escalation as model_escalation
from woonpact.engine.model import facts as model_facts
from woonpact.engine.model import finding as model_finding
from woonpact.engine.model import pack as model_pack
from woonpact.engine.model import parameters as model_parameters
from woonpact.engine.model import reads as model_reads
from woonpact.engine.model import text as model_text
from woonpact.engine.model.facts import Deviation
from woonpact.engine.params import load_parameters
from woonpact.engine.rules.registry import find_pack


def test_changing_a_csv_beside_a_fact_set_invalidates_its_entry(tmp_path: Path) -> None:
    shutil.copy(BUNDLED_FACTS / "stichtse-vecht-2025" / "2025.yaml", tmp_path / "2025.yaml")
    text = (tmp_path / "2025.yaml").read_text(encoding="utf-8")
    (tmp_path / "2025.yaml").write_text(text.replace("collections:\n",
                                                     "collections:\n  lettings: {csv: l.csv}\n", 1),
                                        encoding="utf-8")
    (tmp_path / "l.csv").write_text("id,refusals\na,1\nb,2\n", encoding="utf-8")
    assert len(load_facts([tmp_path])[2025].collections["lettings"]) == 2
    time.sleep(0.01)
    (tmp_path / "l.csv").write_text("id,refusals\na,1\n", encoding="utf-8")
    assert len(load_facts([tmp_path])[2025].collections["lettings"]) == 1


def test_a_file_saved_while_it_is_read_is_not_kept_under_its_old_bytes(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An entry is named by the bytes read before loading; a file saved meanwhile (an editor, a
    sync client) was loaded in its new version. Kept under the old bytes' name, a later check of
    the old bytes would be served the new version's facts: it is used once and not kept."""
    monkeypatch.setenv("WOONPACT_CACHE", str(tmp_path / "cache"))
    file = tmp_path / "facts" / "2026.yaml"
    file.parent.mkdir()
    file.write_text("old", encoding="utf-8")

    def saved_meanwhile(path: Path) -> str:
        path.write_text("new", encoding="utf-8")
        return path.read_text(encoding="utf-8")

    assert cache.cached(file, "facts", saved_meanwhile) == "new"
    file.write_text("old", encoding="utf-8")
    assert cache.cached(file, "facts", lambda path: path.read_text(encoding="utf-8")) == "old"


def test_parameters_are_cached(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("WOONPACT_CACHE", str(tmp_path))
    parameters()
    assert any(p.name.startswith("parameters-") for p in tmp_path.iterdir())
    reloads: list[Path] = []
    value = cache.cached(paths.PARAMETERS, "parameters",
                         lambda p: reloads.append(p) or load_parameters(p))
    assert not reloads and value.value("aftoppingsgrens_2", 2024) == 697.07


MODEL_MODULES = (model_pack, model_facts, model_finding, model_escalation, model_text,
                 model_declarations, model_parameters, model_reads, ast, units)


def frozen_slotted_classes() -> set[type]:
    return {cls for module in MODEL_MODULES for _,
            cls in inspect.getmembers(module, inspect.isclass)
            if cls.__module__ == module.__name__ and dataclasses.is_dataclass(cls)
            and cls.__dataclass_params__.frozen and "__slots__" in cls.__dict__}  # type: ignore[attr-defined]


def instances(root: object) -> dict[type, object]:
    """One instance of each dataclass reachable from `root` (which keeps them alive), and of
    each other class of ours a dataclass holds (`Entities`)."""
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
        elif type(item).__module__.startswith("woonpact.") and not isinstance(item, enum.Enum):
            found.setdefault(type(item), item)
    return found


@pytest.fixture(scope="module")
def stored(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[object], dict[type, object]]:
    """Samples of everything the cache stores (and the findings), with one instance of each
    class they hold."""
    tmp_path = tmp_path_factory.mktemp("stored")
    rules, facts = amended_pack(tmp_path)
    deviation = Deviation("3.2-7", 2025, 2026, ("gemeente",), "krappe markt", "portaal",
                          dt.date(2025, 3, 1))
    own = make_workspace(tmp_path / "own")  # figures, attributes and dated values of its own
    wording = model_pack.Wording(model_text.Text("{value} woningen erbij", "{value} homes added"))
    samples: list[object] = [parameters(), check([facts], rules), deviation, wording,
                             check([own / "facts" / "groenstad-2025"], own / "rules")]
    for folder in sorted(p for p in BUNDLED_FACTS.iterdir() if p.is_dir()):
        result = check([folder])
        samples += [result, included_rules(result.pack), load_facts([folder])]
    return samples, instances(samples)


def held(obj: object) -> dict[str, object]:
    """Everything an object holds: every slot of its classes and its `__dict__`, so also the
    fields equality leaves out (`compare=False`, as `Parameters._units`)."""
    names = {name for cls in type(obj).__mro__
             for name in ((lambda s: (s,) if isinstance(s, str)
                           else s)(vars(cls).get("__slots__", ())))
             if name not in ("__dict__", "__weakref__")}
    return {**{name: getattr(obj, name) for name in names if hasattr(obj, name)},
            **getattr(obj, "__dict__", {})}


def test_every_model_object_comes_back_from_the_cache_whole(
        stored: tuple[list[object], dict[type, object]]) -> None:
    samples, found = stored
    assert frozen_slotted_classes() <= set(found), "a model class without a sample: add one above"
    restored = pickle.loads(cache.dumps(samples))
    assert restored == samples
    for cls, sample in found.items():
        again = pickle.loads(cache.dumps(sample))
        assert type(again) is cls and again == sample
        if dataclasses.is_dataclass(cls):
            assert held(again) == held(sample), cls


def test_every_class_the_cache_stores_is_restored_from_its_fields_or_its_constructor(
        stored: tuple[list[object], dict[type, object]]) -> None:
    """A frozen slotted dataclass whose slots are exactly its fields is restored through the
    slots' setters (engine/cache.py); one with a slot that is no field would be pickled by
    dataclasses, which keep only the fields. Any other class of ours pickles through its
    constructor (`__reduce__`), which rebuilds what it derives (`Entities.position`)."""
    _, found = stored
    for cls in found:
        own_reduce = cls.__reduce__ is not object.__reduce__
        if dataclasses.is_dataclass(cls) and "__slots__" in vars(cls):
            assert cache._slot_fields(cls) is not None or own_reduce, cls
        elif not dataclasses.is_dataclass(cls):
            assert own_reduce, cls


def post_init_sets(cls: type) -> set[str] | None:
    """The fields `cls.__post_init__` sets (`object.__setattr__(self, "name", ...)`), or None
    when it does anything else."""
    source = textwrap.dedent(inspect.getsource(vars(cls)["__post_init__"]))
    (function,) = python_ast.parse(source).body
    names = set()
    for statement in function.body:  # type: ignore[attr-defined]
        match statement:
            case python_ast.Expr(value=python_ast.Constant(value=str())):
                continue  # its docstring
            case python_ast.Expr(value=python_ast.Call(
                    func=python_ast.Attribute(value=python_ast.Name(id="object"),
                                              attr="__setattr__"),
                    args=[python_ast.Name(id="self"), python_ast.Constant(value=str() as name),
                          _])):
                names.add(name)
            case _:
                return None
    return names


def test_a_post_init_only_derives_fields_the_cache_carries(
        stored: tuple[list[object], dict[type, object]]) -> None:
    """The cache restores an object from its fields and runs no `__post_init__`: what one
    derives must be a field of its own (`field(init=False)`), which is stored with the rest,
    and it may do nothing else (no registering, no state outside the object)."""
    _, found = stored
    classes = {cls for module in MODEL_MODULES for _,
               cls in inspect.getmembers(module, inspect.isclass)
               if dataclasses.is_dataclass(cls)} | {cls for cls in found
                                                    if dataclasses.is_dataclass(cls)}
    deriving = [cls for cls in classes if "__post_init__" in vars(cls)]
    assert model_parameters.Parameters in deriving
    for cls in deriving:
        derived = {f.name for f in dataclasses.fields(cls) if not f.init}
        assert post_init_sets(cls) == derived, \
            f"{cls.__name__}.__post_init__ may only set {derived}"


def test_a_shared_file_is_unpickled_once_per_process(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("WOONPACT_CACHE", str(tmp_path))
    cache.forget_shared()
    first = parameters()
    assert parameters() is first
    cache.forget_shared()
    again = parameters()  # from the cache folder
    assert again == first and again is not first


# -- the cache proves what it loads (issue 11) --------------------------------------------------

WESTLAND = BUNDLED_FACTS / "westland-2025"


def findings_json() -> str:
    """`woonpact check` of Westland as JSON, loading every entry from the cache folder as a new
    process does."""
    cache.forget_shared()
    args = ("check", str(WESTLAND), "--format", "json", "--fail-on", "never")
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh cache folder, filled by one check."""
    where = tmp_path / "cache"
    monkeypatch.setenv("WOONPACT_CACHE", str(where))
    findings_json()
    return where


def entries(where: Path) -> list[Path]:
    return sorted(where.glob("*.pickle"))


FLIPS = st.tuples(st.integers(min_value=0), st.integers(min_value=0),
                  st.integers(min_value=1, max_value=255))  # entry, offset, bits flipped


@settings(max_examples=15, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(flip=FLIPS)
def test_a_damaged_entry_never_changes_a_finding(folder: Path, flip: tuple[int, int, int]) -> None:
    reference = findings_json()
    which, offset, mask = flip
    entry = entries(folder)[which % len(entries(folder))]
    good = entry.read_bytes()
    damaged = bytearray(good)
    damaged[offset % len(damaged)] ^= mask
    entry.write_bytes(bytes(damaged))
    assert findings_json() == reference
    entry.write_bytes(good)


class Planted:
    """What someone else could leave in a shared cache folder: unpickling it runs their code."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[object, ...]]:
        return Path.touch, (self.marker,)


def test_a_planted_entry_is_never_unpickled(folder: Path, tmp_path: Path) -> None:
    reference = findings_json()
    marker = tmp_path / "ran-their-code"
    for entry in entries(folder):
        entry.write_bytes(pickle.dumps(Planted(marker)))
    assert findings_json() == reference
    assert not marker.exists()


def test_a_folder_others_may_write_in_is_neither_read_nor_written(folder: Path,
                                                                  tmp_path: Path) -> None:
    reference = findings_json()
    marker = tmp_path / "ran-their-code"
    planted = pickle.dumps(Planted(marker))
    for entry in entries(folder):
        entry.unlink()
    folder.chmod(0o777)
    for name in ("facts", "pack", "parameters"):  # what a planter cannot know: our key names
        (folder / f"{name}-0.pickle").write_bytes(planted)
    assert findings_json() == reference
    assert not marker.exists()
    assert entries(folder) == sorted(folder / f"{name}-0.pickle"
                                     for name in ("facts", "pack", "parameters"))


def test_a_folder_of_another_user_is_not_used(folder: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    reference = findings_json()
    for entry in entries(folder):
        entry.unlink()
    monkeypatch.setattr(os, "geteuid", lambda: os.stat(folder).st_uid + 1)
    assert findings_json() == reference
    assert entries(folder) == []


def test_verbose_names_the_entry_it_did_not_trust(folder: Path) -> None:
    entry = entries(folder)[0]
    entry.write_bytes(b"\0" * 40)
    cache.forget_shared()
    result = CliRunner().invoke(main, ["--verbose", "check", str(WESTLAND), "--fail-on", "never"])
    assert f"{entry}: info: cache-item is beschadigd of niet met uw sleutel gemaakt" \
        in result.output
    cache.forget_shared()
    quiet = CliRunner().invoke(main, ["check", str(WESTLAND), "--fail-on", "never"])  # rebuilt
    assert "cache" not in quiet.stderr


def test_a_renamed_national_parameter_rebuilds_the_packs_that_read_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WOONPACT_CACHE", str(tmp_path / "cache"))
    parameters_file = tmp_path / "parameters.yaml"
    shutil.copy(paths.PARAMETERS, parameters_file)
    monkeypatch.setattr(paths, "PARAMETERS", parameters_file)
    westland = find_pack("westland-2025")
    cache.forget_shared()
    assert pack_by_path(westland).id == "westland-2025"
    text = parameters_file.read_text(encoding="utf-8")
    renamed = text.replace("  aftoppingsgrens_2:", "  aftoppingsgrens_twee:")
    parameters_file.write_text(renamed, encoding="utf-8")
    cache.forget_shared()
    with pytest.raises(InputError) as raised:
        pack_by_path(westland)
    assert "expr.unknown_parameter" in [p.key for p in raised.value.problems]


def test_the_folder_is_pruned_to_its_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    where = tmp_path / "cache"
    monkeypatch.setenv("WOONPACT_CACHE", str(where))
    where.mkdir(mode=0o700)
    for i in range(40):  # old entries, oldest first
        old = where / f"facts-{i:02d}.pickle"
        old.write_bytes(b"x" * 100_000)
        os.utime(old, (1_000_000 + i, 1_000_000 + i))
    monkeypatch.setenv("WOONPACT_CACHE_MAX_MB", "2")
    findings_json()
    total = sum(p.stat().st_size for p in entries(where))
    assert total <= 2 * 2**20
    kept = {p.name for p in entries(where)}
    assert "facts-39.pickle" in kept and "facts-00.pickle" not in kept  # least recently used first
    assert any(not name.startswith("facts-") for name in kept)  # what this run stored stays


def test_cache_info_and_clear(folder: Path) -> None:
    count = len(entries(folder))
    info = CliRunner().invoke(main, ["cache", "info", "--lang", "en"])
    assert info.exit_code == 0 and f"cache: {folder}, {count} entries" in info.output
    cleared = CliRunner().invoke(main, ["cache", "clear"])
    assert cleared.exit_code == 0 and f"{count} items verwijderd" in cleared.output
    assert entries(folder) == [] and not (folder / "key").exists()
    assert findings_json() and len(entries(folder)) == count  # rebuilt


def test_a_key_others_can_read_stops_the_cache_until_it_is_cleared(folder: Path) -> None:
    reference = findings_json()
    (folder / "key").chmod(0o644)
    for entry in entries(folder):
        entry.unlink()
    cache.forget_shared()
    result = CliRunner().invoke(main, ["--verbose", "check", str(WESTLAND), "--fail-on", "never"])
    assert (f"{folder / 'key'}: info: de sleutel van de cache is niet van u of door anderen"
            " leesbaar") in result.output
    assert entries(folder) == []  # nothing written with a key others may have read
    assert CliRunner().invoke(main, ["cache", "clear"]).exit_code == 0
    assert findings_json() == reference and entries(folder)
    assert (folder / "key").stat().st_mode & 0o777 == 0o600
