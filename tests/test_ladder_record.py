"""`woonpact record` and `woonpact escalations`: a meeting recorded moves the ladder as it says,
the fact file keeps everything it held, and a failed write leaves it whole."""

from __future__ import annotations

import datetime as dt
import difflib
import errno
import json
import os
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.ladder_support import without_rent_policy
from tests.support import BUNDLED_FACTS
from tests.test_cli import invoke
from woonpact.engine.errors import InputError
from woonpact.engine.facts import record as recording
from woonpact.engine.facts.loader import load_fact_set
from woonpact.engine.model.facts import EscalationEvent
from woonpact.engine.output.result import ExitCode


@pytest.fixture
def facts(tmp_path: Path) -> Path:
    folder = tmp_path / "stichtse-vecht-2025"
    shutil.copytree(BUNDLED_FACTS / "stichtse-vecht-2025", folder)
    return folder


def step(folder: Path, rule: str, scope: str, year: int = 2026) -> tuple:
    _, out = invoke("check", str(folder), "--format", "json", "--fail-on", "never")
    found = [e for e in json.loads(out)["escalations"]
             if e["rule"] == f"stichtse-vecht-2025/{rule}" and e["scope"]["id"] == scope
             and e["year"] == year]
    return (found[0]["rung"], found[0]["recommended"], found[0]["closed"]) if found else None


def test_record_round_trips_and_the_recommendation_moves_as_the_ladder_says(tmp_path: Path) -> None:
    facts = without_rent_policy(tmp_path)
    assert step(facts, "3.2-4", "vo") == (None, "ao", False)  # Stichtse Vecht 2.3: AO before BO
    code, out = invoke("record", str(facts / "2026.yaml"), "--rule", "3.2-4", "--rung", "ao",
                       "--date", "2026-10-01", "--outcome", "unresolved", "--note",
                       "Telling huurtoeslag besproken")
    assert code == ExitCode.OK and "vastgelegd" in out
    assert step(facts, "3.2-4", "vo") == ("ao", None, False)  # held: the next evaluation decides
    assert step(facts, "3.2-2", "portaal") == ("overleg", "mediation", False)
    invoke("record", str(facts / "2026.yaml"), "--rule", "stichtse-vecht-2025/3.2-2", "--rung",
           "mediation",
           "--date", "2026-12-01", "--outcome", "resolved", "--lang", "en")
    assert step(facts, "3.2-2", "portaal") == ("mediation", None, True)


def test_escalations_lists_every_clause_with_an_open_episode(facts: Path) -> None:
    code, out = invoke("escalations", str(facts), "--format", "json", "--lang", "en")
    listed = {(e["rule"].split("/")[1], e["scope"]["id"], e["kind"]): e
              for e in json.loads(out)["escalations"]}
    assert code == ExitCode.OK
    # held in 2026 (ambtelijk), unresolved
    assert listed[("3.2-7", "portaal", "rung")]["rung"] == "ao"
    assert ("3.2-2", "portaal", "rung") not in listed  # the rent policy came in 2026: closed
    assert ("3.4-1", "neighbourhoods/breukelen-noord", "rung") not in listed  # closed in 2026
    # the clauses' own actions due in 2026, beside the ladder
    assert {key for key in listed
            if key[2] == "action"} == {("3.1-4", "projects/nieuwe-wetering", "action"),
                                                               ("3.4-3", "portaal", "action")}
    assert listed[("3.1-4", "projects/nieuwe-wetering", "action")]["action"] == \
        "Escalate to bestuurlijk overleg (municipality and corporation)."
    code, out = invoke("escalations", str(facts))
    assert "open episodes op de geschillenladder en acties uit de afspraken, stand 2026" in out
    assert "3.2-7 Vrije toewijzingsruimte maximaal 15% · Portaal: nu: Ambtelijk overleg (AO)" in out
    assert ("· Nieuwe Wetering: actie volgens de afspraak: Opschalen naar bestuurlijk "
            "overleg") in " ".join(out.split())


def test_the_file_keeps_its_comments_and_layout(facts: Path) -> None:
    path = facts / "2026.yaml"
    before = path.read_text(encoding="utf-8")
    invoke("record", str(path), "--rule", "3.2-4", "--rung", "overleg", "--date", "2026-10-01")
    old = before.splitlines(keepends=True)
    new = path.read_text(encoding="utf-8").splitlines(keepends=True)
    changes = [op for op in difflib.SequenceMatcher(a=old, b=new, autojunk=False).get_opcodes()
               if op[0] != "equal"]
    assert [(tag, "".join(new[j1:j2])) for tag, _, _, j1, j2 in changes] == [
        ("insert", '  - rule: "3.2-4"\n    rung: overleg\n    date: 2026-10-01\n'
                   '    concerns: 2026\n')]


@pytest.mark.parametrize("tail", ["", "\nescalations: []\n",
                                  '\nescalations:\n  # the first meeting\n  - {rule: "3.2-2", '
                                  'rung: overleg, date: 2025-11-01}\n'
                                  "\n# conditions next\nconditions: {}\n"])
def test_a_block_is_created_or_filled(tmp_path: Path, tail: str) -> None:
    path = tmp_path / "2025.yaml"
    path.write_text("agreement: stichtse-vecht-2025  # comment\nyear: 2025" + tail,
                    encoding="utf-8")
    code, _ = invoke("record", str(path), "--rule", "3.2-4", "--rung", "overleg", "--date",
                     "2025-10-01")
    assert code == ExitCode.OK
    assert [e.rule for e in load_fact_set(path).escalations][-1:] == ["3.2-4"]
    assert "# comment" in path.read_text(encoding="utf-8")


def test_an_unknown_clause_or_rung_is_refused_with_a_suggestion(facts: Path) -> None:
    path = facts / "2026.yaml"
    before = path.read_bytes()
    code, out = invoke("record", str(path), "--rule", "3.2-44", "--rung", "mediaton", "--date",
                       "2026-10-01")
    assert code == ExitCode.BAD_INPUT
    assert "(bedoelt u '3.2-4'?)" in out and "(bedoelt u 'mediation'?)" in out
    assert path.read_bytes() == before


def _event() -> EscalationEvent:
    return EscalationEvent("3.2-4", "overleg", dt.date(2026, 10, 1), "unresolved", "note")


def test_a_crash_halfway_through_the_write_leaves_the_old_file_whole(
        facts: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = facts / "2026.yaml"
    before = path.read_bytes()
    write = os.write

    def dies_halfway(fd: int, data: bytes) -> int:
        write(fd, bytes(data[: len(data) // 2]))
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "write", dies_halfway)
    with pytest.raises(KeyboardInterrupt):
        recording.record(path, _event(), lambda after: None)
    assert path.read_bytes() == before
    # no temporary left beside the 2024 baseline and the two years
    assert sorted(p.name for p in facts.iterdir()) == ["2024.yaml", "2025.yaml", "2026.yaml"]


def test_a_failing_rename_leaves_the_old_file_whole(facts: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    path = facts / "2026.yaml"
    before = path.read_bytes()

    def refuse(*_: object) -> None:
        raise OSError(errno.EIO, "input/output error")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(InputError) as raised:
        recording.record(path, _event(), lambda after: None)
    assert [p.key for p in raised.value.problems] == ["file.unwritable"]
    assert path.read_bytes() == before
    assert len(list(facts.iterdir())) == 3  # 2024 (baseline), 2025 and 2026; no temporary left


def test_a_result_that_fails_validation_is_never_put_in_place(facts: Path) -> None:
    path = facts / "2026.yaml"
    before = path.read_bytes()

    def reject(after: object) -> None:
        raise InputError([])

    with pytest.raises(InputError):
        recording.record(path, _event(), reject)
    assert path.read_bytes() == before


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
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
     "[escalations[0].rung]: trede 'mediaton' staat niet op de geschillenladder van dit pakket "
     "(bedoelt u 'mediation'?)"),
    ('deviations:\n  - {rule: "3.2-44", from: 2025, approved_by: [gemeente], reason: x}\n',
     "[deviations[0].rule]: afwijking noemt onbekende regel '3.2-44' (bedoelt u '3.2-4'?)"),
    ('deviations:\n  - {rule: "3.2-4", from: 2025, approved_by: [gemeente, vo2], reason: x}\n',
     "[deviations[0].approved_by]: partij 'vo2' staat niet in pakket stichtse-vecht-2025 (bedoelt "
     "u 'vo'?)"),
])
def test_unknown_rungs_rules_and_parties_in_the_ladder_sections_are_named(tmp_path: Path,
                                                                          block: str,
                                                                          expected: str) -> None:
    path = tmp_path / "2025.yaml"
    path.write_text("agreement: stichtse-vecht-2025\nyear: 2025\n" + block, encoding="utf-8")
    code, out = invoke("check", str(path))
    assert code == ExitCode.BAD_INPUT and expected in out, out


def test_a_ladder_of_seven_rungs_is_refused(tmp_path: Path) -> None:
    from tests.test_bad_input import check_bad_pack

    three_more = "".join(f"    - {{id: extra_{i}, name: Extra {i}}}\n" for i in range(3))
    check_bad_pack(tmp_path, "  effort_ceiling: overleg\n",
                   three_more + "  effort_ceiling: overleg\n",
                   "[ladder.rungs]: de geschillenladder heeft 7 treden; woonpact kent er hoogstens "
                   "6")


# -- a scope must name a party or entity the clause is about -----------------------------------

HEAD = "agreement: stichtse-vecht-2025\nyear: 2025\n"


def place(text: str, needle: str) -> str:
    """`file:line:column: ` of the value after `needle` (`scope: x`) in a fact file, as a message
    names it."""
    line, row = next((i, row) for i, row in enumerate(text.splitlines(), 1) if needle in row)
    return f"2025.yaml:{line}:{row.index(needle) + len(needle.split(': ')[0]) + 3}: "


@pytest.mark.parametrize(("block", "lang", "expected"), [
    ('escalations:\n  - {rule: "3.2-7", rung: overleg, date: 2025-11-01, scope: portal}\n', "nl",
     "{at}fout [escalations[0].scope]: scope 'portal' is geen partij of item waarover regel "
     "'3.2-7' gaat"
     " (bedoelt u 'portaal'?); kies uit: portaal, vo, of laat 'scope' weg als het alle betreft"),
    ('escalations:\n  - {rule: "3.2-7", rung: overleg, date: 2025-11-01, scope: portal}\n', "en",
     "{at}error [escalations[0].scope]: scope 'portal' is no party or item that rule '3.2-7' is "
     "about"
     " (did you mean 'portaal'?); choose from: portaal, vo, or leave 'scope' out when it concerns "
     "all"),
    # a party of the pack, but not one the clause is about (3.2-4 is V&O's alone)
    ('deviations:\n  - rule: "3.2-4"\n    from: 2025\n    scope: portaal\n    approved_by: '
     '[gemeente]\n    reason: x\n', "nl",
     "{at}fout [deviations[0].scope]: scope 'portaal' is geen partij of item waarover regel "
     "'3.2-4' gaat;"
     " kies uit: vo,"),
    # an entity: the clause is per project, and the facts have no such project
    ('collections:\n  projects:\n    - {id: vechtoever, name: Vechtoever, homes: 24, '
     'social_rent_homes: 8}\n'
     'escalations:\n  - {rule: "3.1-1", rung: overleg, date: 2025-11-01, scope: '
     'projects/vechtover}\n', "en",
     "{at}error [escalations[0].scope]: scope 'projects/vechtover' is no party or item that rule "
     "'3.1-1' is about"
     " (did you mean 'projects/vechtoever'?); choose from: projects/vechtoever,"),
])
def test_a_scope_that_names_nobody_the_clause_is_about_is_refused(tmp_path: Path, block: str,
                                                                  lang: str,
                                                                   expected: str) -> None:
    path = tmp_path / "2025.yaml"
    path.write_text(HEAD + block, encoding="utf-8")
    scope = expected.split("scope '")[1].split("'")[0]
    expected = expected.format(at=place(HEAD + block, f"scope: {scope}"))
    for command in ("check", "validate"):
        code, out = invoke(command, str(path), "--lang", lang)
        assert code == ExitCode.BAD_INPUT and expected in out, out
        assert len(out.strip().splitlines()) == 1 and "Traceback" not in out


def test_a_scope_that_names_a_party_or_entity_of_the_clause_is_taken(tmp_path: Path) -> None:
    path = tmp_path / "2025.yaml"
    path.write_text(HEAD + 'collections:\n  projects:\n    - {id: vechtoever, name: Vechtoever, '
                           'homes: 24, social_rent_homes: 8}\n'
                    'escalations:\n  - {rule: "3.1-1", rung: overleg, date: 2025-11-01, scope: '
                    'projects/vechtoever}\n'
                    '  - {rule: "stichtse-vecht-2025/3.2-7", rung: overleg, date: 2025-11-01, '
                    'scope: vo}\n'
                    '  - {rule: "3.2-2", rung: overleg, date: 2025-11-01, scope: portaal}\n',
                    encoding="utf-8")
    code, out = invoke("validate", str(path))
    assert code == ExitCode.OK, out


def test_an_event_is_about_its_own_year_so_its_entity_must_be_there(facts: Path) -> None:
    """Zogwetering fase 2 is a 2025 project; a 2026 meeting about it would match no finding."""
    path = facts / "2026.yaml"
    text = path.read_text(encoding="utf-8").replace(
        "escalations:\n",
        'escalations:\n  - {rule: "3.1-1", rung: overleg, date: 2026-03-01, scope: '
        'projects/zogwetering-fase-2}\n')
    path.write_text(text, encoding="utf-8")
    line = text.splitlines().index("escalations:") + 2
    code, out = invoke("check", str(facts))
    assert (code == ExitCode.BAD_INPUT and f"2026.yaml:{line}:" in out
            and "'projects/zogwetering-fase-2'" in out), out


def test_record_refuses_an_unknown_scope_before_writing(facts: Path) -> None:
    path = facts / "2026.yaml"
    before = path.read_bytes()
    code, out = invoke("record", str(path), "--rule", "3.1-1", "--rung", "overleg", "--date",
                       "2026-10-01",
                       "--scope", "projects/nieuwe-weterin")
    assert code == ExitCode.BAD_INPUT and path.read_bytes() == before
    assert (f"{path}: fout [--scope]: scope 'projects/nieuwe-weterin' is geen partij of item "
            "waarover regel '3.1-1' gaat (bedoelt u 'projects/nieuwe-wetering'?)") in out, out
    code, out = invoke("record", str(path), "--rule", "3.1-1", "--rung", "overleg", "--date",
                       "2026-10-01",
                       "--scope", "projects/nieuwe-wetering", "--lang", "en")
    assert code == ExitCode.OK, out
    assert load_fact_set(path).escalations[-1].scope == "projects/nieuwe-wetering"
    assert step(facts, "3.1-1", "projects/nieuwe-wetering") == ("overleg", None, False)
