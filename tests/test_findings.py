"""A finding's facts_used is built on first read, and then reads exactly like a stored tuple."""

from __future__ import annotations

import copy
import dataclasses
import importlib
import inspect
import pickle
import pkgutil

import pytest

from tests.support import BUNDLED_FACTS, pack
from woonpact.engine import model
from woonpact.engine.check import check
from woonpact.engine.model.finding import (
    Distance,
    FactUsed,
    Finding,
    ScopeInstance,
    Status,
    _Storage,
)
from woonpact.engine.output.json_format import finding_json
from woonpact.engine.output.trace import Tracer
from woonpact.engine.output.words import message


def _finding(facts_used: object) -> Finding:
    rule = pack("npa-2022").rules[0]
    scope = ScopeInstance("party", "x", "X", "x")
    return Finding(rule, 2025, scope, Status.COMPLIANT, "met", value=1, facts_used=facts_used)


def test_facts_used_is_built_once_on_first_read() -> None:
    calls: list[int] = []

    def cite(year: int) -> tuple[FactUsed, ...]:
        calls.append(year)
        return (FactUsed("lettings_total", 40, year),)

    finding = _finding((cite, 2025))
    assert calls == []
    assert finding.facts_used == (FactUsed("lettings_total", 40, 2025),)
    assert finding.facts_used is finding.facts_used
    assert calls == [2025]


def test_a_deferred_finding_equals_hashes_pickles_and_replaces_like_a_stored_one() -> None:
    cited = (FactUsed("lettings_total", 40, 2025, "gemeente", "telt anders"),)
    stored, deferred = _finding(cited), _finding((lambda: cited,))
    assert deferred == stored and hash(deferred) == hash(stored) and repr(deferred) == repr(stored)
    assert pickle.loads(pickle.dumps(_finding((lambda: cited,)))) == stored
    assert dataclasses.replace(_finding((lambda: cited,)), year=2026).facts_used == cited
    assert deferred.contested == cited


def test_every_bundled_finding_cites_its_facts_as_a_tuple() -> None:
    for folder in sorted(p for p in BUNDLED_FACTS.iterdir() if p.is_dir()):
        result = check([folder])
        for finding in result.findings:
            assert isinstance(finding.facts_used, tuple)
            assert all(isinstance(u, FactUsed) and u.year == finding.year
                       for u in finding.facts_used)
            assert pickle.loads(pickle.dumps(finding)) == finding


def built_by_hand() -> list[type]:
    """Every model class built as an instance of its slots' base and then given its class
    (engine/model/finding.py `_Storage`), in any module of engine/model."""
    for module in pkgutil.iter_modules(model.__path__):
        importlib.import_module(f"{model.__name__}.{module.name}")
    return [cls for base in _Storage.__subclasses__() for cls in base.__subclasses__()
            if "__slots__" in vars(cls)]  # not the class `dataclass(slots=True)` replaced


def test_findings_and_distances_are_built_by_hand() -> None:
    assert built_by_hand() == [Distance, Finding]


@pytest.mark.parametrize("cls", built_by_hand(), ids=lambda cls: cls.__name__)
def test_a_hand_written_constructor_takes_the_fields_in_order_with_their_defaults(
        cls: type) -> None:
    parameters = list(inspect.signature(cls.__new__).parameters.values())[1:]
    names = [f.name for f in dataclasses.fields(cls)]
    assert [p.name for p in parameters] == names and list(cls.__mro__[1].__slots__) == names
    for parameter, field in zip(parameters, dataclasses.fields(cls)):
        assert parameter.default == (inspect.Parameter.empty if field.default is dataclasses.MISSING
                                     else field.default)


@pytest.mark.parametrize("cls", built_by_hand(), ids=lambda cls: cls.__name__)
def test_a_class_built_by_hand_stores_every_field_and_runs_nothing_after(cls: type) -> None:
    """Nothing runs once the class is swapped: no `__init__` or `__post_init__` may derive
    state, and a store forgotten in `__new__` leaves a field unset."""
    params = cls.__dataclass_params__  # type: ignore[attr-defined]
    assert params.frozen and not params.init and "__slots__" in cls.__dict__
    assert "__post_init__" not in vars(cls) and cls.__init__ is object.__init__
    values = [(f"field {i}",) for i, _ in enumerate(dataclasses.fields(cls))]
    built = cls(*values)
    assert type(built) is cls
    assert [getattr(built, f.name) for f in dataclasses.fields(cls)] == values


def test_a_finding_built_by_hand_is_a_frozen_finding_that_copies_and_replaces() -> None:
    finding = _finding(())
    values = {f.name: getattr(finding, f.name) for f in dataclasses.fields(Finding)}
    assert Finding(**values) == finding and values["value"] == 1 and values["reason"] == "met"
    assert type(finding) is Finding and copy.copy(finding) == finding
    distance = Distance(3, "count", "more")
    assert (pickle.loads(pickle.dumps(distance)) == copy.copy(distance) == distance
            and distance.of is None)
    assert dataclasses.replace(finding, distance=distance).distance == distance
    with pytest.raises(dataclasses.FrozenInstanceError):
        finding.year = 2026  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        distance.amount = 4  # type: ignore[misc]


def test_a_finding_on_a_figure_short_of_confirmed_says_so() -> None:
    """Westland 3.2-1 counts re-lettings under the second aftoppingsgrens: the 2025 limit was
    read in the ministry's notice (confirmed), the 2026 one in no source (unconfirmed)."""
    result = check([BUNDLED_FACTS / "westland-2025"])
    by_year = {f.year: f for f in result.findings if f.rule.id == "3.2-1"
               and f.scope.id == "arcade"}
    assert by_year[2025].unconfirmed == ()
    assert "bevestigd" not in message(by_year[2025], "nl", result.pack)
    (figure,) = by_year[2026].unconfirmed
    assert (figure.name, figure.year, figure.status) == ("param(aftoppingsgrens_2)", 2026,
                                                         "unconfirmed")
    assert message(by_year[2026], "en", result.pack).endswith(
        "[rests on a national figure that is not confirmed: the 2nd aftoppingsgrens 2026 (not "
        "found in a "
        "source)]")
    document = finding_json(by_year[2026], "nl", result.pack, Tracer(result, "nl"))
    assert document["unconfirmed"] == [{"name": "param(aftoppingsgrens_2)", "year": 2026,
                                        "value": 764.14,
                                        "status": "unconfirmed"}]
    assert {u["name"]: u["status"]
            for u in document["facts_used"]}["param(aftoppingsgrens_2)"] == "unconfirmed"
