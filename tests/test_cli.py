"""The command line as a user meets it: formats, languages, exit codes, published output schema."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from woonpact.cli import main
from woonpact.engine import paths
from woonpact.engine.output.result import ExitCode
from tests.support import BUNDLED_FACTS

SV = str(BUNDLED_FACTS / "stichtse-vecht-2025")


def invoke(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def test_table_is_dutch_by_default_and_english_on_request() -> None:
    code, out = invoke("check", SV, "--fail-on", "never")
    assert code == ExitCode.OK
    out = " ".join(out.split())  # the table wraps long explanations
    assert "niet nageleefd" in out and "Samenvatting 2025" in out and "14 verhuringen in de vrije toewijzingsruimte te veel" in out
    code, out = invoke("check", SV, "--fail-on", "never", "--lang", "en")
    out = " ".join(out.split())
    assert "breach" in out and "Summary 2025" in out and "14 lettings in the vrije toewijzingsruimte too many" in out


@pytest.mark.parametrize(("fail_on", "expected"), [("breach", ExitCode.FAILING), ("warning", ExitCode.FAILING),
                                                    ("never", ExitCode.OK)])
def test_exit_codes_follow_fail_on(fail_on: str, expected: ExitCode) -> None:
    assert invoke("check", SV, "--fail-on", fail_on)[0] == expected


def test_no_breach_in_2025_for_the_chosen_rules_exits_0_with_fail_on_breach(tmp_path: Path) -> None:
    text = (BUNDLED_FACTS / "stichtse-vecht-2025" / "2025.yaml").read_text(encoding="utf-8")
    (tmp_path / "2025.yaml").write_text(text, encoding="utf-8")
    code, _ = invoke("check", str(tmp_path / "2025.yaml"), "--fail-on", "warning")
    assert code == ExitCode.FAILING


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_json_output_validates_against_the_published_schema(lang: str) -> None:
    code, out = invoke("check", SV, "--format", "json", "--lang", lang, "--fail-on", "never")
    assert code == ExitCode.OK
    document = json.loads(out)
    schema = json.loads((paths.SCHEMAS / "check-output.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(document, schema)
    first = document["findings"][0]
    assert {"rule", "year", "status", "scope", "value", "norm", "message"} <= set(first)
    assert first["rule"].startswith("stichtse-vecht-2025/")


def test_several_folders_give_one_json_document_that_validates() -> None:
    code, out = invoke("check", SV, SV, "--format", "json", "--fail-on", "never")
    schema = json.loads((paths.SCHEMAS / "check-output.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(json.loads(out), schema)


def test_year_option_judges_one_year_with_the_whole_history() -> None:
    code, out = invoke("check", SV, "--year", "2026", "--format", "json", "--fail-on", "never")
    findings = json.loads(out)["findings"]
    assert {f["year"] for f in findings} == {2026}
    cumulative = next(f for f in findings if f["rule"].endswith("/3.1-9-portaal"))
    assert cumulative["value"] == 25 + 38  # 2025 and 2026 sales of social homes


def test_markdown_output(tmp_path: Path) -> None:
    target = tmp_path / "out.md"
    code, _ = invoke("check", SV, "--format", "markdown", "-o", str(target), "--fail-on", "never")
    text = target.read_text(encoding="utf-8")
    assert code == ExitCode.OK and text.startswith("# ") and "| `3.2-7` |" in text


def test_validate_accepts_the_bundled_facts() -> None:
    code, out = invoke("validate", SV)
    assert code == ExitCode.OK and "in orde" in out


def test_list_shows_every_bundled_pack_and_its_rules() -> None:
    code, out = invoke("list")
    assert code == ExitCode.OK
    assert "stichtse-vecht-2025" in out and "3.2-7" in out and "Vrije toewijzingsruimte maximaal 15%" in out


@pytest.mark.parametrize(("lang", "words"), [("nl", ["Bron:", "ten hoogste 15%", "resultaatsverplichting", "Leest:"]),
                                             ("en", ["Source:", "at most 15%", "result obligation", "Reads:"])])
def test_explain_quotes_the_clause_and_states_the_norm_in_words(lang: str, words: list[str]) -> None:
    code, out = invoke("explain", "stichtse-vecht-2025/3.2-7", "--lang", lang)
    assert code == ExitCode.OK
    assert "maximaal 15% van het jaarlijks vrijkomende aanbod" in " ".join(out.split())
    for word in words:
        assert word in out
    assert "lettings_free_allocation" in out and "lettings_total" in out


def test_explain_an_unknown_rule_suggests_the_nearest() -> None:
    code, out = invoke("explain", "stichtse-vecht-2025/3.2-77")
    assert code == ExitCode.BAD_INPUT and "3.2-7" in out
