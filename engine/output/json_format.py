"""Findings as JSON, in the shape docs/schemas/check-output.schema.json publishes."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

from woonpact.engine import __version__
from woonpact.engine.check import CheckResult
from woonpact.engine.model.finding import Finding, Status
from woonpact.engine.model.pack import Pack
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


def finding_json(f: Finding, lang: str, checking_pack: Pack, tracer: Tracer) -> dict[str, Any]:
    rule = f.rule
    charged = accountable(rule, f.scope, checking_pack)
    return {
        "rule": rule.key,
        "pack": rule.pack,
        "checked_pack": checking_pack.id,
        "title": rule.title(lang),
        "theme": rule.theme,
        "year": f.year,
        "status": f.status.value,
        "reason": f.reason,
        "scope": {"kind": f.scope.kind, "id": f.scope.id, "label": f.scope.label,
                  "party": f.scope.party},
        "value": _plain(f.value),
        "unit": rule.unit,
        "norm": Phrases(checking_pack, lang).norm(rule, f.bound) if rule.norm else None,
        "expression": {"measure": rule.measure.text if rule.measure else None,
                       "norm": rule.norm.text if rule.norm else None},
        "bound": _plain(f.bound),
        "target": _plain(f.target),
        "distance": None if f.distance is None else {
            "amount": _plain(f.distance.amount), "unit": f.distance.unit,
            "direction": f.distance.direction,
            "of": f.distance.of(lang) if f.distance.of else None},
        "message": message(f, lang, checking_pack),
        "obligation": rule.obligation.value,
        "responsible": list(rule.responsible),
        "accountable": {"parties": list(charged.parties), "together": charged.together,
                        "text": accountable_text(charged, checking_pack, lang)},
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
        "source": {"section": rule.source.section, "quote": rule.source.quote},
        "interpretation": rule.interpretation(lang) if rule.interpretation else None,
        "agreed_deviation": None if f.deviation is None else {
            "first_year": f.deviation.first_year, "last_year": f.deviation.last_year,
            "approved_by": list(f.deviation.approved_by), "reason": f.deviation.reason,
            "date": _plain(f.deviation.date)},
        "trace": trace_json(tracer.trace(f)),
    }


def document(result: CheckResult, lang: str) -> dict[str, Any]:
    """One check as plain data, encoded once by the writer (`engine.output.chunks`)."""
    tracer = Tracer(result, lang)
    counts = Counter(f.status.value for f in result.findings)
    return {
        "woonpact": __version__,
        "schema_version": SCHEMA_VERSION,
        "lang": lang,
        "pack": {"id": result.pack.id, "title": result.pack.title,
                 "municipality": result.pack.municipality},
        "years": list(result.years),
        "summary": {s.value: counts.get(s.value, 0) for s in Status},
        "findings": [finding_json(f, lang, result.pack, tracer) for f in result.findings],
        "escalations": [step_json(result.pack, e, lang) for e in result.escalations],
    }
