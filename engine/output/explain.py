"""`woonpact list` and `woonpact explain`: a pack's rules, and one clause in plain words.

Both read the loaded pack only (what a rule reads was gathered when it loaded), never the
evaluation engine, so that they start quickly.
"""

from __future__ import annotations

from woonpact.engine.i18n import say
from woonpact.engine.model.declarations import OwnFigure
from woonpact.engine.model.pack import Pack, Rule, ScopeKind

COMPARATOR = {">=": "at_least", "<=": "at_most", ">": "more", "<": "less", "==": "equal",
              "!=": "not_equal"}


def _text(rule_norm: object, lang: str) -> str:
    from woonpact.engine.model.pack import Norm

    assert isinstance(rule_norm, Norm)
    tree, text = rule_norm.tree, rule_norm.text.strip()
    if tree.op == "between":
        low, _, high = text.removeprefix("between").partition(" and ")
        return say("explain.between", lang, low=low.strip(), high=high.strip())
    return say(f"explain.{COMPARATOR[tree.op]}", lang, value=text[len(tree.op):].strip())


def scope_words(rule: Rule, pack: Pack, lang: str) -> str:
    scope = rule.scope
    if scope.kind is ScopeKind.PARTY:
        party = pack.party(scope.party or "")
        return party.name if party else str(scope.party)
    if scope.kind is ScopeKind.EACH:
        where = f" ({scope.where.text})" if scope.where else ""
        return say("explain.scope_each", lang, collection=scope.collection, where=where)
    return say(f"explain.scope_{scope.kind.value}", lang)


def list_packs(packs: list[tuple[Pack, bool]], lang: str) -> str:
    """Each pack, marked as bundled with woonpact or the user's own, with its rules."""
    lines = []
    for pack, bundled in packs:
        mark = say("list.bundled" if bundled else "list.own", lang)
        includes = say("list.includes", lang,
                       packs=", ".join(pack.includes)) if pack.includes else ""
        lines.append(say("list.pack", lang, id=pack.id, mark=mark, title=pack.title,
                         first=pack.first_year, last=pack.last_year, rules=len(pack.rules),
                         includes=includes))
        for rule in pack.rules:
            if rule.amendment:
                continue
            kind = say(f"list.obligation.{rule.obligation.value}", lang)
            lines.append(f"  {rule.id:<24} {kind:<10}  {rule.title(lang)}")
    return "\n".join(lines)


def explain(pack: Pack, rule_id: str, lang: str) -> str:
    versions = pack.lineage(rule_id)
    out: list[str] = []

    def line(key: str, **params: object) -> None:
        out.append(say(f"explain.{key}", lang, **params))

    for rule in versions:
        reads = rule.reads
        out += [f"{rule.key}: {rule.title(lang)}", ""]
        if len(versions) > 1:
            line("version", origin=rule.amendment or say("explain.original", lang),
                 first=rule.first_year, last=rule.last_year)
        line("source", section=rule.source.section)
        out += [f"  \"{' '.join(rule.source.quote.split())}\"", ""]
        if rule.interpretation:
            line("interpretation", text=" ".join(rule.interpretation(lang).split()))
            out.append("")
        line("kind", kind=say(f"explain.obligation.{rule.obligation.value}", lang))
        line("responsible", parties=", ".join(rule.responsible))
        line("judged_for", scope=scope_words(rule, pack, lang), first=rule.first_year,
             last=rule.last_year)
        if rule.applies_if:
            line("applies_if", condition=rule.applies_if.text)
        if rule.measure and rule.norm:
            line("norm", measure=rule.measure.text, norm=_text(rule.norm, lang))
        if rule.deadline:
            line("deadline_trajectory" if rule.trajectory else "deadline", year=rule.deadline)
        if rule.tolerance is not None:
            line("tolerance")
        if rule.signal:
            line("signal", level=_text(rule.signal.level, lang), action=rule.signal.action(lang))
        if rule.trigger:
            when = rule.trigger.when.text if rule.trigger.when else (rule.scope.where.text
                                                                     if rule.scope.where else "")
            line("trigger", when=when, action=rule.trigger.action(lang))
        if rule.milestone:
            if rule.milestone.due:
                due = rule.milestone.due.isoformat()
            else:
                due = say("explain.each_year", lang,
                          date="-".join(f"{x:02d}" for x in rule.milestone.due_each_year or ()))
            line("milestone", deliverable=rule.milestone.deliverable, due=due)
        facts = sorted(reads.figures) + [f"corporations({s})" for s in sorted(reads.summed)] + \
            sorted(reads.attributes) + sorted(reads.collections) + \
            [f"param({p})" for p in sorted(reads.parameters)]
        if rule.milestone:
            facts.append("deliverables")
        line("reads", facts=", ".join(facts) or "-")
        out += [*_own(pack, rule, lang), ""]
    return "\n".join(out).rstrip()


def _own(pack: Pack, rule: Rule, lang: str) -> list[str]:
    """What the rule reads that the pack or its workspace declares: a figure or attribute with
    its meaning and reporter, a dated value with each value and its source."""
    lines = []
    declared = pack.declarations.names()
    for name in sorted(rule.reads.figures | rule.reads.attributes):
        if (spec := declared.get(name)) is not None:
            reporter = spec.reported_by if isinstance(spec, OwnFigure) else ""
            key = "explain.own_figure" if reporter else "explain.own_attribute"
            lines.append(say(key, lang, name=name, label=spec.label(lang), unit=spec.unit,
                             reported_by=reporter))
    for name in sorted(rule.reads.parameters & set(pack.parameters)):
        from woonpact.engine.output.words import value_text  # not on list's path

        parameter = pack.parameters[name]
        lines.append(say("explain.own_parameter", lang, name=name,
                         description=parameter.description(lang)))
        lines += [f"  {value_text(v.valid_from, 'date', lang)}: "
                  f"{value_text(v.value, parameter.unit, lang)} ({v.source})"
                  for v in parameter.values]
    return lines
