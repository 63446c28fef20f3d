"""National parameters: every value dated and sourced, looked up by the year's 1 January."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from woonpact.engine.errors import InputError
from woonpact.engine.i18n import say
from woonpact.engine.model.parameters import STATUSES
from woonpact.engine.params import load_parameters


def test_every_value_has_a_date_a_source_and_a_status() -> None:
    for parameter in load_parameters().by_name.values():
        assert parameter.values, parameter.name
        for value in parameter.values:
            assert value.source.strip() and value.status in STATUSES, (parameter.name, value)
        dates = [v.valid_from for v in parameter.values]
        assert dates == sorted(dates)


def test_lookup_takes_the_value_in_force_on_1_january() -> None:
    params = load_parameters()
    # the Vlaardingen seed rounds it to 697
    assert params.value("aftoppingsgrens_2", 2024) == 697.07
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


def parameter_file(tmp_path: Path, name: str, unit: str, *values: str) -> Path:
    """A parameter file with one parameter, its values written as YAML flow mappings."""
    file = tmp_path / "parameters.yaml"
    file.write_text(f"parameters:\n  {name}:\n    unit: {unit}\n    values:\n"
                    + "".join(f"      - {{{value}}}\n" for value in values), encoding="utf-8")
    return file


def test_a_share_parameter_is_written_with_percent_and_a_bare_number_is_an_error(
        tmp_path: Path) -> None:
    file = parameter_file(tmp_path, "groei", "share",
                          "valid_from: 2024-01-01, value: 2.5%, source: x, status: confirmed",
                          "valid_from: 2025-01-01, value: 0.03, source: x, status: confirmed")
    with pytest.raises(InputError) as caught:
        load_parameters(file)
    (problem,) = caught.value.problems
    assert (problem.key, problem.line, problem.field) == ("params.share_percent", 6,
                                                          "parameters.groei.values[1].value")
    assert "3.1%" in say(problem.key, "en", **problem.params)
    file.write_text(file.read_text(encoding="utf-8").replace("value: 0.03", "value: 3%"),
                    encoding="utf-8")
    assert load_parameters(file).value("groei", 2025) == pytest.approx(0.03)


def test_a_yearly_figure_holds_for_its_own_year_only() -> None:
    """The maximum rent increase is set per year: 2026's 4.1% says nothing about 2027."""
    params = load_parameters()
    assert [params.value("max_huurverhoging_sociaal", y) for y in range(2022, 2027)] == \
        pytest.approx([0.023, 0.031, 0.058, 0.050, 0.041])
    assert params.value("max_huurverhoging_sociaal", 2027) is None
    assert params.value("inkomensgrens_passend_1p", 2025) == 28375
    assert params.value("inkomensgrens_passend_1p", 2024) is None  # 2023's limit is not carried on
    assert params.value("inkomensgrens_daeb_mp", 2026) == 56910


def test_valid_to_ends_a_value(tmp_path: Path) -> None:
    params = load_parameters(parameter_file(
        tmp_path, "grens", "eur", "valid_from: 2024-01-01, value: 1, source: x, status: confirmed",
        "valid_from: 2025-01-01, valid_to: 2025-12-31, value: 2, source: x, status: secondary"))
    assert [params.value("grens", y) for y in (2024, 2025, 2026)] == [1, 2, None]
    assert params.by_name["grens"].in_force(2025).status == "secondary"


def test_a_law_counts_from_its_date_only_once_confirmed() -> None:
    """The Wet versterking regie volkshuisvesting is aimed at 1 July 2026, not confirmed: the
    ladder does not rely on it until `status: confirmed` is set (one line)."""
    laws = load_parameters().laws
    wvrv = laws["wet_versterking_regie_volkshuisvesting"]
    assert (wvrv.in_force, wvrv.status, wvrv.in_force_from) == (dt.date(2026, 7, 1), "unconfirmed",
                                                                None)
    assert laws["woningwet_art_44"].in_force_from == dt.date(2015, 7, 1)
    assert laws["woningwet_art_44"].title == "artikel 44 Woningwet"  # no paragraph number


def test_the_statuses_follow_the_sources_read() -> None:
    """What a government source showed is confirmed; what only a repeating source or nobody
    showed is not (docs/agreements/npa-2025.md)."""
    params = load_parameters()
    read = [("aftoppingsgrens_1", 2025), ("aftoppingsgrens_2", 2026), ("aftoppingsgrens_1", 2026),
            ("kwaliteitskortingsgrens", 2026), ("cao_loonontwikkeling", 2025)]
    assert [params.by_name[name].in_force(year).status for name, year in read] == \
        ["confirmed", "unconfirmed", "secondary", "secondary", "confirmed"]
