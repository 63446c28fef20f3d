"""Headless Chromium for the report tests: installed on first use, run once per page.

CI only runs `pip install -e '.[test]' && pytest` on a fresh Debian machine as root, so the
browser is installed here, with apt, when it is missing (`apt-get update` first if the package
lists are stale). A page is opened three times with the same flags: once for the screenshot,
once for the DOM after rendering, once with logging to standard error, where Chromium reports
every console message and uncaught error as a `CONSOLE` line.
"""

from __future__ import annotations

import os
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


def install_chromium() -> str:
    """Install Debian's `chromium` package; fail loudly (never skip) when that is impossible."""
    found = chromium_path()
    if found:
        return found
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        raise RuntimeError("Chromium is missing and cannot be installed here (needs root and apt-get): "
                           "run `apt-get install -y chromium` and try again")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    install = ["apt-get", "install", "-y", "--no-install-recommends", "chromium"]
    if subprocess.run(install, env=env, capture_output=True, check=False).returncode != 0:
        subprocess.run(["apt-get", "update"], env=env, capture_output=True, check=True)
        subprocess.run(install, env=env, capture_output=True, check=True)
    found = chromium_path()
    if not found:
        raise RuntimeError("apt-get installed chromium but no `chromium` command is on the PATH")
    return found


@dataclass(frozen=True)
class Page:
    dom: str
    console: tuple[str, ...]  # every console message and uncaught error, as Chromium logged it
    screenshot: Path


def open_page(browser: str, page: Path, screenshot: Path, size: tuple[int, int] = (1240, 1754)) -> Page:
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
    logged = run("--enable-logging=stderr", "--v=0", "--dump-dom", "--virtual-time-budget=2000").stderr
    return Page(dom, tuple(f"{m.group(1)} ({m.group(2)})" for m in _CONSOLE.finditer(logged)), screenshot)
