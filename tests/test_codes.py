"""Names that tie facts to rules are checked (engine/codes.py): a typo in an id, code or party
is refused with the value meant and its place, never judged as if the thing did not happen;
Dutch notation gets the exact fix; an implausible value is a warning, not a verdict."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.support import BUNDLED_FACTS, pack
from tests.test_workbook import fill, make_template
from woonpact.cli import main
from woonpact.engine.check import check, included_rules
from woonpact.engine.codes import Codes, code_problems, matched_codes
from woonpact.engine.errors import InputError
from woonpact.engine.facts.loader import fact_set_from_data
from woonpact.engine.output.result import ExitCode


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def copied(tmp_path: Path, agreement: str, year: int, old: str, new: str, name: str = "") -> Path:
    """The bundled facts of an agreement with one text of one year's file replaced."""
    folder = tmp_path / (name or agreement)
    shutil.copytree(BUNDLED_FACTS / agreement, folder)
    text = (folder / f"{year}.yaml").read_text(encoding="utf-8")
    assert old in text
    (folder / f"{year}.yaml").write_text(text.replace(old, new, 1), encoding="utf-8")
    return folder


def line_of(folder: Path, year: int, needle: str) -> int:
    lines = (folder / f"{year}.yaml").read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if needle in line)


def test_the_codes_rules_match_on_are_worked_out_from_their_expressions() -> None:
    codes = matched_codes(included_rules(pack("stichtse-vecht-2025")))
    deliverables = codes[("deliverables", "id")]
    assert deliverables.closed
    assert {"mutatiedata", "mutaties-voorraad", "huurbeleid-portaal"} <= deliverables.values
    assert ("projects", "id") not in codes  # Stichtse Vecht counts projects whole: ids are free
    vlaardingen = matched_codes(included_rules(pack("vlaardingen-2025")))[("projects", "id")]
    named = frozenset({"kantoor-samenwerking", "pameijer-zuidbuurt", "potgieterstraat"})
    assert vlaardingen == Codes(named, closed=True)


def test_a_misspelt_deliverable_is_refused_instead_of_becoming_a_breach(tmp_path: Path) -> None:
    """Stichtse Vecht 3.1-13: `Mutatiedata` for `mutatiedata` was a false breach against Portaal."""
    folder = copied(tmp_path, "stichtse-vecht-2025", 2025, "id: mutatiedata", "id: Mutatiedata")
    code, _, err = invoke("check", str(folder))
    assert code == ExitCode.BAD_INPUT
    assert f"2025.yaml:{line_of(folder, 2025, 'Mutatiedata')}:" in err
    assert "'Mutatiedata' in deliverables.id" in err and "(bedoelt u 'mutatiedata'?)" in err, err


def test_a_misspelt_deliverable_in_a_workbook_is_named_by_its_cell(tmp_path: Path) -> None:
    from woonpact.engine import yamlio

    folder = tmp_path / "sv"
    shutil.copytree(BUNDLED_FACTS / "stichtse-vecht-2025", folder)
    (folder / "2025.yaml").unlink()
    data = yamlio.load(BUNDLED_FACTS / "stichtse-vecht-2025" / "2025.yaml")
    book = make_template("stichtse-vecht-2025", tmp_path / "t.xlsx")
    fill(book, data, BUNDLED_FACTS / "stichtse-vecht-2025")
    sheet = book["deliverables"]
    row = next(r for r in range(2, sheet.max_row + 1) if sheet.cell(r, 1).value == "mutatiedata")
    sheet.cell(row, 1).value = "Mutatiedata"
    book.save(folder / "2025.xlsx")
    code, out, err = invoke("validate", str(folder))
    assert code == ExitCode.BAD_INPUT and "in orde" not in out
    assert f"2025.xlsx:deliverables!A{row}:" in err and "bedoelt u 'mutatiedata'" in err, err


@pytest.mark.parametrize(("agreement", "year", "old", "new", "expected"), [
    # a project the clauses name, in another case
    ("vlaardingen-2025", 2025, "id: potgieterstraat", "id: Potgieterstraat",
     "'Potgieterstraat' in projects.id is geen waarde die een regel van dit pakket leest "
     "(bedoelt u 'potgieterstraat'?)"),
    # a project's party is the party whose counts it is in
    ("westland-2025", 2026, "party: arcade, homes: 120", "party: arcadee, homes: 120",
     "partij 'arcadee' staat niet in pakket westland-2025 (bedoelt u 'arcade'?)"),
    # who contests a figure is a party of the pack
    ("stichtse-vecht-2025", 2025, "stock_total: 30160",
     "stock_total: {value: 30160, contested_by: portal}",
     "partij 'portal' staat niet in pakket stichtse-vecht-2025 (bedoelt u 'portaal'?)"),
    # a condition no rule reads is a condition a rule misses
    ("vlaardingen-2025", 2025, "financiering_pameijer_gevonden:", "financiering_pameijer_gevonde:",
     "voorwaarde 'financiering_pameijer_gevonde' wordt door geen regel van pakket "
     "vlaardingen-2025 gelezen (bedoelt u 'financiering_pameijer_gevonden'?)"),
])
def test_a_name_no_rule_would_match_is_refused_with_the_name_meant(
        tmp_path: Path, agreement: str, year: int, old: str, new: str, expected: str) -> None:
    folder = copied(tmp_path, agreement, year, old, new)
    code, _, err = invoke("validate", str(folder))
    assert code == ExitCode.BAD_INPUT
    assert f"{year}.yaml:{line_of(folder, year, new)}:" in err
    assert expected in err, err


def test_an_unknown_party_in_a_csv_row_is_refused_at_its_line_and_column(tmp_path: Path) -> None:
    folder = tmp_path / "westland"
    shutil.copytree(BUNDLED_FACTS / "westland-2025", folder)
    csv_file = folder / "lettings-2026.csv"
    lines = csv_file.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[4] = lines[4].replace(",arcade,", ",arcde,")
    csv_file.write_text("".join(lines), encoding="utf-8")
    code, _, err = invoke("check", str(folder))
    assert code == ExitCode.BAD_INPUT
    assert "lettings-2026.csv:5:2: fout [collections.lettings[3].party]: partij 'arcde'" in err, err


def test_a_column_of_unknown_parties_is_reported_by_its_first_rows_and_a_count(
        tmp_path: Path) -> None:
    folder = tmp_path / "westland"
    shutil.copytree(BUNDLED_FACTS / "westland-2025", folder)
    csv_file = folder / "lettings-2026.csv"
    csv_file.write_text(csv_file.read_text(encoding="utf-8").replace(",arcade,", ",Arcade,"),
                        encoding="utf-8")
    with pytest.raises(InputError) as caught:
        check([folder])
    *shown, more = caught.value.problems
    assert len(shown) == 20 and all(p.file == csv_file and p.column == 2 for p in shown)
    assert more.key == "facts.more" and more.params["count"] > 0


def test_a_value_of_the_vocabulary_no_rule_reads_is_no_typo_and_stays_allowed(
        tmp_path: Path) -> None:
    folder = copied(tmp_path, "alphen-chaam-2023", 2023, "kind: ambtelijk_overleg",
                    "kind: stuurgroep")
    code, out, _ = invoke("validate", str(folder))
    assert code == ExitCode.OK and "in orde" in out


def test_free_text_stays_free_but_a_near_miss_of_a_matched_value_is_refused() -> None:
    projects = [{"id": "nieuwbouw-west", "homes": 10}, {"id": "Potgieter Straat", "homes": 28}]
    fact_set = fact_set_from_data({"agreement": "vlaardingen-2025", "year": 2025,
                                   "collections": {"projects": projects}}, Path("2025.yaml"))
    matched = {("projects", "id"): Codes(frozenset({"potgieterstraat"}), closed=False)}
    problem, = code_problems(pack("vlaardingen-2025"), fact_set, matched, {})
    assert problem.field == "collections.projects[1].id"
    assert problem.params["suggestion"] == "potgieterstraat"
    closed = {("projects", "id"): Codes(frozenset({"potgieterstraat"}), closed=True)}
    assert len(code_problems(pack("vlaardingen-2025"), fact_set, closed, {})) == 2


@pytest.mark.parametrize(("old", "new", "fix"), [
    ("rent_sum_increase: 4.9%", "rent_sum_increase: 4,9%", "schrijf 4.9%"),
    ("rent_sum_increase: 4.9%", "rent_sum_increase: 0.3",
     "30% als 0.3 een breuk is of 0.3% als het al een percentage is"),
    ("rent_sum_increase: 4.9%", 'rent_sum_increase: "0,3"', "30% als \"0,3\" een breuk is"),
    ("rent_sum_increase: 4.9%", "rent_sum_increase: 4.9", "schrijf een percentage: 4.9%"),
    ("date: 2025-03-11", 'date: "11-03-2025"', "schrijf 2025-03-11"),
])
def test_dutch_notation_is_refused_with_the_exact_fix(tmp_path: Path, old: str, new: str,
                                                     fix: str) -> None:
    folder = copied(tmp_path, "stichtse-vecht-2025", 2025, old, new)
    code, _, err = invoke("validate", str(folder))
    assert code == ExitCode.BAD_INPUT
    assert f"2025.yaml:{line_of(folder, 2025, new)}:" in err and fix in err, err


def test_an_implausible_value_is_a_warning_and_leaves_the_exit_code_as_it_was(
        tmp_path: Path) -> None:
    clean = BUNDLED_FACTS / "stichtse-vecht-2025"
    typed = "rent_sum_increase: 30%"  # 0,3 typed into a percentage cell
    folder = copied(tmp_path, "stichtse-vecht-2025", 2025, "rent_sum_increase: 4.9%", typed)
    before, after = check([clean]), check([folder])
    assert not before.warnings and len(after.warnings) == 1
    warning, = after.warnings
    assert (warning.severity, warning.line) == ("warning", line_of(folder, 2025, typed))
    code_clean, _, _ = invoke("check", str(clean), "--fail-on", "never")
    code, _, err = invoke("check", str(folder), "--fail-on", "never")
    assert code == code_clean == ExitCode.OK
    assert "waarschuwing [parties.vo.figures.rent_sum_increase]: rent_sum_increase = 30%" in err
    code, out, err = invoke("validate", str(folder))
    assert code == ExitCode.OK and "in orde" in out and "waarschuwing" in err


@pytest.mark.parametrize(("name", "warned"), [("2027.yaml", True), ("2026-kopie.yaml", False)])
def test_a_file_named_for_another_year_is_a_warning_naming_both(
        tmp_path: Path, name: str, warned: bool) -> None:
    """Last year's file copied to `2027.yaml` with its `year` unchanged was judged as last
    year without a word: now a warning says so (the verdicts and exit code stay)."""
    folder = tmp_path / "westland-2025"
    shutil.copytree(BUNDLED_FACTS / "westland-2025", folder)
    copy = folder / name
    (folder / "2026.yaml").rename(copy)
    code, _, err = invoke("check", str(folder), "--fail-on", "never")
    assert code == ExitCode.OK
    expected = (f"{name}:{line_of_text(copy, 'year: 2026')}:7: waarschuwing [year]: het bestand "
                f"heet {name}, maar year zegt 2026")
    assert (expected in err) == warned, err


def line_of_text(path: Path, text: str) -> int:
    return path.read_text(encoding="utf-8").splitlines().index(text) + 1


def test_every_problem_of_every_file_is_reported_in_one_run(tmp_path: Path) -> None:
    folder = copied(tmp_path, "stichtse-vecht-2025", 2025, "id: mutatiedata", "id: Mutatiedata")
    text = (folder / "2026.yaml").read_text(encoding="utf-8")
    text = text.replace("stock_total:", "stock_totaal:", 1)
    (folder / "2026.yaml").write_text(text, encoding="utf-8")
    code, _, err = invoke("validate", str(folder))
    assert code == ExitCode.BAD_INPUT
    assert "Mutatiedata" in err and "stock_totaal" in err, err
