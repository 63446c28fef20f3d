"""Headless Chromium for the report tests, run once per page.

The browser comes from one install step, `tests/install-browser.sh`, which the README's test
command runs before pytest (Debian's chromium, when it is missing and the step runs as root). The
tests never install anything: when Chromium is missing they fail with what to do. A page is opened
three times with the same flags: once for the screenshot, once for the DOM after rendering, once
with logging to standard error, where Chromium reports every console message and uncaught error
as a `CONSOLE` line. Everything a run writes (profile, screenshots, PDFs) goes to the test's
temporary folder.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
         "--disable-extensions", "--allow-file-access-from-files")
_CONSOLE = re.compile(r':INFO:CONSOLE[^\]]*\] "(.*)", source: (.*)$', re.MULTILINE)


def chromium_path() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


def chromium() -> str:
    """The browser, or a failure that says how to get it (never a skip)."""
    found = chromium_path()
    if found is None:
        raise RuntimeError("Chromium is missing: run `sh tests/install-browser.sh` (Debian's "
                           "chromium "
                           "package, as root) or put chromium on the PATH, then run the tests "
                           "again")
    return found


@dataclass(frozen=True)
class Page:
    dom: str
    console: tuple[str, ...]  # every console message and uncaught error, as Chromium logged it
    screenshot: Path


def open_page(browser: str, page: Path, screenshot: Path,
              size: tuple[int, int] = (1240, 1754)) -> Page:
    url = page.resolve().as_uri()
    window = f"--window-size={size[0]},{size[1]}"
    profile = screenshot.parent / "chromium-profile"

    def run(*extra: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([browser, *FLAGS, window, f"--user-data-dir={profile}", *extra, url],
                              capture_output=True, text=True, timeout=120, check=False)

    shot = run(f"--screenshot={screenshot}")
    if not screenshot.is_file():
        raise RuntimeError(f"Chromium wrote no screenshot: {shot.stderr[-2000:]}")
    dom = run("--dump-dom", "--virtual-time-budget=2000").stdout
    logged = run("--enable-logging=stderr", "--v=0", "--dump-dom",
                 "--virtual-time-budget=2000").stderr
    return Page(dom, tuple(f"{m.group(1)} ({m.group(2)})" for m in _CONSOLE.finditer(logged)),
                screenshot)
