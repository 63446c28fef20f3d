"""National parameters: every value dated and sourced, looked up by the year's 1 January."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from woonpact.engine.errors import InputError
from woonpact.engine.i18n import say
from woonpact.engine.params import load_parameters


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


def test_cao_wage_growth_is_a_national_share_per_year() -> None:
    params = load_parameters()
    assert params.units()["cao_loonontwikkeling"] == "share"
    assert [params.value("cao_loonontwikkeling", y) for y in (2023, 2024, 2025)] == \
        pytest.approx([0.031, 0.058, 0.067])
    assert params.value("cao_loonontwikkeling", 2022) is None  # the NPA coupling starts in 2023


def test_a_share_parameter_is_written_with_percent_and_a_bare_number_is_an_error(tmp_path: Path) -> None:
    file = tmp_path / "parameters.yaml"
    file.write_text("parameters:\n  groei:\n    unit: share\n    values:\n"
                    "      - {valid_from: 2024-01-01, value: 2.5%, source: x, certainty: confirmed}\n"
                    "      - {valid_from: 2025-01-01, value: 0.03, source: x, certainty: confirmed}\n",
                    encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_parameters(file)
    (problem,) = caught.value.problems
    assert (problem.key, problem.line, problem.field) == ("params.share_percent", 6, "parameters.groei.values[1].value")
    assert "3.1%" in say(problem.key, "en", **problem.params)
    file.write_text(file.read_text(encoding="utf-8").replace("value: 0.03", "value: 3%"), encoding="utf-8")
    assert load_parameters(file).value("groei", 2025) == pytest.approx(0.03)
