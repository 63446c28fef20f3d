"""The registry of the rule language's functions (engine/language/functions/) is complete: each
function has its line in the reference, its words in both languages, examples that use every
wording, and those examples check, evaluate, word and trace on the bundled facts; a column
program is compared with the row closures. A function short of any part fails here."""

from __future__ import annotations

import string
from dataclasses import replace
from functools import cache

import pytest

from tests.support import BUNDLED_FACTS, REPOSITORY
from tests.test_columns import LETTINGS, PROJECTS
from woonpact.engine.check import CheckResult, check
from woonpact.engine.evaluation.compiled import environment
from woonpact.engine.i18n import MESSAGES
from woonpact.engine.language.functions import FUNCTIONS
from woonpact.engine.language.functions.base import Function, Words
from woonpact.engine.language.parser import parse_expression
from woonpact.engine.language.types import check as check_units
from woonpact.engine.model import ast
from woonpact.engine.model.finding import Finding, ScopeInstance, Status
from woonpact.engine.model.pack import Expression, Rule, ScopeKind
from woonpact.engine.output.phrases import Phrases
from woonpact.engine.output.trace import Tracer

EACH = pytest.mark.parametrize("function", FUNCTIONS.values(), ids=lambda f: f.name)


@cache
def westland() -> tuple[CheckResult, Rule, Tracer]:
    result = check([BUNDLED_FACTS / "westland-2025"])
    rule = next(r for r in result.pack.rules if r.scope.kind is ScopeKind.AGREEMENT)
    return result, rule, Tracer(result, "nl")


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def _wording(function: Function, call: ast.Call) -> Words:
    return next(w for w in function.words if w.when(call))


@EACH
def test_every_form_is_a_line_of_the_reference(function: Function) -> None:
    doc = (REPOSITORY / "docs" / "rule-language.md").read_text(encoding="utf-8")
    assert function.forms and FUNCTIONS[function.name] is function
    for form in function.forms:
        assert form.signature.startswith(f"{function.name}(") and form.gives
        assert f"| `{form.signature}` | {form.gives} |" in doc


@EACH
def test_every_wording_is_a_message_in_both_languages_with_its_placeholders(
        function: Function) -> None:
    assert function.words
    for words in function.words:
        assert f"words.{words.key}" in MESSAGES, f"add words.{words.key} to engine/i18n.py"
        for text in MESSAGES[f"words.{words.key}"]:
            assert _placeholders(text) == set(words.parts), (words.key, text)


@EACH
def test_the_examples_are_calls_of_the_function_that_use_every_wording(
        function: Function) -> None:
    calls = [parse_expression(text) for text in function.examples]
    assert calls and all(isinstance(c, ast.Call) and c.func == function.name for c in calls)
    used = {_wording(function, c).key for c in calls if isinstance(c, ast.Call)}
    assert used == {w.key for w in function.words}


@EACH
def test_each_example_is_checked_evaluated_worded_and_traced(function: Function) -> None:
    result, rule, tracer = westland()
    env = environment(rule, tracer.parameters)
    for text in function.examples:
        call = parse_expression(text)
        checked = check_units(call, env)
        ctx = tracer.history.context(2026, None)
        tracer.value(rule, call, ctx, None, None)  # compiled and evaluated; a gap gives None
        for lang in ("nl", "en"):
            words = Phrases(result.pack, lang).words(call)
            assert words and "{" not in words and f"{function.name}(" not in words, words
        measured = replace(rule, measure=Expression(text, call, 0), norm=None)
        scope = ScopeInstance("agreement", "westland-2025", "Westland")
        trace = tracer.trace(Finding(measured, 2026, scope, Status.COMPLIANT, "met"))
        assert {p.name for p in trace.parameters} == set(checked.parameters), text
        summed = [f.party for f in trace.figures if f.name in checked.summed]
        assert None not in summed and len(summed) >= len(checked.summed), text  # corporations'


@pytest.mark.parametrize("function", [f for f in FUNCTIONS.values() if f.columns],
                         ids=lambda f: f.name)
def test_a_column_program_is_compared_with_the_rows_in_the_property_test(
        function: Function) -> None:
    """tests/test_columns.py draws collections with gaps and zero divisors for these filters."""
    assert any(f"{function.name}(" in text for text in (*LETTINGS, *PROJECTS))
