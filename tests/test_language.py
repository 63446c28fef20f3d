"""The expression language: parsing with positions, units checked at load time, evaluation."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from woonpact.engine.facts.vocabulary import vocabulary
from woonpact.engine.language.compare import EPSILON, close
from woonpact.engine.language.compiler import MissingFact, compile_expression
from woonpact.engine.language.errors import ExpressionError
from woonpact.engine.language.parser import parse_expression, parse_norm
from woonpact.engine.language.types import check
from woonpact.engine.language.units import YEAR_JUDGED, Environment
from woonpact.engine.model import ast
from woonpact.engine.model.entities import Entities
from woonpact.engine.params import load_parameters
from woonpact.engine.suggest import closest

ENV = Environment(vocabulary().figures, vocabulary().collections, load_parameters().units(),
                  suggest=closest)


def error(text: str, env: Environment = ENV) -> ExpressionError:
    with pytest.raises(ExpressionError) as caught:
        check(parse_expression(text), env)
    return caught.value


def test_precedence_and_positions() -> None:
    tree = parse_expression("a + b * 2 >= 3 and not c")
    assert isinstance(tree, ast.Binary) and tree.op == "and" and tree.pos == 15
    assert isinstance(tree.left, ast.Binary) and tree.left.op == ">="


@pytest.mark.parametrize(("text", "key", "pos"), [
    ("a +", "expr.unexpected_end", 3),
    ("(a", "expr.unexpected_end", 2),
    ("a $ b", "expr.bad_char", 2),
    ("1.800", "expr.ambiguous_thousands", 0),
    ("120%", "expr.share_above_100", 0),
    ("a < b < c", "expr.chained_comparison", 6),
    ("count(x where y, z where w)", "expr.where_position", 19),
])
def test_syntax_errors_carry_their_column(text: str, key: str, pos: int) -> None:
    with pytest.raises(ExpressionError) as caught:
        parse_expression(text)
    assert (caught.value.key, caught.value.pos) == (key, pos)


def test_norms() -> None:
    assert parse_norm(">= 30%").bound == ast.Share(0.3, 3)
    between = parse_norm("between 24 and 32")
    assert between.op == "between" and between.upper == ast.Number(32, 15)
    with pytest.raises(ExpressionError):
        parse_norm("30%")


def test_units_share_versus_count_is_an_error_with_a_hint() -> None:
    err = error("share(lettings_free_allocation, lettings_total) <= 15")
    assert (err.key, err.params["percent"]) == ("expr.share_as_number", "15%")
    err = error("0.075 > share(lettings_free_allocation, lettings_total)")
    assert (err.key, err.params["percent"], err.pos) == ("expr.share_as_number", "7.5%", 0)
    assert check(parse_expression("share(lettings_free_allocation, lettings_total) <= 15%"),
                 ENV).unit == "bool"


def test_a_quotient_of_counts_is_a_number_not_a_share() -> None:
    assert check(parse_expression("lettings_free_allocation / lettings_total"),
                 ENV).unit == "number"
    assert error("lettings_free_allocation / lettings_total <= 15%").key == "expr.share_vs_number"


def test_unknown_names_suggest_the_nearest() -> None:
    err = error("letings_total")
    assert err.key == "expr.unknown_name" and err.params["suggestion"] == "lettings_total"
    err = error("count(projects where hommes >= 16)")
    assert err.params["suggestion"] == "homes" and err.pos == 21
    assert error("param(aftopingsgrens_2)").params["suggestion"] == "aftoppingsgrens_2"
    assert error("cout(projects)").key == "expr.unknown_function"


def test_filters_must_be_true_or_false() -> None:
    assert error("count(projects where homes)").key == "expr.filter_not_bool"


@pytest.mark.parametrize("text", ["min(lettings where relet, lettings_total)",
                                  "max(lettings_total where lettings_total > 1, 5)",
                                  "previous(lettings where relet)"])
def test_only_a_count_sum_or_share_takes_a_filter(text: str) -> None:
    """Never a filter that is read and then ignored."""
    err = error(text)
    assert (err.key, err.pos) == ("expr.where_not_allowed", 0)


class Ctx:
    """A minimal evaluation context for compiled closures."""

    year = 2025

    def __init__(self, figures: dict, entities: dict | None = None) -> None:
        self.figures = figures
        self._entities = {name: Entities.from_dicts(name, tuple(vocabulary().collections[name]),
                                                    items)
                          for name, items in (entities or {}).items()}

    def figure(self, name: str) -> object:
        if name not in self.figures:
            raise MissingFact(name, self.year)
        return self.figures[name]

    def entities(self, name: str) -> Entities:
        if name not in self._entities:
            raise MissingFact(name, self.year)
        return self._entities[name]

    def param(self, name: str, year: int) -> float:
        return load_parameters().value(name, year)


def evaluate(text: str, ctx: Ctx) -> object:
    tree = parse_expression(text)
    check(tree, ENV)
    return compile_expression(tree, ENV)(ctx, None)


def test_evaluation_of_aggregates_and_boundaries() -> None:
    ctx = Ctx({"lettings_total": 240, "lettings_free_allocation": 36},
              {"projects": [{"id": "a", "homes": 16, "social_rent_homes": 5},
                            {"id": "b", "homes": 10}]})
    # exactly 15%
    assert evaluate("share(lettings_free_allocation, lettings_total) <= 15%", ctx) is True
    assert evaluate("count(projects where homes >= 16)", ctx) == 1
    assert evaluate("sum(projects.homes)", ctx) == 26
    assert evaluate("share(projects where homes >= 16)", ctx) == 0.5
    assert evaluate("param(aftoppingsgrens_2, 2024)", ctx) == 697.07


def test_whole_counts_compare_exactly_and_fractions_within_the_tolerance() -> None:
    ctx = Ctx({"lettings_total": 1_000_000_001, "lettings_relet": 1_000_000_000})
    assert evaluate("lettings_total > lettings_relet", ctx) is True  # one part in a billion apart
    assert evaluate("lettings_total - 1 == lettings_relet", ctx) is True
    # a product keeps the tolerance
    assert evaluate("lettings_total * 1 > lettings_relet", ctx) is False
    projects = Ctx({}, {"projects": [{"id": "a", "homes": 16}, {"id": "b", "homes": 15}]})
    assert evaluate("count(projects where homes >= 16)", projects) == 1
    assert evaluate("count(projects where homes > 15)", projects) == 1


@st.composite
def nearly_equal(draw: st.DrawFn) -> tuple[float, float]:
    """Two floats a few billionths apart (of 1, or of the larger), or any two at all."""
    if draw(st.booleans()):
        return draw(st.floats()), draw(st.floats())
    a = draw(st.floats(-1e12, 1e12))
    step = draw(st.sampled_from((EPSILON / 3, EPSILON / 2, EPSILON, 2 * EPSILON)))
    scale = max(1.0, abs(a)) if draw(st.booleans()) else 1.0
    return a, a + draw(st.integers(-3, 3)) * step * scale


@settings(max_examples=300)
@given(nearly_equal())
def test_close_is_a_gap_within_a_billionth_of_the_largest_of_one_and_both(
        pair: tuple[float, float]) -> None:
    a, b = pair
    assert close(a, b) == (abs(a - b) <= EPSILON * max(1.0, abs(a), abs(b)))


def test_a_missing_fact_raises_missing_fact_not_key_error() -> None:
    with pytest.raises(MissingFact) as caught:
        evaluate("lettings_total + 1", Ctx({}))
    assert caught.value.name == "lettings_total"
    with pytest.raises(MissingFact):
        evaluate("sum(projects.social_rent_homes)",
                 Ctx({}, {"projects": [{"id": "x", "homes": 3}]}))


# -- the year judged ---------------------------------------------------------------------------

class YearCtx(Ctx):
    """A context that can also read other years, as `previous` and `at` do."""

    def __init__(self, year: int, figures: dict, entities: dict | None = None) -> None:
        super().__init__(figures, entities)
        self.year = year

    def at_year(self, year: int) -> YearCtx:
        return YearCtx(year, self.figures, self._entities)


def test_year_judged_is_a_year_and_a_span_of_years_is_a_plain_number() -> None:
    assert check(parse_expression("year_judged"), ENV).unit == "year"
    assert check(parse_expression("year_judged - 2024"), ENV).unit == "number"
    assert check(parse_expression("2% * (year_judged - 2024)"), ENV).unit == "share"
    assert check(parse_expression("completion_year <= year_judged"),
                 ENV.inside("projects")).unit == "bool"


def test_a_norm_that_grows_by_a_fixed_amount_per_year_meets_its_boundary_exactly() -> None:
    norm = "new_build_social >= 30 * (year_judged - 2024)"
    assert evaluate(norm, YearCtx(2026, {"new_build_social": 60})) is True
    assert evaluate(norm, YearCtx(2026, {"new_build_social": 59})) is False
    assert evaluate(norm, YearCtx(2027, {"new_build_social": 60})) is False
    share = "share(lettings_huurtoeslag, lettings_total) >= 60% + 2% * (year_judged - 2025)"
    assert evaluate(share,
                    YearCtx(2027, {"lettings_huurtoeslag": 64, "lettings_total": 100})) is True
    assert evaluate(share,
                    YearCtx(2027, {"lettings_huurtoeslag": 63, "lettings_total": 100})) is False


def test_inside_where_year_is_the_entitys_own_and_year_judged_the_year_judged() -> None:
    lettings = [{"id": "a", "year": 2024}, {"id": "b", "year": 2025}, {"id": "c", "year": 2025}]
    ctx = YearCtx(2025, {}, {"lettings": lettings})
    assert evaluate("count(lettings where year == year_judged)", ctx) == 2
    assert evaluate("count(lettings where year < year_judged)", ctx) == 1
    assert evaluate("count(lettings where year == year_judged - 1)", ctx) == 1


def test_year_judged_is_read_in_the_year_previous_and_at_read() -> None:
    ctx = YearCtx(2026, {})
    assert evaluate("year_judged", ctx) == 2026
    assert evaluate("previous(year_judged)", ctx) == 2025
    assert evaluate("at(2024, year_judged)", ctx) == 2024


def test_year_judged_errors_carry_their_column() -> None:
    err = error("year_judged - 2024 >= 30%")
    assert (err.key, err.pos) == ("expr.share_vs_number", 19)
    err = error("lettings_total >= year_jugded")
    assert (err.key, err.pos, err.params["suggestion"]) == ("expr.unknown_name", 18, "year_judged")


def test_no_fact_or_attribute_can_be_mistaken_for_the_year_judged() -> None:
    vocab = vocabulary()
    assert YEAR_JUDGED not in vocab.figures
    assert all(YEAR_JUDGED not in attributes for attributes in vocab.collections.values())


# -- membership: "wywonen" in parties ---------------------------------------------------------

def test_in_parses_as_a_comparison_and_not_negates_it() -> None:
    tree = parse_expression('"wywonen" in parties and kind == "stuurgroep"')
    assert isinstance(tree, ast.Binary) and tree.op == "and"
    assert tree.left == ast.Binary("in", ast.Text("wywonen", 0), ast.Name("parties", 13), 10)
    negated = parse_expression('not "bres" in parties')
    assert isinstance(negated, ast.Unary) and negated.operand.op == "in"  # type: ignore[union-attr]
    with pytest.raises(ExpressionError) as caught:
        parse_expression('"bres" in parties == true')
    assert (caught.value.key, caught.value.pos) == ("expr.chained_comparison", 18)


def test_membership_is_typed_text_in_a_list_with_errors_at_their_column() -> None:
    meetings = ENV.inside("meetings")
    assert check(parse_expression('"wywonen" in parties'), meetings).unit == "bool"
    err = error('count(meetings where "wywonen" in kind)')
    assert (err.key, err.pos, err.params["unit"]) == ("expr.not_a_list", 34, "text")
    err = error("count(meetings where 3 in parties)")
    assert (err.key, err.pos, err.params["op"]) == ("expr.bad_operand", 23, "in")
    assert error('"gemeente" in lettings_total').key == "expr.not_a_list"


def test_membership_counts_meetings_a_party_attended() -> None:
    rows = [{"id": "q1", "kind": "ambtelijk_overleg", "parties": ["gemeente", "wywonen", "bres"]},
            {"id": "q2", "kind": "ambtelijk_overleg", "parties": ["gemeente"]},
            {"id": "q3", "kind": "stuurgroep", "parties": []}]
    ctx = Ctx({}, {"meetings": rows})
    assert evaluate('count(meetings where "wywonen" in parties)', ctx) == 1
    assert evaluate('count(meetings where not "wywonen" in parties)', ctx) == 2
    assert evaluate('count(meetings where "gemeente" in parties and kind == "ambtelijk_overleg")',
                    ctx) == 2
    # a whole id, not a part of one
    assert evaluate('count(meetings where "wy" in parties)', ctx) == 0


def test_membership_without_the_list_is_missing_data() -> None:
    with pytest.raises(MissingFact) as caught:
        evaluate('count(meetings where "wywonen" in parties)',
                 Ctx({}, {"meetings": [{"id": "m", "kind": "stuurgroep"}]}))
    assert caught.value.name == "meetings.parties"
