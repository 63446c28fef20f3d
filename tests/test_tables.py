"""CSV collections are read strictly and the way Excel writes them (engine/facts/tables.py,
docs/tables.md): every doubtful row is one message with file, line and column, never a guess."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from tests.support import BUNDLED_FACTS
from woonpact.cli import main
from woonpact.engine.errors import InputError, Problem
from woonpact.engine.facts.loader import fact_set_from_data
from woonpact.engine.model.entities import Entities
from woonpact.engine.output.problems import problem_line
from woonpact.engine.output.result import ExitCode

HEADER = "id,party,date,rent,relet,target_group,refusals"
ROWS = ["l1,portaal,2025-05-02,612.50,ja,regulier,50", "l2,vo,2025-11-30,700,nee,urgent,"]


def read(tmp_path: Path, content: str | bytes, collection: str = "lettings") -> Entities:
    """The collection read from a CSV file beside a minimal fact set."""
    (tmp_path / "t.csv").write_bytes(content.encode() if isinstance(content, str) else content)
    data = {"agreement": "stichtse-vecht-2025", "year": 2025,
            "collections": {collection: {"csv": "t.csv"}}}
    return fact_set_from_data(data, tmp_path / "2025.yaml").collections[collection]


def refused(tmp_path: Path, content: str | bytes, collection: str = "lettings") -> list[Problem]:
    with pytest.raises(InputError) as caught:
        read(tmp_path, content, collection)
    return caught.value.problems


def place(problem: Problem) -> tuple[Any, ...]:
    assert problem.file is not None
    return problem.key, problem.file.name, problem.line, problem.column, problem.field


def test_blank_rows_and_rows_of_separators_are_no_entities(tmp_path: Path) -> None:
    text = "\n".join([HEADER, ROWS[0], "", ",,,,,,", " , ,,,,,", ROWS[1], ""]) + "\n\n"
    lettings = read(tmp_path, text)
    assert lettings.column("id") == ("l1", "l2")


def test_an_unclosed_quote_is_refused_where_it_opens_instead_of_swallowing_the_rows_after_it(
        tmp_path: Path) -> None:
    rows = [f"l{i},portaal,2025-05-02,600,ja,regulier,1" for i in range(3, 243)]
    text = "\n".join([HEADER, *ROWS, 'l3,"portaal,2025-05-02,600,ja,regulier,1', *rows]) + "\n"
    problem, = refused(tmp_path, text)
    assert place(problem) == ("facts.csv_quote", "t.csv", 4, None, None)
    assert "regel 244" in problem_line(problem, "nl")
    code, output = invoke("validate", str(tmp_path))
    assert code == ExitCode.BAD_INPUT and "in orde" not in output and "Traceback" not in output


def invoke(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


@pytest.mark.parametrize(("text", "expected"), [
    ("id,party,party\nl1,portaal,vo\n", ("facts.csv_header_twice", "t.csv", 1, 3, "party")),
    ("id,,party\nl1,x,portaal\n", ("facts.csv_header_empty", "t.csv", 1, 2, None)),
    ("id,party\nl1,portaal,vo\n", ("facts.csv_row_long", "t.csv", 2, 3, None)),
    ("id,party,rent\nl1,portaal\n", ("facts.csv_row_short", "t.csv", 2, 3, None)),
    ("id,party\nl1,portaal\n\nl1,vo\n", ("facts.csv_id_twice", "t.csv", 4, 1, "id")),
    ("id,party\n,portaal\n", ("facts.csv_required", "t.csv", 2, 1, "id")),
    ("id,party\n\"l\n1\",portaal\n", ("facts.csv_newline", "t.csv", 2, 1, "id")),  # not also empty
    ("id,rent\nl1,nan\n", ("facts.csv_not_plain", "t.csv", 2, 2, "rent")),
    ("id,rent\nl1,inf\n", ("facts.csv_not_plain", "t.csv", 2, 2, "rent")),
    ("id,rent\nl1,1e400\n", ("facts.csv_not_plain", "t.csv", 2, 2, "rent")),
    ("id,rent\nl1,1" + "0" * 400 + "\n", ("facts.csv_range", "t.csv", 2, 2, "rent")),
    ("id,rent\nl1,1_000\n", ("facts.csv_amount", "t.csv", 2, 2, "rent")),
    ("id,refusals\nl1,3.0\n", ("facts.csv_whole", "t.csv", 2, 2, "refusals")),
    ("id,refusals\nl1,-3\n", ("facts.csv_negative", "t.csv", 2, 2, "refusals")),
    ("id,target_group\nl1,Urgent\n", ("schema.enum", "t.csv", 2, 2, "target_group")),
    ("id,party\nl1,\"port\naal\"\n", ("facts.csv_newline", "t.csv", 2, 2, "party")),
])
def test_a_row_that_cannot_be_read_exactly_is_one_message_with_line_column_and_column_name(
        tmp_path: Path, text: str, expected: tuple[Any, ...]) -> None:
    problem, = refused(tmp_path, text)
    assert place(problem) == expected
    assert "Traceback" not in problem_line(problem, "en")


def test_every_problem_of_a_file_is_reported_in_one_run(tmp_path: Path) -> None:
    text = "\n".join([HEADER, "l1,portaal,2025-13-02,612.50,ja,regulier,50",
                      "l2,vo,2025-11-30,veel,nee,urgent,",
                      "l3,vo,2025-11-30,700,misschien,urgent,3",
                      "l4,vo,2025-11-30,700,nee,urgent,-1"])
    problems = refused(tmp_path, text)
    assert [(p.line, p.field) for p in problems] == \
        [(2, "date"), (3, "rent"), (4, "relet"), (5, "refusals")]


def test_more_problems_than_shown_are_counted(tmp_path: Path) -> None:
    text = "id,rent\n" + "".join(f"l{i},veel\n" for i in range(50))
    problems = refused(tmp_path, text)
    assert len(problems) == 21 and problems[-1].params == {"count": 30}


def lettings_rows() -> tuple[list[str], list[list[str]]]:
    path = BUNDLED_FACTS / "westland-2025" / "lettings-2026.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        header, *rows = csv.reader(handle)
    return header, rows


def written(header: list[str], rows: list[list[str]], separator: str = ",",
            dutch: bool = False) -> str:
    """The rows as Excel writes them: with `;`, Dutch Excel writes decimal commas and D-M-YYYY."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=separator, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        if dutch:
            row = [f"{int(c[8:])}-{int(c[5:7])}-{c[:4]}" if h == "date"
                   else c.replace(".", ",") if h == "rent" else c for h, c in zip(header, row)]
        writer.writerow(row)
    return out.getvalue()


@pytest.fixture(scope="module")
def as_yaml() -> Entities:
    """The bundled Westland lettings of 2026, given as a YAML list: the reference reading."""
    header, rows = lettings_rows()
    flags = ("relet", "free_allocation", "huurtoeslag", "reported_to_municipality")
    items = [{h: c == "true" if h in flags else float(c) if h == "rent"
              else int(c) if h == "refusals" else c for h, c in zip(header, row) if c}
             for row in rows]
    data = {"agreement": "westland-2025", "year": 2026, "collections": {"lettings": items}}
    return fact_set_from_data(data, Path("2026.yaml")).collections["lettings"]


@pytest.mark.parametrize(("encoding", "separator", "dutch"), [
    ("utf-8", ",", False),
    ("utf-8-sig", ",", False),  # Excel's "CSV UTF-8": a byte-order mark first
    ("cp1252", ";", True),  # Excel's plain "CSV" on a Dutch Windows
    ("utf-16", "\t", False),  # Excel's "Unicode text" (decimal points: an English Excel)
])
def test_excel_exports_read_exactly_as_the_yaml_list(tmp_path: Path, as_yaml: Entities,
                                                     encoding: str, separator: str,
                                                     dutch: bool) -> None:
    header, rows = lettings_rows()
    rows[0][0] = "ARC-2026-0001-ë"  # a character that differs between the encodings
    expected = as_yaml.column("id")
    got = read(tmp_path, written(header, rows, separator, dutch).encode(encoding))
    assert got.column("id") == ("ARC-2026-0001-ë", *expected[1:])
    assert got.columns[1:] == as_yaml.columns[1:]


def test_excels_separator_line_names_the_separator(tmp_path: Path) -> None:
    lettings = read(tmp_path, "sep=;\r\nid;rent\r\nl1;612,50\r\n")
    assert lettings.column("rent") == (612.5,)


@pytest.mark.parametrize(("text", "key", "fix"), [
    ("id,rent\nl1,\"612,50\"\n", "facts.csv_decimal", "612.50"),  # a decimal comma only with ;
    ("id;rent\nl1;612.50\n", "facts.csv_decimal", "612,50"),
    ("id;rent\nl1;1.234,50\n", "facts.csv_decimal", "1234,50"),
    ("id,date\nl1,14-09-2025\n", "facts.csv_date_fix", "2025-09-14"),  # D-M-YYYY only with ;
    ("id;date\nl1;14/09/2025\n", "facts.csv_date_fix", "2025-09-14"),
    ("id;rent\nl1;€ 612,50\n", "facts.csv_amount", "612,50"),
    ("id\trent\nl1\t612,50\n", "facts.csv_decimal_tab", "612.50"),  # a decimal comma only with ;
    ("id\tdate\nl1\t14-09-2025\n", "facts.csv_date_fix", "2025-09-14"),
])
def test_a_number_or_date_in_another_notation_is_refused_with_the_exact_fix(
        tmp_path: Path, text: str, key: str, fix: str) -> None:
    problem, = refused(tmp_path, text)
    assert problem.key == key and problem.line == 2 and problem.column == 2
    assert fix in problem_line(problem, "nl") and fix in problem_line(problem, "en")


@pytest.mark.parametrize(("content", "key"), [
    (b"id,party;rent\nl1,portaal;3\n", "facts.csv_separators"),
    ("id,party\nl1,portaal\n".encode("utf-16-le"), "facts.csv_utf16"),  # no byte-order mark
    (b"id,name\nl1,\x81\x8d\n", "facts.csv_encoding"),  # bytes that no encoding read here allows
    (b"", "facts.csv_empty"),
])
def test_a_file_that_cannot_be_decoded_or_split_is_refused_with_advice(tmp_path: Path,
                                                                       content: bytes,
                                                                       key: str) -> None:
    problem, = refused(tmp_path, content, "projects")
    assert problem.key == key
