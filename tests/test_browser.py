"""The HTML report in a real browser: headless Chromium renders it without console errors,
shows every section with a chart, prints on A4, and a screenshot is kept for people to look at.

Chromium is installed by the session fixture when missing (see tests/browser.py); the screenshot
goes to the test's tmp dir and is copied to build/report-screenshot.png (git-ignored).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from woonpact.engine.check import check
from woonpact.engine.output import html as html_report
from tests.browser import FLAGS, install_chromium, open_page
from tests.support import BUNDLED_FACTS, REPOSITORY

KEPT = REPOSITORY / "build" / "report-screenshot.png"


@pytest.fixture(scope="session")
def chromium() -> str:
    try:
        return install_chromium()
    except (RuntimeError, subprocess.CalledProcessError) as error:
        pytest.fail(f"headless Chromium is needed for the report test: {error}")


def test_a_page_with_a_script_error_is_caught(chromium: str, tmp_path: Path) -> None:
    """Proof that the console capture works: without it the clean-console test could not fail."""
    page = tmp_path / "broken.html"
    page.write_text('<!DOCTYPE html><html><body><p>x</p><script>console.error("deliberate");'
                    "notDefinedAnywhere();</script></body></html>", encoding="utf-8")
    opened = open_page(chromium, page, tmp_path / "broken.png", size=(400, 300))
    assert any("deliberate" in line for line in opened.console)
    assert any("Uncaught ReferenceError: notDefinedAnywhere is not defined" in line for line in opened.console)


def test_report_of_the_bundled_multi_year_facts_renders_cleanly(chromium: str, tmp_path: Path) -> None:
    result = check([BUNDLED_FACTS / "westland-2025"])
    assert len(result.years) > 1
    report = tmp_path / "rapport.html"
    report.write_text(html_report.render(result, "nl"), encoding="utf-8")
    opened = open_page(chromium, report, tmp_path / "report-screenshot.png", size=(1240, 6000))
    assert opened.console == ()
    dom = opened.dom
    for section, heading in (("summary", "Samenvatting"), ("changes", "Veranderingen sinds 2025"),
                             ("ladder", "Geschillenladder"), ("trajectories", "Trajecten"),
                             ("findings", "Bevindingen 2026 per thema")):
        assert re.search(rf'<section id="{section}"><h2>{heading}</h2>', dom), section
    assert '<div class="tile s-breach"><b>' in dom
    assert dom.count('<article class="finding s-') == len([f for f in result.findings if f.year == 2026])
    ladder = dom.split('<section id="ladder">')[1].split("</section>")[0]
    assert ("Geen escalatiestappen in 2026." in ladder) == (not result.escalations)
    charts = dom.split('<section id="trajectories">')[1].split("</section>")[0]
    assert charts.count("<svg") >= 1 and 'class="actual"' in charts and 'class="deadline"' in charts
    assert opened.screenshot.stat().st_size > 20_000  # a blank page compresses to a few kB
    KEPT.parent.mkdir(exist_ok=True)
    shutil.copyfile(opened.screenshot, KEPT)


def test_report_prints_on_a4(chromium: str, tmp_path: Path) -> None:
    report = tmp_path / "rapport.html"
    report.write_text(html_report.render(check([BUNDLED_FACTS / "westland-2025"]), "nl"), encoding="utf-8")
    pdf = tmp_path / "rapport.pdf"
    subprocess.run([chromium, *FLAGS, f"--user-data-dir={tmp_path / 'profile'}", "--no-pdf-header-footer",
                    f"--print-to-pdf={pdf}", report.as_uri()], capture_output=True, timeout=120, check=False)
    boxes = re.findall(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", pdf.read_bytes())
    assert boxes and all(abs(float(w) - 595) < 1 and abs(float(h) - 842) < 1 for w, h in boxes)  # A4 in points
