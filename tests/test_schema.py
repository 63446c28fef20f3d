"""The compiled validator (fastjsonschema) reaches jsonschema's verdict on every document, and a
document it refuses gets jsonschema's words: the fast path changes nothing a user sees."""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.support import BUNDLED_FACTS
from woonpact.engine import paths, schema, yamlio
from woonpact.engine.errors import InputError
from woonpact.engine.i18n import MESSAGES
from woonpact.engine.schema import load_schema


def _plain(path: Path) -> Any:
    return json.loads(json.dumps(yamlio.load(path)))


DOCUMENTS = [
    *(("pack.schema.json", _plain(p)) for p in sorted(paths.RULES.glob("*.yaml"))),
    *(("facts.schema.json", _plain(p)) for p in sorted(BUNDLED_FACTS.glob("*/*.yaml"))),
    *(("rule-tests.schema.json", _plain(p))
      for p in sorted((paths.RULES / "tests").glob("*.yaml"))),
]
WRONG = [None, -1, 0, 2.5, True, "", "x", "15%", "150%", "2025-02-30", "2025-13-01", "2025-03-12",
         [], {}, {"onbekend": 1}, ["x"]]


def compiled_accepts(name: str, data: Any) -> bool:
    from fastjsonschema import JsonSchemaValueException

    try:
        schema._compiled(name)(data)
    except JsonSchemaValueException:
        return False
    return True


def reference_accepts(name: str, data: Any) -> bool:
    return bool(schema._validator(name).is_valid(data))


def places(data: Any, at: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield at
    items = data.items() if isinstance(data, dict) else \
        enumerate(data) if isinstance(data, list) else ()
    for key, value in items:
        yield from places(value, (*at, key))


def test_every_bundled_document_is_valid_both_ways() -> None:
    for name, data in DOCUMENTS:
        assert compiled_accepts(name, data) and reference_accepts(name, data)


@settings(max_examples=400, deadline=None)
@given(st.data())
def test_a_document_changed_anywhere_gets_the_same_verdict_both_ways(data: st.DataObject) -> None:
    """A value replaced by one of another kind, a key dropped or one added, at any place."""
    name, original = data.draw(st.sampled_from(DOCUMENTS))
    document = copy.deepcopy(original)
    *parents, last = data.draw(st.sampled_from([p for p in places(document) if p]))
    container = document
    for step in parents:
        container = container[step]
    change = data.draw(st.sampled_from(["replace", "drop", "add"]))
    if change == "replace":
        container[last] = data.draw(st.sampled_from(WRONG))
    elif change == "drop":
        del container[last]
    elif isinstance(container, dict):
        container[f"{last}x"] = container[last]  # a key near a known one, as a typo makes it
    else:
        container.append(data.draw(st.sampled_from(WRONG)))
    assert compiled_accepts(name, document) == reference_accepts(name, document)


@pytest.mark.parametrize("compile_after", [0, 10**9])
def test_refused_documents_get_the_same_problems_either_way(
        compile_after: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """Whether the compiled validator or jsonschema saw it first, the words are jsonschema's."""
    monkeypatch.setattr(schema, "COMPILE_AFTER", compile_after)
    name, original = DOCUMENTS[0]
    document = copy.deepcopy(original)
    document["rules"][0]["obligation"] = "misschien"
    del document["rules"][1]["source"]
    with pytest.raises(InputError) as refused:
        schema.validate(document, name, Path("pack.yaml"))
    assert [(p.key, p.field) for p in refused.value.problems] == [
        ("schema.enum", "rules[0].obligation"), ("pack.no_source", "rules[1].source")]


def test_a_whole_number_written_as_a_float_is_refused_on_the_compiled_path_too(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """fastjsonschema takes 2026.0 for an integer (JSON Schema says so); woonpact refuses it, as
    it would crash the evaluation: a document holding such a float goes to jsonschema."""
    monkeypatch.setattr(schema, "COMPILE_AFTER", 0)
    name, original = next((n, d) for n, d in DOCUMENTS if n == "facts.schema.json")
    document = {**copy.deepcopy(original), "year": float(original["year"])}
    assert compiled_accepts(name, document)  # the compiled validator alone would let it through
    with pytest.raises(InputError) as refused:
        schema.validate(document, name, Path("2025.json"))
    assert [p.field for p in refused.value.problems] == ["year"]


def _patterns(node: Any) -> Iterator[dict[str, Any]]:
    if isinstance(node, dict):
        if isinstance(node.get("pattern"), str):
            yield node
        for value in node.values():
            yield from _patterns(value)
    elif isinstance(node, list):
        for value in node:
            yield from _patterns(value)


@pytest.mark.parametrize("name", ["pack.schema.json", "facts.schema.json",
                                  "rule-tests.schema.json", "workspace.schema.json"])
def test_no_regular_expression_reaches_a_reader(name: str) -> None:
    """A value that fails a `pattern` is worded by its field (`x-message`), or as a share or a
    date, never as the pattern itself: `norm "=< 10%"` was told it lacked the form
    `^\\s*(>=|<=|==|!=|>|<|between\\b)`."""
    for node in _patterns(load_schema(name)):
        assert (node.get("x-message") in MESSAGES or node.get("x-unit") == "share"
                or node.get("format") == "date"), node
