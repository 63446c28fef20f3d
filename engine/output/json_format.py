"""Findings as JSON, in the shape docs/schemas/check-output.schema.json publishes."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

from woonpact.engine import __version__
from woonpact.engine.check import CheckResult
from woonpact.engine.model.finding import Finding, Status
from woonpact.engine.model.pack import Pack, Rule
from woonpact.engine.output.accountable import accountable, accountable_text
from woonpact.engine.output.phrases import Phrases
from woonpact.engine.output.steps import step_json
from woonpact.engine.output.trace import Tracer, trace_json
from woonpact.engine.output.words import message

SCHEMA_VERSION = 1


def _plain(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        return round(value, 6)
    return value


def rule_parts(rule: Rule, lang: str, checking_pack: Pack) -> dict[str, Any]:
    """What every finding of `rule` in one check says alike, worked out once per rule and
    check by `document` (a national check has about 16,000 rules and 200,000 findings): the
    findings' documents share these parts, which are encoded and never changed."""
    return {
        "title": rule.title(lang),
        "expression": {"measure": rule.measure.text if rule.measure else None,
                       "norm": rule.norm.text if rule.norm else None},
        "responsible": list(rule.responsible),
        "source": {"section": rule.source.section, "quote": rule.source.quote},
        "interpretation": rule.interpretation(lang) if rule.interpretation else None,
        "accountable": {},  # by the party of a finding's scope: see `_accountable`
    }


def finding_json(f: Finding, lang: str, checking_pack: Pack, tracer: Tracer,
                 shared: dict[str, Any] | None = None) -> dict[str, Any]:
    """One finding as JSON; `shared`: its rule's `rule_parts` when the caller keeps them."""
    rule = f.rule
    shared = shared if shared is not None else rule_parts(rule, lang, checking_pack)
    return {
        "rule": rule.key,
        "pack": rule.pack,
        "checked_pack": checking_pack.id,
        "title": shared["title"],
        "theme": rule.theme,
        "year": f.year,
        "status": f.status.value,
        "reason": f.reason,
        "scope": {"kind": f.scope.kind, "id": f.scope.id, "label": f.scope.label,
                  "party": f.scope.party},
        "value": _plain(f.value),
        "unit": rule.unit,
        "norm": Phrases.of(checking_pack, lang).norm(rule, f.bound) if rule.norm else None,
        "expression": shared["expression"],
        "bound": _plain(f.bound),
        "target": _plain(f.target),
        "distance": None if f.distance is None else {
            "amount": _plain(f.distance.amount), "unit": f.distance.unit,
            "direction": f.distance.direction,
            "of": f.distance.of(lang) if f.distance.of else None},
        "message": message(f, lang, checking_pack),
        "obligation": rule.obligation.value,
        "responsible": shared["responsible"],
        "accountable": _accountable(f, lang, checking_pack, shared["accountable"]),
        "action": f.action(lang) if f.action else None,
        "facts_used": [{"name": u.name, "value": _plain(u.value), "year": u.year,
                        "contested_by": u.contested_by, "reason": u.contest_reason,
                        "status": u.status}
                       for u in f.facts_used],
        "missing": list(f.missing),
        "contested": [u.name for u in f.contested],
        "unconfirmed": [{"name": u.name, "year": u.year, "value": _plain(u.value),
                         "status": u.status}
                        for u in f.unconfirmed],
        "source": shared["source"],
        "interpretation": shared["interpretation"],
        "agreed_deviation": None if f.deviation is None else {
            "first_year": f.deviation.first_year, "last_year": f.deviation.last_year,
            "approved_by": list(f.deviation.approved_by), "reason": f.deviation.reason,
            "date": _plain(f.deviation.date)},
        "trace": trace_json(tracer.trace(f)),
    }


def _accountable(f: Finding, lang: str, checking_pack: Pack,
                 by_party: dict[str | None, dict[str, Any]]) -> dict[str, Any]:
    """Who answers for the finding, once per party of the rule's findings' scopes."""
    found = by_party.get(f.scope.party)
    if found is None:
        charged = accountable(f.rule, f.scope, checking_pack)
        found = by_party[f.scope.party] = {
            "parties": list(charged.parties), "together": charged.together,
            "text": accountable_text(charged, checking_pack, lang)}
    return found


def document(result: CheckResult, lang: str) -> dict[str, Any]:
    """One check as plain data, encoded once by the writer (`engine.output.chunks`)."""
    tracer = Tracer(result, lang)
    rules = {id(f.rule): f.rule for f in result.findings}  # ids that stay theirs meanwhile
    shared = {key: rule_parts(rule, lang, result.pack) for key, rule in rules.items()}
    counts = Counter(f.status.value for f in result.findings)
    return {
        "woonpact": __version__,
        "schema_version": SCHEMA_VERSION,
        "lang": lang,
        "pack": {"id": result.pack.id, "title": result.pack.title,
                 "municipality": result.pack.municipality},
        "years": list(result.years),
        "summary": {s.value: counts.get(s.value, 0) for s in Status},
        "findings": [finding_json(f, lang, result.pack, tracer, shared[id(f.rule)])
                     for f in result.findings],
        "escalations": [step_json(result.pack, e, lang) for e in result.escalations],
    }
