"""`woonpact record` into an Excel fact set: the meeting becomes the next row of the workbook's
`escalations` sheet, and the workbook then checks exactly like the YAML it copies with the same
meeting recorded (issue 14 item 7)."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from tests.support import BUNDLED_FACTS
from tests.test_workbook import fill, invoke, make_template
from woonpact.engine import yamlio
from woonpact.engine.facts import record as recording
from woonpact.engine.facts.loader import load_fact_set
from woonpact.engine.model.facts import EscalationEvent
from woonpact.engine.output.result import ExitCode

SV = BUNDLED_FACTS / "stichtse-vecht-2025"
MEETING = ("--rule", "3.2-7", "--rung", "overleg", "--date", "2026-11-03", "--scope", "portaal",
           "--outcome", "unresolved", "--note", "Telling opnieuw besproken")


def workbook_facts(tmp_path: Path) -> Path:
    """The bundled Stichtse Vecht facts with 2026 as a filled-in template instead of YAML."""
    folder = tmp_path / "xlsx" / "stichtse-vecht-2025"
    shutil.copytree(SV, folder)
    (folder / "2026.yaml").unlink()
    book = make_template("stichtse-vecht-2025", tmp_path / "template.xlsx")
    fill(book, yamlio.load(SV / "2026.yaml"), SV)
    book.save(folder / "2026.xlsx")
    return folder


def escalations(folder: Path) -> list[dict]:
    code, out = invoke("check", str(folder), "--format", "json", "--fail-on", "never")
    assert code == ExitCode.OK, out
    return json.loads(out)["escalations"]


def test_a_meeting_recorded_in_a_workbook_checks_like_one_recorded_in_yaml(tmp_path: Path) -> None:
    book = workbook_facts(tmp_path)
    yaml = tmp_path / "yaml" / "stichtse-vecht-2025"
    shutil.copytree(SV, yaml)
    code, out = invoke("record", str(book / "2026.xlsx"), *MEETING)
    assert code == ExitCode.OK and "betreft 3.2-7 2026 Portaal: niet nageleefd" in out, out
    invoke("record", str(yaml / "2026.yaml"), *MEETING)
    recorded = load_fact_set(book / "2026.xlsx").escalations
    assert recorded == load_fact_set(yaml / "2026.yaml").escalations
    assert recorded[-1] == EscalationEvent("3.2-7", "overleg", dt.date(2026, 11, 3), "unresolved",
                                           "Telling opnieuw besproken", "portaal", 2026)
    assert escalations(book) == escalations(yaml)


def test_a_workbook_without_a_concerns_column_gets_one(tmp_path: Path) -> None:
    folder = workbook_facts(tmp_path)
    path = folder / "2026.xlsx"
    book = load_workbook(path)
    sheet = book["escalations"]
    column = next(c.column for c in sheet[1] if str(c.value).startswith("concerns"))
    sheet.delete_cols(column)  # a template made before the field existed
    book.save(path)
    code, out = invoke("record", str(path), "--rule", "3.2-2", "--rung", "mediation",
                       "--date", "2026-03-10", "--concerns", "2025")
    assert code == ExitCode.OK and "betreft 3.2-2 2025 Portaal: niet nageleefd" in out, out
    assert load_fact_set(path).escalations[-1].concerns == 2025
    assert [str(c.value) for c in load_workbook(path)["escalations"][1]][-1] == "concerns (year)"


def test_a_fact_set_in_json_is_still_refused(tmp_path: Path) -> None:
    path = tmp_path / "2026.json"
    path.write_text(json.dumps({"agreement": "stichtse-vecht-2025", "year": 2026}),
                    encoding="utf-8")
    code, out = invoke("record", str(path), "--rule", "3.2-2", "--rung", "overleg",
                       "--date", "2026-03-10")
    assert code == ExitCode.BAD_INPUT and "(.yaml, .yml, .xlsx)" in out


@settings(max_examples=15, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=40)
       .map(str.strip).filter(bool))
def test_any_note_reads_back_exactly_from_a_workbook(tmp_path: Path, note: str) -> None:
    """A cell reads back stripped; anything else, a note like `=SUM(A1)` or `0012` included,
    comes back exactly as text."""
    path = tmp_path / "2025.xlsx"
    book = make_template("stichtse-vecht-2025", tmp_path / "template.xlsx")
    book["agreement"].cell(3, 2).value = 2025
    book.save(path)
    event = EscalationEvent("3.2-4", "overleg", dt.date(2025, 10, 1), None, note, "vo", 2025)
    recording.record(path, event, lambda after: None)
    assert load_fact_set(path).escalations == (event,)
