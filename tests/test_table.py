"""The terminal table for the projector: clause titles beside the ids, the terminal's own width
(COLUMNS, else 100 when piped), and no line wider than that."""

from __future__ import annotations

import os
from functools import cache

import pytest

from tests.support import BUNDLED_FACTS
from woonpact.engine.check import CheckResult, check
from woonpact.engine.output import table


@cache
def westland() -> CheckResult:
    return check([BUNDLED_FACTS / "westland-2025"], year=2026)


@pytest.mark.parametrize("columns", [80, 120, 160])
def test_every_line_fits_and_every_finding_leads_with_its_clause_and_title(columns: int) -> None:
    text = table.render(westland(), "nl", columns)
    lines = text.splitlines()
    assert max(map(len, lines)) <= columns
    firsts = [line for line in lines if line[:1] in table.MARK.values()]
    assert len(firsts) == len(westland().findings)
    for line, f in zip(firsts, westland().findings):
        assert line.split()[1] == (f.rule.id if f.rule.pack == "westland-2025" else f.rule.key)
        title = f.rule.title("nl")
        assert title in line or line.split("  ", 1)[1].lstrip().startswith(title.split()[0])
    # the finding's words below it, a small indent, wrapped at the full width: no narrow column
    body = [
        line
        for line in lines
        if line.startswith(table.INDENT) and not line.startswith(table.INDENT + " ")
    ]
    assert body and sum(len(line) > columns * 0.8 for line in body) >= len(body) // 4


def test_at_120_columns_a_short_title_is_shown_whole_with_whom_it_is_about() -> None:
    text = table.render(westland(), "nl", 120)
    assert (
        "✘ 2-cycle-bod               Bod van de corporatie vóór 1 juli · Arcade (Arcade wonen)"
        in text
    )
    assert (
        "    niet nageleefd: bod: te laat opgeleverd op 08-07-2026 (uiterlijk 30-06-2026, 8 dagen "
        "te laat)"
        in text
    )


def test_the_width_is_the_terminals_or_columns_or_100_when_piped(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("COLUMNS", "132")
    assert table.width() == 132
    monkeypatch.delenv("COLUMNS")

    def piped(*_: object) -> os.terminal_size:
        raise OSError("not a terminal")

    monkeypatch.setattr(os, "get_terminal_size", piped)
    assert table.width() == table.PIPED == 100
    monkeypatch.setenv("COLUMNS", "30")
    assert table.width() == table.NARROWEST  # never narrower than a readable line
