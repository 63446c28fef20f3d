"""The ladder follows the law and the agreement (docs/ladder.md, "Two kinds of dispute").

Art. 44 Woningwet sends to the minister "het geschil dat aan het tot stand komen van die
afspraken in de weg staat": a dispute about *making* the agreements. A breach of an agreed
clause reaches the minister only where the agreement says so (Stichtse Vecht 2.7, "niet
nakomen") or once the Wet versterking regie volkshuisvesting is in force, whose date is a
national parameter not yet confirmed.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from tests import support
from tests.ladder_support import event, ladder_steps
from tests.test_bad_input import check_bad_pack
from woonpact.engine import paths
from woonpact.engine.check import check
from woonpact.engine.ladder.reach import Reach
from woonpact.engine.model.pack import Obligation
from woonpact.engine.model.parameters import Law
from woonpact.engine.output.steps import details, reason_text, step_line
from woonpact.engine.params import bundled, load_parameters
from woonpact.engine.rules.loader import DEFAULT_LADDER
from woonpact.engine.rules.registry import pack_files

WL, SV, VL, OEG = "westland-2025", "stichtse-vecht-2025", "vlaardingen-2025", "oegstgeest-2025"


def delivered(deliverable: str, date: str, **more: object) -> dict:
    item = {"id": deliverable, "party": "gemeente", "date": date}
    return {"collections": {"deliverables": [item]}, **more}


def nothing_delivered(**more: object) -> dict:
    return {"collections": {"deliverables": [{"id": "iets-anders", "date": "2025-01-10"}]}, **more}


def why(pack_id: str, step: object, lang: str = "nl") -> str:
    return reason_text(support.pack(pack_id), step.reasons[-1], lang, step.rule)


# -- a dispute about making the agreements: art. 44 Woningwet, the minister ------------------

def test_a_missed_yearly_signature_is_a_making_dispute_that_reaches_the_minister() -> None:
    """Westland 2-6: "uiterlijk 15 december zijn de nieuwe jaarafspraken ondertekend"."""
    steps = ladder_steps(WL, "2-cycle-jaarafspraken", {
        2025: delivered("jaarafspraken", "2025-12-20",
                        escalations=[event("2-cycle-jaarafspraken", "overleg", "2025-12-22")]),
        2026: delivered("jaarafspraken", "2026-12-21",
                        escalations=[event("2-cycle-jaarafspraken", "mediation", "2026-12-28")]),
        2027: delivered("jaarafspraken", "2027-12-16"),
    })
    last = steps[2027]
    assert (last.rung, last.recommended) == ("mediation", "minister")
    assert (last.legal_basis, last.legal_basis_from) == \
        ("artikel 44 Woningwet", dt.date(2015, 7, 1))
    who = details(support.pack(WL), last, "nl")[1]
    assert "grondslag: artikel 44 Woningwet (vanaf 01-07-2015)" in who


def test_vlaardingen_6_5_yearly_update_is_a_making_dispute() -> None:
    pack = support.pack(VL)
    rule = next(r for r in pack.rules if r.id == "6.5")
    reach = Reach(pack.ladder, bundled().laws)
    assert reach.cap(rule, 2025) == len(pack.ladder.rungs) - 1  # the minister


# -- a dispute about keeping an agreed clause: mediation, unless the agreement or a law says more --

def westland_december(year: int, rung: str | None = None) -> dict:
    """Westland 2-6: "in september en december van ieder jaar ... ambtelijk tripartiet overleg"."""
    meetings = [{"kind": "ambtelijk_overleg", "date": f"{year}-09-10"}]
    more = {"escalations": [event("2-cycle-december", rung, f"{year}-12-18")]} if rung else {}
    return {"collections": {"meetings": meetings}, **more}


def test_a_breach_of_an_agreed_clause_stops_at_mediation() -> None:
    steps = ladder_steps(WL, "2-cycle-december", {
        2025: westland_december(2025, "overleg"), 2026: westland_december(2026, "mediation"),
        2027: westland_december(2027)})
    held = steps[2026]
    assert (held.rung, held.recommended, held.then) == ("mediation", None, "mediation")
    assert steps[2026].reasons[-1].key == "ladder.why.awaiting_top"
    last = steps[2027]
    assert (last.rung, last.recommended, last.legal_basis) == ("mediation", "mediation", None)
    assert last.reasons[-1].key == "ladder.why.bounded"
    assert why(WL, last) == (
        "de wet en de overeenkomst geven dit geschil geen hogere trede dan Mediation; Voorleggen "
        "aan de minister: alleen bij een geschil over het maken van de afspraken; of vanaf de "
        "inwerkingtreding van de Wet versterking regie volkshuisvesting (01-07-2026, beoogd, nog "
        "niet bevestigd)")


def confirmed_laws(tmp_path: Path) -> dict[str, Law]:
    """The bundled parameter file with its one line switched: the Wvrv's date confirmed."""
    text = paths.PARAMETERS.read_text(encoding="utf-8")
    law = text.index("wet_versterking_regie_volkshuisvesting:")
    line = text.index("status: unconfirmed", law)
    switched = text[:line] + "status: confirmed" + text[line + len("status: unconfirmed"):]
    assert len(switched.splitlines()) == len(text.splitlines())
    (tmp_path / "parameters.yaml").write_text(switched, encoding="utf-8")
    return dict(load_parameters(tmp_path / "parameters.yaml").laws)


def test_one_line_switches_on_the_minister_for_keeping_from_the_law_s_date(tmp_path: Path) -> None:
    laws = confirmed_laws(tmp_path)
    years = {2025: westland_december(2025, "overleg"), 2026: westland_december(2026, "mediation"),
             2027: westland_december(2027)}
    last = ladder_steps(WL, "2-cycle-december", years, laws=laws)[2027]
    assert (last.rung, last.recommended) == ("mediation", "minister")
    assert (last.legal_basis, last.legal_basis_from) == \
        ("Wet versterking regie volkshuisvesting", dt.date(2026, 7, 1))
    # before the law's date (the review of 2025) the rung stays closed
    pack = support.pack(WL)
    rule = next(r for r in pack.rules if r.id == "2-cycle-december")
    reach = Reach(pack.ladder, laws)
    assert [reach.cap(rule, year) for year in (2025, 2026)] == [1, 2]
    assert Reach(pack.ladder, bundled().laws).cap(rule, 2030) == 1


def test_stichtse_vecht_sends_non_performance_to_the_minister_by_its_own_text() -> None:
    """2.7: "In het uiterste geval wordt het geschil voorgelegd aan de minister" (niet nakomen),
    after the AO prepares and the BO decides (2.3)."""
    share = {"parties": {"vo": {"figures": {"rent_share_max_reasonable": "90%"}}}}  # 3.2-4: <= 80%
    held = {2025: "ao", 2026: "overleg", 2027: "mediation"}
    steps = ladder_steps(SV, "3.2-4-huurprijs", {
        **{y: {**share, "escalations": [event("3.2-4-huurprijs", rung, f"{y}-11-01")]}
           for y, rung in held.items()},
        2028: share})
    assert [(steps[y].rung, steps[y].then) for y in held] == \
        [("ao", "overleg"), ("overleg", "mediation"), ("mediation", "minister")]
    assert steps[2028].recommended == "minister"
    assert steps[2028].legal_basis == ("Prestatieafspraken Stichtse Vecht 2025-2030, § 2.7 (niet "
                                       "nakomen, in het uiterste geval), artikel 44 Woningwet")
    assert steps[2028].legal_basis_from == dt.date(2025, 1, 1)


def test_stichtse_vecht_making_track_has_no_ao_and_mediation_under_the_nmi_rules() -> None:
    """2.7, geschillen bij het maken van afspraken: overleg, mediation "conform het reglement van
    de Stichting Nederlands Mediation Instituut, NMI", the minister (art. 44)."""
    held = {2025: "overleg", 2026: "mediation"}
    years = {**{y: nothing_delivered(escalations=[event("2.3-evaluatie", rung, f"{y}-12-20")])
                for y, rung in held.items()}, 2027: nothing_delivered()}
    first = ladder_steps(SV, "2.3-evaluatie", {2025: nothing_delivered()})[2025]
    assert first.recommended == "overleg"  # not the AO of the keeping track
    steps = ladder_steps(SV, "2.3-evaluatie", years)
    assert step_line(support.pack(SV), steps[2025], "nl") == (
        "nu: Overleg; aanbevolen: de beoordeling van 2026 beslist, blijft de tekortkoming dan "
        "Mediation (reglement NMI)")
    last = steps[2027]
    assert (last.recommended, last.legal_basis) == ("minister", "artikel 44 Woningwet")


def test_vlaardingen_working_group_comes_below_the_steering_group() -> None:
    """6.1: "Een ambtelijke werkgroep [...] wordt aangestuurd door de stuurgroep"."""
    held = {2025: "werkgroep", 2026: "overleg", 2027: "mediation"}
    years = {y: nothing_delivered(escalations=[event("6.6", rung, f"{y}-12-01")])
             for y, rung in held.items()}
    steps = ladder_steps(VL, "6.6", {**years, 2028: nothing_delivered()})
    assert ladder_steps(VL, "6.6", {2025: nothing_delivered()})[2025].recommended == "werkgroep"
    assert [steps[y].then for y in held] == ["overleg", "mediation", "mediation"]
    last = steps[2028]
    assert (last.recommended, last.reasons[-1].key) == ("mediation", "ladder.why.bounded")


# -- who sits at a rung ------------------------------------------------------------------------

def test_oegstgeest_signal_value_talks_are_between_the_corporation_and_the_municipality() -> None:
    """9: "treden de woningcorporatie en de gemeente in gesprek"."""
    figures = {"lettings_special_groups": 22, "lettings_total": 100}
    share = {"parties": {"wywonen": {"figures": figures}}}
    step = ladder_steps(OEG, "9-wywonen", {2025: share})[2025]
    assert set(step.parties) == {"wywonen", "gemeente"}


def test_hbv_leiden_takes_no_part_in_a_dispute_over_article_15() -> None:
    """Signature page: Huurdersbelangenvereniging Leiden "akkoord met uitzondering van artikel
    15"."""
    revenue = {"conditions": {"iah_meeropbrengsten_wywonen": True}}  # 15 applies the year after
    step = ladder_steps(OEG, "15", {2025: revenue, 2026: nothing_delivered()})[2026]
    everyone = {p.id for p in support.pack(OEG).parties}
    assert set(step.parties) == everyone - {"hbv-leiden"}
    other = ladder_steps(OEG, "7", {2026: nothing_delivered()})[2026]  # a clause of all parties
    assert "hbv-leiden" in other.parties


# -- what every bundled step says ------------------------------------------------------------------

def test_no_bundled_step_leaves_the_next_step_unsaid_and_each_basis_has_its_date() -> None:
    """A rung held without a solution says what the next evaluation decides, never "geen"."""
    for folder in sorted(p for p in support.BUNDLED_FACTS.iterdir() if p.is_dir()):
        result = check([folder])
        for step in result.escalations:
            if step.kind == "rung" and not step.closed:
                assert step.recommended or step.then, step
                assert "aanbevolen: geen" not in step_line(result.pack, step, "nl")
            assert (step.legal_basis is None) == (step.legal_basis_from is None), step


def test_no_legal_basis_cites_a_paragraph_number() -> None:
    """Art. 44's paragraph was lid 4 in 2019 and Stichtse Vecht says lid 3: cite the article."""
    texts = [law.title for law in bundled().laws.values()]
    for pack_id in pack_files():
        ladder = support.pack(pack_id).ladder
        texts += [b.text for r in (*ladder.rungs, *ladder.making) for b in r.basis if b.text]
    assert texts and not [t for t in texts if " lid " in f" {t} "]


def test_the_default_ladder_gives_the_minister_only_to_a_making_dispute() -> None:
    rule = next(r for r in support.pack(WL).rules if r.obligation is Obligation.RESULT)
    assert Reach(DEFAULT_LADDER, bundled().laws).cap(rule, 2026) == 1


# -- bad ladder input: one clear line -----------------------------------------------------------

def test_an_unknown_law_or_clause_in_the_ladder_is_named(tmp_path: Path) -> None:
    (tmp_path / "law").mkdir()
    (tmp_path / "rule").mkdir()
    mediation = ('- {text: "Prestatieafspraken Stichtse Vecht 2025-2030, § 2.7 (niet nakomen)", '
                 'from: 2025-01-01}')
    check_bad_pack(tmp_path / "law", mediation, "- {law: wet_versterking_regie}",
                   "wet 'wet_versterking_regie' staat niet onder 'laws'",
                   "bedoelt u 'wet_versterking_regie_volkshuisvesting'?")
    check_bad_pack(tmp_path / "rule", '- rules: ["2.3-evaluatie"]', '- rules: ["2.3-evaluatei"]',
                   "regel '2.3-evaluatei' bestaat niet in dit pakket", "ladder.clauses[0].rules[0]")


# -- invariants ---------------------------------------------------------------------------------

@settings(max_examples=60, deadline=None)
@given(st.dates(dt.date(2010, 1, 1), dt.date(2040, 12, 31)),
       st.sampled_from(["confirmed", "unconfirmed"]), st.sampled_from(list(Obligation)))
def test_a_clause_s_reach_never_shrinks_over_the_years(in_force: dt.date, status: str,
                                                      obligation: Obligation) -> None:
    """Whatever a law's date: the cap never falls from one year to the next and never passes the
    clause's own ceiling; the minister opens exactly in the year the law is in force by 31
    December."""
    wvrv = "wet_versterking_regie_volkshuisvesting"
    laws = {**bundled().laws,
            wvrv: Law(wvrv, "Wet versterking regie volkshuisvesting", in_force, status, "x")}
    pack = support.pack(WL)
    rule = next(r for r in pack.rules if r.id == "2-cycle-december")
    rule = dataclasses.replace(rule, obligation=obligation)
    reach = Reach(pack.ladder, laws)
    years = range(2025, 2036)  # the agreement's own articles apply from its start
    caps = [reach.cap(rule, year) for year in years]
    assert caps == sorted(caps) and max(caps) <= reach.ceiling(rule)
    if obligation is Obligation.RESULT:
        opened = [year for year, cap in zip(years, caps, strict=True) if cap == 2]
        expected = [y for y in years if status == "confirmed" and in_force.year <= y]
        assert opened == expected
