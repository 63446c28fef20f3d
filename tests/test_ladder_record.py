"""`woonpact record` and `woonpact escalations`: a meeting recorded moves the ladder as it says,
the fact file keeps everything it held, and a failed write leaves it whole."""

from __future__ import annotations

import datetime as dt
import difflib
import json
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engine.errors import InputError
from engine.facts import record as recording
from engine.facts.loader import load_fact_set
from engine.model.facts import EscalationEvent
from engine.output.result import ExitCode
from tests.support import BUNDLED_FACTS
from tests.test_cli import invoke


@pytest.fixture
def facts(tmp_path: Path) -> Path:
    folder = tmp_path / "stichtse-vecht-2025"
    shutil.copytree(BUNDLED_FACTS / "stichtse-vecht-2025", folder)
    return folder


def step(folder: Path, rule: str, scope: str, year: int = 2026) -> tuple:
    code, out = invoke("check", str(folder), "--format", "json", "--fail-on", "never")
    found = [e for e in json.loads(out)["escalations"]
             if e["rule"] == f"stichtse-vecht-2025/{rule}" and e["scope"]["id"] == scope and e["year"] == year]
    return (found[0]["rung"], found[0]["recommended"], found[0]["closed"]) if found else None


def test_record_round_trips_and_the_recommendation_moves_as_the_ladder_says(facts: Path) -> None:
    assert step(facts, "3.2-4", "vo") == (None, "overleg", False)
    code, out = invoke("record", str(facts / "2026.yaml"), "--rule", "3.2-4", "--rung", "overleg",
                       "--date", "2026-10-01", "--outcome", "unresolved", "--note", "Telling huurtoeslag besproken")
    assert code == ExitCode.OK and "vastgelegd" in out
    assert step(facts, "3.2-4", "vo") == ("overleg", None, False)  # held: the next evaluation decides
    assert step(facts, "3.2-2", "portaal") == ("overleg", "mediation", False)
    invoke("record", str(facts / "2026.yaml"), "--rule", "stichtse-vecht-2025/3.2-2", "--rung", "mediation",
           "--date", "2026-12-01", "--outcome", "resolved", "--lang", "en")
    assert step(facts, "3.2-2", "portaal") == ("mediation", None, True)


def test_escalations_lists_every_clause_with_an_open_episode(facts: Path) -> None:
    code, out = invoke("escalations", str(facts), "--format", "json", "--lang", "en")
    listed = {(e["rule"].split("/")[1], e["scope"]["id"]): e for e in json.loads(out)["escalations"]}
    assert code == ExitCode.OK
    assert listed[("3.2-2", "portaal")]["recommended"] == "mediation"
    assert ("3.4-1", "neighbourhoods/breukelen-noord") not in listed  # closed in 2026
    code, out = invoke("escalations", str(facts))
    assert "open episodes op de geschillenladder, stand 2026" in out and "3.2-2  Portaal" in out


def test_the_file_keeps_its_comments_and_layout(facts: Path) -> None:
    path = facts / "2026.yaml"
    before = path.read_text(encoding="utf-8")
    invoke("record", str(path), "--rule", "3.2-4", "--rung", "overleg", "--date", "2026-10-01")
    old, new = before.splitlines(keepends=True), path.read_text(encoding="utf-8").splitlines(keepends=True)
    changes = [op for op in difflib.SequenceMatcher(a=old, b=new, autojunk=False).get_opcodes() if op[0] != "equal"]
    assert [(tag, "".join(new[j1:j2])) for tag, _, _, j1, j2 in changes] == [
        ("insert", '  - rule: "3.2-4"\n    rung: overleg\n    date: 2026-10-01\n')]


@pytest.mark.parametrize("tail", ["", "\nescalations: []\n",
                                  '\nescalations:\n  # the first meeting\n  - {rule: "3.2-2", rung: overleg, date: 2025-11-01}\n'
                                  "\n# conditions next\nconditions: {}\n"])
def test_a_block_is_created_or_filled(tmp_path: Path, tail: str) -> None:
    path = tmp_path / "2025.yaml"
    path.write_text("agreement: stichtse-vecht-2025  # comment\nyear: 2025" + tail, encoding="utf-8")
    code, _ = invoke("record", str(path), "--rule", "3.2-4", "--rung", "overleg", "--date", "2025-10-01")
    assert code == ExitCode.OK
    assert [e.rule for e in load_fact_set(path).escalations][-1:] == ["3.2-4"]
    assert "# comment" in path.read_text(encoding="utf-8")


def test_an_unknown_clause_or_rung_is_refused_with_a_suggestion(facts: Path) -> None:
    path = facts / "2026.yaml"
    before = path.read_bytes()
    code, out = invoke("record", str(path), "--rule", "3.2-44", "--rung", "mediaton", "--date", "2026-10-01")
    assert code == ExitCode.BAD_INPUT
    assert "(bedoelt u '3.2-4'?)" in out and "(bedoelt u 'mediation'?)" in out
    assert path.read_bytes() == before


def _event() -> EscalationEvent:
    return EscalationEvent("3.2-4", "overleg", dt.date(2026, 10, 1), "unresolved", "note")


def test_a_crash_halfway_through_the_write_leaves_the_old_file_whole(facts: Path) -> None:
    path = facts / "2026.yaml"
    before = path.read_bytes()

    def dies_halfway(fd: int, text: str) -> None:
        import os

        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text[: len(text) // 2])
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        recording.record(path, _event(), lambda after: None, write=dies_halfway)
    assert path.read_bytes() == before
    assert sorted(p.name for p in facts.iterdir()) == ["2025.yaml", "2026.yaml"]  # no temporary left


def test_a_failing_rename_leaves_the_old_file_whole(facts: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = facts / "2026.yaml"
    before = path.read_bytes()

    def refuse(*_: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(recording.os, "replace", refuse)
    with pytest.raises(OSError):
        recording.record(path, _event(), lambda after: None)
    assert path.read_bytes() == before
    assert len(list(facts.iterdir())) == 2


def test_a_result_that_fails_validation_is_never_put_in_place(facts: Path) -> None:
    path = facts / "2026.yaml"
    before = path.read_bytes()

    def reject(after: object) -> None:
        raise InputError([])

    with pytest.raises(InputError):
        recording.record(path, _event(), reject)
    assert path.read_bytes() == before


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=60))
def test_any_note_reads_back_exactly(tmp_path: Path, note: str) -> None:
    path = tmp_path / "2025.yaml"
    path.write_text("agreement: stichtse-vecht-2025\nyear: 2025\n", encoding="utf-8")
    event = EscalationEvent("3.2-4", "overleg", dt.date(2025, 10, 1), None, note, "vo")
    recording.record(path, event, lambda after: None)
    assert load_fact_set(path).escalations == (event,)


# -- bad ladder input in facts and packs: one clear line, exit code 2 --------------------------

@pytest.mark.parametrize(("block", "expected"), [
    ('escalations:\n  - {rule: "3.2-4", rung: mediaton, date: 2025-11-01}\n',
     "[escalations[0].rung]: trede 'mediaton' staat niet op de geschillenladder van dit pakket (bedoelt u 'mediation'?)"),
    ('deviations:\n  - {rule: "3.2-44", from: 2025, approved_by: [gemeente], reason: x}\n',
     "[deviations[0].rule]: afwijking noemt onbekende regel '3.2-44' (bedoelt u '3.2-4'?)"),
    ('deviations:\n  - {rule: "3.2-4", from: 2025, approved_by: [gemeente, vo2], reason: x}\n',
     "[deviations[0].approved_by]: partij 'vo2' staat niet in pakket stichtse-vecht-2025 (bedoelt u 'vo'?)"),
])
def test_unknown_rungs_rules_and_parties_in_the_ladder_sections_are_named(tmp_path: Path, block: str, expected: str) -> None:
    path = tmp_path / "2025.yaml"
    path.write_text("agreement: stichtse-vecht-2025\nyear: 2025\n" + block, encoding="utf-8")
    code, out = invoke("check", str(path))
    assert code == ExitCode.BAD_INPUT and expected in out, out


def test_a_ladder_of_seven_rungs_is_refused(tmp_path: Path) -> None:
    from tests.test_bad_input import check_bad_pack

    four_more = "".join(f"    - {{id: extra_{i}, name: Extra {i}}}\n" for i in range(4))
    check_bad_pack(tmp_path, "  effort_ceiling: overleg\n", four_more + "  effort_ceiling: overleg\n",
                   "[ladder.rungs]: de geschillenladder heeft 7 treden; woonpact kent er hoogstens 6")
