"""Findings in words: the sentence for each reason, and numbers in Dutch or English notation."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from woonpact.engine.facts.vocabulary import vocabulary
from woonpact.engine.i18n import say
from woonpact.engine.model.finding import Distance, Finding, ScopeInstance, Status
from woonpact.engine.model.pack import Pack, Rule

REASONS: dict[str, tuple[str, str]] = {
    "met": ("{value} voldoet aan de norm {norm}", "{value} meets the norm {norm}"),
    "signal": ("{value} voldoet aan {norm}, maar passeert de signaalwaarde {target}: {action}",
               "{value} meets {norm} but crosses the signal level {target}: {action}"),
    "within_tolerance": ("{value} haalt {norm} net niet, maar valt binnen de marge van {tolerance} (circa)",
                         "{value} just misses {norm} but is within the tolerance of {tolerance} (circa)"),
    "not_met": ("{value} voldoet niet aan de norm {norm}{distance}",
                "{value} does not meet the norm {norm}{distance}"),
    "before_deadline": ("{value}; de norm {norm} geldt pas vanaf eind {deadline}",
                        "{value}; the norm {norm} applies from the end of {deadline}"),
    "on_track": ("{value} ligt op koers (doel dit jaar {target}; eind {deadline}: {norm})",
                 "{value} is on track (this year's target {target}; end of {deadline}: {norm})"),
    "behind_trajectory": ("{value} ligt achter op het traject (doel dit jaar {target}; eind {deadline}: {norm}){distance}",
                          "{value} is behind the trajectory (this year's target {target}; end of {deadline}: {norm}){distance}"),
    "trigger_quiet": ("de situatie van deze afspraak deed zich niet voor{value_suffix}",
                      "the situation this clause covers did not occur{value_suffix}"),
    "trigger_fired": ("actie nodig{value_suffix}: {action}", "action needed{value_suffix}: {action}"),
    "action_taken": ("actie uitgevoerd: {action}", "action taken: {action}"),
    "action_missing": ("actie niet uitgevoerd: {action}", "action not taken: {action}"),
    "delivered": ("opgeleverd op {value} (uiterlijk {bound})", "delivered on {value} (due {bound})"),
    "delivered_late": ("te laat opgeleverd op {value} (uiterlijk {bound}, {days} dagen te laat)",
                       "delivered late on {value} (due {bound}, {days} days late)"),
    "not_yet_delivered": ("nog niet opgeleverd; uiterlijk {bound}", "not delivered yet; due {bound}"),
    "overdue": ("niet opgeleverd; uiterlijk {bound}", "not delivered; due {bound}"),
    "suspended": ("opgeschort: de voorwaarde {condition} geldt niet", "suspended: the condition {condition} does not hold"),
    "outside_years": ("geldt alleen in {first}-{last}", "applies only in {first}-{last}"),
    "no_entities": ("geen {noun} binnen het bereik van deze afspraak", "no {noun} within the scope of this clause"),
    "missing": ("gegevens ontbreken: {missing}", "missing data: {missing}"),
}

DISTANCE: dict[tuple[str, bool], tuple[str, str]] = {
    ("more", True): ("nog {amount} {of} nodig", "{amount} more {of} needed"),
    ("fewer", True): ("{amount} {of} te veel", "{amount} {of} too many"),
    ("more", False): ("nog {amount} nodig", "{amount} more needed"),
    ("fewer", False): ("{amount} te veel", "{amount} too many"),
}


def number(value: float, lang: str, decimals: int = 0) -> str:
    text = f"{value:,.{decimals}f}"
    if lang == "en":
        return text
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def value_text(value: Any, unit: str, lang: str) -> str:
    """A value as a person writes it: 22,4%, € 697,07, 1.234, 12-06-2025."""
    if value is None:
        return "-"
    if isinstance(value, bool):
        return ({True: "ja", False: "nee"} if lang != "en" else {True: "yes", False: "no"})[value]
    if isinstance(value, dt.date):
        return value.strftime("%d-%m-%Y") if lang != "en" else value.isoformat()
    if isinstance(value, str):
        return value
    if unit == "share":
        return number(value * 100, lang, 1) + "%"
    if unit == "eur":
        return "€ " + number(value, lang, 2)
    if unit == "count" or float(value).is_integer():
        return number(round(value), lang)
    return number(value, lang, 1)


def distance_text(distance: Distance | None, lang: str) -> str:
    if distance is None:
        return ""
    if distance.unit == "share":
        amount = number(distance.amount * 100, lang, 1) + (" procentpunt" if lang != "en" else " percentage points")
    elif distance.unit == "days":
        amount = number(distance.amount, lang) + (" dagen" if lang != "en" else " days")
    else:
        amount = value_text(distance.amount, distance.unit, lang)
    of = distance.of(lang) if distance.of else ""
    nl, en = DISTANCE[(distance.direction, bool(of))]
    return (en if lang == "en" else nl).format(amount=amount, of=of)


def norm_text(rule: Rule, finding: Finding, lang: str) -> str:
    if rule.norm is None:
        return "-"
    text = rule.norm.text.strip()
    if rule.norm.tree.upper is None and finding.bound is not None and not _is_literal(rule):
        text += f" (= {value_text(finding.bound, rule.unit, lang)})"
    return text


def _is_literal(rule: Rule) -> bool:
    from woonpact.engine.language import ast  # noqa: PLC0415

    return rule.norm is not None and isinstance(rule.norm.tree.bound, (ast.Number, ast.Share, ast.Money))


def condition_words(name: str) -> str:
    """A condition's name as words: `financiering_gevonden` is "financiering gevonden"."""
    return name.replace("_", " ")


def party_names(pack: Pack, ids: Iterable[str]) -> str:
    """Parties by name: a review meeting knows the parties, not their ids (JSON keeps the ids)."""
    names = {p.id: p.name for p in pack.parties}
    return ", ".join(names.get(p, p) for p in ids)


def message(finding: Finding, lang: str, pack: Pack) -> str:
    """The one sentence a review meeting reads for a finding; `pack` is the one checked, whose
    parties approve its agreed deviations."""
    rule = finding.rule
    unit = rule.unit
    details = dict(finding.details)
    distance = distance_text(finding.distance, lang)
    fields = {
        "value": value_text(finding.value, unit, lang),
        "bound": value_text(finding.bound, unit if not isinstance(finding.bound, dt.date) else "date", lang),
        "target": value_text(finding.target, unit, lang),
        "norm": norm_text(rule, finding, lang),
        "distance": f"; {distance}" if distance else "",
        "action": finding.action(lang) if finding.action else "",
        "deadline": details.get("deadline", ""),
        "tolerance": value_text(details.get("tolerance"), unit, lang),
        "condition": details.get("condition", ""),
        "first": details.get("first", ""),
        "last": details.get("last", ""),
        "days": finding.distance.amount if finding.distance else "",
        "missing": ", ".join(finding.missing),
        "noun": _noun(rule, lang),
        "value_suffix": f" ({value_text(finding.value, unit, lang)})" if finding.value is not None else "",
    }
    nl, en = REASONS[finding.reason]
    text = (en if lang == "en" else nl).format(**fields)
    if finding.contested:
        names = ", ".join(f"{f.name} ({f.contested_by})" for f in finding.contested)
        text += (f" [rust op betwist cijfer: {names}]" if lang != "en" else f" [rests on a contested figure: {names}]")
    if finding.deviation is not None:
        text += say("finding.agreed_deviation", lang, approved_by=party_names(pack, finding.deviation.approved_by),
                    reason=finding.deviation.reason)
    return text


def _noun(rule: Rule, lang: str) -> str:
    noun = vocabulary().nouns.get(rule.scope.collection or "")
    return noun(lang) if noun else ""


def rule_label(finding: Finding, checked_pack: str) -> str:
    """A pack's own clause by its number; an included (national) clause with its pack."""
    return clause_label(finding.rule, checked_pack)


def clause_label(rule: Rule, checked_pack: str) -> str:
    return rule.id if rule.pack == checked_pack else rule.key


def status_text(status: Status, lang: str) -> str:
    return say(f"status.{status.value}", lang)


def scope_text(scope: ScopeInstance, lang: str) -> str:
    return scope.label if scope.kind != "agreement" else say("report.whole_agreement", lang)
