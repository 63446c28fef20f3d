"""Every class of bad input ends in one clear message naming file, line and field, exit code 2,
no traceback, and nothing written."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.support import BUNDLED_FACTS
from woonpact.cli import main
from woonpact.engine.output.result import ExitCode

GOOD_2025 = (BUNDLED_FACTS / "stichtse-vecht-2025" / "2025.yaml").read_text(encoding="utf-8")


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


def line_of(text: str, needle: str) -> str:
    """`:N:`, the 1-based line of `needle` in `text`, as it appears in a message."""
    return f":{next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)}:"


def facts_file(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "2025.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def check_bad(tmp_path: Path, text: str, *expected: str, lang: str = "nl") -> str:
    path = facts_file(tmp_path, text)
    out = tmp_path / "report.txt"
    code, output = run("check", str(path), "--lang", lang, "-o", str(out))
    assert code == ExitCode.BAD_INPUT, output
    assert "Traceback" not in output
    assert not out.exists(), "nothing may be written on bad input"
    assert str(path) in output
    for part in expected:
        assert part in output, output
    return output


def test_malformed_yaml_names_file_line_and_column(tmp_path: Path) -> None:
    text = GOOD_2025.replace("    stock_total: 30160", "    stock_total: [30160")
    output = check_bad(tmp_path, text, "YAML-fout")
    line = int(line_of(text, "stock_total: [30160").strip(":"))
    # YAML notices an unclosed bracket where the next token should have closed it
    assert f":{line}:" in output or f":{line + 1}:" in output


@pytest.mark.parametrize(("old", "new", "expected"), [
    # a list item indented one space too far
    ("    - {id: zogwetering", "     - {id: zogwetering",
     "dit lijstitem ('- ') staat niet op de inspringing"),
    # a key indented less than its neighbours
    ("    stock_social: 6755", "   stock_social: 6755",
     "deze regel springt anders in dan de sleutels erboven"),
    # a key indented under a key that has a value
    ("    stock_social: 6755", "      stock_social: 6755",
     "deze regel springt in onder een sleutel die al een waarde heeft"),
    # a colon in an unquoted text
    ("  system: BAG en", "  system: Bron: BAG en",
     "een ': ' midden in een waarde; zet de waarde tussen aanhalingstekens"),
    # a tab
    ("    stock_social: 6755", "\tstock_social: 6755", "een tab in de inspringing"),
    # a value that starts with a sign YAML reads as its own
    ("    stock_social: 6755", "    stock_social: %6755",
     "een waarde die met % begint, zet u tussen aanhalingstekens"),
    # a quote left open at the end
    ("    note: Bestuurlijk overleg", '    note: "Bestuurlijk overleg',
     "het aanhalingsteken dat op regel"),
    # text after a closing quote
    ("  system: BAG en Monitor Wonen 2025", '  system: "BAG" en Monitor Wonen 2025',
     "na het sluitende aanhalingsteken"),
    # a decimal comma in a text between { }
    ("name: Zogwetering fase 2,", "name: Zogwetering fase 2,5,",
     "de komma in '2,5' splitst de tekst tussen { }; zet de tekst tussen aanhalingstekens: "
     "name: \"... 2,5\""),
])
def test_a_yaml_mistake_says_in_dutch_what_to_write(tmp_path: Path, old: str, new: str,
                                                    expected: str) -> None:
    assert old in GOOD_2025
    text = GOOD_2025.replace(old, new, 1)
    output = check_bad(tmp_path, text, "YAML-fout: " + expected)
    assert "did not find" not in output and "mapping values" not in output


def test_duplicate_key_is_rejected(tmp_path: Path) -> None:
    text = GOOD_2025.replace("    stock_total: 30160\n",
                             "    stock_total: 30160\n    stock_total: 30161\n")
    check_bad(tmp_path, text, "stock_total", "twee keer", line_of(text, "stock_total: 30161"))


@pytest.mark.parametrize(("old", "new", "expected"), [
    # a wrong type
    ("stock_total: 30160", "stock_total: veel",
     ("municipality.figures.stock_total", "verkeerde type")),
    # a typo in a fact name, with the name it probably meant
    ("      lettings_huurtoeslag: 171", "      letings_huurtoeslag: 171",
     ("letings_huurtoeslag", "lettings_huurtoeslag", "parties.portaal.figures")),
    # a negative count
    ("new_build_social: 60", "new_build_social: -3", ("new_build_social", "negatief")),
    # a share above 100%
    ("rent_sum_increase: 4.9%", "rent_sum_increase: 104%",
     ("rent_sum_increase", "104%", "tussen 0% en 100%")),
    # a share written without %
    ("rent_sum_increase: 4.9%", "rent_sum_increase: 0.03",
     ("rent_sum_increase", "schrijf een percentage")),
])
def test_bad_figure_names_file_line_field_and_fix(tmp_path: Path, old: str, new: str,
                                                  expected: tuple[str, ...]) -> None:
    text = GOOD_2025.replace(old, new)
    assert text != GOOD_2025
    check_bad(tmp_path, text, *expected, line_of(text, new.strip()))


def test_missing_file(tmp_path: Path) -> None:
    code, output = run("check", str(tmp_path / "nope.yaml"))
    assert code == ExitCode.BAD_INPUT and "nope.yaml" in output and "bestaat niet" in output


def test_unknown_party_in_facts(tmp_path: Path) -> None:
    text = GOOD_2025.replace("  vo:\n", "  v-en-o:\n", 1)
    check_bad(tmp_path, text, "v-en-o", "parties.v-en-o")


def test_messages_in_english(tmp_path: Path) -> None:
    text = GOOD_2025.replace("new_build_social: 60", "new_build_social: -3")
    check_bad(tmp_path, text, "cannot be negative", lang="en")


def test_unknown_year_is_a_usage_error() -> None:
    code, output = run("check", str(BUNDLED_FACTS / "stichtse-vecht-2025"), "--year", "2019")
    assert code == ExitCode.BAD_INPUT and "2019" in output


def test_bad_option_is_exit_2() -> None:
    code, _ = run("check", str(BUNDLED_FACTS / "stichtse-vecht-2025"), "--format", "pdf")
    assert code == ExitCode.BAD_INPUT


# -- rule packs ---------------------------------------------------------------------------------

PACK_TEXT = (Path(__file__).parent.parent / "rules" / "stichtse-vecht-2025.yaml").read_text(
    encoding="utf-8")


def check_bad_pack(tmp_path: Path, old: str, new: str, *expected: str) -> str:
    assert old in PACK_TEXT
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "stichtse-vecht-2025.yaml").write_text(PACK_TEXT.replace(old, new, 1),
                                                    encoding="utf-8")
    facts = tmp_path / "facts"
    shutil.copytree(BUNDLED_FACTS / "stichtse-vecht-2025", facts)
    code, output = run("check", str(facts), "--rules", str(rules))
    assert code == ExitCode.BAD_INPUT, output
    assert "Traceback" not in output and "stichtse-vecht-2025.yaml:" in output
    for part in expected:
        assert part in output, output
    return output


def test_pack_typo_in_fact_name_has_line_column_and_suggestion(tmp_path: Path) -> None:
    output = check_bad_pack(tmp_path, "measure: share(lettings_free_allocation, lettings_total)",
                            "measure: share(lettings_free_alocation, lettings_total)",
                            "lettings_free_alocation", "bedoelt u 'lettings_free_allocation'",
                            "rules[18].measure")
    line = next(i for i, text in enumerate(PACK_TEXT.splitlines(), 1)
                if "share(lettings_free_allocation, lettings_total)" in text)
    assert f"stichtse-vecht-2025.yaml:{line}:20:" in output


def test_pack_share_written_without_percent(tmp_path: Path) -> None:
    check_bad_pack(tmp_path, 'norm: "<= 15%"', 'norm: "<= 0.15"', "0.15 is een getal, geen aandeel",
                   "schrijf een aandeel met %: 15%", "rules[18].norm")


def test_pack_unknown_party(tmp_path: Path) -> None:
    check_bad_pack(tmp_path, "scope: {party: vo}\n    measure: share(lettings_huurtoeslag",
                   "scope: {party: v-o}\n    measure: share(lettings_huurtoeslag", "v-o",
                   "bedoelt u 'vo'")


def test_pack_duplicate_rule_id(tmp_path: Path) -> None:
    check_bad_pack(tmp_path, '- id: "3.2-4"', '- id: "3.2-2"', "3.2-2", "twee keer")


def test_pack_syntax_error_in_expression(tmp_path: Path) -> None:
    check_bad_pack(tmp_path, 'norm: ">= 70%"', 'norm: ">= 70% +"', "te vroeg op")


def test_pack_schema_error_names_the_unknown_key(tmp_path: Path) -> None:
    check_bad_pack(tmp_path, "    obligation: result\n    scope: {party: vo}",
                   "    obligaton: result\n    scope: {party: vo}", "obligaton")


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_message_key_has_both_languages(lang: str) -> None:
    from woonpact.engine.i18n import MESSAGES

    for key, (nl, en) in MESSAGES.items():
        assert nl and en, key


def test_pack_membership_names_a_party_of_the_pack_by_id(tmp_path: Path) -> None:
    old = 'and "hbo-vo" in parties)'
    output = check_bad_pack(tmp_path, old, 'and "hbo-v0" in parties)', "'hbo-v0'",
                            "bedoelt u 'hbo-vo'",
                            "measure")
    line = next(i for i, text in enumerate(PACK_TEXT.splitlines(), 1) if old in text)
    column = next(text for text in PACK_TEXT.splitlines() if old in text).index('"hbo-vo"') + 1
    assert f"stichtse-vecht-2025.yaml:{line}:{column}:" in output
    (tmp_path / "role").mkdir()
    check_bad_pack(tmp_path / "role", old, 'and "huurdersorganisatie" in parties)',
                   "huurdersorganisatie",
                   "bij hun id")


@pytest.mark.parametrize(("lang", "expected"), [
    ("nl",
     "fout [collections.meetings[2].parties[4]]: deelnemer 'hbo-v&o' van een overleg is geen "
     "partij van pakket"
           " stichtse-vecht-2025 (bedoelt u 'hbo-vo'?); noem partijen bij hun id: gemeente, "
           "portaal, vo,"
           " huurdersraad-portaal, hbo-vo"),
    ("en",
     "error [collections.meetings[2].parties[4]]: participant 'hbo-v&o' of a meeting is not a "
     "party of pack"
           " stichtse-vecht-2025 (did you mean 'hbo-vo'?); name parties by their id:"),
])
def test_a_meeting_participant_must_be_a_party_of_the_pack(tmp_path: Path, lang: str,
                                                           expected: str) -> None:
    """Rules ask `"hbo-vo" in parties`: a participant by another name would count for nobody."""
    old = ("{kind: bestuurlijk_overleg, date: 2025-11-20, parties: [gemeente, portaal, vo, "
           "huurdersraad-portaal, hbo-vo]}")
    text = GOOD_2025.replace(old, old.replace("hbo-vo]", "hbo-v&o]"))
    assert text != GOOD_2025
    line = next(i for i, row in enumerate(text.splitlines(), 1) if "hbo-v&o" in row)
    column = text.splitlines()[line - 1].index("hbo-v&o") + 1
    output = check_bad(tmp_path, text, f"2025.yaml:{line}:{column}: {expected}", lang=lang)
    assert len(output.strip().splitlines()) == 1
    code, output = run("validate", str(facts_file(tmp_path, text)), "--lang", lang)
    assert code == ExitCode.BAD_INPUT and f"2025.yaml:{line}:{column}: {expected}" in output, output
