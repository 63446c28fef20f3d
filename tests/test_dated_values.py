"""Values set outside the agreement's text: a pack's own dated values (`parameters:`), which a
fact set may set for its year, and year expressions such as `param(name, year_judged - 1)`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.workspace_support import invoke, make_workspace
from woonpact.engine.language.errors import ExpressionError
from woonpact.engine.language.parser import parse_expression
from woonpact.engine.language.types import check
from woonpact.engine.language.units import Environment


@pytest.fixture
def workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = make_workspace(tmp_path / "groenstad")
    monkeypatch.chdir(root)
    return root


def judged(rule: str) -> dict[int, tuple[str, object]]:
    code, output = invoke(
        "check", "facts/groenstad-2025/", "--format", "json", "--fail-on", "never"
    )
    assert code == 0, output
    return {
        f["year"]: (f["status"], f["norm"])
        for f in json.loads(output)["findings"]
        if f["rule"] == rule
    }


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_the_packs_value_holds_until_a_fact_set_sets_its_own_for_its_year(workspace: Path) -> None:
    found = judged("groenstad-2025/6.1")
    assert found[2025][0] == "compliant"  # 41 against the agreement's 40
    assert found[2026][0] == "breach"  # 44 against the 46 set for 2026
    (workspace / "facts" / "groenstad-2025" / "2027.yaml").write_text(
        "agreement: groenstad-2025\nyear: 2027\n"
        "parties: {woonstad: {figures: {lettings_statushouders: 41}}}\n",
        encoding="utf-8",
    )
    assert judged("groenstad-2025/6.1")[2027][0] == "compliant"  # 2026's value was for 2026 only


def test_last_years_value_through_a_year_expression(workspace: Path) -> None:
    found = judged("groenstad-2025/7.2")
    assert found[2025][0] == "missing_data"  # no value for 2024
    assert found[2026][0] == "compliant"  # 39 < 40, the value of 2025
    edit(
        workspace / "facts" / "groenstad-2025" / "2025.yaml",
        "year: 2025\n",
        "year: 2025\nparameters: {taakstelling_statushouders: {value: 39, source: Besluit 2025}}\n",
    )
    assert judged("groenstad-2025/7.2")[2026][0] == "warning"  # 39 is not below the 39 set for 2025


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        # a value for a name the pack does not declare
        (
            "  taakstelling_statushouders:\n    value: 46",
            "  taakstelling_statushouder:\n    value: 46",
            "onbekend veld 'taakstelling_statushouder' (bedoelt u 'taakstelling_statushouders'?)",
        ),
        # without its source
        ('    source: "Taakstelling 2026: 24 en 22 per halfjaar"\n', "", "verplicht veld 'source'"),
        # in the declared unit: a count
        ("    value: 46", "    value: 4.6", "verkeerde type"),
    ],
)
def test_a_value_set_in_the_facts_is_validated_against_the_packs_declaration(
    workspace: Path, old: str, new: str, expected: str
) -> None:
    edit(workspace / "facts" / "groenstad-2025" / "2026.yaml", old, new)
    code, output = invoke("check", "facts/groenstad-2025/")
    assert code == 2 and expected in output, output
    assert "2026.yaml:4:" in output or "2026.yaml:5:" in output, output  # at the value or its name


def test_explain_shows_the_values_and_their_sources(workspace: Path) -> None:
    code, output = invoke("explain", "groenstad-2025/6.1")
    assert code == 0
    own = "Eigen waarde param(taakstelling_statushouders): Taakstelling statushouders"
    assert own + " van de gemeente per jaar" in output
    assert "01-01-2025: 40 (Artikel 6.1: uitgangspunt 40 per jaar)" in output


ENV = Environment({"new_build_social": "count"}, {}, {"cao": "share"})


@pytest.mark.parametrize(
    "text",
    [
        "param(cao, 2022)",
        "param(cao, year_judged - 1)",
        "param(cao, year_judged + 1 - 2)",
        "at(year_judged - 2, new_build_social)",
        "cumulative(new_build_social, year_judged - 2)",
    ],
)
def test_a_year_is_a_year_or_the_year_judged_give_or_take_whole_years(text: str) -> None:
    check(parse_expression(text), ENV)


@pytest.mark.parametrize(
    ("text", "pos"),
    [
        ("param(cao, new_build_social)", 11),
        ("param(cao, year_judged - 0.5)", 11),
        ("param(cao, 2 * year_judged)", 11),
        ("at(22, new_build_social)", 3),
        ("cumulative(new_build_social, 2024 + 1)", 29),
    ],
)
def test_anything_else_is_refused_where_the_year_stands(text: str, pos: int) -> None:
    with pytest.raises(ExpressionError) as caught:
        check(parse_expression(text), ENV)
    assert (caught.value.key, caught.value.pos) == ("expr.year_literal", pos)


class History:
    """A context over a count per year: what `at` and `cumulative` read through `at_year`."""

    def __init__(self, year: int) -> None:
        self.year = year

    def at_year(self, year: int) -> History:
        return History(year)

    def figure(self, name: str) -> int:
        return {2024: 5, 2025: 10, 2026: 20, 2027: 40}[self.year]


@pytest.mark.parametrize(
    ("text", "year", "value"),
    [
        ("cumulative(new_build_social, year_judged - 1)", 2027, 60),
        ("cumulative(new_build_social, year_judged - 1)", 2026, 30),
        ("at(year_judged - 2, new_build_social)", 2027, 10),
        ("at(2024, new_build_social)", 2027, 5),
    ],
)
def test_relative_years_read_the_years_they_name(text: str, year: int, value: int) -> None:
    from woonpact.engine.language.compiler import compile_expression

    assert compile_expression(parse_expression(text), ENV)(History(year), None) == value
