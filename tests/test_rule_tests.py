"""Rule tests as data (rules/tests/<pack>.tests.yaml): every bundled case passes under pytest,
each would fail if its expectation were wrong, and `woonpact test` reports pass/fail with a diff
and exits 0/1/2."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner

from woonpact.cli import main
from woonpact.engine import paths
from woonpact.engine.authoring.ruletests import (
    included_rules,
    load_rule_tests,
    pack_for,
    rule_tests_path,
    run_case,
)
from woonpact.engine.model.finding import Status
from woonpact.engine.output.result import ExitCode
from woonpact.engine.rules.registry import pack_files

TEST_FILES = sorted((paths.RULES / "tests").glob("*.tests.yaml"))
CASES = [(path, i) for path in TEST_FILES for i in range(len(load_rule_tests(path).cases))]


def case_id(item: tuple[Path, int]) -> str:
    path, i = item
    return f"{path.name.removesuffix('.tests.yaml')}::{load_rule_tests(path).cases[i].name[:50]}"


@pytest.mark.parametrize("item", CASES, ids=[case_id(c) for c in CASES])
def test_bundled_rule_test_case_passes(item: tuple[Path, int]) -> None:
    path, i = item
    tests = load_rule_tests(path)
    pack = pack_for(tests)
    result = run_case(pack, included_rules(pack), tests.cases[i], tests)
    assert result.passed, result.mismatches


@pytest.mark.parametrize("item", CASES, ids=[case_id(c) for c in CASES])
def test_bundled_rule_test_case_fails_when_its_expectation_is_wrong(item: tuple[Path, int]) -> None:
    path, i = item
    tests = load_rule_tests(path)
    case = tests.cases[i]
    first = case.expect[0]
    wrong = Status.BREACH if first.status is not Status.BREACH else Status.COMPLIANT
    mutated = replace(case, expect=(replace(first, status=wrong), *case.expect[1:]))
    pack = pack_for(tests)
    assert not run_case(pack, included_rules(pack), mutated, tests).passed


@pytest.mark.parametrize("pack_id", sorted(pack_files()))
def test_every_bundled_pack_has_rule_tests(pack_id: str) -> None:
    tests = load_rule_tests(rule_tests_path(paths.RULES / f"{pack_id}.yaml"))
    assert tests.pack_id == pack_id and len(tests.cases) >= 5


def invoke(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


def test_cli_runs_every_bundled_pack_and_exits_0() -> None:
    code, output = invoke("test", str(paths.RULES))
    assert code == ExitCode.OK, output
    assert output.count("0 mislukt") == len(TEST_FILES) and "MISLUKT" not in output


def copy_pack(tmp_path: Path, pack_id: str = "oegstgeest-2025") -> Path:
    rules = tmp_path / "rules"
    (rules / "tests").mkdir(parents=True)
    shutil.copy(paths.RULES / f"{pack_id}.yaml", rules)
    shutil.copy(rule_tests_path(paths.RULES / f"{pack_id}.yaml"), rules / "tests")
    return rules / "tests" / f"{pack_id}.tests.yaml"


def test_a_failing_case_shows_expected_against_found_and_exits_1(tmp_path: Path) -> None:
    tests = copy_pack(tmp_path)
    text = tests.read_text(encoding="utf-8")
    tests.write_text(text.replace("{rule: beschikbaarheid-75, status: compliant, value: 75%}",
                                  "{rule: beschikbaarheid-75, status: compliant, value: 76%}"),
                      encoding="utf-8")
    code, output = invoke("test", str(tmp_path / "rules" / "oegstgeest-2025.yaml"))
    assert code == ExitCode.FAILING
    assert "MISLUKT   Tussendoel beschikbaarheid: minimaal 75%" in output
    assert ("beschikbaarheid-75 2025: verwacht nageleefd (waarde 76%), gevonden oegstgeest-2025: "
            "nageleefd (waarde 75,0%) [met]") in output
    cases = text.count("\n  - name:")
    assert f"{cases - 1} geslaagd, 1 mislukt" in output
    code, output = invoke("test", "--lang", "en", str(tests))
    assert ("expected compliant (value 76%), found oegstgeest-2025: compliant (value 75.0%) "
            "[met]") in output


@pytest.mark.parametrize(("value", "hinted"), [("75", True), ("76%", False), ("0.75", False)])
def test_a_share_expected_as_a_plain_number_gets_the_fix(
        tmp_path: Path, value: str, hinted: bool) -> None:
    """`value: 75` for a share failed as "verwacht ... (waarde 75), gevonden ... (waarde
    75,0%)", which reads as equal: the failure now says to write the share with %."""
    tests = copy_pack(tmp_path)
    text = tests.read_text(encoding="utf-8")
    written = f"{{rule: beschikbaarheid-75, status: compliant, value: {value}}}"
    tests.write_text(text.replace("{rule: beschikbaarheid-75, status: compliant, value: 75%}",
                                  written), encoding="utf-8")
    code, output = invoke("test", str(tmp_path / "rules" / "oegstgeest-2025.yaml"))
    assert ("een aandeel schrijft u met %: value: 75%" in output) == hinted, output
    assert code == (ExitCode.OK if value == "0.75" else ExitCode.FAILING)


def test_an_unknown_rule_name_is_bad_input_with_line_and_suggestion(tmp_path: Path) -> None:
    tests = copy_pack(tmp_path)
    text = tests.read_text(encoding="utf-8").replace("{rule: 9-wywonen, scope: wywonen",
                                                     "{rule: 9-wywoonen, scope: wywonen")
    tests.write_text(text, encoding="utf-8")
    code, output = invoke("test", str(tests))
    line = next(i for i, row in enumerate(text.splitlines(), 1) if "9-wywoonen" in row)
    assert code == ExitCode.BAD_INPUT
    assert (f"{tests}:{line}: fout [cases[2].expect[0].rule]: regel '9-wywoonen' "
            "bestaat niet") in output
    assert "bedoelt u '9-wywonen'" in output


def test_a_bad_fact_in_a_case_is_bad_input_with_line(tmp_path: Path) -> None:
    tests = copy_pack(tmp_path)
    text = tests.read_text(encoding="utf-8").replace("lettings_total: 100, lettings_regular: 75",
                                                     "lettings_total: 100, lettings_regular: 0.75",
                                                     1)
    tests.write_text(text, encoding="utf-8")
    code, output = invoke("test", str(tests))
    line = next(i for i, row in enumerate(text.splitlines(), 1) if "0.75" in row)
    assert code == ExitCode.BAD_INPUT and f"{tests}:{line}:" in output
    assert "cases[0].facts.2025.municipality.figures.lettings_regular" in output


def test_a_pack_without_tests_is_bad_input_saying_where_to_write_them(tmp_path: Path) -> None:
    tests = copy_pack(tmp_path)
    tests.unlink()
    code, output = invoke("test", str(tmp_path / "rules"))
    assert (code == ExitCode.BAD_INPUT and "geen tests" in output
            and "oegstgeest-2025.tests.yaml" in output)
