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
