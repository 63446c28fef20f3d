"""Escalation steps in words and as JSON: the rung now, the rung recommended, why, and who;
or the action a clause prescribes itself, why, and who takes it.

Rung ids become the pack's own rung names, reasons become sentences in the user's language;
nothing is re-derived.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from woonpact.engine.i18n import say
from woonpact.engine.model.escalation import Escalation, Reason
from woonpact.engine.model.pack import Pack, Rule, Rung
from woonpact.engine.output.accountable import (
    Accountable,
    accountable,
    accountable_text,
    obligation_text,
)
from woonpact.engine.output.words import date_text, party_names, scope_text, value_text
from woonpact.engine.output.wrap import wrap

if TYPE_CHECKING:
    from woonpact.engine.check import CheckResult


def rung(pack: Pack, rule: Rule | None, rung_id: str | None) -> Rung | None:
    """A rung of the clause's dispute (a pack may name the rungs of its two tracks alike)."""
    if rule is not None:
        return pack.ladder.rung(rule, rung_id)
    return next((r for r in (*pack.ladder.rungs, *pack.ladder.making) if r.id == rung_id), None)


def rung_name(pack: Pack, rung_id: str | None, lang: str, rule: Rule | None = None) -> str:
    found = rung(pack, rule, rung_id)
    return found.name(lang) if found else say("ladder.none", lang)


def reason_text(pack: Pack, reason: Reason, lang: str, rule: Rule | None = None) -> str:
    params: dict[str, Any] = {"year": reason.year, **dict(reason.params)}
    for key in ("rung", "next", "then", "beyond"):
        if key in params:
            params[key] = rung_name(pack, params[key] or None, lang, rule)
    if reason.key == "ladder.why.bounded":
        params["opens"] = _opens(params, lang)
    if "approved_by" in params:
        params["approved_by"] = party_names(pack, params["approved_by"])
    if reason.key == "ladder.held":
        params["outcome"] = say(f"ladder.outcome.{params['outcome']}", lang)
        params["note"] = f" ({params['note']})" if params.get("note") else ""
    if reason.date is not None:
        params["date"] = date_text(reason.date, lang)
    return say(reason.key, lang, **params)


def _opens(params: dict[str, Any], lang: str) -> str:
    """What would open the rung the dispute stops below: a law once in force, or only the other
    kind of dispute."""
    laws = [say("ladder.opens.law", lang, law=title, date=value_text(date, "date", lang),
                status=say(f"law.status.{status}", lang)) for title, date, status in params["laws"]]
    if params.get("other"):
        laws.insert(0, say(f"ladder.opens.{params['dispute']}", lang))
    return say("ladder.opens.or", lang).join(laws) if laws else say("ladder.opens.never", lang)


def step_line(pack: Pack, step: Escalation, lang: str) -> str:
    """Where the clause stands and what comes next, in one phrase; for an action, the action. A
    rung held without a solution says what the next evaluation decides, never a bare "none"."""
    if step.action is not None:
        return say("ladder.action_step", lang, action=step.action(lang))
    now = rung_name(pack, step.rung, lang, step.rule)
    if step.closed:
        return say("ladder.closed", lang, rung=now)
    if step.recommended is None and step.then is not None:
        return say("ladder.step_awaiting", lang, rung=now, year=step.year + 1,
                   then=rung_name(pack, step.then, lang, step.rule))
    return say("ladder.step", lang, rung=now,
               next=rung_name(pack, step.recommended, lang, step.rule))


def basis_text(step: Escalation, lang: str) -> str:
    """The legal basis with the date it applies from: "artikel 44 Woningwet (vanaf 01-07-2015)"."""
    if step.legal_basis_from is None:
        return step.legal_basis or ""
    return say("ladder.basis_from", lang, basis=step.legal_basis,
               date=value_text(step.legal_basis_from, "date", lang))


def answerable(pack: Pack, step: Escalation, lang: str) -> str:
    """Who answers for the clause, and whether it is a result or an effort obligation."""
    charged = accountable(step.rule, step.scope, pack)
    return say("ladder.answerable", lang, parties=accountable_text(charged, pack, lang),
               obligation=obligation_text(step.rule, lang))


def seated(pack: Pack, step: Escalation, lang: str) -> str:
    """Who sits at the rung (or takes the action): "alle partijen samen" when everybody does."""
    if set(step.parties) == {p.id for p in pack.parties}:
        return accountable_text(Accountable(step.parties), pack, lang)
    return party_names(pack, step.parties)


def seat(pack: Pack, step: Escalation, lang: str) -> str:
    """For a report's step: who sits at the rung (or acts) and on what legal basis; the report
    states it once for the steps that share it (`report.seats`)."""
    basis = (f"; {say('ladder.basis', lang, basis=basis_text(step, lang))}" if step.legal_basis
             else "")
    return say("ladder.with" if step.action is None else "ladder.by", lang,
               parties=seated(pack, step, lang)) + basis


def reasons(pack: Pack, step: Escalation, lang: str) -> str:
    """For a report's step: why it stands where it does, its reasons in order."""
    return "; ".join(reason_text(pack, r, lang, step.rule) for r in step.reasons)


def details(pack: Pack, step: Escalation, lang: str) -> list[str]:
    """Two paragraphs: why (the reasons in order), then who answers for it, who sits at the
    rung, on what basis, and the rung's note."""
    who = [answerable(pack, step, lang),
           say("ladder.with" if step.action is None else "ladder.by", lang,
               parties=seated(pack, step, lang))]
    if step.legal_basis:
        who.append(say("ladder.basis", lang, basis=basis_text(step, lang)))
    recommended = rung(pack, step.rule, step.recommended)
    if recommended is not None and recommended.note is not None:
        who.append(recommended.note(lang))
    return ["; ".join(reason_text(pack, r, lang, step.rule) for r in step.reasons), "; ".join(who)]


def step_json(pack: Pack, step: Escalation, lang: str) -> dict[str, Any]:
    s = step.scope
    recommended = rung(pack, step.rule, step.recommended)
    return {
        "rule": step.rule.key,
        "title": step.rule.title(lang),
        "year": step.year,
        "scope": {"kind": s.kind, "id": s.id, "label": s.label, "party": s.party},
        "rung": step.rung,
        "rung_name": rung_name(pack, step.rung, lang, step.rule) if step.rung else None,
        "recommended": step.recommended,
        "recommended_name": recommended.name(lang) if recommended else None,
        "then": step.then,
        "then_name": rung_name(pack, step.then, lang, step.rule) if step.then else None,
        "closed": step.closed,
        "reasons": [{"key": r.key, "year": r.year,
                     "date": r.date.isoformat() if isinstance(r.date, dt.date) else None,
                     "text": reason_text(pack, r, lang, step.rule)} for r in step.reasons],
        "parties": list(step.parties),
        "legal_basis": step.legal_basis,
        "legal_basis_from": step.legal_basis_from.isoformat() if step.legal_basis_from else None,
        "note": recommended.note(lang) if recommended and recommended.note else None,
        "kind": step.kind,
        "action": step.action(lang) if step.action is not None else None,
    }


def ladder_block(result: CheckResult, steps: Sequence[Escalation], heading: str, lang: str,
                 width: int) -> list[str]:
    """Steps as plain text lines: the clause and where it stands, then why and who, indented."""
    if not steps:
        return []
    lines = [heading, "-" * min(width, 100)]
    for step in steps:
        label = step.rule.id if step.rule.pack == result.pack.id else step.rule.key
        head = f"{label} {step.rule.title(lang)} · {scope_text(step.scope, lang)}: "
        lines += wrap(head + step_line(result.pack, step, lang), width,
                      subsequent_indent="      ")
        for text in details(result.pack, step, lang):
            lines += wrap(text, width - 4, initial_indent="    ", subsequent_indent="      ")
    return [*lines, ""]


def open_steps(result: CheckResult) -> list[Escalation]:
    """The agreement's clauses with an open episode in its last year."""
    return [e for e in result.escalations if e.year == max(result.years) and not e.closed]


def open_steps_json(results: Sequence[CheckResult], lang: str) -> str:
    """`woonpact escalations --format json`: every agreement's open steps in one list."""
    import json

    return json.dumps({"escalations": [step_json(r.pack, e, lang) for r in results
                                       for e in open_steps(r)]}, ensure_ascii=False, indent=2)


def open_episodes(results: Sequence[CheckResult], lang: str, width: int) -> str:
    """`woonpact escalations`: per agreement, every clause with an open episode in its last year."""
    blocks = []
    for result in results:
        last = max(result.years)
        steps = open_steps(result)
        heading = say("ladder.open_heading", lang, title=result.pack.title, year=last)
        blocks.append("\n".join(ladder_block(result, steps, heading, lang, width) or
                                [heading, say("ladder.nothing_open", lang), ""]))
    return "\n".join(blocks)
