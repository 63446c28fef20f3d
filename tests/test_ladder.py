"""The disputes ladder over several years, from the seed clauses (docs/ladder.md)."""

from __future__ import annotations

from dataclasses import replace

from tests import support
from tests.ladder_support import event, ladder_run, ladder_steps

SV = "stichtse-vecht-2025"
RENT = "3.2-4-huurprijs"  # V&O: rent at most 80% of the maximum reasonable rent, a result
OEG = "oegstgeest-2025"


def vo_rent(share: int) -> dict:
    """Stichtse Vecht 3.2-4: V&O sets rents at 80% of the maximum reasonable rent (a result)."""
    return {"parties": {"vo": {"figures": {"rent_share_max_reasonable": f"{share}%"}}}}


def wywonen_share(special: int) -> dict:
    """Oegstgeest 9: at most 25% of lettings to urgent groups, talks above 20% (an effort)."""
    return {"parties": {"wywonen": {"figures": {"lettings_special_groups": special,
                                                "lettings_total": 100}}}}


def test_a_breach_talked_about_and_unresolved_that_persists_goes_to_mediation() -> None:
    steps = ladder_steps(SV, RENT, {
        2025: {**vo_rent(90), "escalations": [event(RENT, "overleg", "2025-11-20")]},
        2026: vo_rent(89),
    })
    # held; the next year decides
    assert (steps[2025].rung, steps[2025].recommended) == ("overleg", None)
    assert (steps[2026].rung, steps[2026].recommended) == ("overleg", "mediation")
    assert [r.key for r in steps[2026].reasons] == ["ladder.breach", "ladder.held",
                                                    "ladder.breach", "ladder.why.climb"]
    assert [r.year for r in steps[2026].reasons[:3]] == [2025, 2025, 2026]


def test_the_first_breach_recommends_the_first_rung_and_an_ignored_one_is_repeated() -> None:
    steps = ladder_steps(SV, RENT, {2025: vo_rent(90), 2026: vo_rent(90), 2027: vo_rent(90)})
    # Stichtse Vecht: AO first
    assert [steps[y].recommended for y in (2025, 2026, 2027)] == ["ao"] * 3
    assert all(steps[y].rung is None for y in steps)


def test_the_minister_comes_last_with_the_legal_basis_and_everybody_at_the_table() -> None:
    unresolved = {2025: "overleg", 2026: "mediation"}
    steps = ladder_steps(SV, RENT, {
        **{y: {**vo_rent(95), "escalations": [event(RENT, rung, f"{y}-11-01")]}
           for y, rung in unresolved.items()},
        2027: vo_rent(95),
    })
    last = steps[2027]
    assert (last.rung, last.recommended) == ("mediation", "minister")
    assert last.legal_basis and "44" in last.legal_basis
    assert set(last.parties) == {p.id for p in support.pack(SV).parties}


def test_a_warning_alone_never_climbs_past_overleg() -> None:
    steps = ladder_steps(OEG, "9-wywonen", {
        year: {**wywonen_share(22), "escalations": [event("9-wywonen", "overleg", f"{year}-10-01")]}
        for year in (2025, 2026, 2027)
    })
    assert [(steps[y].rung, steps[y].recommended)
            for y in (2025, 2026, 2027)] == [("overleg", None)] * 3
    again = ladder_steps(OEG, "9-wywonen", {
        2025: {**wywonen_share(22), "escalations": [event("9-wywonen", "overleg", "2025-10-01")]},
        2026: wywonen_share(23),
    })
    assert again[2026].recommended == "overleg"
    assert again[2026].reasons[-1].key == "ladder.why.warning"


def test_restored_compliance_closes_the_episode_and_a_new_breach_starts_again_at_the_bottom(
) -> None:
    steps = ladder_steps(SV, RENT, {
        2025: {**vo_rent(90), "escalations": [event(RENT, "overleg", "2025-11-20")]},
        2026: vo_rent(75),
        2027: vo_rent(90),
    })
    assert steps[2026].closed and steps[2026].recommended is None
    assert steps[2026].reasons[-2].key == "ladder.compliant"
    assert (steps[2027].rung, steps[2027].recommended) == (None, "ao")
    assert [r.year for r in steps[2027].reasons] == [2027, 2027]  # the closed episode is history


def test_a_resolved_meeting_closes_the_episode() -> None:
    steps = ladder_steps(SV, RENT, {
        2025: {**vo_rent(90), "escalations": [event(RENT, "overleg", "2025-11-20", "resolved")]},
        2026: vo_rent(75),
    })
    assert steps[2025].closed and steps[2025].rung == "overleg"
    assert 2026 not in steps  # nothing left to escalate


def test_an_effort_obligation_stops_at_overleg_unless_the_pack_says_otherwise() -> None:
    years = {
        2025: {**wywonen_share(30), "escalations": [event("9-wywonen", "overleg", "2025-10-01")]},
        2026: wywonen_share(31),
    }
    steps = ladder_steps(OEG, "9-wywonen", years)
    assert (steps[2026].rung, steps[2026].recommended) == ("overleg", "overleg")
    assert steps[2026].reasons[-1].key == "ladder.why.ceiling"
    pack = support.pack(OEG)
    higher = replace(pack, ladder=replace(pack.ladder, effort_ceiling="mediation"))
    assert ladder_steps(OEG, "9-wywonen", years, pack=higher)[2026].recommended == "mediation"


def test_an_event_without_scope_concerns_only_the_instances_that_failed() -> None:
    """Vlaardingen 2.1 is judged per corporation; the meeting was about the one that fell short."""
    parties = {"waterweg-wonen": {"figures": {"lettings_primary_target_group": 80,
                                              "lettings_total": 100}},
               "samenwerking": {"figures": {"lettings_primary_target_group": 60,
                                            "lettings_total": 100}}}
    steps = ladder_run("vlaardingen-2025", "2.1", {
        2025: {"parties": parties, "escalations": [event("2.1", "overleg", "2025-10-01")]}})
    assert [(s.scope.id, s.rung) for s in steps] == [("samenwerking", "overleg")]


def test_clauses_that_never_failed_and_were_never_talked_about_have_no_steps() -> None:
    assert ladder_steps(SV, RENT, {2025: vo_rent(70), 2026: vo_rent(60)}) == {}


def why(step) -> tuple[str, str, str]:
    """The ladder rule applied, as its key and its sentence in Dutch and English."""
    from woonpact.engine.output.steps import reason_text

    pack, reason = support.pack(SV), step.reasons[-1]
    return reason.key, reason_text(pack, reason, "nl"), reason_text(pack, reason, "en")


def test_the_reason_says_first_only_for_the_first_shortfall_of_the_clause() -> None:
    steps = ladder_steps(SV, RENT, {2025: vo_rent(90), 2026: vo_rent(89), 2027: vo_rent(88)})
    assert why(steps[2025]) == ("ladder.why.first",
                                "eerste tekortkoming: begin met Ambtelijk overleg (AO)",
                                "first shortfall: start with Official consultation (AO)")
    key, nl, en = why(steps[2027])
    assert key == "ladder.why.repeated" and "eerste" not in nl and "first" not in en
    assert ("3 keer sinds 2025 en nog geen trede gehouden" in nl
            and "3 times since 2025 and no rung held yet" in en)


def test_a_first_warning_is_called_a_warning() -> None:
    steps = ladder_steps(OEG, "9-wywonen", {2025: wywonen_share(22)})
    assert steps[2025].reasons[-1].key == "ladder.why.first_warning"


def test_a_new_episode_says_when_the_one_before_closed() -> None:
    steps = ladder_steps(SV, RENT, {
        2025: {**vo_rent(90), "escalations": [event(RENT, "overleg", "2025-11-20", "resolved")]},
        2026: vo_rent(75),
        2027: vo_rent(90),
    })
    key, nl, en = why(steps[2027])
    assert key == "ladder.why.again"
    assert "na de episode die in 2025 sloot" in nl and "after the episode that closed in 2025" in en


def test_a_shortfall_after_an_unresolved_meeting_is_not_said_to_persist() -> None:
    """A meeting held before the clause ever fell short (scoped, so it counts): the breach that
    follows climbs, and the reason says it came after the meeting, not that it persisted."""
    after = ladder_steps(SV, RENT, {
        2025: {**vo_rent(75), "escalations": [event(RENT, "overleg", "2025-11-20", scope="vo")]},
        2026: vo_rent(90),
    })
    key, nl, _ = why(after[2026])
    assert (after[2026].rung, after[2026].recommended, key) == ("overleg", "mediation",
                                                                "ladder.why.after_held")
    assert nl.startswith("Bestuurlijk overleg (BO) gehouden zonder oplossing, daarna "
                         "tekortgeschoten")
    persists = ladder_steps(SV, RENT, {
        2025: {**vo_rent(90), "escalations": [event(RENT, "overleg", "2025-11-20")]},
        2026: vo_rent(90),
    })
    assert why(persists[2026])[0] == "ladder.why.climb"


# -- agreed deviations (Vlaardingen 2.1: "kan het voorkomen dat corporaties hier in een bepaald
# jaar van afwijken") --

def samenwerking_share(primary: int, **more: object) -> dict:
    return {"parties": {"samenwerking": {"figures": {"lettings_primary_target_group": primary,
                                                     "lettings_total": 100}},
                        "waterweg-wonen": {"figures": {"lettings_primary_target_group": 80,
                                                       "lettings_total": 100}}},
            **more}


DEVIATION = {"rule": "2.1", "scope": "samenwerking", "from": 2025,
             "approved_by": ["gemeente", "samenwerking"],
             "reason": "Westwijk mengen"}


def judged_with_ladder(years: dict) -> tuple[list, tuple]:
    from woonpact.engine.check import included_rules, parameters
    from woonpact.engine.evaluation.run import Evaluation
    from woonpact.engine.ladder.escalate import escalate

    pack = support.pack("vlaardingen-2025")
    rules = [r for r in included_rules(pack) if r.id == "2.1"]
    fact_sets = support.fact_sets(pack.id, years)
    findings = Evaluation(pack, parameters(), rules).run(fact_sets, sorted(fact_sets))
    return escalate(pack, findings, fact_sets, sorted(fact_sets))


def test_a_covered_finding_keeps_its_status_does_not_climb_and_does_not_fail() -> None:
    from woonpact.engine.model.finding import Status
    from woonpact.engine.output.result import ExitCode, exit_code
    from woonpact.engine.output.words import message

    findings, steps = judged_with_ladder({2025: samenwerking_share(60, deviations=[DEVIATION])})
    covered = next(f for f in findings if f.scope.id == "samenwerking")
    assert (covered.status is Status.WARNING and covered.deviation is not None
            and not covered.failing)
    assert ("agreed deviation, approved by Gemeente Vlaardingen, Woningstichting Samenwerking: "
            "Westwijk mengen") in message(covered, "en", support.pack("vlaardingen-2025"))
    assert steps == ()
    assert exit_code(findings, "warning") is ExitCode.OK


def test_an_expired_deviation_covers_nothing() -> None:
    findings, steps = judged_with_ladder({
        2025: samenwerking_share(60, deviations=[DEVIATION]),
        2026: samenwerking_share(60, escalations=[event("2.1", "overleg", "2026-10-01")]),
    })
    assert [f.deviation is None for f in findings if f.scope.id == "samenwerking"] == [False, True]
    assert [(s.year, s.rung, [r.key for r in s.reasons]) for s in steps] == [
        # effort: the ceiling
        (2026, "overleg", ["ladder.warning", "ladder.held", "ladder.why.awaiting_top"])]


def test_a_deviation_inside_an_episode_is_among_its_reasons_and_holds_the_clause_where_it_was(
) -> None:
    later = {**DEVIATION, "from": 2026}
    _, steps = judged_with_ladder({
        2025: samenwerking_share(60, escalations=[event("2.1", "overleg", "2025-10-01")]),
        2026: samenwerking_share(60, deviations=[later]),
    })
    last = next(s for s in steps if s.year == 2026)
    assert (last.rung, last.recommended) == ("overleg", None)
    assert [r.key for r in last.reasons] == ["ladder.warning", "ladder.held", "ladder.deviation",
                                             "ladder.why.awaiting_top"]
    from woonpact.engine.output.steps import reason_text

    assert reason_text(support.pack("vlaardingen-2025"), last.reasons[2], "nl") == (
        "2026: afgesproken afwijking, goedgekeurd door Gemeente Vlaardingen, Woningstichting "
        "Samenwerking: Westwijk mengen")
