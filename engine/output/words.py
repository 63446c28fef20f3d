"""Findings in words: the sentence for each reason, and numbers in Dutch or English notation."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from functools import cache
from string import Formatter
from typing import TYPE_CHECKING, Any

from woonpact.engine.facts.vocabulary import Vocabulary, vocabulary
from woonpact.engine.i18n import MESSAGES, say
from woonpact.engine.model.finding import Distance, Finding, ScopeInstance, Status
from woonpact.engine.model.pack import Pack, Rule
from woonpact.engine.schema import load_schema

if TYPE_CHECKING:
    from woonpact.engine.output.phrases import Phrases


def number(value: float, lang: str, decimals: int = 0) -> str:
    text = f"{value:,.{decimals}f}"
    if lang == "en":
        return text
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def date_text(day: dt.date, lang: str) -> str:
    """A date as Dutch readers write it (12-06-2025), or ISO in English."""
    return day.strftime("%d-%m-%Y") if lang != "en" else day.isoformat()


def value_text(value: Any, unit: str, lang: str) -> str:
    """A value as a person writes it: 22,4%, € 697,07, 1.234, 12-06-2025."""
    if value is None:
        return "-"
    if isinstance(value, bool):
        return say("words.yes" if value else "words.no", lang)
    if isinstance(value, dt.date):
        return date_text(value, lang)
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
        amount = say("distance.points", lang, amount=number(distance.amount * 100, lang, 1))
    elif distance.unit == "days":
        amount = say("distance.days", lang, amount=number(distance.amount, lang))
    else:
        amount = value_text(distance.amount, distance.unit, lang)
    of = distance.of(lang) if distance.of else ""
    return say(f"distance.{distance.direction}{'_of' if of else ''}", lang, amount=amount, of=of)


def condition_words(name: str) -> str:
    """A condition's name as words: `financiering_gevonden` is "financiering gevonden"."""
    return name.replace("_", " ")


def party_names(pack: Pack, ids: Iterable[str]) -> str:
    """Parties by name: a review meeting knows the parties, not their ids (JSON keeps the ids)."""
    names = {p.id: p.name for p in pack.parties}
    return ", ".join(names.get(p, p) for p in ids)


def message(finding: Finding, lang: str, pack: Pack) -> str:
    """The one sentence a review meeting reads for a finding, in words: what was measured and
    its value, the norm with this year's value, how far off; never the rule's expressions.
    `pack` is the one checked, whose parties approve its agreed deviations."""
    from woonpact.engine.output.phrases import Phrases  # it reads this module

    phrases = Phrases.of(pack, lang)
    details = dict(finding.details)
    key = f"finding.{finding.reason}"
    text = say(key, lang, **{name: _FIELDS[name](finding, phrases, details)
                             for name in placeholders(key, lang) if name in _FIELDS})
    if finding.contested:
        figures = ", ".join(say("finding.contested_figure", lang,
                                figure=figure_label(f.name, lang, phrases.vocab),
                                party=party_names(pack, [f.contested_by or ""]))
                            for f in finding.contested)
        text += say("finding.contested", lang, figures=figures)
    if "held_on" in details:
        text += say("finding.action_held", lang, date=value_text(details["held_on"], "date", lang))
    if finding.unconfirmed:
        figures = ", ".join(say("finding.unconfirmed_figure", lang,
                                figure=phrases.once(("readable", f.name), readable, f.name,
                                                    lang),
                                year=f.year, status=say(f"figure.status.{f.status}", lang))
                            for f in finding.unconfirmed)
        text += say("finding.unconfirmed", lang, figures=figures)
    if finding.deviation is not None:
        text += say("finding.agreed_deviation", lang,
                    approved_by=party_names(pack, finding.deviation.approved_by),
                    reason=finding.deviation.reason)
    return text


@cache
def placeholders(key: str, lang: str) -> frozenset[str]:
    """The names a message of the catalogue fills in (`{value}`, `{norm}`)."""
    nl, en = MESSAGES[key]
    return frozenset(re.split(r"[.[]", name)[0]
                     for _, name, _, _ in Formatter().parse(en if lang == "en" else nl) if name)


def _subject(finding: Finding, phrases: Phrases) -> str:
    return phrases.subject(finding.rule, finding.value)


def _distance(finding: Finding, phrases: Phrases) -> str:
    distance = distance_text(finding.distance, phrases.lang)
    return f"; {distance}" if distance else ""


def _bound(finding: Finding, phrases: Phrases) -> str:
    unit = finding.rule.unit if not isinstance(finding.bound, dt.date) else "date"
    return value_text(finding.bound, unit, phrases.lang)


def _target(finding: Finding, phrases: Phrases) -> str:
    if finding.reason == "signal":
        return phrases.level(finding.rule, finding.target)
    return phrases.value(finding.target, finding.rule.unit)


# What each name a finding's sentence may fill in says, from the finding, the words of its pack
# in the language asked and the finding's details; only the names its sentence holds are
# worked out (`placeholders`).
_FIELDS: dict[str, Callable[[Finding, Phrases, dict[str, Any]], Any]] = {
    "value": lambda f, p, d: (_subject(f, p) if f.rule.milestone is None
                              else value_text(f.value, "date", p.lang)),
    "bound": lambda f, p, d: _bound(f, p),
    "target": lambda f, p, d: _target(f, p),
    "norm": lambda f, p, d: p.norm(f.rule, f.bound),
    "distance": lambda f, p, d: _distance(f, p),
    "action": lambda f, p, d: f.action(p.lang) if f.action else "",
    "deadline": lambda f, p, d: d.get("deadline", ""),
    "tolerance": lambda f, p, d: p.value(d.get("tolerance"), f.rule.unit),
    "condition": lambda f, p, d: p.condition(f.rule),
    "first": lambda f, p, d: d.get("first", ""),
    "last": lambda f, p, d: d.get("last", ""),
    "days": lambda f, p, d: f.distance.amount if f.distance else "",
    "missing": lambda f, p, d: ", ".join(
        p.once(("missing", m), missing_words, m, p.pack, p.lang) for m in f.missing),
    "noun": lambda f, p, d: _noun(f.rule, p.lang),
    "deliverable": lambda f, p, d: d.get("deliverable", ""),
    "value_suffix": lambda f, p, d: f" ({_subject(f, p)})" if f.value is not None else "",
}


_MISSING = re.compile(r"^(?P<name>.+?)(?: \((?P<where>[^()]*)\))?$")


def missing_words(missing: str, pack: Pack, lang: str) -> str:
    """A missing fact as the judge names it (`evictions_rent_arrears (wonen-wateringen, 2026)`)
    in words: "huisuitzettingen wegens huurachterstand (Wonen Wateringen, 2026)"."""
    match = _MISSING.match(missing)
    assert match is not None
    name = match["name"]
    where = [party_names(pack, [part.strip()]) for part in (match["where"] or "").split(",")
             if part.strip()]
    call = re.fullmatch(r'(param|condition)\("?([^")]+)"?\)', name)
    if name in ("share of zero", "division by zero"):
        shown = say(f"missing.{name.replace(' ', '_')}", lang)
    elif call:
        name = parameter_label(call[2], lang) if call[1] == "param" else condition_words(call[2])
        shown = say(f"missing.fact_{call[1]}", lang, name=name)
    else:
        shown = figure_label(name, lang, vocabulary(pack.declarations))
    return f"{shown} ({', '.join(where)})" if where else shown


def figure_label(name: str, lang: str, vocab: Vocabulary | None = None) -> str:
    """A figure, list or `list.attribute` by its label in `vocab` (the pack's, for the figures
    it declares itself; the shared one by default); an unknown name in words."""
    vocab = vocab or vocabulary()
    collection, _, attribute = name.partition(".")
    if attribute and (collection, attribute) in vocab.attribute_labels:
        words = vocab.attribute_labels[(collection, attribute)](lang)
        return say("words.sum", lang, attribute=words, items=vocab.nouns[collection](lang))
    found = vocab.labels.get(name) or vocab.nouns.get(name)
    return found(lang) if found else name.replace("_", " ")


_NAMED = re.compile(r'param\((?P<param>\w+)\)|condition\("(?P<condition>[^"]+)"\)'
                    r"|\b(?P<extreme>min|max)\((?P<first>[^(),]+),\s*(?P<second>[^(),]+)\)"
                    r"|(?P<name>\b[a-z]+(?:[._][a-z0-9]+)+\b)|(?<= )(?P<op><=|>=|==|!=)(?= )")
_OPERATORS = {"<=": "at_most", ">=": "at_least", "==": "equal", "!=": "not_equal"}


def readable(text: str, lang: str) -> str:
    """An author's own words (an interpretation) as readers should see them: the facts,
    parameters, conditions and statuses it names by their labels, a comparison in words."""
    def word(match: re.Match[str]) -> str:
        if match["param"]:
            return parameter_label(match["param"], lang)
        if match["condition"]:
            return condition_words(match["condition"])
        if match["op"]:
            return say(f"words.{_OPERATORS[match['op']]}", lang, value="").strip()
        if match["extreme"]:  # a formula in the author's words: max(0, 200 - x)
            first, second = (readable(match[k].strip(), lang) for k in ("first", "second"))
            return say(f"words.{match['extreme']}", lang, items=first, last=second)
        name = match["name"]
        if name in Status.__members__.values():
            return status_text(Status(name), lang)
        if f"field.{name}" in MESSAGES:  # a field of the pack (effort_ceiling)
            return say(f"field.{name}", lang)
        if name in _parameter_names():
            return parameter_label(name, lang)
        return figure_label(name, lang)
    return _NAMED.sub(word, text)


def _parameter_names() -> frozenset[str]:
    from woonpact.engine.params import bundled as parameters  # cached once a run

    return frozenset(parameters().by_name)


def parameter_label(name: str, lang: str) -> str:
    """A national parameter by its label ("de liberalisatiegrens"), else its name in words."""
    from woonpact.engine.params import bundled as parameters  # cached once a run

    found = parameters().by_name.get(name)
    return found.label(lang) if found is not None and found.label else name.replace("_", " ")


def _noun(rule: Rule, lang: str) -> str:
    noun = vocabulary().nouns.get(rule.scope.collection or "")
    return noun(lang) if noun else ""


def rule_label(finding: Finding, checked_pack: str) -> str:
    """A pack's own clause by its number; an included (national) clause with its pack."""
    return clause_label(finding.rule, checked_pack)


def clause_label(rule: Rule, checked_pack: str) -> str:
    return rule.id if rule.pack == checked_pack else rule.key


def theme_label(theme: str, lang: str) -> str:
    """A theme in words ("Wonen en zorg"), as the pack schema names it; else as written."""
    theme_schema = load_schema("pack.schema.json")["$defs"]["rule"]["properties"]["theme"]
    labels = theme_schema.get("x-labels", {})
    if theme in labels:
        return str(labels[theme]["en" if lang == "en" else "nl"])
    return theme.replace("-", " ").capitalize()


def status_text(status: Status, lang: str) -> str:
    return say(f"status.{status.value}", lang)


def scope_text(scope: ScopeInstance, lang: str) -> str:
    return scope.label if scope.kind != "agreement" else say("report.whole_agreement", lang)
