"""The rule authors' reference cannot drift: the generated parts of docs/rule-language.md, the
rule-tests schema, the facts schema and docs/facts.md equal what the generators make from the
pack schema, the fact vocabulary and the language's function table; every published schema is a
valid JSON Schema."""

from __future__ import annotations

import json

import jsonschema
import pytest

from tests.support import REPOSITORY
from woonpact.engine import generate, paths
from woonpact.engine.language.errors import ExpressionError
from woonpact.engine.language.functions import FUNCTIONS
from woonpact.engine.language.parser import parse_expression
from woonpact.engine.language.types import check
from woonpact.engine.language.units import Environment

GENERATED = generate.outputs()


@pytest.mark.parametrize("path", list(GENERATED), ids=lambda p: p.name)
def test_generated_files_are_in_step(path) -> None:
    assert path.read_text(encoding="utf-8") == GENERATED[path], \
        f"{path.name} is out of step: run python -m woonpact.engine.generate"


def test_the_reference_names_every_key_of_the_pack_schema_and_every_function() -> None:
    doc = (REPOSITORY / "docs" / "rule-language.md").read_text(encoding="utf-8")
    pack = json.loads((paths.SCHEMAS / "pack.schema.json").read_text(encoding="utf-8"))
    for key in [*pack["properties"], *pack["$defs"]["rule"]["properties"]]:
        assert f"| `{key}`" in doc, key
    for function in FUNCTIONS.values():
        for form in function.forms:
            assert f"| `{form.signature}` |" in doc, form.signature


@pytest.mark.parametrize("name", FUNCTIONS)
def test_every_documented_function_is_known_to_the_type_checker(name: str) -> None:
    env = Environment({}, {}, {})
    with pytest.raises(ExpressionError) as caught:  # no arguments: wrong arity, never "unknown"
        check(parse_expression(f"{name}()"), env)
    assert caught.value.key != "expr.unknown_function"


def test_an_unknown_function_suggests_a_documented_one() -> None:
    env = Environment({}, {}, {}, suggest=lambda name,
                      known: "cumulative" if "cumulative" in known else None)
    with pytest.raises(ExpressionError) as caught:
        check(parse_expression("cumulatief(x, 2020)"), env)
    assert (caught.value.key == "expr.unknown_function"
            and caught.value.params["suggestion"] == "cumulative")


@pytest.mark.parametrize("name", ["pack.schema.json", "facts.schema.json", "rule-tests.schema.json",
                                  "workspace.schema.json"])
def test_published_schemas_are_valid_json_schemas(name: str) -> None:
    schema = json.loads((paths.SCHEMAS / name).read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)


def test_one_run_of_the_generator_brings_a_new_figure_into_every_schema(
        tmp_path, monkeypatch) -> None:
    """The rule-tests schema embeds the facts schema: made from the one on disk before that was
    rewritten, a figure added to the vocabulary reached it only on a second run."""
    from woonpact.engine import launch
    from woonpact.engine.authoring import generate as authoring
    from woonpact.engine.facts import generate as facts
    from woonpact.engine.schema import load_schema

    schemas = tmp_path / "docs" / "schemas"
    schemas.mkdir(parents=True)
    for schema in paths.SCHEMAS.glob("*.json"):
        (schemas / schema.name).write_bytes(schema.read_bytes())
    vocabulary = tmp_path / "vocabulary.yaml"
    vocabulary.write_text(facts.VOCABULARY.read_text(encoding="utf-8").replace(
        "  stock_total:\n",
        "  stock_invented:\n    unit: count\n    label: {nl: verzonnen, en: invented}\n"
        "    doc: A figure added for this test.\n    doc_nl: Een verzonnen getal.\n"
        "  stock_total:\n", 1), encoding="utf-8")
    rule_language = tmp_path / "docs" / "rule-language.md"
    rule_language.write_bytes(authoring.RULE_LANGUAGE.read_bytes())
    for owner, name, value in [
            (paths, "PACKAGE", tmp_path), (paths, "SCHEMAS", schemas),
            (facts, "VOCABULARY", vocabulary), (facts, "SCHEMA_OUT", schemas / "facts.schema.json"),
            (facts, "DOC_OUT", tmp_path / "docs" / "facts.md"),
            (authoring, "RULE_TESTS_OUT", schemas / "rule-tests.schema.json"),
            (authoring, "WORKSPACE_OUT", schemas / "workspace.schema.json"),
            (authoring, "RULE_LANGUAGE", rule_language),
            (launch, "HELP", str(tmp_path / "help.txt"))]:
        monkeypatch.setattr(owner, name, value)
    load_schema.cache_clear()
    try:
        assert generate.main() == 0
        written = (schemas / "rule-tests.schema.json").read_text(encoding="utf-8")
        assert '"stock_invented"' in written
        assert {path: path.read_text(encoding="utf-8") for path in generate.outputs()} \
            == generate.outputs()
    finally:
        load_schema.cache_clear()
