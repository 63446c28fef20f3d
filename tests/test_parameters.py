"""National parameters: every value dated and sourced, looked up by the year's 1 January."""

from __future__ import annotations

import datetime as dt

from engine.params import load_parameters


def test_every_value_has_a_date_a_source_and_a_certainty() -> None:
    for parameter in load_parameters().by_name.values():
        assert parameter.values, parameter.name
        for value in parameter.values:
            assert value.source.strip() and value.certainty in {"confirmed", "secondary", "seed"}, (parameter.name, value)
        dates = [v.valid_from for v in parameter.values]
        assert dates == sorted(dates)


def test_lookup_takes_the_value_in_force_on_1_january() -> None:
    params = load_parameters()
    assert params.value("aftoppingsgrens_2", 2024) == 697.07  # the Vlaardingen seed rounds it to 697
    assert params.value("kwaliteitskortingsgrens", 2024) == 454.47
    assert params.value("aftoppingsgrens_2", 1999) is None
    limit = params.by_name["liberalisatiegrens"]
    assert limit.in_force(2025).valid_from == dt.date(2025, 1, 1)
