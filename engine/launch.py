"""The `woonpact` command's entry point, which answers `woonpact --help` before importing click.

Importing click alone takes twice as long as starting Python, so the overview of the commands
is click's own rendering of it, generated into help.txt by `python -m woonpact.engine.generate`
(a test fails while it is out of step with cli.py) and printed from there. Everything else,
`woonpact <command> --help` included, goes to the click application in woonpact.cli. Only the
standard library's always-loaded modules are used here. Once the command is done, the process
ends at once (`_end`), with the command's exit code.
"""

from __future__ import annotations

import os
import sys

HELP = os.path.join(os.path.dirname(__file__), "help.txt")
HELP_WIDTH = 80  # click renders help at most this wide; in a narrower terminal click renders it


def main() -> None:
    if sys.argv[1:] in (["--help"], ["-h"]) and _width() >= HELP_WIDTH:
        with open(HELP, encoding="utf-8") as handle:
            sys.stdout.write(handle.read())
        return
    from woonpact.cli import main as application

    try:
        application()
    except SystemExit as done:
        _end(done.code)


def _end(code: object) -> None:
    """End the process as `sys.exit(code)` would, without tearing down what it built.

    A check leaves every object of the agreements it judged behind; an interpreter ending
    normally runs the cyclic collector over them and frees them one by one: about 20 ms after
    one agreement's check, a tenth of it. The command has written its output and closed its
    files by now, so the standard streams are flushed and the process ends at once. Should a
    stream fail to flush (a closed pipe), the interpreter ends as usual and reports it."""
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):
        raise SystemExit(code) from None
    if code is None or isinstance(code, int):
        os._exit(code or 0)
    raise SystemExit(code)  # a message: the interpreter prints it and exits 1


def _width() -> int:
    """The terminal's width as click finds it (shutil.get_terminal_size), without shutil."""
    try:
        columns = int(os.environ.get("COLUMNS", "0"))
    except ValueError:
        columns = 0
    if columns > 0:
        return columns
    if sys.__stdout__ is None:
        return HELP_WIDTH
    try:
        return os.get_terminal_size(sys.__stdout__.fileno()).columns or HELP_WIDTH
    except (AttributeError, ValueError, OSError):
        return HELP_WIDTH
