"""Filters over whole columns: the same mask as the row closures, or none at all.

engine/language/columns.py may only be taken when it cannot differ from evaluating each
entity; these tests draw collections with absent attributes, zero divisors and missing
figures, and compare both paths for the filters the bundled packs use and a few harder ones.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.test_language import ENV, Ctx
from woonpact.engine.language.columns import compile_mask
from woonpact.engine.language.compiler import MissingFact, compile_expression, selector
from woonpact.engine.language.parser import parse_expression
from woonpact.engine.language.types import check

LETTINGS = [
    "relet and refusals >= 50",
    "relet",
    "free_allocation",
    'target_group != "regulier"',
    "relet and rent <= param(aftoppingsgrens_2)",
    "rent <= price_level(€550, 2020, huurverlaging_grens_npa)",
    "not relet or refusals < 3",
    "refusals * 2 - 1 > 10 and quarter == 2",
    "refusals / month > 2",
    "rent / 2 > €300",
    "min(refusals, 10) == 10 or max(refusals, month) > 11",
    "-refusals < -4",
    "refusals >= lettings_total",
    "true",
]
PROJECTS = [
    "homes >= 16",
    "developer_disagreement",
    'not sustainability_works and land == "derden" and anterieure_overeenkomst and '
    'social_rent_homes > 0',
    "share(social_rent_homes, homes) > 60%",
    "social_rent_homes / homes * 100 >= 30",
]


def maybe(values: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """An attribute an entity may lack."""
    return st.one_of(st.none(), values)


def entity(draw: Any, i: int, attributes: dict[str, st.SearchStrategy[Any]]) -> dict[str, Any]:
    drawn = {name: draw(values) for name, values in attributes.items()}
    return {"id": f"e{i}", **{name: value for name, value in drawn.items() if value is not None}}


@st.composite
def lettings(draw: Any, complete: bool) -> list[dict[str, Any]]:
    gap = (lambda s: s) if complete else maybe
    attributes = {
        "relet": gap(st.booleans()), "free_allocation": gap(st.booleans()),
        "refusals": gap(st.integers(0, 60)),
        "rent": gap(st.sampled_from([0.0, 550.0, 697.07, 697.08, 900.5])),
        "target_group": gap(st.sampled_from(["regulier", "urgent", "statushouder"])),
        "quarter": gap(st.integers(1, 4)), "month": gap(st.integers(0, 12)),  # 0: a zero divisor
    }
    return [entity(draw, i, attributes) for i in range(draw(st.integers(0, 12)))]


@st.composite
def projects(draw: Any, complete: bool) -> list[dict[str, Any]]:
    gap = (lambda s: s) if complete else maybe
    attributes = {
        "homes": gap(st.integers(0, 40)), "social_rent_homes": gap(st.integers(0, 20)),
        "developer_disagreement": gap(st.booleans()), "sustainability_works": gap(st.booleans()),
        "anterieure_overeenkomst": gap(st.booleans()),
        "land": gap(st.sampled_from(["derden", "gemeente"])),
    }
    return [entity(draw, i, attributes) for i in range(draw(st.integers(0, 12)))]


def both_paths(text: str, collection: str, items: list[dict[str, Any]],
               figures: dict[str, Any]) -> tuple[Any, Any]:
    """(mask over columns or None, mask row by row or the MissingFact it raised)."""
    env = ENV.inside(collection)
    tree = parse_expression(text)
    check(tree, env)
    ctx = Ctx(figures, {collection: items})
    entities = ctx.entities(collection)
    columns = compile_mask(tree, env, compile_expression)
    assert columns is not None, f"{text} has no column program"
    row = compile_expression(tree, env)
    try:
        rows: Any = [bool(row(ctx, ent)) for ent in entities.rows()]
    except MissingFact as missing:
        rows = missing
    return columns(ctx, entities), rows


@settings(max_examples=60, deadline=None)
@given(data=st.data(), complete=st.booleans(), total=st.one_of(st.none(), st.integers(0, 60)))
@pytest.mark.parametrize(("collection", "texts", "strategy"), [
    ("lettings", LETTINGS, lettings), ("projects", PROJECTS, projects),
])
def test_columns_agree_with_rows_or_step_aside(collection: str, texts: list[str], strategy: Any,
                                               data: Any,
                                               complete: bool, total: int | None) -> None:
    items = data.draw(strategy(complete))
    figures = {} if total is None else {"lettings_total": total}
    for text in texts:
        columns, rows = both_paths(text, collection, items, figures)
        if columns is not None:
            assert not isinstance(rows, MissingFact), \
                f"{text}: columns decided where a row lacks {rows.name}"
            assert [bool(v) for v in columns] == rows, text


def test_complete_data_takes_the_column_path() -> None:
    """Without gaps the columns decide: the fast path is not a dead branch."""
    items = [{"id": "a", "relet": True, "refusals": 50}, {"id": "b", "relet": True, "refusals": 49},
             {"id": "c", "relet": False, "refusals": 80}]
    columns, rows = both_paths("relet and refusals >= 50", "lettings", items, {})
    assert columns == rows == [True, False, False]


def test_membership_runs_over_columns() -> None:
    items = [{"kind": "ambtelijk_overleg", "date": "2025-03-01",
              "parties": ["gemeente", "portaal"]},
             {"kind": "ambtelijk_overleg", "date": "2025-06-01", "parties": ["portaal"]}]
    columns, rows = both_paths('"gemeente" in parties and kind == "ambtelijk_overleg"', "meetings",
                               items, {})
    assert columns == rows == [True, False]


def test_a_gap_hands_the_decision_to_the_rows() -> None:
    items = [{"id": "a", "relet": False}, {"id": "b", "relet": True, "refusals": 50}]
    columns, rows = both_paths("relet and refusals >= 50", "lettings", items, {})
    assert columns is None and rows == [False, True]  # the row closures short-circuit past the gap


def test_a_selector_reports_the_entity_without_the_attribute() -> None:
    env = ENV.inside("lettings")
    tree = parse_expression("refusals >= 50")
    check(tree, env)
    ctx = Ctx({}, {"lettings": [{"id": "a", "refusals": 50}, {"id": "b"}]})
    with pytest.raises(MissingFact) as caught:
        selector(tree, env)(ctx, ctx.entities("lettings"))
    assert (caught.value.name, caught.value.entity) == ("lettings.refusals", "b")


def test_filters_on_other_entities_stay_with_the_rows() -> None:
    env = ENV.inside("projects")
    tree = parse_expression("homes >= count(lettings where relet)")
    check(tree, env)
    # the count is the same for each project
    assert compile_mask(tree, env, compile_expression) is not None
    tree = parse_expression("exists(social_rent_homes)")
    check(tree, env)
    assert compile_mask(tree, env, compile_expression) is None
