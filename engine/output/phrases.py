"""A rule's expressions in words, for everyone who reads findings rather than writes rules.

`cumulative(new_build_social - sold_social, 2025)` becomes "opgeleverde sociale huurwoningen
min verkochte sociale huurwoningen, opgeteld sinds 2025"; `count(meetings where kind ==
"bestuurlijk_overleg")` becomes "overleggen (soort overleg: bestuurlijk overleg)". Figures,
attributes and lists are named by the vocabulary's labels, parameters by theirs, parties by
their names; a filter is a list of conditions in brackets. Where the words read badly, the
rule's author writes them (`wording`), and those win. `woonpact explain` keeps the
expressions, for authors.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from woonpact.engine.facts.vocabulary import vocabulary
from woonpact.engine.i18n import say
from woonpact.engine.language.functions import FUNCTIONS
from woonpact.engine.language.functions.base import Part, Role
from woonpact.engine.language.units import YEAR_JUDGED
from woonpact.engine.model import ast
from woonpact.engine.model.pack import Pack, Rule, ScopeKind
from woonpact.engine.output.words import condition_words, number, parameter_label, value_text

ARITHMETIC = {"+": "plus", "-": "minus", "*": "times", "/": "divided"}
COMPARISONS = {
    ">=": "at_least",
    "<=": "at_most",
    ">": "more",
    "<": "less",
    "==": "equal",
    "!=": "not_equal",
}
KEEP = 8  # packs whose words are kept (`Phrases.of`): a check words one agreement after another
_KEPT: dict[tuple[int, str], Phrases] = {}


class Phrases:
    """Words for the expressions of one pack's rules, in one language.

    An expression's words depend only on the expression, the collection it sees, the pack (its
    vocabulary and its parties) and the language, so each is worked out once (`words`), and
    `Phrases.of` hands out one `Phrases` per pack and language: all the findings of a rule share
    its measure and norm, and a national check words 200,000 findings of about 16,000 rules.
    """

    def __init__(self, pack: Pack, lang: str) -> None:
        self.pack: Pack = pack
        self.lang: str = lang
        self.vocab = vocabulary(pack.declarations)  # with the figures the pack declares itself
        self._said: dict[tuple[ast.Node, str | None], str] = {}
        self._last_norm: tuple[Rule | None, Any, Any, str] = (None, None, None, "")
        self._once: dict[tuple[Any, ...], str] = {}

    @classmethod
    def of(cls, pack: Pack, lang: str) -> Phrases:
        """The `Phrases` of this pack and language, made once for the last few packs worded
        (the entry holds its pack, so no other pack can be given the same `id` meanwhile)."""
        key = (id(pack), lang)
        found = _KEPT.get(key)
        if found is None:
            if len(_KEPT) >= KEEP:
                del _KEPT[next(iter(_KEPT))]
            found = _KEPT[key] = cls(pack, lang)
        return found

    def say(self, key: str, **params: Any) -> str:
        return say(f"words.{key}", self.lang, **params)

    def once(self, key: tuple[Any, ...], make: Callable[..., str], *args: Any) -> str:
        """What `make(*args)` says, worked out once per key for this pack and language: the
        words of a name a finding gives (a missing fact, a national figure) are the name's."""
        said = self._once.get(key)
        if said is None:
            said = self._once[key] = make(*args)
        return said

    # -- what a rule measures, and its norm -------------------------------------------------

    def measure(self, rule: Rule) -> str:
        """What the rule measures, as a noun phrase."""
        if rule.wording is not None and rule.wording.measure is not None:
            return rule.wording.measure(self.lang).replace("{value}", "").strip(" :")
        return self.words(rule.measure.tree, _entity(rule)) if rule.measure else ""

    def subject(self, rule: Rule, value: Any) -> str:
        """The measured value with what it is: "139 opgeleverde sociale huurwoningen sinds 2025",
        or "aandeel verhuringen (…): 22,4%" where the number cannot lead."""
        shown = value_text(value, rule.unit if not isinstance(value, bool) else "bool", self.lang)
        if rule.wording is not None and rule.wording.measure is not None:
            words = rule.wording.measure(self.lang)
            return words.replace("{value}", shown) if "{value}" in words else f"{words}: {shown}"
        if rule.measure is None:
            return shown
        phrase = self.measure(rule)
        if rule.unit in ("count", "number") and value != 1 and _leads(rule.measure.tree):
            return f"{shown} {phrase}"  # not "1 overleggen": the nouns are plural
        return f"{phrase}: {shown}"

    def norm(self, rule: Rule, bound: Any, upper: Any = None) -> str:
        """The norm in words with its values this year: "ten minste 30%", "ten hoogste € 932,93
        (de liberalisatiegrens)". A finding's JSON and its sentence both ask, one after the other,
        with the same objects: the last answer is kept for them."""
        last = self._last_norm
        if last[0] is rule and last[1] is bound and last[2] is upper:
            return last[3]
        said = self.phrase_norm(rule, bound, upper)
        self._last_norm = (rule, bound, upper, said)
        return said

    def phrase_norm(self, rule: Rule, bound: Any, upper: Any = None) -> str:
        """`norm`, worked out."""
        if rule.norm is None:
            return "-"
        tree = rule.norm.tree
        unit = rule.unit
        if rule.wording is not None and rule.wording.norm is not None:
            return rule.wording.norm(self.lang).format(
                bound=self.value(bound, unit), upper=self.value(upper, unit)
            )
        if tree.op == "between":
            return self.say(
                "between",
                low=self._bound(tree.bound, bound, unit, rule),
                high=self._bound(tree.upper, upper, unit, rule),  # type: ignore[arg-type]
            )
        if unit == "bool":
            return self.say("required", value=self._bound(tree.bound, bound, unit, rule))
        return self.say(COMPARISONS[tree.op], value=self._bound(tree.bound, bound, unit, rule))

    def level(self, rule: Rule, level: Any) -> str:
        """A signal level in words: "boven 20%"."""
        assert rule.signal is not None
        tree = rule.signal.level.tree
        return self.say(COMPARISONS[tree.op], value=self._bound(tree.bound, level, rule.unit, rule))

    def _bound(self, node: ast.Node, value: Any, unit: str, rule: Rule) -> str:
        shown = self.value(value, unit) if value is not None else self.words(node, _entity(rule))
        if isinstance(node, (ast.Number, ast.Share, ast.Money, ast.Bool)) or value is None:
            return shown
        return f"{shown} ({self.words(node, _entity(rule))})"

    def value(self, value: Any, unit: str) -> str:
        """A value as a person writes it; a literal share without needless decimals (30%)."""
        if unit == "share" and isinstance(value, float) and round(value * 100, 6).is_integer():
            return f"{round(value * 100)}%"
        return value_text(value, "bool" if isinstance(value, bool) else unit, self.lang)

    def condition(self, rule: Rule) -> str:
        """A rule's `applies_if` in words."""
        return self.words(rule.applies_if.tree, _entity(rule)) if rule.applies_if else ""

    # -- expressions ------------------------------------------------------------------------

    def words(self, node: ast.Node, entity: str | None = None) -> str:
        """An expression as a noun phrase; `entity`: the collection whose attributes it sees.
        Worked out once for each expression and collection (keyed by the node's value: a trace
        builds some nodes afresh for each finding)."""
        key = (node, entity)
        said = self._said.get(key)
        if said is None:
            said = self._said[key] = self.phrase(node, entity)
        return said

    def phrase(self, node: ast.Node, entity: str | None = None) -> str:
        """`words`, worked out: the parts of the expression through `words` again."""
        match node:
            case ast.Number(value=v):
                return number(v, self.lang, 0 if float(v).is_integer() else 1)
            case ast.Share(value=v):
                return self.value(v, "share")
            case ast.Money(value=v):
                return "€ " + number(v, self.lang, 0 if float(v).is_integer() else 2)
            case ast.Bool(value=v):
                return value_text(v, "bool", self.lang)
            case ast.Text(value=v):
                return self._text(v)
            case ast.Name(name=name):
                return self._name(name, entity)
            case ast.Unary(op="not", operand=operand):
                return self.say("not", value=self.words(operand, entity))
            case ast.Unary(operand=operand):
                return self.say("negative", value=self.words(operand, entity))
            case ast.Binary(op=op, left=left, right=right) if op in ARITHMETIC:
                return self.say(
                    ARITHMETIC[op],
                    left=self.words(left, entity),
                    right=self._operand(right, entity),
                )
            case ast.Binary():
                return self._filter(node, entity)
            case ast.Call():
                return self._call(node, entity)
        raise AssertionError(f"unknown node {node!r}")

    def _operand(self, node: ast.Node, entity: str | None) -> str:
        """The right operand, bracketed when it is a sum itself: a - (b + c)."""
        words = self.words(node, entity)
        return f"({words})" if isinstance(node, ast.Binary) and node.op in ARITHMETIC else words

    def _name(self, name: str, entity: str | None) -> str:
        vocab = self.vocab
        if name == YEAR_JUDGED:
            return self.say("year_judged")
        if entity is not None and name in vocab.collections[entity]:
            return self._attribute(entity, name)
        collection, _, attribute = name.partition(".")
        if attribute and collection in vocab.collections:
            return self._attribute(collection, attribute)
        if name in vocab.collections:
            return vocab.nouns[name](self.lang)
        label = vocab.labels.get(name)
        return label(self.lang) if label else name.replace("_", " ")

    def _attribute(self, collection: str, attribute: str) -> str:
        label = self.vocab.attribute_labels.get((collection, attribute))
        return label(self.lang) if label else self.say(f"date_{attribute}")

    def _text(self, text: str) -> str:
        party = self.pack.party(text)
        return party.name if party else condition_words(text)

    def _filter(self, node: ast.Node, entity: str | None) -> str:
        """A condition on an item, in words: "soort overleg: bestuurlijk overleg", "kale huur ten
        hoogste de 2e aftoppingsgrens"; `and` joins with commas."""
        match node:
            case ast.Binary(op="and", left=left, right=right):
                return f"{self._filter(left, entity)}, {self._filter(right, entity)}"
            case ast.Binary(op="or", left=left, right=right):
                return self.say(
                    "or", left=self._filter(left, entity), right=self._filter(right, entity)
                )
            case ast.Binary(op="in", left=left, right=right):
                return self.say(
                    "among", value=self.words(left, entity), items=self.words(right, entity)
                )
            case (
                ast.Binary(op="==", left=left, right=ast.Bool(value=True))
                | ast.Binary(op="!=", left=left, right=ast.Bool(value=False))
            ):
                return self.words(left, entity)
            case ast.Binary(op="==", left=left, right=right):
                return f"{self.words(left, entity)}: {self.words(right, entity)}"
            case ast.Binary(op="!=", left=left, right=right):
                return f"{self.words(left, entity)}: " + self.say(
                    "not", value=self.words(right, entity)
                )
            case ast.Binary(op=op, left=left, right=right):
                return f"{self.words(left, entity)} " + self.say(
                    COMPARISONS[op], value=self.words(right, entity)
                )
            case ast.Unary(op="not", operand=operand):
                return self.say("not", value=self._filter(operand, entity))
        return self.words(node, entity)

    def _call(self, call: ast.Call, entity: str | None) -> str:
        """A call in its function's words (functions/): the first of its wordings that fits."""
        words = next(w for w in FUNCTIONS[call.func].words if w.when(call))
        return self.say(words.key, **{placeholder: self._part(call, part, entity)
                                      for placeholder, part in words.parts.items()})

    def _part(self, call: ast.Call, part: Part, entity: str | None) -> str:
        match part.role, call.args[part.argument]:
            case Role.WORDS, argument:
                return self.words(argument, entity)
            case Role.BRACKETED, ast.Binary() as argument:
                return f"({self.words(argument, entity)})"
            case Role.BRACKETED, argument:
                return self.words(argument, entity)
            case Role.YEAR, argument:
                return self._year(argument)
            case Role.PARAMETER, ast.Name(name=name):
                return parameter_label(name, self.lang)
            case Role.CONDITION, ast.Text(value=value):
                return condition_words(value)
            case Role.ITEMS, _:
                return self._items(call)
            case Role.NOUN, ast.Name(name=name):
                return self.vocab.nouns[name.partition(".")[0]](self.lang)
            case Role.ATTRIBUTE, ast.Name(name=name):
                return self._attribute(*name.split(".", 1))
            case Role.TERMS, _:
                return ", ".join(self.words(term, entity) for term in _terms(call)[:-1])
            case Role.LAST, _:
                return self.words(_terms(call)[-1], entity)
        raise AssertionError(f"{part} of {call.func}")

    def _year(self, node: ast.Node) -> str:
        """A year as written (2025, not 2.025), or one counted from the year judged
        (`year_judged - 1`: "het jaar vóór het beoordeelde jaar")."""
        match node:
            case ast.Number(value=value):
                return str(int(value))
            case ast.Name(name="year_judged"):
                return self.say("year_judged")
            case ast.Binary(op="+" | "-" as op, left=ast.Name(name="year_judged"),
                            right=ast.Number(value=value)):
                after = (op == "+") == (value > 0)
                return self.say("year_after" if after else "year_before", years=int(abs(value)))
        return self.words(node, None)

    def _items(self, call: ast.Call) -> str:
        """A list's items, with the filter's conditions in brackets: "overleggen (maand: 11)"."""
        target = call.args[0]
        assert isinstance(target, ast.Name)
        collection = target.name.partition(".")[0]
        noun = self.vocab.nouns[collection](self.lang)
        return (
            f"{noun} ({self._filter(call.where, collection)})" if call.where is not None else noun
        )


def _entity(rule: Rule) -> str | None:
    return rule.scope.collection if rule.scope.kind is ScopeKind.EACH else None


def _leads(node: ast.Node) -> bool:
    """Whether a count reads best with its number first ("139 opgeleverde sociale huurwoningen
    sinds 2025"): a figure, or a call whose function says so (a list's items, a figure in
    another year or summed over years)."""
    match node:
        case ast.Name():
            return True
        case ast.Call(func=func):
            return FUNCTIONS[func].leads(node)
    return False


def _terms(call: ast.Call) -> list[ast.Node]:
    """A call's arguments with those of nested calls of the same function, as one list:
    `min(a, min(b, c))` is "de kleinste van a, b en c"."""
    terms: list[ast.Node] = []
    stack = list(call.args)
    while stack:
        node = stack.pop(0)
        if isinstance(node, ast.Call) and node.func == call.func:
            stack = [*node.args, *stack]
        else:
            terms.append(node)
    return terms
