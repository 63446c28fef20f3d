"""Input no person could have meant is refused with its place, never a hang, a RecursionError or a
traceback: YAML aliases, oversized files, huge integers, float years, deep nesting, JSON's
duplicate keys and non-numbers, expressions too deep or too long, and too many errors at once
(issue 11). The fuzzing below holds every fact loader and the expression parser to it."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.support import BUNDLED_FACTS
from tests.test_bad_input import GOOD_2025, PACK_TEXT, check_bad, check_bad_pack, line_of
from woonpact.cli import main
from woonpact.engine.language.errors import ExpressionError
from woonpact.engine.language.parser import parse_expression, parse_norm
from woonpact.engine.output.result import ExitCode

DOCUMENTED = {ExitCode.OK, ExitCode.FAILING, ExitCode.BAD_INPUT}  # 3 is a bug, 130 a Ctrl-C


def run(*args: str) -> tuple[int, str]:
    """Exit code and output of a command; it must end by exiting, never by an exception."""
    result = CliRunner().invoke(main, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), \
        repr(result.exception)
    assert "Traceback" not in result.output, result.output
    return result.exit_code, result.output


def in_process_of_its_own(*args: str) -> subprocess.CompletedProcess[str]:
    """For input that used to hang: a process that can be given up on."""
    return subprocess.run([sys.executable, "-m", "woonpact.cli", *args], capture_output=True,
                          text=True, timeout=60, check=False)


def json_of(text: str) -> str:
    return json.dumps(yaml.safe_load(text), default=str, indent=1)


# -- YAML -------------------------------------------------------------------------------------

BOMB = "".join([
    'lol0: &lol0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]\n',
    *(f"lol{i}: &lol{i} [{', '.join([f'*lol{i - 1}'] * 9)}]\n" for i in range(1, 10)),
])


@pytest.mark.parametrize("where", ["at the top", "as the meetings"])
def test_an_alias_bomb_in_a_fact_file_is_refused_at_once(tmp_path: Path, where: str) -> None:
    """1 KB that stands for a billion values: before, it ran past 120 s where it is read."""
    text = GOOD_2025 + BOMB if where == "at the top" else \
        BOMB + GOOD_2025.replace("  meetings:\n", "  meetings: *lol9\n  old_meetings:\n", 1)
    path = tmp_path / "2025.yaml"
    path.write_text(text, encoding="utf-8")
    run_ = in_process_of_its_own("check", str(path))
    assert run_.returncode == ExitCode.BAD_INPUT
    assert re.fullmatch(rf"{re.escape(str(path))}:\d+:\d+: fout: aliassen \(\*naam\) herhalen hier"
                        r" samen meer dan 10000 waarden, veel meer dan het bestand uitschrijft;"
                        r" schrijf ze uit of gebruik er minder\n", run_.stderr), run_.stderr


def test_an_alias_bomb_in_a_pack_is_refused_and_honest_aliases_still_load(tmp_path: Path) -> None:
    assert "*visie-1108" in PACK_TEXT  # the bundled pack shares quotes by alias and loads
    pack = tmp_path / "bomb.yaml"
    pack.write_text(PACK_TEXT + BOMB, encoding="utf-8")
    code, output = run("lint", str(pack))
    assert code == ExitCode.BAD_INPUT
    assert "aliassen (*naam) herhalen hier samen meer dan" in output


def test_an_alias_in_a_fact_file_reads_as_the_value_it_repeats(tmp_path: Path) -> None:
    """What PyYAML writes for a list a program shares, as the benchmark's generator does."""
    shared = "[gemeente, portaal, vo, huurdersraad-portaal, hbo-vo]"
    assert GOOD_2025.count(f"parties: {shared}") == 3
    text = GOOD_2025.replace(f"parties: {shared}", f"parties: &id001 {shared}", 1)
    text = text.replace(f"parties: {shared}", "parties: *id001")
    assert text.count("*id001") == 2
    folder = tmp_path / "facts"
    folder.mkdir()
    (folder / "2025.yaml").write_text(text, encoding="utf-8")
    aliased = run("check", str(folder), "--format", "json", "--fail-on", "never")
    written_out = run("check", str(BUNDLED_FACTS / "stichtse-vecht-2025" / "2025.yaml"), "--format",
                      "json", "--fail-on", "never")
    assert aliased[0] == written_out[0] == ExitCode.OK
    assert json.loads(aliased[1])["findings"] == json.loads(written_out[1])["findings"]


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(tmp_path: Path) -> None:
    text = GOOD_2025 + "# " + "x" * (10 * 2**20) + "\n"
    check_bad(tmp_path, text, "bestand is groter dan 10 MB, de grens voor één bestand")


TOO_LONG = "geheel getal van 5000 cijfers is te lang; woonpact rekent met gehele getallen tot 15"
FLOAT_YEAR = "[year]: waarde 2025.0 heeft het verkeerde type: verwacht integer"
TOO_DEEP = "meer dan 32 niveaus diep genest"


@pytest.mark.parametrize(("old", "new", "expected"), [
    ("stock_total: 30160", "stock_total: " + "9" * 5000, TOO_LONG),
    ("year: 2025", "year: 2025.0", FLOAT_YEAR),
    ("stock_total: 30160", "stock_total: " + "[" * 40 + "]" * 40, TOO_DEEP),
])
def test_numbers_and_nesting_no_one_means_are_refused_in_yaml(tmp_path: Path, old: str, new: str,
                                                              expected: str) -> None:
    text = GOOD_2025.replace(old, new, 1)
    check_bad(tmp_path, text, expected, line_of(text, new[:20]))


def test_an_agreement_no_file_can_be_named_after_is_an_unknown_pack(tmp_path: Path) -> None:
    """Found by the fuzzing below: looking for `<300 letters>.yaml` raised ENAMETOOLONG."""
    path = tmp_path / "2025.yaml"
    path.write_text(GOOD_2025.replace("agreement: stichtse-vecht-2025", "agreement: " + "x" * 300),
                    encoding="utf-8")
    code, output = run("check", str(path))
    assert code == ExitCode.BAD_INPUT and f"onbekend pakket '{'x' * 300}'" in output


# -- JSON, held to what its YAML twin must be ----------------------------------------------------

STOCK = '"stock_total": 30160'


@pytest.mark.parametrize(("old", "new", "expected"), [
    (STOCK, '"stock_total": ' + "9" * 5000, TOO_LONG),
    ('"year": 2025', '"year": 2025.0', FLOAT_YEAR),
    (STOCK, '"stock_total": ' + "[" * 40 + "]" * 40, TOO_DEEP),
    (STOCK, '"stock_total": ' + "[" * 100_000 + "]" * 100_000, TOO_DEEP),
    (STOCK, STOCK + ', "stock_total": 30161', "sleutel 'stock_total' staat er twee keer"),
    (STOCK, '"stock_total": NaN', "'NaN' is geen getal in JSON"),
    (STOCK, STOCK + ",,", "JSON-fout: Expecting property name enclosed in double quotes"),
])
def test_json_is_refused_like_its_yaml_twin_with_its_line(tmp_path: Path, old: str, new: str,
                                                          expected: str) -> None:
    text = json_of(GOOD_2025)
    assert old in text
    text = text.replace(old, new, 1)
    path = tmp_path / "2025.json"
    path.write_text(text, encoding="utf-8")
    code, output = run("check", str(path))
    assert code == ExitCode.BAD_INPUT and expected in output, output
    assert output.startswith(f"{path}{line_of(text, new[:24])}"), output


def test_a_duplicate_json_key_is_named_at_its_second_place(tmp_path: Path) -> None:
    path = tmp_path / "2025.json"
    path.write_text('{"agreement": "stichtse-vecht-2025",\n  "year": 2025, "year": 2026}',
                    encoding="utf-8")
    assert run("check", str(path))[1] == \
        f"{path}:2:17: fout [year]: sleutel 'year' staat er twee keer; laat er één staan\n"


# -- expressions ------------------------------------------------------------------------------

MEASURE = "measure: share(lettings_free_allocation, lettings_total)"


@pytest.mark.parametrize(("expression", "column", "expected"), [
    ("(" * 150 + "lettings_total" + ")" * 150, 32, "meer dan 32 niveaus diep"),
    (" + ".join(["lettings_total"] * 1000), 2000, "langer dan 2000 tekens"),
    ("+".join(["lettings_total"] * 100), 15 * 68, "meer dan 32 niveaus diep"),  # term 69: 33 deep
])
def test_expressions_too_deep_or_too_long_are_refused_at_their_column(
        tmp_path: Path, expression: str, column: int, expected: str) -> None:
    line = line_of(PACK_TEXT, MEASURE).strip(":")
    start = PACK_TEXT.splitlines()[int(line) - 1].index("share") + 1
    place = f"stichtse-vecht-2025.yaml:{line}:{start + column}:"
    output = check_bad_pack(tmp_path, MEASURE, f"measure: {expression}", expected, place)
    code, linted = run("lint", str(tmp_path / "rules" / "stichtse-vecht-2025.yaml"))
    assert code == ExitCode.BAD_INPUT and place in linted and expected in linted, linted
    assert "RecursionError" not in output


# -- how many errors are printed ------------------------------------------------------------------

def test_at_most_fifty_problems_are_printed_and_the_rest_counted(tmp_path: Path) -> None:
    """Each file says at most 20 of its problems (and how many more it has); over several files,
    the command prints at most 50 lines and counts the rest."""
    meetings = "".join(
        f"    - {{kind: ambtelijk_overleg, date: 2025-03-11, parties: [partij{i}]}}\n"
        for i in range(120))
    text = GOOD_2025.replace("  meetings:\n", "  meetings:\n" + meetings, 1)
    folder = tmp_path / "facts"
    folder.mkdir()
    for year in (2025, 2026, 2027):  # 3 x (20 problems + the count of the other 100), and more
        (folder / f"{year}.yaml").write_text(text.replace("year: 2025", f"year: {year}", 1),
                                             encoding="utf-8")
    code, output = run("check", str(folder))
    assert code == ExitCode.BAD_INPUT and "Traceback" not in output
    lines = output.splitlines()
    assert len(lines) == 51 and re.fullmatch(r"… en nog \d+ meldingen; los eerst deze op",
                                             lines[-1])
    assert sum("en nog 100 fouten in dit bestand" in line for line in lines) == 2  # files 1 and 2


# -- fuzzing: exit code in the documented set, no traceback, bounded time --------------------------

SIGNIFICANT = [":", "- ", "[", "]", "{", "}", "&a ", "*a", "!!python/object/apply:os.system ['1']",
               "|", ">", "'", '"', "#", "\n", "\n  ", "\t", "%", "@", "`", ",", "? ", "---\n",
               "...\n",
               "1e400", ".nan", "-", "0x1F", "~", "null", "<<: *a", "\r\n", "\ufeff", "\x00"]
NASTY = ["9" * 4400, "9" * 400, ".0", "[" * 600, "{a: " * 600, "&a [1, 2]\n"]  # crashed or hung


Edits = list[tuple[int, int, str]]  # at, how many characters cut, what is inserted


def edits(text: str) -> st.SearchStrategy[Edits]:
    """Up to four edits, each cutting and inserting at a random place or where a value starts."""
    values = [match.end() for match in re.finditer(r": ", text)]
    inserts = st.one_of(st.sampled_from(NASTY), st.sampled_from(SIGNIFICANT), st.text(max_size=8))
    return st.lists(st.tuples(st.one_of(st.integers(min_value=0), st.sampled_from(values)),
                              st.integers(min_value=0, max_value=40), inserts),
                    min_size=1, max_size=4)


def edited(text: str, changes: Edits) -> str:
    for at, cut, insert in changes:
        at %= len(text) + 1
        text = text[:at] + insert + text[at + cut:]
    return text


# A longer run (docs/cli.md): WOONPACT_FUZZ=2000 pytest tests/test_input_bounds.py -k fuzzed
BUDGET = int(os.environ.get("WOONPACT_FUZZ", "40"))
FUZZ = settings(max_examples=BUDGET, deadline=5000,
                suppress_health_check=[HealthCheck.function_scoped_fixture])


@FUZZ
@given(changes=edits(GOOD_2025))
def test_fuzzed_yaml_facts_end_in_a_documented_exit_code(tmp_path: Path, changes: Edits) -> None:
    path = tmp_path / "2025.yaml"
    path.write_text(edited(GOOD_2025, changes), encoding="utf-8", errors="surrogatepass")
    code, _ = run("check", str(path), "--fail-on", "never")
    assert code in DOCUMENTED


@FUZZ
@given(changes=edits(json_of(GOOD_2025)))
def test_fuzzed_json_facts_end_in_a_documented_exit_code(tmp_path: Path, changes: Edits) -> None:
    path = tmp_path / "2025.json"
    path.write_text(edited(json_of(GOOD_2025), changes), encoding="utf-8", errors="surrogatepass")
    code, _ = run("check", str(path), "--fail-on", "never")
    assert code in DOCUMENTED


LEAVES = st.one_of(st.integers(min_value=-10, max_value=10**6),
                   st.integers(min_value=10**14, max_value=10**4200),
                   st.floats(allow_nan=False, allow_infinity=False), st.text(max_size=6),
                   st.booleans(), st.none(),
                   st.recursive(st.lists(st.integers(0, 9), max_size=2),
                                lambda inner: st.lists(inner, max_size=2), max_leaves=40))


def leaves(data: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    if isinstance(data, dict):
        return [p for key, value in data.items() for p in leaves(value, (*path, key))]
    if isinstance(data, list):
        return [p for i, value in enumerate(data) for p in leaves(value, (*path, i))]
    return [path]


@FUZZ
@given(which=st.integers(min_value=0), value=LEAVES)
def test_json_facts_read_exactly_as_their_yaml_twin(tmp_path: Path, which: int, value: Any) -> None:
    """The reference reading of a JSON fact set is its YAML twin: the same exit code, and for
    input that loads the same findings."""
    data = yaml.safe_load(GOOD_2025)
    places = leaves(data)
    *parents, last = places[which % len(places)]
    container = data
    for step in parents:
        container = container[step]
    container[last] = value
    twins = (("json", json.dumps(data, default=str)),
             ("yaml", yaml.safe_dump(data, allow_unicode=True, sort_keys=False)))
    for name, text in twins:
        folder = tmp_path / name
        folder.mkdir(exist_ok=True)
        (folder / f"2025.{name}").write_text(text, encoding="utf-8")
    as_json = run("check", str(tmp_path / "json"), "--format", "json", "--fail-on", "never")
    as_yaml = run("check", str(tmp_path / "yaml"), "--format", "json", "--fail-on", "never")
    assert as_json[0] == as_yaml[0] and as_json[0] in DOCUMENTED
    if as_json[0] != ExitCode.BAD_INPUT:
        assert json.loads(as_json[1])["findings"] == json.loads(as_yaml[1])["findings"]


TOKENS = st.sampled_from(["(", ")", "+", "-", "*", "/", "not", "and", "or", "<=", "==", "in",
                          "between", "lettings_total", "projects.homes", "count(", "sum(", "share(",
                          ",", "where", "15%", "€", "1.800", "3", "true", '"x"', "param(",
                          "previous(", ".", "%", "#", "(" * 200, "- " * 200, "not " * 200,
                          " + lettings_total" * 60])


@settings(max_examples=5 * BUDGET, deadline=2000)
@given(st.one_of(st.lists(TOKENS, max_size=60).map(" ".join), st.text(max_size=40),
                 st.integers(1, 400).map(lambda n: "(" * n + "1" + ")" * n),
                 st.integers(1, 2000).map(lambda n: "+".join(["a"] * n))))
def test_fuzzed_expressions_are_parsed_or_refused_with_a_column(text: str) -> None:
    for parse in (parse_expression, parse_norm):
        try:
            parse(text)
        except ExpressionError as error:
            assert 0 <= error.pos <= max(len(text), 2000)


@settings(FUZZ, max_examples=BUDGET // 2)  # a lint and a check each
@given(expression=st.lists(TOKENS, min_size=1, max_size=40).map(" ".join))
def test_fuzzed_expressions_in_a_pack_end_in_a_documented_exit_code(tmp_path: Path,
                                                                    expression: str) -> None:
    pack = tmp_path / "stichtse-vecht-2025.yaml"
    pack.write_text(PACK_TEXT.replace(MEASURE, f"measure: {json.dumps(expression)}", 1),
                    encoding="utf-8")
    facts = str(BUNDLED_FACTS / "stichtse-vecht-2025")
    for args in (("lint", str(pack)), ("check", facts, "--rules", str(pack))):
        code, output = run(*args)
        assert code in DOCUMENTED, output
        if code == ExitCode.BAD_INPUT and args[0] == "lint":
            assert re.search(r"stichtse-vecht-2025\.yaml:\d+:\d+: fout", output), output


def test_an_agreement_that_is_not_a_text_is_bad_input_not_a_crash(tmp_path: Path) -> None:
    """Found by the fuzzer above: `agreement: []` was looked up as a pack id (a list cannot be
    one) and crashed with exit 3."""
    output = check_bad(tmp_path, GOOD_2025.replace("agreement: stichtse-vecht-2025",
                                                   "agreement: []", 1), "agreement")
    assert "interne fout" not in output
