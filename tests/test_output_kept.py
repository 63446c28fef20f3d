"""What the output works out once and keeps (a rule's words per pack and language, a trace's
plan and units per rule, a finding's rule parts per check, the last norm asked) says exactly
what working it out afresh for each finding says: over every bundled pack and fact set, in both
languages."""

from __future__ import annotations

import json
import re
from functools import cache

import pytest

from tests.support import BUNDLED_FACTS
from woonpact.engine.check import CheckResult, check
from woonpact.engine.i18n import MESSAGES
from woonpact.engine.model import ast
from woonpact.engine.model.pack import Rule, ScopeKind
from woonpact.engine.output import rendered
from woonpact.engine.output.json_format import document, finding_json
from woonpact.engine.output.phrases import Phrases
from woonpact.engine.output.trace import Tracer
from woonpact.engine.output.words import _FIELDS, placeholders

AGREEMENTS = sorted(folder.name for folder in BUNDLED_FACTS.iterdir() if folder.is_dir())
LANGS = ("nl", "en")


@cache
def result(agreement: str) -> CheckResult:
    return check([BUNDLED_FACTS / agreement])


def _trees(rule: Rule) -> list[ast.Node]:
    trees = [e.tree for e in (rule.measure, rule.applies_if) if e is not None]
    if rule.norm is not None:
        trees += [n for n in (rule.norm.tree.bound, rule.norm.tree.upper) if n is not None]
    if rule.signal is not None:
        trees.append(rule.signal.level.tree.bound)
    return trees


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("agreement", AGREEMENTS)
def test_kept_words_are_the_words_worked_out_afresh(agreement: str, lang: str) -> None:
    """Every part of every expression, as each collection sees it, in the order a check words
    them: one `Phrases` that has worded everything before says what a new one says."""
    checked = result(agreement)
    kept = Phrases.of(checked.pack, lang)
    assert Phrases.of(checked.pack, lang) is kept
    rules = {id(f.rule): f.rule for f in checked.findings}.values()
    for f in checked.findings:
        assert kept.norm(f.rule, f.bound) == Phrases(checked.pack, lang).norm(f.rule, f.bound)
        assert kept.subject(f.rule, f.value) == Phrases(checked.pack, lang).subject(
            f.rule, f.value)
    entities = {None, *(r.scope.collection for r in rules if r.scope.kind is ScopeKind.EACH)}
    for rule in rules:
        assert kept.condition(rule) == Phrases(checked.pack, lang).condition(rule)
        for node in (n for tree in _trees(rule) for n in ast.walk(tree)):
            for entity in entities:
                fresh = Phrases(checked.pack, lang).words(node, entity)
                assert kept.words(node, entity) == fresh, (rule.key, node, entity)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("agreement", AGREEMENTS)
def test_a_checks_json_is_each_finding_worked_out_on_its_own(agreement: str, lang: str) -> None:
    """The document (rule parts, who answers and traces kept across findings) against each
    finding's JSON from a tracer of its own and nothing shared."""
    checked = result(agreement)
    made = document(checked, lang)["findings"]
    assert len(made) == len(checked.findings)
    for f, kept in zip(checked.findings, made, strict=True):
        assert kept == finding_json(f, lang, checked.pack, Tracer(checked, lang)), (
            f.rule.key, f.year, f.scope.id)


@pytest.mark.parametrize("pretty", [False, True])
@pytest.mark.parametrize("agreement", AGREEMENTS)
def test_the_json_written_is_the_standard_librarys_encoding(agreement: str, pretty: bool) -> None:
    """orjson encodes the document (engine/output/__init__.py): what it writes is, byte for
    byte, what `json.dumps` writes with the separators the schema's examples show, compact and
    indented, alone and nested in a national document. (The one notation they differ in, floats
    below 0.0001, does not occur in the bundled facts: were it to, this test names the finding.)"""
    checked = result(agreement)
    made = document(checked, "nl")
    if pretty:
        standard = json.dumps(made, ensure_ascii=False, indent=2)
        assert rendered(checked, "json", "nl", pretty=True).decode("utf-8") == standard
        assert rendered(checked, "json", "nl", pretty=True, nested=True).decode(
            "utf-8") == standard.replace("\n", "\n    ")
    else:
        assert rendered(checked, "json", "nl").decode("utf-8") == json.dumps(
            made, ensure_ascii=False, separators=(",", ":"))


@pytest.mark.parametrize("lang", LANGS)
def test_a_sentence_fills_in_every_name_its_message_holds(lang: str) -> None:
    """A finding's sentence works out only the names its message holds: each must be known, or
    the message would be shown with its `{placeholders}`."""
    for key in (k for k in MESSAGES if re.fullmatch(r"finding\.\w+", k)):
        names = set(re.findall(r"\{(\w+)", MESSAGES[key][lang == "en"]))
        assert placeholders(key, lang) == names, key
        if key not in ("finding.contested", "finding.contested_figure", "finding.unconfirmed",
                       "finding.unconfirmed_figure", "finding.agreed_deviation",
                       "finding.action_held"):  # the additions, filled in by `message` itself
            assert names <= set(_FIELDS), key


def test_the_norm_kept_for_a_finding_is_not_given_to_the_next() -> None:
    """The last norm is kept by the very objects asked with, never by equal values: a bound of
    1 and one of True are equal, but not worded alike."""
    checked = result("westland-2025")
    rule = next(f.rule for f in checked.findings if f.rule.norm and f.rule.unit == "count"
                and f.rule.wording is None)
    phrases = Phrases(checked.pack, "nl")
    one = phrases.norm(rule, 1)
    assert phrases.norm(rule, True) == Phrases(checked.pack, "nl").norm(rule, True) != one
    assert phrases.norm(rule, 1) == one
