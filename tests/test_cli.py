"""The command line as a user meets it: formats, languages, exit codes, published output schema."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from tests.support import BUNDLED_FACTS
from woonpact.cli import main
from woonpact.engine import paths
from woonpact.engine.check import fact_histories, judge_history
from woonpact.engine.output import chunks, rendered
from woonpact.engine.output.result import ExitCode

SV = str(BUNDLED_FACTS / "stichtse-vecht-2025")


def invoke(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def test_table_is_dutch_by_default_and_english_on_request() -> None:
    code, out = invoke("check", SV, "--fail-on", "never")
    assert code == ExitCode.OK
    out = " ".join(out.split())  # the table wraps long explanations
    assert ("niet nageleefd" in out and "Samenvatting 2025" in out
            and "14 verhuringen in de vrije toewijzingsruimte te veel" in out)
    code, out = invoke("check", SV, "--fail-on", "never", "--lang", "en")
    out = " ".join(out.split())
    assert ("breach" in out and "Summary 2025" in out
            and "14 lettings in the vrije toewijzingsruimte too many" in out)


@pytest.mark.parametrize(("fail_on", "expected"),
                         [("breach", ExitCode.FAILING), ("warning", ExitCode.FAILING),
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
    _, out = invoke("check", SV, SV, "--format", "json", "--fail-on", "never")
    schema = json.loads((paths.SCHEMAS / "check-output.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(json.loads(out), schema)


def test_json_in_a_file_is_compact_and_on_a_terminal_indented_as_one_document(
        tmp_path: Path) -> None:
    """Several agreements: one document, written compactly into a file; the terminal gets the
    same data indented as `json.dumps` indents the whole document."""
    folders = [str(BUNDLED_FACTS / name) for name in ("westland-2025", "stichtse-vecht-2025")]
    target = tmp_path / "out.json"
    code, _ = invoke("check", *folders, "--format", "json", "--fail-on", "never", "-o", str(target))
    text = target.read_text(encoding="utf-8")
    assert code == ExitCode.OK and "\n" not in text.rstrip("\n") and '": ' not in text[:200]
    document = json.loads(text)
    assert [c["pack"]["id"] for c in document["checks"]] == ["westland-2025", "stichtse-vecht-2025"]
    histories = fact_histories([Path(f) for f in folders])
    pretty = b"".join(chunks((rendered(judge_history(h), "json", "nl", pretty=True, nested=True)
                              for h in histories), 2, "json", pretty=True))
    assert pretty.decode("utf-8") == json.dumps(document, ensure_ascii=False, indent=2)


def test_each_agreement_is_judged_when_its_output_is_due() -> None:
    """The output is made agreement by agreement: no agreement is judged before the text of the
    ones before it was handed on, so a national check never holds every agreement's findings."""
    histories = fact_histories([BUNDLED_FACTS / name
                                for name in ("westland-2025", "stichtse-vecht-2025")])
    judged = []

    def results():
        for history in histories:
            judged.append(history)
            yield judge_history(history)

    for fmt in ("json", "table"):
        judged.clear()
        made = chunks((rendered(result, fmt, "nl") for result in results()), 2, fmt)
        for expected in (0, 1, 2, 2) if fmt == "json" else (1, 2):  # JSON: head, 1, 2, tail
            next(made)
            assert len(judged) == expected


def test_bad_input_in_a_later_agreement_writes_nothing(tmp_path: Path) -> None:
    broken = tmp_path / "westland-2025"
    shutil.copytree(BUNDLED_FACTS / "westland-2025", broken)
    year = next(broken.glob("2025.yaml"))
    text = year.read_text(encoding="utf-8")
    year.write_text(text.replace("parties:", "parties:\n  nobody:\n    figures: {}", 1),
                    encoding="utf-8")
    target = tmp_path / "out.json"
    for fmt in ("json", "table"):
        code, out = invoke("check", SV, str(broken), "--format", fmt, "-o", str(target))
        assert code == ExitCode.BAD_INPUT and "nobody" in out
        assert list(tmp_path.iterdir()) == [broken]  # no output, no temporary file
        code, out = invoke("check", SV, str(broken), "--format", fmt)
        assert code == ExitCode.BAD_INPUT and "stichtse-vecht-2025" not in out


def test_year_option_judges_one_year_with_the_whole_history() -> None:
    _, out = invoke("check", SV, "--year", "2026", "--format", "json", "--fail-on", "never")
    findings = json.loads(out)["findings"]
    assert {f["year"] for f in findings} == {2026}
    cumulative = next(f for f in findings if f["rule"].endswith("/3.1-9-portaal"))
    assert cumulative["value"] == 25 + 38  # 2025 and 2026 sales of social homes


def test_markdown_output(tmp_path: Path) -> None:
    target = tmp_path / "out.md"
    code, _ = invoke("check", SV, "--format", "markdown", "-o", str(target), "--fail-on", "never")
    text = target.read_text(encoding="utf-8")
    assert code == ExitCode.OK and text.startswith("# ") and "| `3.2-7` |" in text


@pytest.mark.parametrize(
    ("command", "name", "options", "starts"),
    [
        ("check", "bevindingen.json", (), '{"woonpact":'),
        ("check", "bevindingen.MD", (), "# "),
        ("check", "bevindingen.txt", (), "Meerjarige Prestatieafspraken"),
        ("check", "bevindingen.json", ("--format", "table"), "Meerjarige Prestatieafspraken"),
        ("report", "rapport.md", (), "# "),
        ("report", "rapport.html", (), "<!DOCTYPE html>"),
        ("report", "rapport.txt", (), "<!DOCTYPE html>"),
    ],
)
def test_without_format_the_output_file_name_chooses_it(
    tmp_path: Path, command: str, name: str, options: tuple[str, ...], starts: str
) -> None:
    """`check -o bevindingen.json` wrote the table under a JSON name, which the next program
    could not read: the name chooses the format unless --format is given."""
    target = tmp_path / name
    code, output = invoke(command, SV, "-o", str(target), *options,
                          *(("--fail-on", "never") if command == "check" else ()))
    assert code == ExitCode.OK, output
    assert target.read_text(encoding="utf-8").startswith(starts)


def test_validate_accepts_the_bundled_facts() -> None:
    code, out = invoke("validate", SV)
    assert code == ExitCode.OK and "in orde" in out


def test_list_shows_every_bundled_pack_and_its_rules() -> None:
    code, out = invoke("list")
    assert code == ExitCode.OK
    assert ("stichtse-vecht-2025" in out and "3.2-7" in out
            and "Vrije toewijzingsruimte maximaal 15%" in out)


@pytest.mark.parametrize(("lang", "words"),
                         [("nl", ["Bron:", "ten hoogste 15%", "resultaatsverplichting", "Leest:"]),
                                             ("en", ["Source:", "at most 15%", "result obligation",
                                                     "Reads:"])])
def test_explain_quotes_the_clause_and_states_the_norm_in_words(lang: str,
                                                                words: list[str]) -> None:
    code, out = invoke("explain", "stichtse-vecht-2025/3.2-7", "--lang", lang)
    assert code == ExitCode.OK
    assert "maximaal 15% van het jaarlijks vrijkomende aanbod" in " ".join(out.split())
    for word in words:
        assert word in out
    assert "lettings_free_allocation" in out and "lettings_total" in out


def test_explain_an_unknown_rule_suggests_the_nearest() -> None:
    code, out = invoke("explain", "stichtse-vecht-2025/3.2-77")
    assert code == ExitCode.BAD_INPUT and "3.2-7" in out
