"""The HTML report in a real browser: headless Chromium renders it without console errors,
shows every section with a chart, prints on A4, and a screenshot is kept for people to look at.

Chromium comes from `tests/install-browser.sh`, which the README's test command runs; when it is
missing the tests fail and say so. Everything they write goes to their temporary folder; set
WOONPACT_KEEP_SCREENSHOTS=DIR to keep the screenshots there for people to look at.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.browser import FLAGS, open_page
from tests.browser import chromium as find_chromium
from tests.support import BUNDLED_FACTS
from woonpact.engine.check import check
from woonpact.engine.output import html as html_report


def keep(screenshot: Path, name: str) -> None:
    """Copy a screenshot to WOONPACT_KEEP_SCREENSHOTS, when set: the suite itself writes only
    into its temporary folders."""
    folder = os.environ.get("WOONPACT_KEEP_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        shutil.copyfile(screenshot, Path(folder) / name)


@pytest.fixture(scope="session")
def chromium() -> str:
    try:
        return find_chromium()
    except RuntimeError as error:
        pytest.fail(f"headless Chromium is needed for the report test: {error}")


def test_a_page_with_a_script_error_is_caught(chromium: str, tmp_path: Path) -> None:
    """Proof that the console capture works: without it the clean-console test could not fail."""
    page = tmp_path / "broken.html"
    page.write_text('<!DOCTYPE html><html><body><p>x</p><script>console.error("deliberate");'
                    "notDefinedAnywhere();</script></body></html>", encoding="utf-8")
    opened = open_page(chromium, page, tmp_path / "broken.png", size=(400, 300))
    assert any("deliberate" in line for line in opened.console)
    assert any("Uncaught ReferenceError: notDefinedAnywhere is not defined" in line
               for line in opened.console)


def test_report_of_the_bundled_multi_year_facts_renders_cleanly(chromium: str,
                                                                 tmp_path: Path) -> None:
    result = check([BUNDLED_FACTS / "westland-2025"])
    assert len(result.years) > 1
    report = tmp_path / "rapport.html"
    report.write_text(html_report.render(result, "nl"), encoding="utf-8")
    opened = open_page(chromium, report, tmp_path / "report-screenshot.png", size=(1240, 6000))
    assert opened.console == ()
    dom = opened.dom
    for section, heading in (("summary", "Samenvatting 2026"),
                             ("findings", "Bevindingen 2026 per thema"),
                             ("ladder", "Geschillenladder"),
                             ("missing", "Ontbrekende gegevens 2026"),
                             ("trajectories", "Trajecten"), ("sources", "Verantwoording")):
        assert re.search(rf'<section id="{section}"><h2>{heading}</h2>', dom), section
    assert '<div class="tile s-breach"><b>' in dom
    this_year = [f for f in result.findings if f.year == 2026]
    carded = [f for f in this_year if f.status.value in ("breach", "warning", "missing_data")]
    assert dom.count('<article class="finding s-') == len(carded)
    assert dom.count('<tr class="row"') == len(this_year) - len(carded)
    ladder = dom.split('<section id="ladder">')[1].split("</section>")[0]
    assert ("Geen escalatiestappen in 2026." in ladder) == (not result.escalations)
    charts = dom.split('<section id="trajectories">')[1].split("</section>")[0]
    assert charts.count("<svg") >= 1 and 'class="actual"' in charts and 'class="deadline"' in charts
    assert opened.screenshot.stat().st_size > 20_000  # a blank page compresses to a few kB
    keep(opened.screenshot, "report-screenshot.png")


def printed(chromium: str, page: str, folder: Path, name: str) -> bytes:
    """The page printed to PDF by Chromium, as the report's readers print it."""
    html_file, pdf = folder / f"{name}.html", folder / f"{name}.pdf"
    html_file.write_text(page, encoding="utf-8")
    subprocess.run([chromium, *FLAGS, f"--user-data-dir={folder / 'profile'}",
                    "--no-pdf-header-footer", f"--print-to-pdf={pdf}", html_file.as_uri()],
                   capture_output=True, timeout=120, check=False)
    return pdf.read_bytes()


def pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf))


def test_report_prints_on_a4(chromium: str, tmp_path: Path) -> None:
    page = html_report.render(check([BUNDLED_FACTS / "westland-2025"]), "nl")
    pdf = printed(chromium, page, tmp_path, "rapport")
    boxes = re.findall(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", pdf)
    # A4 in points
    assert boxes and all(abs(float(w) - 595) < 1 and abs(float(h) - 842) < 1 for w, h in boxes)


# Printed pages of the report before the council layout (summary first, details folded), on the
# bundled facts and packs as they are now (commit cfa5ec5's layout): 34 for Westland, 22 for
# Stichtse Vecht. About half is the aim: at most 60%.
BEFORE = {"westland-2025": 34, "stichtse-vecht-2025": 22}


@pytest.mark.parametrize("agreement", sorted(BEFORE))
def test_the_first_printed_page_is_the_one_page_summary(chromium: str, tmp_path: Path,
                                                        agreement: str) -> None:
    """Printed alone, the summary takes one page; printed without it, the report takes one page
    fewer: so the summary is the whole first page (it stands first, a page break after it)."""
    page = html_report.render(check([BUNDLED_FACTS / agreement]), "nl")
    assert re.findall(r'<section id="(\w+)">', page)[0] == "summary"
    whole = pages(printed(chromium, page, tmp_path, "whole"))
    only = page.replace("</style>", "section:not(#summary), footer { display: none !important; }"
                                    " #summary { break-after: auto !important; }</style>")
    without = page.replace("</style>", "#summary { display: none !important; }</style>")
    assert pages(printed(chromium, only, tmp_path, "summary")) == 1
    assert pages(printed(chromium, without, tmp_path, "rest")) == whole - 1
    assert whole <= BEFORE[agreement] * 0.6, whole
    first = tmp_path / "first.html"  # the first page as it prints (A4 less its margins), to look at
    first.write_text(page.replace("@media print {", "@media all {"), encoding="utf-8")
    opened = open_page(chromium, first, tmp_path / "first-page.png", size=(695, 1017))
    assert opened.console == () and opened.screenshot.stat().st_size > 20_000
    keep(opened.screenshot, f"report-first-page-{agreement}.png")


def test_a_missing_browser_fails_and_says_what_to_do(monkeypatch: pytest.MonkeyPatch) -> None:
    """The suite never installs anything itself: without Chromium the report tests fail with the
    install step to run (the README's test command runs it)."""
    monkeypatch.setattr(shutil, "which", lambda name: None)
    with pytest.raises(RuntimeError, match=r"sh tests/install-browser\.sh"):
        find_chromium()
