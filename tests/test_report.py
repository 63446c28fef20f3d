"""The review-meeting report: its content (summary, changes, findings, ladder, trajectories),
the HTML's self-containedness and escaping, and the Markdown's CommonMark structure."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import html
import re
import shutil
from functools import cache
from pathlib import Path

from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from tests.support import BUNDLED_FACTS
from woonpact.cli import main
from woonpact.engine.check import CheckResult, check
from woonpact.engine.model.escalation import Escalation, Reason
from woonpact.engine.model.finding import Distance, Status
from woonpact.engine.output import html as html_report
from woonpact.engine.output import markdown_report
from woonpact.engine.output.report import build, changes, charted, sources
from woonpact.engine.output.result import ExitCode

WESTLAND = BUNDLED_FACTS / "westland-2025"


@cache
def westland() -> CheckResult:
    return check([WESTLAND])


def commonmark() -> MarkdownIt:
    """CommonMark plus the GFM table rule, which the report's tables use on purpose."""
    return MarkdownIt("commonmark").enable("table")


def with_escalation(result: CheckResult) -> CheckResult:
    rule = next(f.rule for f in result.findings if f.rule.id == "3.4-30pct")
    scope = next(f.scope for f in result.findings if f.rule.id == "3.4-30pct")
    step = Escalation(rule=rule, year=2026, scope=scope, rung="overleg", recommended="mediation",
                      reasons=(Reason("ladder.breach", 2025),
                               Reason("ladder.held", 2025, dt.date(2025, 12, 4),
                                      params=(("rung", "overleg"), ("outcome", "unresolved"),
                                              ("note", ""))),
                               Reason("ladder.why.climb", 2026,
                                      params=(("rung", "overleg"), ("next", "mediation")))),
                      parties=("gemeente", "arcade"), legal_basis="artikel 44 Woningwet")
    return dataclasses.replace(result, escalations=(step,))


# -- content ------------------------------------------------------------------------------------

def test_report_is_about_the_last_year_with_the_one_before_as_comparison() -> None:
    report = build(westland())
    assert (report.year, report.previous_year) == (2026, 2025)
    assert {f.year for f in report.findings} == {2026}
    assert sum(report.by_status[2026].values()) == len(report.findings)
    assert [f.status for f in report.findings] == sorted((f.status for f in report.findings),
                                                         key=[Status.BREACH, Status.WARNING,
                                                              Status.MISSING_DATA,
                                                              Status.COMPLIANT, Status.NOT_DUE,
                                                              Status.NOT_APPLICABLE].index)
    earlier = build(westland(), 2025)
    assert (earlier.year, earlier.previous_year, earlier.changes) == (2025, None, ())


def test_changes_name_what_newly_breaches_worsens_and_recovers() -> None:
    base = next(f for f in westland().findings if f.rule.id == "3.2-1" and f.year == 2025)

    def at(year: int, status: Status, gap: float | None = None, scope: str = "a") -> object:
        return dataclasses.replace(base, year=year, status=status,
                                   scope=dataclasses.replace(base.scope, id=scope),
                                   distance=Distance(gap, "count", "more") if gap is not None
                                   else None)

    history = [at(1, Status.COMPLIANT, scope="new"), at(2, Status.BREACH, 3, scope="new"),
               at(1, Status.BREACH, 3, scope="back"), at(2, Status.COMPLIANT, scope="back"),
               at(1, Status.BREACH, 3, scope="grew"), at(2, Status.BREACH, 5, scope="grew"),
               at(1, Status.BREACH, 5, scope="shrank"), at(2, Status.BREACH, 3, scope="shrank"),
               at(1, Status.COMPLIANT, scope="warn"), at(2, Status.WARNING, 1, scope="warn"),
               at(2, Status.BREACH, 9, scope="only-now")]
    found = {(c.kind, c.after.scope.id) for c in changes(history, 1, 2)}
    assert found == {("newly_breached", "new"), ("recovered", "back"), ("worsened", "grew"),
                     ("worsened", "warn")}


def test_trajectories_chart_the_deadline_and_cumulative_clauses() -> None:
    report = build(westland())
    by_key = {(t.rule.key, t.scope.id): t for t in report.trajectories}
    path = by_key[("westland-2025/3.1-1-totaal", "westland-2025")]
    assert path.actual == ((2025, 915.0), (2026, 1075.0))
    assert path.target[-1] == (2030, 1800.0) and path.deadline == 2030
    assert all(t.rule.deadline or t.rule.trajectory or "cumulative(" in t.rule.measure.text
               for t in report.trajectories)
    assert ("westland-2025/3.2-1", "arcade") not in by_key  # a yearly share has no trajectory


def test_a_cumulative_measure_is_charted_without_a_deadline_wherever_cumulative_stands() -> None:
    rules = {r.id: r for r in westland().pack.rules}
    total = rules["3.1-1-totaal"]
    assert "cumulative(" in total.measure.text
    assert charted(dataclasses.replace(total, deadline=None, trajectory=None))
    assert not charted(rules["3.2-1"])


# -- HTML ---------------------------------------------------------------------------------------

def test_html_is_self_contained_dutch_printable_and_complete() -> None:
    page = html_report.render(westland(), "nl")
    sections = re.findall(r'<section id="(\w+)">', page)
    assert sections == ["summary", "findings", "ladder", "missing", "trajectories", "sources"]
    assert '<html lang="nl">' in page and "Samenvatting 2026" in page and "Geschillenladder" in page
    ladder = page.split('<section id="ladder">')[1].split("</section>")[0]
    steps = build(westland()).escalations
    assert steps and ladder.count('class="step"') == len(steps)
    assert "{" not in ladder  # every reason rendered as a sentence, no message placeholder left
    assert "@page { size: A4" in page and "break-inside: avoid" in page
    assert page.count("<svg") == len(build(westland()).trajectories) >= 1
    assert page.count("<details>") == len(build(westland()).findings)
    # nothing is fetched: no scripts, stylesheets, images or frames, no address outside the page
    # (a parameter's source is named as text)
    assert not re.search(r"<(script|link|img|iframe|object|embed)\b", page)
    assert not re.findall(r'(?:href|src)="(?!#)', page) and "url(" not in page
    assert set(re.findall(r'xmlns="([^"]+)"', page)) == {"http://www.w3.org/2000/svg"}
    english = html_report.render(westland(), "en")
    assert ('<html lang="en">' in english and "Disputes ladder" in english
            and "Samenvatting" not in english)


def test_html_escapes_every_text_from_packs_and_facts() -> None:
    result = westland()
    first = result.findings[0]
    hostile = dataclasses.replace(first.rule, title=dataclasses.replace(first.rule.title,
                                                                        nl="<script>x()</script> & "
                                                                           "co"),
                                  source=dataclasses.replace(first.rule.source,
                                                             quote='"<img src=x onerror=y>"'))
    findings = [dataclasses.replace(f, rule=hostile) if f.rule == first.rule else f
                for f in result.findings]
    page = html_report.render(dataclasses.replace(result, findings=findings), "nl")
    assert "<script>" not in page and "<img" not in page
    assert ("&lt;script&gt;x()&lt;/script&gt; &amp; co" in page
            and "&lt;img src=x onerror=y&gt;" in page)


def test_html_ladder_shows_each_step_with_rungs_parties_and_reasons() -> None:
    page = html_report.render(with_escalation(westland()), "nl")
    ladder = page.split('<section id="ladder">')[1].split("</section>")[0]
    assert ("3.4-30pct" in ladder
            and "Overleg (ambtelijk tripartiet, zo nodig bestuurlijk)" in ladder)
    assert "Mediation" in ladder and "Gemeente Westland, Arcade (Arcade wonen)" in ladder
    assert "artikel 44 Woningwet" in ladder
    assert ("2025: niet nageleefd" in ladder and "04-12-2025: Overleg" in ladder
            and "niet opgelost" in ladder)
    assert "volgende trede Mediation" in ladder
    assert "Geen escalatiestappen" not in ladder


# -- Markdown -----------------------------------------------------------------------------------

def test_markdown_report_parses_as_commonmark_with_its_sections_tables_and_clauses() -> None:
    text = markdown_report.render(with_escalation(westland()), "nl")
    tokens = commonmark().parse(text)
    headings = [tokens[i + 1].content for i,
                t in enumerate(tokens) if t.type == "heading_open" and t.tag == "h2"]
    assert headings == ["Samenvatting 2026", "Bevindingen 2026 per thema", "Geschillenladder",
                        "Ontbrekende gegevens 2026",
                        "Trajecten", "Verantwoording"]
    assert sum(t.type == "table_open" for t in tokens) >= 4
    details = [t for t in tokens if t.type == "html_block" and t.content.startswith("<details>")]
    assert len(details) == len(build(westland()).findings)
    quotes = [t for t in tokens if t.type == "blockquote_open"]
    assert len(quotes) == len(details)
    rendered = commonmark().render(text)
    assert "<li><strong>3.4-30pct</strong> " in rendered  # the ladder step
    assert ("<td>nieuw niet nageleefd</td>" not in rendered
            and "<strong>nieuw niet nageleefd</strong>" in rendered)


@given(st.text(st.characters(blacklist_categories=("Cs", "Cc")),
               min_size=1).filter(lambda t: bool(t.split())))
def test_markdown_inline_text_renders_exactly_as_given(text: str) -> None:
    flat = " ".join(text.split())
    inline = markdown_report.inline(text)
    for line, tag in ((inline, "p"), ("- " + inline, "li"),
                      ("| a |\n| --- |\n| " + inline + " |", "td")):
        rendered = commonmark().render(line)
        inner = re.fullmatch(rf".*<{tag}>(.*)</{tag}>.*", rendered, re.DOTALL)
        assert inner is not None, rendered
        assert html.unescape(inner.group(1)) == flat


# -- command line -------------------------------------------------------------------------------

def test_report_command_writes_html_and_markdown(tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "rapport.html"
    result = runner.invoke(main, ["report", str(WESTLAND), "-o", str(out)])
    assert (result.exit_code == ExitCode.OK
            and out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>"))
    result = runner.invoke(main, ["report", str(WESTLAND), "--format", "markdown", "--lang", "en",
                                  "--year", "2025"])
    assert result.exit_code == ExitCode.OK and "**Annual report 2025**" in result.output
    result = runner.invoke(main, ["report", str(WESTLAND), "--year", "2019"])
    assert result.exit_code == ExitCode.BAD_INPUT and "geen feiten voor jaar 2019" in result.output
    result = runner.invoke(main, ["report", str(WESTLAND / "2025.yaml"),
                                  str(BUNDLED_FACTS / "alphen-chaam-2023" / "2024.yaml")])
    assert result.exit_code == ExitCode.BAD_INPUT and "verschillende afspraken" in result.output


def test_the_account_cites_the_bytes_judged_not_the_files_as_they_are_now(tmp_path: Path) -> None:
    """A fact file or CSV saved after the check read it (the officer goes on editing while the
    report is made) is cited with the digest of what was judged."""
    folder = tmp_path / "westland-2025"
    shutil.copytree(WESTLAND, folder)
    judged = {path.name: hashlib.sha256(path.read_bytes()).hexdigest()
              for path in folder.iterdir()}
    result = check([folder])
    with (folder / "2026.yaml").open("a", encoding="utf-8") as edited:
        edited.write("\n# later\n")
    (folder / "lettings-2026.csv").write_text("id\n", encoding="utf-8")
    cited = {(s.path.name, s.year): s.sha256 for s in sources(result)}
    assert cited[("2026.yaml", 2026)] == judged["2026.yaml"]
    assert cited[("lettings-2026.csv", 2026)] == judged["lettings-2026.csv"]
    assert cited[("lettings-2025.csv", 2025)] == judged["lettings-2025.csv"]
    assert {name for name, _ in cited} == set(judged)
