"""A finding's facts_used is built on first read, and then reads exactly like a stored tuple."""

from __future__ import annotations

import dataclasses
import inspect
import pickle

import pytest

from engine import paths
from engine.check import check
from engine.model.finding import FactUsed, Finding, Later, ScopeInstance, Status
from tests.support import pack


def _finding(facts_used: object) -> Finding:
    rule = pack("npa-2022").rules[0]
    scope = ScopeInstance("party", "x", "X", "x")
    return Finding(rule, 2025, scope, Status.COMPLIANT, "met", value=1, facts_used=facts_used)


def test_facts_used_is_built_once_on_first_read() -> None:
    calls: list[int] = []

    def cite(year: int) -> tuple[FactUsed, ...]:
        calls.append(year)
        return (FactUsed("lettings_total", 40, year),)

    finding = _finding(Later(cite, 2025))
    assert calls == []
    assert finding.facts_used == (FactUsed("lettings_total", 40, 2025),)
    assert finding.facts_used is finding.facts_used
    assert calls == [2025]


def test_a_deferred_finding_equals_hashes_pickles_and_replaces_like_a_stored_one() -> None:
    cited = (FactUsed("lettings_total", 40, 2025, "gemeente", "telt anders"),)
    stored, deferred = _finding(cited), _finding(Later(lambda: cited))
    assert deferred == stored and hash(deferred) == hash(stored) and repr(deferred) == repr(stored)
    assert pickle.loads(pickle.dumps(_finding(Later(lambda: cited)))) == stored
    assert dataclasses.replace(_finding(Later(lambda: cited)), year=2026).facts_used == cited
    assert deferred.contested == cited


def test_every_bundled_finding_cites_its_facts_as_a_tuple() -> None:
    for folder in sorted(p for p in paths.FACTS.iterdir() if p.is_dir()):
        result = check([folder])
        for finding in result.findings:
            assert isinstance(finding.facts_used, tuple)
            assert all(isinstance(u, FactUsed) and u.year == finding.year for u in finding.facts_used)
            assert pickle.loads(pickle.dumps(finding)) == finding


def test_the_hand_written_init_takes_the_fields_in_order_with_their_defaults() -> None:
    parameters = list(inspect.signature(Finding.__init__).parameters.values())[1:]
    assert [p.name for p in parameters] == [f.name for f in dataclasses.fields(Finding)]
    for parameter, field in zip(parameters, dataclasses.fields(Finding)):
        assert parameter.default == (inspect.Parameter.empty if field.default is dataclasses.MISSING
                                     else field.default)
    finding = _finding(())
    values = {f.name: getattr(finding, f.name) for f in dataclasses.fields(Finding)}
    assert Finding(**values) == finding and values["value"] == 1 and values["reason"] == "met"
    with pytest.raises(dataclasses.FrozenInstanceError):
        finding.year = 2026  # type: ignore[misc]
