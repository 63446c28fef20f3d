"""The data request: a workbook per party with exactly its own rows, in Dutch; the parties'
workbooks joined back into the same findings as the YAML facts; what is still missing, per party."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from tests.support import BUNDLED_FACTS, pack
from woonpact.cli import main
from woonpact.engine.check import check, included_rules, load_facts
from woonpact.engine.facts.loader import load_fact_set
from woonpact.engine.facts.request import request
from woonpact.engine.facts.vocabulary import vocabulary
from woonpact.engine.facts.workbook import CONDITIONS, LISTS, MUNICIPALITY, RECORDS
from woonpact.engine.model.pack import Role
from woonpact.engine.output.result import ExitCode

YEAR = 2026
AGREEMENTS = ("stichtse-vecht-2025", "westland-2025")
PARTIES = [(agreement, party.id) for agreement in AGREEMENTS for party in pack(agreement).parties]


def invoke(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


@pytest.fixture(scope="module")
def requests(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Each agreement's 2026 request per party, prefilled from its own 2026 facts."""
    folders = {}
    for agreement in AGREEMENTS:
        folder = tmp_path_factory.mktemp(agreement)
        code, out = invoke(
            "template",
            agreement,
            "--dir",
            str(folder),
            "--year",
            str(YEAR),
            "--prefill",
            str(BUNDLED_FACTS / agreement),
            "--deadline",
            "2027-03-01",
            "--send-to",
            "monitor@gemeente.nl",
        )
        assert code == ExitCode.OK, out
        folders[agreement] = folder
    return folders


def _items(sheet: Any) -> list[dict[str, Any]]:
    header = [str(c.value).split(" (")[0] for c in sheet[1]]
    return [
        dict(zip(header, row)) for row in sheet.iter_rows(min_row=2, values_only=True) if any(row)
    ]


@pytest.mark.parametrize(("agreement", "party"), PARTIES)
def test_a_party_workbook_holds_only_its_own_rows(
    requests: dict[str, Path], agreement: str, party: str
) -> None:
    the_pack = pack(agreement)
    asked = request(the_pack, included_rules(the_pack), YEAR).of(party)
    assert asked is not None
    path = requests[agreement] / f"{agreement}-{YEAR}-{party}.xlsx"
    if asked.empty and not asked.records:
        assert not path.exists()
        return
    facts = load_facts([BUNDLED_FACTS / agreement])[YEAR]
    book = load_workbook(path)
    vocab = vocabulary()
    special = {"agreement", CONDITIONS, LISTS, *RECORDS, *vocab.collections}
    sections = [name for name in book.sheetnames if name not in special]
    assert sections == list(asked.sections)
    read = load_fact_set(path)  # a party's workbook is a fact set of its own
    for section in sections:
        given = facts.agreement_section if section == MUNICIPALITY else facts.parties.get(section)
        rows = [row[0] for row in book[section].iter_rows(min_row=4, values_only=True) if row[0]]
        assert set(asked.figures.get(section, {})) <= set(rows)
        assert set(rows) <= set(asked.figures.get(section, {})) | set(
            given.figures if given else ()
        )
        got = read.agreement_section if section == MUNICIPALITY else read.parties.get(section)
        assert dict(got.figures if got else {}) == {
            n: v for n, v in (given.figures if given else {}).items() if n in rows
        }
    municipal = the_pack.party(party).role is Role.GEMEENTE
    for name in (n for n in book.sheetnames if n in vocab.collections):
        items = _items(book[name])
        if vocab.reported_by[name] == "municipality":
            assert municipal, name
            assert len(items) == len(facts.collections[name])
        else:
            owners = {p.id for p in the_pack.parties}
            assert all(
                item["party"] == party if not municipal else item["party"] not in owners - {party}
                for item in items
            ), name
    assert (CONDITIONS in book.sheetnames or not asked.conditions) and municipal == (
        "escalations" in book.sheetnames
    )
    others = [p.id for p in the_pack.parties if p.id != party]
    assert not set(others) & set(book.sheetnames)


@pytest.mark.parametrize("agreement", AGREEMENTS)
def test_the_parties_workbooks_read_back_into_the_same_findings(
    requests: dict[str, Path], tmp_path: Path, agreement: str
) -> None:
    original = BUNDLED_FACTS / agreement
    folder = tmp_path / agreement
    shutil.copytree(original, folder)
    (folder / f"{YEAR}.yaml").unlink()
    code, out = invoke(
        "merge",
        *map(str, sorted(requests[agreement].iterdir())),
        "-o",
        str(folder / f"{YEAR}.xlsx"),
    )
    assert code == ExitCode.OK, out
    expected, got = check([original]), check([folder])
    assert got.fact_sets[YEAR].path.suffix == ".xlsx"
    assert got.findings == expected.findings and got.escalations == expected.escalations


def test_the_cover_says_whose_request_it_is_by_when_and_to_whom(requests: dict[str, Path]) -> None:
    book = load_workbook(requests["westland-2025"] / f"westland-2025-{YEAR}-arcade.xlsx")
    cover = {
        row[1]: row[2] for row in book["agreement"].iter_rows(min_row=4, values_only=True) if row[1]
    }
    assert cover["Voor"] == "Arcade (Arcade wonen)" and cover["Inleveren uiterlijk"] == "01-03-2027"
    assert cover["Sturen naar"] == "monitor@gemeente.nl"
    assert cover["bod"].startswith("uiterlijk 30-06-2026, volgens afspraak 2-cycle-bod")
    assert cover["rent"] == "kale huur (bedrag in €): De kale huur per maand bij verhuur."
    sheet = book["arcade"]
    rows = {row[0]: row for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert rows["stock_label_efg"][2] == "aantal"
    assert rows["stock_label_efg"][3].startswith(
        "woningen met energielabel E, F of G: Woningen met energielabel"
    )
    assert "Gevraagd voor afspraak" in rows["stock_label_efg"][3]
    assert "Opgegeven voor 2025:" in rows["stock_label_efg"][3]
    assert [c.value for c in book["lettings"][1]][3] == "rent (kale huur · bedrag in €)"
    for name in book.sheetnames:
        setup = book[name].page_setup
        assert (
            setup.orientation == "landscape" and setup.fitToWidth == 1 and setup.fitToHeight == 0
        ), name
        assert (
            book[name].sheet_properties.pageSetUpPr.fitToPage
            and book[name].print_title_rows == "$1:$1"
        )


def test_in_a_party_workbook_its_own_party_is_the_only_choice(requests: dict[str, Path]) -> None:
    from tests.test_workbook import drop_downs

    book = load_workbook(requests["westland-2025"] / f"westland-2025-{YEAR}-arcade.xlsx")
    assert drop_downs(book, "lettings")["party"] == ["arcade"]
    assert drop_downs(book, "deliverables") == {
        "id": ["inschatting-lokaal-maatwerk", "bod", "huurovereenkomst-groene-tuinen"],
        "party": ["arcade"],
    }
    municipal = load_workbook(requests["westland-2025"] / f"westland-2025-{YEAR}-gemeente.xlsx")
    assert drop_downs(municipal, "meetings")["kind"] == list(
        vocabulary().enums[("meetings", "kind")]
    )


def test_an_english_request_is_english(tmp_path: Path) -> None:
    code, out = invoke(
        "template",
        "westland-2025",
        "--xlsx",
        str(tmp_path / "arcade.xlsx"),
        "--party",
        "arcade",
        "--year",
        str(YEAR),
        "--lang",
        "en",
    )
    assert code == ExitCode.OK, out
    book = load_workbook(tmp_path / "arcade.xlsx")
    cover = {
        row[1]: row[2] for row in book["agreement"].iter_rows(min_row=4, values_only=True) if row[1]
    }
    assert (
        cover["For"] == "Arcade (Arcade wonen)" and cover["Return by"] == "see the covering letter"
    )
    assert cover["Send to"] == "Gemeente Westland"
    rows = {row[0]: row for row in book["arcade"].iter_rows(min_row=2, values_only=True)}
    assert rows["stock_label_efg"][2] == "count" and rows["stock_label_efg"][3].startswith(
        "homes with energy label"
    )
    assert book.sheetnames == ["agreement", "arcade", "lettings", "deliverables", LISTS]


def test_a_figure_given_by_two_workbooks_is_refused_with_both_cells(
    requests: dict[str, Path], tmp_path: Path
) -> None:
    arcade = requests["westland-2025"] / f"westland-2025-{YEAR}-arcade.xlsx"
    copy = tmp_path / "again.xlsx"
    shutil.copy(arcade, copy)
    code, out = invoke("merge", str(arcade), str(copy), "-o", str(tmp_path / "joined.xlsx"))
    assert code == ExitCode.BAD_INPUT and not (tmp_path / "joined.xlsx").exists()
    assert (
        "again.xlsx:arcade!B4: fout [parties.arcade.figures.new_build_social]: 'new_build_social' "
        "staat ook in "
        f"westland-2025-{YEAR}-arcade.xlsx:arcade!B4" in out
    ), out


@pytest.mark.parametrize("command", ["merge", "template", "check"])
def test_a_workbook_is_written_only_under_an_xlsx_name(
    requests: dict[str, Path], tmp_path: Path, command: str
) -> None:
    """`merge -o 2027.yaml` wrote a workbook's bytes under a YAML name, which `check` then
    refused as a broken fact file: every command that writes a workbook refuses another name,
    writes nothing, and says which name to give."""
    target = tmp_path / "2027.yaml"
    arguments = {
        "merge": ["merge", *map(str, sorted(requests["westland-2025"].iterdir())), "-o"],
        "template": ["template", "westland-2025", "--xlsx"],
        "check": ["check", str(BUNDLED_FACTS / "westland-2025"), "--format", "xlsx", "-o"],
    }[command]
    code, out = invoke(*arguments, str(target))
    assert code == ExitCode.BAD_INPUT and not target.exists()
    assert "geef een bestandsnaam op .xlsx (zoals 2027.xlsx)" in out, out


def merge_spoilt(
    requests: dict[str, Path],
    tmp_path: Path,
    party: str,
    cells: dict[tuple[str, str], Any],
    *options: str,
) -> tuple[Path, int, str]:
    """Westland's request with some cells of one party's workbook changed, merged."""
    folder = tmp_path / "parts"
    shutil.copytree(requests["westland-2025"], folder)
    path = folder / f"westland-2025-{YEAR}-{party}.xlsx"
    book = load_workbook(path)
    for (sheet, cell), value in cells.items():
        book[sheet][cell].value = value
    book.save(path)
    code, out = invoke(
        "merge", *map(str, sorted(folder.iterdir())), "-o", str(tmp_path / "joined.xlsx"), *options
    )
    return path, code, out


def test_a_row_of_another_party_in_a_party_workbook_is_refused(
    requests: dict[str, Path], tmp_path: Path
) -> None:
    path, code, out = merge_spoilt(
        requests,
        tmp_path,
        "arcade",
        {("lettings", "B3"): "wonen-wateringen", ("deliverables", "B2"): None},
    )
    assert code == ExitCode.BAD_INPUT
    assert (
        f"{path.name}:lettings!B3: fout [collections.lettings[1].party]: deze regel noemt partij "
        "'wonen-wateringen'"
        in out
    )
    assert (
        f"{path.name}:deliverables!B2: fout [collections.deliverables[0].party]: deze regel noemt "
        "partij '-'"
        in out
    )


def test_an_error_in_a_joined_workbook_names_that_workbook(
    requests: dict[str, Path], tmp_path: Path
) -> None:
    path, code, out = merge_spoilt(
        requests, tmp_path, "gemeente", {("meetings", "D3"): "gemeente, arcde"}, "--lang", "en"
    )
    assert code == ExitCode.BAD_INPUT
    assert (
        f"{path.name}:meetings!D3: error [collections.meetings[1].parties[1]]: participant 'arcde'"
        in out
    ), out


def test_validate_lists_per_party_what_is_still_missing() -> None:
    code, out = invoke("validate", str(BUNDLED_FACTS / "westland-2025"), "--missing")
    assert code == ExitCode.OK
    assert out.splitlines()[1:] == [
        "Nog niet geleverd voor 2026:",
        "  Gemeente Westland (gemeente):",
        "    - voorwaarde: compensatie particulier besproken [compensatie_particulier_besproken], "
        "voor afspraak 3.1-1-compensatie",
        "    - voorwaarde: overleg wetswijziging [overleg_wetswijziging], voor afspraak 2-10",
        "  Arcade (Arcade wonen) (arcade):",
        "    - cijfer: huursomstijging [rent_sum_increase], voor afspraak "
        "npa-2025/huurverhoging-max",
        "  Wonen Wateringen (wonen-wateringen):",
        "    - cijfer: huisuitzettingen wegens huurachterstand [evictions_rent_arrears], voor "
        "afspraak 3.2-5",
        "    - cijfer: huursomstijging [rent_sum_increase], voor afspraak "
        "npa-2025/huurverhoging-max",
        "  alles geleverd: De huurdersorganisaties van de Westlandse corporaties (niet bij naam "
        "genoemd in de tekst)",
    ]
    code, out = invoke(
        "validate",
        str(BUNDLED_FACTS / "westland-2025"),
        "--missing",
        "--year",
        "2025",
        "--lang",
        "en",
    )
    assert code == ExitCode.OK and "Not yet delivered for 2025:" in out


def test_a_product_delivered_before_the_year_is_not_asked_again_but_a_yearly_one_is(
    tmp_path: Path,
) -> None:
    code, out = invoke(
        "template",
        "westland-2025",
        "--xlsx",
        str(tmp_path / "t.xlsx"),
        "--party",
        "arcade",
        "--prefill",
        str(BUNDLED_FACTS / "westland-2025"),
    )
    assert code == ExitCode.OK, out
    book = load_workbook(tmp_path / "t.xlsx")
    assert book["agreement"]["B3"].value == 2027  # the year after the last one given
    cover = {row[1] for row in book["agreement"].iter_rows(min_row=4, values_only=True)}
    assert (
        "bod" in cover and "huurovereenkomst-groene-tuinen" not in cover
    )  # delivered in 2025 (3.5-ka8)
    assert _items(book["lettings"]) == []  # last year's lettings are not this year's
