"""Clause-specific actions beside the ladder (escalation.md): a fired trigger whose action is
not taken is a step of its own, repeated while it stays due; the same finding still goes up the
ladder as any breach or warning does."""

from __future__ import annotations

import json

import jsonschema

from tests import support
from tests.ladder_support import event, ladder_run
from tests.support import BUNDLED_FACTS, statuses
from tests.test_cli import invoke
from woonpact.engine import paths
from woonpact.engine.model.finding import Status
from woonpact.engine.output.words import message

SV = "stichtse-vecht-2025"
WESTLAND = "westland-2025"


def letting(refusals: int, reported: bool) -> dict:
    """Westland 3.3-5: a home refused 50 times or more is reported to the municipality."""
    return {"collections": {"lettings": [{"id": "ARC-1", "party": "arcade", "date": "2026-03-01",
                                          "rent": 600,
                                          "relet": True, "refusals": refusals,
                                          "reported_to_municipality": reported}]}}


def project(escalated: bool, **more: object) -> dict:
    """Stichtse Vecht 3.1-4: a disagreement on the 30% is escalated to bestuurlijk overleg."""
    return {"collections": {"projects": [{"id": "p", "name": "P", "party": "vo", "homes": 20,
                                          "social_rent_homes": 6,
                                          "land": "derden", "developer_disagreement": True,
                                          "escalated_to_bestuurlijk_overleg": escalated}]}, **more}


def by_kind(steps: tuple) -> dict:
    return {(s.year, s.kind): s for s in steps}


def test_a_home_refused_50_times_and_not_reported_is_an_action_step_beside_the_ladder() -> None:
    steps = by_kind(ladder_run(WESTLAND, "3.3-5", {2026: letting(55, reported=False)}))
    action = steps[(2026, "action")]
    assert action.action is not None and action.action("nl").startswith("De corporatie meldt de "
                                                                        "woning bij de gemeente")
    assert (action.rung, action.recommended, action.closed,
            action.legal_basis) == (None, None, False, None)
    assert action.parties == ("arcade",)  # the corporation that let the home, not every party
    assert [r.key for r in action.reasons] == ["ladder.action.action_missing",
                                               "ladder.why.action_missing"]
    assert action.scope.id == "lettings/ARC-1"
    # the missing report is a breach on the ladder too
    assert steps[(2026, "rung")].recommended == "overleg"


def test_no_action_step_when_the_action_was_taken_or_the_situation_did_not_arise() -> None:
    assert ladder_run(WESTLAND, "3.3-5", {2026: letting(55, reported=True)}) == ()
    assert ladder_run(WESTLAND, "3.3-5", {2026: letting(49, reported=False)}) == ()


def test_an_action_that_stays_missing_repeats_with_its_years_and_the_ladder_climbs() -> None:
    steps = by_kind(ladder_run(SV, "3.1-4", {
        2025: project(False,
                      escalations=[event("3.1-4", "overleg", "2025-11-01", scope="projects/p")]),
        2026: project(False),
    }))
    assert [(r.key, r.year) for r in steps[(2026, "action")].reasons] == [
        ("ladder.action.action_missing", 2025), ("ladder.action.action_missing", 2026),
        ("ladder.why.action_missing", 2026)]
    assert (steps[(2026, "rung")].rung,
            steps[(2026, "rung")].recommended) == ("overleg", "mediation")
    assert set(steps[(2026, "action")].parties) == {"gemeente", "vo"}
    taken = by_kind(ladder_run(SV, "3.1-4", {2025: project(False), 2026: project(True)}))
    assert (2026, "action") not in taken and taken[(2026, "rung")].closed


def test_a_trigger_without_a_check_says_the_action_is_due() -> None:
    """Stichtse Vecht 3.4-3: above 30% special groups the parties consult; nothing records it."""
    above = {"parties": {"vo": {"figures": {"lettings_special_groups": 31, "lettings_total": 100}}}}
    steps = by_kind(ladder_run(SV, "3.4-3", {2025: above}))
    assert [r.key for r in steps[(2025, "action")].reasons] == ["ladder.action.trigger_fired",
                                                                "ladder.why.action_due"]
    assert len(steps[(2025, "action")].parties) == 5  # responsible: all


def test_a_recorded_consultation_is_the_talk_a_trigger_without_a_check_asks_for() -> None:
    """Stichtse Vecht 3.4-3 ("treden partijen met elkaar in overleg"): the consultation recorded on
    the clause is the action taken; the finding complies and no action step stays due. A meeting
    for another corporation, or on another clause, is not that talk."""
    figures = {"figures": {"lettings_special_groups": 31, "lettings_total": 100}}
    above = {"parties": {"vo": figures, "portaal": figures}}
    talk = event("3.4-3", "overleg", "2025-11-20", "resolved", scope="vo")
    other = event("3.4-2", "overleg", "2025-11-20", "resolved")
    years = {2025: {**above, "escalations": [talk, other]}}
    by_scope = {f.scope.id: f for f in support.judge(SV, "3.4-3", years)}
    assert (by_scope["vo"].status, by_scope["vo"].reason) == (Status.COMPLIANT, "action_taken")
    assert by_scope["portaal"].reason == "trigger_fired"
    said = message(by_scope["vo"], "nl", support.pack(SV))
    assert "[overleg over deze afspraak vastgelegd op 20-11-2025]" in said
    steps = ladder_run(SV, "3.4-3", years)
    assert {(s.kind, s.scope.id) for s in steps} == {
        ("action", "portaal"), ("rung", "portaal"), ("rung", "vo")}
    assert next(s for s in steps if s.scope.id == "vo").closed  # the talk was recorded as resolved
    talk = event("stichtse-vecht-2025/3.4-3", "overleg", "2025-11-20")
    unscoped = {2025: {**above, "escalations": [talk]}}
    assert statuses(support.judge(SV, "3.4-3", unscoped)) == [Status.COMPLIANT, Status.COMPLIANT]
    assert not [s for s in ladder_run(SV, "3.4-3", unscoped) if s.kind == "action"]


def test_an_agreed_deviation_covers_the_action_too() -> None:
    deviation = {"rule": "3.1-4", "from": 2025, "approved_by": ["gemeente", "vo"],
                 "reason": "Grond gaat naar de gemeente"}
    assert ladder_run(SV, "3.1-4", {2025: project(False, deviations=[deviation])}) == ()


def test_actions_in_json_table_markdown_and_the_report() -> None:
    folder = str(BUNDLED_FACTS / SV)
    _, out = invoke("check", folder, "--format", "json", "--fail-on", "never", "--lang", "en")
    document = json.loads(out)
    jsonschema.validate(document,
                        json.loads((paths.SCHEMAS / "check-output.schema.json").read_text(
                            encoding="utf-8")))
    actions = [s for s in document["escalations"] if s["kind"] == "action"]
    assert {(s["year"], s["rule"], s["scope"]["id"]) for s in actions} == {
        (2025, f"{SV}/3.4-1", "neighbourhoods/breukelen-noord"), (2025, f"{SV}/3.4-3", "vo"),
        (2026, f"{SV}/3.1-4", "projects/nieuwe-wetering"), (2026, f"{SV}/3.4-3", "portaal")}
    assert all(s["rung"] is None and s["recommended"] is None and s["action"] for s in actions)
    assert all(s["kind"] == "rung" and s["action"] is None for s in document["escalations"]
               if s not in actions)
    _, out = invoke("check", folder, "--fail-on", "never")
    text = " ".join(out.split())
    assert ("3.1-4 Geen overeenstemming over het 30%-deel wordt opgeschaald naar bestuurlijk "
            "overleg · Nieuwe Wetering: "
            "actie volgens de afspraak: Opschalen naar bestuurlijk overleg (gemeente en "
            "corporatie). "
            "2026: actie niet uitgevoerd;") in text
    assert "door: Gemeente Stichtse Vecht, Woonstichting Vecht en Omstreken" in text
    _, out = invoke("check", folder, "--fail-on", "never", "--format", "markdown", "--lang",
                    "en")
    assert (f"- `{SV}/3.1-4` Nieuwe Wetering: **action the clause prescribes: Escalate to "
            "bestuurlijk overleg") in out
    _, out = invoke("report", folder, "--format", "markdown", "--lang", "en")
    ladder = out.split("## Disputes ladder")[1]
    seat = ladder.split("### By: Gemeente Stichtse Vecht, Woonstichting Vecht en Omstreken")[1]
    assert ("**action the clause prescribes: Escalate to bestuurlijk overleg (municipality and "
            "corporation).**") in seat.split("### ")[0]  # under the heading of who takes it
    _, out = invoke("report", folder)
    assert out.count('data-kind="action"') == 2  # 2026, the year reported on


def test_a_consultation_held_the_next_year_counts_for_the_year_it_concerns() -> None:
    """The talk about 2025's 31% held in February 2026 and recorded in 2026's file with
    `concerns: 2025` is the action taken in 2025, not in 2026 (docs/ladder.md, "Which year a
    meeting concerns")."""
    figures = {"figures": {"lettings_special_groups": 31, "lettings_total": 100}}
    above = {"parties": {"vo": figures}}
    talk = event("3.4-3", "overleg", "2026-02-10", "resolved", scope="vo", concerns=2025)
    years = {2025: above, 2026: {**above, "escalations": [talk]}}
    judged = {year: next(f for f in support.judge(SV, "3.4-3", years, year) if f.scope.id == "vo")
              for year in (2025, 2026)}
    assert judged[2025].reason == "action_taken"
    assert judged[2026].reason == "trigger_fired"
