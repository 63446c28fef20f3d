"""`woonpact list` and `woonpact explain`: a pack's rules, and one clause in plain words.

Both read the loaded pack only (what a rule reads was gathered when it loaded), never the
evaluation engine, so that they start quickly.
"""

from __future__ import annotations

from woonpact.engine.i18n import say
from woonpact.engine.model.declarations import OwnFigure
from woonpact.engine.model.pack import Pack, Rule, ScopeKind

COMPARATOR = {
    ">=": ("ten minste", "at least"), "<=": ("ten hoogste", "at most"), ">": ("meer dan", "more than"),
    "<": ("minder dan", "less than"), "==": ("gelijk aan", "equal to"), "!=": ("ongelijk aan", "not equal to"),
}
SHORT_OBLIGATION = {"result": ("resultaat", "result"), "effort": ("inspanning", "effort")}
OBLIGATION = {"result": ("resultaatsverplichting", "result obligation"),
              "effort": ("inspanningsverplichting", "effort obligation")}


def _t(pair: tuple[str, str], lang: str) -> str:
    return pair[1] if lang == "en" else pair[0]


def _text(rule_norm: object, lang: str) -> str:
    from woonpact.engine.model.pack import Norm  # noqa: PLC0415

    assert isinstance(rule_norm, Norm)
    tree, text = rule_norm.tree, rule_norm.text.strip()
    if tree.op == "between":
        low, _, high = text.removeprefix("between").partition(" and ")
        return f"tussen {low.strip()} en {high.strip()}" if lang != "en" else f"between {low.strip()} and {high.strip()}"
    return f"{_t(COMPARATOR[tree.op], lang)} {text[len(tree.op):].strip()}"


def scope_words(rule: Rule, pack: Pack, lang: str) -> str:
    scope = rule.scope
    if scope.kind is ScopeKind.AGREEMENT:
        return "de afspraak als geheel" if lang != "en" else "the agreement as a whole"
    if scope.kind is ScopeKind.CORPORATIONS:
        return "elke corporatie afzonderlijk" if lang != "en" else "each corporation separately"
    if scope.kind is ScopeKind.PARTY:
        party = pack.party(scope.party or "")
        return party.name if party else str(scope.party)
    where = f" ({scope.where.text})" if scope.where else ""
    return (f"elk item van {scope.collection}{where}" if lang != "en" else f"each item of {scope.collection}{where}")


def list_packs(packs: list[tuple[Pack, bool]], lang: str) -> str:
    """Each pack, marked as bundled with woonpact or the user's own, with its rules."""
    lines = []
    for pack, bundled in packs:
        mark = say("list.bundled" if bundled else "list.own", lang)
        lines.append(f"{pack.id}  [{mark}] {pack.title} ({pack.first_year}-{pack.last_year}), "
                     f"{len(pack.rules)} {'rules' if lang == 'en' else 'regels'}"
                     + (f"; includes {', '.join(pack.includes)}" if pack.includes and lang == "en" else "")
                     + (f"; neemt op: {', '.join(pack.includes)}" if pack.includes and lang != "en" else ""))
        for rule in pack.rules:
            if rule.amendment:
                continue
            lines.append(f"  {rule.id:<24} {_t(SHORT_OBLIGATION[rule.obligation.value], lang):<10}  {rule.title(lang)}")
    return "\n".join(lines)


def explain(pack: Pack, rule_id: str, lang: str) -> str:
    en = lang == "en"
    versions = pack.lineage(rule_id)
    out: list[str] = []
    for rule in versions:
        reads = rule.reads
        label = (lambda nl, e: e if en else nl)
        out += [f"{rule.key}: {rule.title(lang)}", ""]
        if len(versions) > 1:
            origin = rule.amendment or label("oorspronkelijke tekst", "original text")
            out.append(f"{label('Versie', 'Version')}: {origin}, {rule.first_year}-{rule.last_year}")
        out += [f"{label('Bron', 'Source')}: {rule.source.section}", f"  \"{' '.join(rule.source.quote.split())}\"", ""]
        if rule.interpretation:
            out += [f"{label('Interpretatie', 'Interpretation')}: {' '.join(rule.interpretation(lang).split())}", ""]
        out.append(f"{label('Soort', 'Kind')}: {_t(OBLIGATION[rule.obligation.value], lang)}")
        out.append(f"{label('Verantwoordelijk', 'Responsible')}: {', '.join(rule.responsible)}")
        out.append(f"{label('Getoetst voor', 'Judged for')}: {scope_words(rule, pack, lang)}, {rule.first_year}-{rule.last_year}")
        if rule.applies_if:
            out.append(f"{label('Geldt alleen als', 'Applies only if')}: {rule.applies_if.text}")
        if rule.measure and rule.norm:
            out.append(f"{label('Norm', 'Norm')}: {rule.measure.text} {label('is', 'is')} {_text(rule.norm, lang)}")
        if rule.deadline:
            out.append(f"{label('Uiterlijk', 'By')}: {label('eind', 'the end of')} {rule.deadline}"
                       + (label(", met een tussentraject", ", with an interim trajectory") if rule.trajectory else ""))
        if rule.tolerance is not None:
            out.append(label("Marge (circa): ja", "Tolerance (circa): yes"))
        if rule.signal:
            out.append(f"{label('Signaalwaarde', 'Signal level')}: {_text(rule.signal.level, lang)} -> {rule.signal.action(lang)}")
        if rule.trigger:
            when = rule.trigger.when.text if rule.trigger.when else (rule.scope.where.text if rule.scope.where else "")
            out.append(f"{label('Als', 'When')} {when}: {rule.trigger.action(lang)}")
        if rule.milestone:
            due = rule.milestone.due.isoformat() if rule.milestone.due else \
                label("elk jaar op ", "each year by ") + "-".join(f"{x:02d}" for x in rule.milestone.due_each_year or ())
            out.append(f"{label('Op te leveren', 'Deliverable')}: {rule.milestone.deliverable}, {label('uiterlijk', 'due')} {due}")
        facts = sorted(reads.figures) + [f"corporations({s})" for s in sorted(reads.summed)] + \
            sorted(reads.attributes) + sorted(reads.collections) + \
            [f"param({p})" for p in sorted(reads.parameters)]
        if rule.milestone:
            facts.append("deliverables")
        out += [f"{label('Leest', 'Reads')}: {', '.join(facts) or '-'}", *_own(pack, rule, lang),
                ""]
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
        from woonpact.engine.output.words import value_text  # noqa: PLC0415 - not on list's path

        parameter = pack.parameters[name]
        lines.append(say("explain.own_parameter", lang, name=name,
                         description=parameter.description(lang)))
        lines += [f"  {value_text(v.valid_from, 'date', lang)}: "
                  f"{value_text(v.value, parameter.unit, lang)} ({v.source})"
                  for v in parameter.values]
    return lines
