"""Excel in and out: a filled-in template checks exactly like the YAML it copies, a wrong cell
is named by sheet and cell, findings are written as a workbook, all or nothing."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import os
import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from tests.support import BUNDLED_FACTS, within
from woonpact.cli import main
from woonpact.engine import yamlio
from woonpact.engine.check import check
from woonpact.engine.facts.tables import read_csv
from woonpact.engine.facts.vocabulary import DERIVED_DATE_ATTRIBUTES
from woonpact.engine.output.result import ExitCode


def invoke(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def make_template(pack: str, target: Path, lang: str = "nl") -> Any:
    code, out = invoke("template", pack, "--xlsx", str(target), "--lang", lang)
    assert code == ExitCode.OK, out
    return load_workbook(target)


def _row_of(sheet: Any, name: str) -> int:
    for row in range(2, sheet.max_row + 1):
        if sheet.cell(row, 1).value == name:
            return row
    sheet.append([name])  # a figure the template did not list: a row added by hand
    return sheet.max_row


def fill(book: Any, data: dict[str, Any], folder: Path) -> None:
    """Type a YAML fact set into the template as a person would: numbers as numbers, half of the
    shares as percentage-formatted numbers and half as text, dates as date cells."""
    book["agreement"].cell(3, 2).value = data["year"]
    shares = 0
    sections = [("municipality", data.get("municipality")),
                *(data.get("parties") or {}).items()]
    for name, section in sections:
        if not section:
            continue
        sheet = book[name]
        for key in ("supplied_by", "system"):
            if key in section:
                sheet.cell(_row_of(sheet, key), 2).value = section[key]
        for figure, value in section["figures"].items():
            row = _row_of(sheet, figure)
            if isinstance(value, dict):
                sheet.cell(row, 5).value = value["contested_by"]
                sheet.cell(row, 6).value = value.get("reason")
                value = value["value"]
            if isinstance(value, str) and value.endswith("%"):
                shares += 1
                if shares % 2:
                    sheet.cell(row, 2).number_format = "0.0%"
                    value = float(value.rstrip("%")) / 100
            sheet.cell(row, 2).value = value
    for name, raw in (data.get("collections") or {}).items():
        sheet = book[name]
        columns = {str(c.value).split(" (")[0]: c.column for c in sheet[1]}
        rows = _csv_rows(folder / raw["csv"], name) if isinstance(raw, dict) else raw
        for i, item in enumerate(rows, start=2):
            for attr, value in item.items():
                if attr == "date" and isinstance(value, str):
                    value = dt.date.fromisoformat(value)
                elif isinstance(value, list):
                    value = ", ".join(value)
                sheet.cell(i, columns[attr]).value = value
    for name, value in (data.get("conditions") or {}).items():
        book["conditions"].cell(_row_of(book["conditions"], name), 2).value = value
    for name in ("escalations", "deviations"):
        columns = {str(c.value).split(" (")[0]: c.column for c in book[name][1]}
        for i, record in enumerate(data.get(name) or (), start=2):
            for attr, value in record.items():
                value = dt.date.fromisoformat(value) if attr == "date" else value
                book[name].cell(i, columns[attr]).value = (", ".join(value)
                                                           if isinstance(value, list) else value)


def _csv_rows(path: Path, collection: str) -> list[dict[str, Any]]:
    """A CSV collection's entities as a person would copy them into the sheet: every attribute
    the file gives, not those derived from the date."""
    entities, _ = read_csv(path, collection)
    return [{a: v for a, v in zip(entities.attributes, row)
             if v is not None and a not in DERIVED_DATE_ATTRIBUTES} for row in entities.rows()]


@pytest.mark.parametrize(("agreement", "year"), [("westland-2025", 2026), ("oegstgeest-2025", 2026),
                                                      ("vlaardingen-2025", 2025)])
def test_a_filled_in_template_checks_exactly_like_the_yaml(tmp_path: Path, agreement: str,
                                                           year: int) -> None:
    original = BUNDLED_FACTS / agreement
    copy = tmp_path / agreement
    shutil.copytree(original, copy)
    (copy / f"{year}.yaml").unlink()
    book = make_template(agreement, tmp_path / "template.xlsx")
    fill(book, yamlio.load(original / f"{year}.yaml"), original)
    book.save(copy / f"{year}.xlsx")
    expected, got = check([original]), check([copy])
    assert got.years == expected.years and year in got.years
    assert got.findings == expected.findings and got.escalations == expected.escalations
    assert got.fact_sets[year].deviations == expected.fact_sets[year].deviations
    assert got.fact_sets[year].path.suffix == ".xlsx"
    code, out = invoke("validate", str(copy))
    assert code == ExitCode.OK and "in orde" in out
    code, out = invoke("report", str(copy), "--format", "markdown")
    assert code == ExitCode.OK and f"Jaarrapportage {max(expected.years)}" in out


@pytest.fixture(scope="module")
def filled(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Westland 2026 as a workbook in a folder of its own, the years before as YAML."""
    folder = tmp_path_factory.mktemp("westland")
    for file in (BUNDLED_FACTS / "westland-2025").iterdir():
        if file.name != "2026.yaml":
            shutil.copy(file, folder / file.name)
    book = make_template("westland-2025", folder.parent / "template.xlsx")
    fill(book, yamlio.load(BUNDLED_FACTS / "westland-2025" / "2026.yaml"),
         BUNDLED_FACTS / "westland-2025")
    book.save(folder / "2026.xlsx")
    return folder


def figure_row(folder: Path, sheet: str, figure: str) -> int:
    rows = load_workbook(folder / "2026.xlsx")[sheet].iter_rows(min_row=1, max_col=1,
                                                                values_only=True)
    return next(i for i, (name,) in enumerate(rows, start=1) if name == figure)


def spoil(folder: Path, tmp_path: Path, sheet: str, cell: str, value: Any,
          number_format: str | None = None) -> Path:
    spoilt = tmp_path / "spoilt"
    shutil.copytree(folder, spoilt)
    book = load_workbook(spoilt / "2026.xlsx")
    book[sheet][cell].value = value
    if number_format:
        book[sheet][cell].number_format = number_format
    book.save(spoilt / "2026.xlsx")
    return spoilt


@pytest.mark.parametrize(("sheet", "cell", "value", "number_format", "expected"), [
    ("arcade", "stock_total", "veel", None,
     "2026.xlsx:arcade!{cell}: fout [parties.arcade.figures.stock_total]: waarde \"veel\""),
    ("arcade", "stock_total", -3, None,
     "2026.xlsx:arcade!{cell}: fout [parties.arcade.figures.stock_total]: waarde -3 is te klein"),
    # a whole number YAML, JSON and CSV refuse is refused here too, however the cell holds it
    ("arcade", "stock_total", 1000000000037651.0, None,
     "2026.xlsx:arcade!{cell}: fout [parties.arcade.figures.stock_total]: geheel getal van 16 "
     "cijfers is te lang"),
    ("arcade", "stock_total", 12345678901234567, None,
     "2026.xlsx:arcade!{cell}: fout [parties.arcade.figures.stock_total]: geheel getal van 17 "
     "cijfers is te lang"),
    ("arcade", "rent_sum_increase", 4.4, "General",
     "2026.xlsx:arcade!{cell}: fout [parties.arcade.figures.rent_sum_increase]: aandeel 4.4"),
    ("meetings", "C3", "gisteren", None,
     "2026.xlsx:meetings!C3: fout [collections.meetings[1].date]: ongeldige datum 'gisteren': "
     "schrijf JJJJ-MM-DD"),
    ("meetings", "B2", "borrel", None,
     "2026.xlsx:meetings!B2: fout [collections.meetings[0].kind]: waarde \"borrel\" is niet "
     "toegestaan"),
    ("meetings", "D2", "gemeente, arcde", None,
     "2026.xlsx:meetings!D2: fout [collections.meetings[0].parties[1]]: deelnemer 'arcde' van een "
     "overleg is geen partij van pakket westland-2025 (bedoelt u 'arcade'?)"),
    ("agreement", "B3", None, None,
     "2026.xlsx:agreement!B3: fout [year]: verplicht veld 'year' ontbreekt"),
    ("projects", "D1", "homess (count)", None,
     "2026.xlsx:projects!D1: fout [homess]: kolom 'homess' is onbekend voor projects (bedoelt u "
     "'homes'?)"),
])
def test_a_wrong_cell_is_named_by_sheet_and_cell(filled: Path, tmp_path: Path, sheet: str,
                                                 cell: str, value: Any,
                                                  number_format: str | None, expected: str) -> None:
    if cell[0].islower():  # a figure, by name: its value cell
        cell = f"B{figure_row(filled, sheet, cell)}"
    spoilt = spoil(filled, tmp_path, sheet, cell, value, number_format)
    code, out = invoke("check", str(spoilt))
    assert code == ExitCode.BAD_INPUT
    assert expected.format(cell=cell) in out, out


def test_shares_are_read_from_percentage_cells_and_text_alike(filled: Path, tmp_path: Path) -> None:
    cell = f"B{figure_row(filled, 'arcade', 'rent_sum_increase')}"
    as_text = spoil(filled, tmp_path, "arcade", cell, "4.4%")
    as_percent = tmp_path / "percent"
    shutil.copytree(as_text, as_percent)
    book = load_workbook(as_percent / "2026.xlsx")
    book["arcade"][cell].value, book["arcade"][cell].number_format = 0.044, "0.0%"
    book.save(as_percent / "2026.xlsx")
    figures = [check([f]).fact_sets[2026].parties["arcade"].figures["rent_sum_increase"]
               for f in (as_text, as_percent)]
    assert figures[0] == figures[1] == pytest.approx(0.044)  # the very same float as YAML's "4.4%"


def test_an_english_template_has_english_labels_and_reads_the_same(tmp_path: Path) -> None:
    book = make_template("oegstgeest-2025", tmp_path / "en.xlsx", lang="en")
    assert [c.value for c in book["wywonen"][1]][:4] == ["name", "value", "unit", "description"]
    # its figures: municipality
    assert "wywonen" in book.sheetnames and "gemeente" not in book.sheetnames
    dutch = make_template("oegstgeest-2025", tmp_path / "nl.xlsx")
    assert [[c.value for c in row][:2] for row in book["wywonen"].iter_rows(min_row=2)] == \
           [[c.value for c in row][:2] for row in dutch["wywonen"].iter_rows(min_row=2)]
    rows = zip(dutch["wywonen"].iter_rows(min_row=2), book["wywonen"].iter_rows(min_row=2))
    units = {row[0].value: (row[2].value, english[2].value) for row, english in rows}
    assert units["rent_sum_increase"] == ("percentage", "percentage")
    assert units["stock_label_efg"] == ("aantal", "count")


def test_findings_are_written_as_a_workbook(filled: Path, tmp_path: Path) -> None:
    out = tmp_path / "bevindingen.xlsx"
    code, _ = invoke("check", str(filled), "--format", "xlsx", "-o", str(out), "--fail-on", "never")
    assert code == ExitCode.OK
    result = check([filled])
    sheet = load_workbook(out)["bevindingen"]
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert len(rows) == len(result.findings)
    first = result.findings[0]
    assert rows[0][:3] == (first.rule.pack, first.year, first.rule.id)
    share = next(i for i, f in enumerate(result.findings) if f.rule.unit == "share"
                 and isinstance(f.value, float))
    assert rows[share][7] == pytest.approx(result.findings[share].value)
    assert sheet.cell(share + 2, 8).number_format == "0.0%"
    code, out_text = invoke("check", str(filled), "--format", "xlsx")
    assert code == ExitCode.BAD_INPUT and "-o" in out_text


def test_a_failed_write_leaves_no_half_file(filled: Path, tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out" / "bevindingen.xlsx"
    out.parent.mkdir()

    def refuse(*_: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", refuse)
    code, text = invoke("check", str(filled), "--format", "xlsx", "-o", str(out))
    assert code == ExitCode.BAD_INPUT and "No space left on device" in text
    assert list(out.parent.iterdir()) == []
    code, text = invoke("template", "westland-2025", "--xlsx", str(out))
    assert code == ExitCode.BAD_INPUT and list(out.parent.iterdir()) == []


def test_an_unknown_scope_in_the_escalations_sheet_is_named_by_its_cell(filled: Path,
                                                                        tmp_path: Path) -> None:
    book = load_workbook(filled / "2026.xlsx")
    columns = {str(c.value).split(" (")[0]: c.column_letter for c in book["escalations"][1]}
    spoilt = spoil(filled, tmp_path, "escalations", f"{columns['rule']}2", "3.2-1")
    book = load_workbook(spoilt / "2026.xlsx")
    book["escalations"][f"{columns['scope']}2"].value = "arcde"
    book.save(spoilt / "2026.xlsx")
    code, out = invoke("check", str(spoilt), "--lang", "en")
    assert code == ExitCode.BAD_INPUT
    assert (f"2026.xlsx:escalations!{columns['scope']}2: error [escalations[0].scope]: scope "
            "'arcde' is no party or item"
            " that rule '3.2-1' is about (did you mean 'arcade'?)") in out, out


# -- the template asks for the conditions the rules read and offers drop-downs ---------------------

def drop_downs(book: Any, sheet: str) -> dict[str, list[Any]]:
    """Each column of a sheet that has a drop-down (by its header's name), with the values it
    offers."""
    header = {c.column_letter: str(c.value).split(" (")[0] for c in book[sheet][1]}
    found = {}
    for rule in book[sheet].data_validations.dataValidation:
        assert rule.type == "list" and rule.showErrorMessage and rule.allow_blank
        first, last = str(rule.sqref).split(":")
        letter = first.rstrip("0123456789")
        # every row below the header
        assert first == f"{letter}2" and last == f"{letter}1048576", rule.sqref
        source, cells = rule.formula1.split("!")
        assert source.strip("'") == "_lists"
        start, end = cells.replace("$", "").split(":")
        found[header[letter]] = [c.value for (c,) in book["_lists"][f"{start}:{end}"]]
    return found


@pytest.mark.parametrize("agreement", ["westland-2025", "vlaardingen-2025", "oegstgeest-2025"])
def test_the_conditions_sheet_lists_each_condition_the_rules_read_with_its_clauses(
        tmp_path: Path, agreement: str) -> None:
    import re

    from tests.support import pack
    from woonpact.engine.check import included_rules

    text = (BUNDLED_FACTS.parent / "rules" / f"{agreement}.yaml").read_text(encoding="utf-8")
    expected: dict[str, set[str]] = {}
    for rule in included_rules(pack(agreement)):
        for expr in (rule.applies_if, rule.trigger and rule.trigger.when,
                     rule.trigger and rule.trigger.done, rule.measure):
            for name in re.findall(r'condition\("([^"]+)"\)', expr.text if expr else ""):
                expected.setdefault(name, set()).add(rule.id)
    assert expected and all(f'condition("{name}")' in text for name in expected)
    book = make_template(agreement, tmp_path / "t.xlsx")
    rows = list(book["conditions"].iter_rows(min_row=2, values_only=True))
    assert {name: set(read_by.split(", ")) for name, value, read_by in rows} == expected
    assert all(value is None for _, value, _ in rows)
    assert drop_downs(book, "conditions") == {"value": [True, False]}


def test_closed_columns_have_drop_downs_of_exactly_their_values(tmp_path: Path) -> None:
    from tests.support import pack
    from woonpact.engine.check import included_rules
    from woonpact.engine.facts.vocabulary import vocabulary

    book = make_template("westland-2025", tmp_path / "t.xlsx", lang="en")
    assert book["_lists"].sheet_state == "hidden" and book.sheetnames[-1] == "_lists"
    vocab = vocabulary()
    parties = [p.id for p in pack("westland-2025").parties]
    for collection in ("projects", "lettings", "meetings"):
        expected = {attr: list(vocab.enums[(collection, attr)]) if (collection, attr) in vocab.enums
                    else [True, False] if unit == "bool" else parties
                    for attr, unit in vocab.collections[collection].items()
                    if (collection, attr) in vocab.enums or unit == "bool" or attr == "party"}
        assert drop_downs(book, collection) == expected, collection
    milestones = [r.milestone.deliverable for r in included_rules(pack("westland-2025"))
                  if r.milestone]
    assert sorted(drop_downs(book, "deliverables")["id"]) == sorted(set(milestones))
    assert drop_downs(book, "lettings")["target_group"] == ["regulier", "urgent", "statushouder",
                                                            "uitstroom", "bijzonder"]
    westland = pack("westland-2025")
    escalations = drop_downs(book, "escalations")
    assert escalations["rung"] == [r.id for r in westland.ladder.rungs]
    assert escalations["outcome"] == ["resolved", "unresolved", "agreement-amended"]
    ids = list(dict.fromkeys(r.id for r in westland.rules))
    assert escalations["rule"][:len(westland.rules)] == ids
    # Westland runs 2025-2029: the national agreement in force is npa-2025, not npa-2022
    assert "npa-2025/efg" in escalations["rule"] and "npa-2022/efg" not in escalations["rule"]
    assert drop_downs(book, "deviations") == {"rule": escalations["rule"]}


def test_a_condition_left_blank_is_not_supplied(filled: Path, tmp_path: Path) -> None:
    book = load_workbook(filled / "2026.xlsx")
    row = next(r for r in range(2, book["conditions"].max_row + 1)
               if book["conditions"].cell(r, 1).value == "ingrijpende_wetswijziging")
    spoilt = spoil(filled, tmp_path, "conditions", f"B{row}", None)
    result = check([spoilt])
    assert "ingrijpende_wetswijziging" not in result.fact_sets[2026].conditions
    (finding,) = [f for f in result.findings if f.rule.id == "2-10" and f.year == 2026]
    assert finding.status.value == "missing_data", finding


# -- reading is bounded and honest ---------------------------------------------------------------

def edited(folder: Path, tmp_path: Path, edit: Callable[[Any], None]) -> Path:
    spoilt = tmp_path / "edited"
    shutil.copytree(folder, spoilt)
    book = load_workbook(spoilt / "2026.xlsx")
    edit(book)
    book.save(spoilt / "2026.xlsx")
    return spoilt


def checked(folder: Path) -> tuple[int, str]:
    with within(30):
        return invoke("check", str(folder), "--fail-on", "never")


def test_a_workbook_without_its_agreement_sheet_is_named_not_looped_on(filled: Path,
                                                                       tmp_path: Path) -> None:
    spoilt = edited(filled, tmp_path, lambda book: book.remove(book["agreement"]))
    code, out = checked(spoilt)
    assert code == ExitCode.BAD_INPUT and "het werkblad 'agreement' ontbreekt" in out, out


def test_a_stray_cell_far_away_costs_nothing_and_outside_a_table_is_named(filled: Path,
                                                                          tmp_path: Path) -> None:
    def stray(book: Any) -> None:
        book["arcade"]["XFD1048576"] = "x"  # beside the figures: not a column that is read
    code, out = checked(edited(filled, tmp_path, stray))
    assert code == ExitCode.OK, out
    def stray_in_table(book: Any) -> None:
        for row in (2, 3, 4):
            book["lettings"].cell(row, 26, "note")  # a column without a name: said once
        book["lettings"].cell(1048576, 16384, "x")
    code, out = checked(edited(filled, tmp_path / "table", stray_in_table))
    assert code == ExitCode.BAD_INPUT
    assert "lettings!Z2" in out and "lettings!XFD1048576" in out, out
    assert out.count("buiten de tabel") == 2, out


def test_rows_beyond_the_limit_are_a_message(filled: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from woonpact.engine.facts import workbook

    # 150: above the cover's rows on the agreement sheet, below Westland's 240 lettings
    monkeypatch.setattr(workbook, "MAX_ROWS", 150)  # the cache keeps the full reading: read anew
    problem, = workbook.read(filled / "2026.xlsx").problems
    assert (problem.key, problem.sheet, problem.line) == ("workbook.too_many_rows", "lettings", 151)


@pytest.mark.parametrize(("edit", "expected"), [
    # a formula saved without its value (openpyxl writes none) reads as empty otherwise
    (lambda book, cell: setattr(book["arcade"][cell], "value", "=1+1"),
     "arcade!{cell}: fout [parties.arcade.figures.stock_total]: "
     "de cel heeft een formule zonder berekende waarde"),
    (lambda book, cell: setattr(book["arcade"][cell], "value", "#DIV/0!"),
     "arcade!{cell}: fout [parties.arcade.figures.stock_total]: "
     "de cel geeft de foutwaarde #DIV/0!"),
    # merged cells keep the first value only: the figure below would be lost
    (lambda book, cell: book["arcade"].merge_cells(f"{cell}:B{int(cell[1:]) + 1}"),
     "arcade!{cell}: fout: de cellen {cell}:B{next} zijn samengevoegd"),
    # a second row for the same figure would overwrite the first
    (lambda book, cell: book["arcade"].append(["stock_total", 1]),
     "fout [parties.arcade.figures.stock_total]: dit staat al in cel {cell}"),
])
def test_a_cell_that_cannot_be_read_exactly_is_refused_by_sheet_and_cell(
        filled: Path, tmp_path: Path, edit: Callable[[Any, str], None], expected: str) -> None:
    cell = f"B{figure_row(filled, 'arcade', 'stock_total')}"
    code, out = checked(edited(filled, tmp_path, lambda book: edit(book, cell)))
    assert code == ExitCode.BAD_INPUT
    assert expected.format(cell=cell, next=int(cell[1:]) + 1) in out, out


def test_every_problem_of_a_workbook_is_reported_in_one_run(filled: Path, tmp_path: Path) -> None:
    cell = f"B{figure_row(filled, 'arcade', 'stock_total')}"

    def spoil_three(book: Any) -> None:
        book["arcade"][cell] = "=1+1"  # a cell that cannot be read, beside what the schema refuses
        book["arcade"].append(["stock_social", -1])
        book["meetings"]["B2"] = "borrel"
    code, out = checked(edited(filled, tmp_path, spoil_three))
    assert code == ExitCode.BAD_INPUT
    assert "formule zonder berekende waarde" in out and "te klein" in out and "borrel" in out, out


def damaged(good: bytes, how: str) -> bytes:
    """The workbook broken as a disk, a download or a hand-edit breaks one."""
    if how == "truncated":
        return good[: len(good) // 2]
    if how == "not a zip":
        return b"PK\x03\x04" + bytes(range(256)) * 4
    source, out = zipfile.ZipFile(io.BytesIO(good)), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename.startswith("xl/worksheets/sheet2"):
                data = data[: len(data) // 2] if how == "xml" else data
            target.writestr(item, data)
    broken = bytearray(out.getvalue())
    if how == "deflate":
        member = next(i for i in zipfile.ZipFile(out).infolist()
                      if i.filename.startswith("xl/worksheets/sheet2"))
        start = member.header_offset + 30 + len(member.filename) + len(member.extra)
        for offset in range(start + 5, start + 25):
            broken[offset] ^= 0x5A
    return bytes(broken)


@pytest.mark.parametrize("how", ["truncated", "not a zip", "xml", "deflate"])
def test_a_damaged_workbook_is_one_message(filled: Path, tmp_path: Path, how: str) -> None:
    spoilt = tmp_path / "spoilt"
    shutil.copytree(filled, spoilt)
    (spoilt / "2026.xlsx").write_bytes(damaged((filled / "2026.xlsx").read_bytes(), how))
    code, out = checked(spoilt)
    assert code == ExitCode.BAD_INPUT and "Traceback" not in out, out
    lines = [line for line in out.splitlines() if line.strip()]
    assert len(lines) == 1 and "2026.xlsx" in lines[0], out


def test_a_workbook_fact_set_cites_the_bytes_it_was_read_from(filled: Path) -> None:
    """The report's account names each file judged by the digest of the bytes read (one read:
    its size is checked and its sheets are parsed from the same bytes)."""
    book = filled / "2026.xlsx"
    fact_set = check([filled]).fact_sets[2026]
    assert fact_set.sources[0].path == book
    assert fact_set.sources[0].sha256 == hashlib.sha256(book.read_bytes()).hexdigest()
