"""Fuzzing the CSV and workbook readers with broken copies of the bundled Westland 2026 facts.

Whatever the bytes, rows or cells, the outcome is a clean load or an `InputError` (exit code 2),
never another exception, within a bounded time; and a fact set that loads gives exactly the
findings of a reference reading: the same data written as a JSON fact file.

The normal suite runs a modest number of examples. For a longer run on your own machine:

    WOONPACT_FUZZ_EXAMPLES=500 pytest tests/test_fuzz_tables.py
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import shutil
import tempfile
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from openpyxl.utils.exceptions import IllegalCharacterError

from tests.support import BUNDLED_FACTS, within
from tests.test_workbook import fill, make_template
from woonpact.engine import yamlio
from woonpact.engine.check import CheckResult, check
from woonpact.engine.errors import InputError
from woonpact.engine.facts import workbook
from woonpact.engine.facts.tables import read_csv
from woonpact.engine.facts.vocabulary import DERIVED_DATE_ATTRIBUTES
from woonpact.engine.i18n import MESSAGES

WESTLAND = BUNDLED_FACTS / "westland-2025"
EXAMPLES = int(os.environ.get("WOONPACT_FUZZ_EXAMPLES", "8"))
SECONDS = 30  # per example: reading a 240-row file, however broken, takes a fraction of that
FUZZ = settings(max_examples=EXAMPLES, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
TRICKY = ["", " ", "nan", "inf", "-1", "1e400", "1" + "0" * 30, "612,50", "612.50", "€ 612",
          "Arcade", "arcde", "ja", "WAAR", "maybe", "2026-02-30", "14-09-2026", "\"", "a\"b", "x,y",
          ";", "\t", "é", "\x00", "\r", "0x1F"]


def outcome(folder: Path) -> CheckResult | InputError:
    """The check's result or its refusal; any other exception fails the test."""
    try:
        with within(SECONDS):
            return check([folder])
    except InputError as error:
        assert error.problems and all(p.key in MESSAGES for p in error.problems)
        return error


def same_as_reference(result: CheckResult, data: dict[str, Any]) -> None:
    """The data that loaded, written as a JSON fact file, gives the very same findings."""
    with tempfile.TemporaryDirectory() as folder:
        text = json.dumps(data, default=str, ensure_ascii=False)
        (Path(folder) / "2026.json").write_text(text, encoding="utf-8")
        reference = check([Path(folder)])
    assert result.findings == reference.findings


def facts_2026() -> dict[str, Any]:
    return dict(yamlio.load(WESTLAND / "2026.yaml"))


# -- CSV ---------------------------------------------------------------------------------------

def csv_lines() -> list[str]:
    return (WESTLAND / "lettings-2026.csv").read_text(encoding="utf-8").splitlines()


edits = st.lists(st.one_of(
    st.tuples(st.just("cell"), st.integers(0, 240), st.integers(0, 10),
              st.one_of(st.sampled_from(TRICKY), st.text(max_size=6))),
    st.tuples(st.sampled_from(["delete", "duplicate", "blank", "separators", "quote", "swap"]),
              st.integers(0, 240), st.integers(0, 10), st.just("")),
), min_size=1, max_size=5)


def edited_rows(changes: list[tuple[str, int, int, str]]) -> str:
    lines = csv_lines()
    for kind, row, column, value in changes:
        row %= len(lines)
        cells = lines[row].split(",")
        if kind == "cell":
            cells[column % len(cells)] = value
            lines[row] = ",".join(cells)
        elif kind == "delete":
            del lines[row]
        elif kind == "duplicate":
            lines.insert(row, lines[row])
        elif kind == "blank":
            lines.insert(row, "")
        elif kind == "separators":
            lines.insert(row, "," * 9)
        elif kind == "quote":
            lines[row] = lines[row][:column] + '"' + lines[row][column:]
        elif kind == "swap":
            lines[row], lines[-1] = lines[-1], lines[row]
        if not lines:
            break
    return "\r\n".join(lines) + "\r\n"


flips = st.lists(st.tuples(st.integers(0, 2**20), st.integers(0, 255)), min_size=1, max_size=6)


def flipped(content: bytes, changes: list[tuple[int, int]]) -> bytes:
    data = bytearray(content)
    for position, value in changes:
        data[position % len(data)] = value
    return bytes(data)


def check_csv(content: bytes) -> None:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        shutil.copy(WESTLAND / "2026.yaml", folder / "2026.yaml")
        (folder / "lettings-2026.csv").write_bytes(content)
        result = outcome(folder)
        if isinstance(result, InputError):
            return
        lettings, _ = read_csv(folder / "lettings-2026.csv", "lettings")
    items = [{a: v.isoformat() if isinstance(v, dt.date) else v
              for a, v in zip(lettings.attributes, row)
              if v is not None and a not in DERIVED_DATE_ATTRIBUTES} for row in lettings.rows()]
    data = facts_2026()
    same_as_reference(result, {**data, "collections": {**data["collections"], "lettings": items}})


@FUZZ
@given(edits)
def test_csv_rows_however_broken_load_exactly_or_are_refused(
        changes: list[tuple[str, int, int, str]]) -> None:
    check_csv(edited_rows(changes).encode("utf-8"))


@FUZZ
@given(flips, st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16"]))
def test_csv_bytes_however_broken_load_exactly_or_are_refused(changes: list[tuple[int, int]],
                                                              encoding: str) -> None:
    check_csv(flipped("\r\n".join(csv_lines()).encode(encoding), changes))


# -- workbooks ---------------------------------------------------------------------------------

@cache
def workbook_bytes() -> bytes:
    """Westland 2026 typed into its template, as in tests/test_workbook.py."""
    with tempfile.TemporaryDirectory() as folder:
        book = make_template("westland-2025", Path(folder) / "template.xlsx")
    fill(book, yamlio.load(WESTLAND / "2026.yaml"), WESTLAND)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


SHEETS = ["agreement", "municipality", "arcade", "wonen-wateringen", "lettings", "projects",
          "meetings", "deliverables", "conditions", "escalations"]
cell_values = st.one_of(st.sampled_from(TRICKY), st.none(), st.booleans(), st.integers(-5, 10**6),
                        st.floats(allow_nan=True, allow_infinity=True),
                        st.sampled_from(["=1/0", "=1+1", "#DIV/0!", "#N/A", "4,6%", "0,3", "30%",
                                         "2026-13-01"]),
                        st.dates(dt.date(1900, 1, 1), dt.date(2200, 1, 1)))
cell_edits = st.lists(st.one_of(
    st.tuples(st.just("cell"), st.sampled_from(SHEETS), st.integers(1, 60), st.integers(1, 12),
              cell_values),
    st.tuples(st.just("merge"), st.sampled_from(SHEETS), st.integers(1, 60), st.integers(1, 12),
              st.none()),
    st.tuples(st.just("twice"), st.sampled_from(SHEETS[:4]), st.integers(2, 60), st.just(1),
              st.none()),
), min_size=1, max_size=4)


def edited_book(changes: list[tuple[str, str, int, int, Any]]) -> bytes:
    book = load_workbook(io.BytesIO(workbook_bytes()))
    for kind, sheet, row, column, value in changes:
        target = book[sheet]
        if kind == "cell":
            target.cell(row, column).value = value
        elif kind == "merge":
            target.merge_cells(start_row=row, start_column=column, end_row=row + 1,
                               end_column=column)
        else:
            target.append([c.value for c in target[row]])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def check_book(content: bytes) -> None:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        (folder / "2026.xlsx").write_bytes(content)
        for csv_file in WESTLAND.glob("*.csv"):
            shutil.copy(csv_file, folder / csv_file.name)
        result = outcome(folder)
        if isinstance(result, InputError):
            return
        data = workbook.read(folder / "2026.xlsx").data
    same_as_reference(result, data)


def refused_or_read(edit: Callable[[], bytes]) -> None:
    try:
        content = edit()
    except (ValueError, TypeError, IllegalCharacterError):
        return  # openpyxl would not write this workbook: nothing to read
    check_book(content)


@FUZZ
@given(cell_edits)
def test_workbook_cells_however_broken_load_exactly_or_are_refused(
        changes: list[tuple[str, str, int, int, Any]]) -> None:
    refused_or_read(lambda: edited_book(changes))


@FUZZ
@given(flips)
def test_workbook_bytes_however_broken_load_exactly_or_are_refused(
        changes: list[tuple[int, int]]) -> None:
    check_book(flipped(workbook_bytes(), changes))
