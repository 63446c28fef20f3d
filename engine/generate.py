"""Regenerate every generated file: `python -m woonpact.engine.generate`.

Run it after editing the fact vocabulary, the pack schema, the function table or the command
line; tests fail while a generated file is out of step. The facts schema is written first
because the rule-tests schema embeds it. Besides the authors' references (engine/facts/generate.py,
engine/authoring/generate.py) it writes engine/help.txt, click's rendering of `woonpact --help`,
which the entry point prints without importing click (engine/launch.py).
"""

from __future__ import annotations

import sys
from pathlib import Path

from woonpact.engine import launch, paths
from woonpact.engine.authoring import generate as authoring
from woonpact.engine.facts import generate as facts


def outputs() -> dict[Path, str]:
    """Every generated file and what it should hold, in the order they are written."""
    return {**facts.outputs(), **authoring.outputs(), Path(launch.HELP): command_help()}


def command_help() -> str:
    """`woonpact --help` as click prints it in a terminal of at least launch.HELP_WIDTH columns."""
    import click

    from woonpact.cli import main

    context = click.Context(main, info_name="woonpact", terminal_width=launch.HELP_WIDTH)
    return main.get_help(context) + "\n"


def main() -> int:
    """The facts schema is written, and read again, before the rule-tests schema that embeds
    it is made: made from the one on disk, a changed vocabulary took two runs to arrive."""
    from woonpact.engine.schema import load_schema

    for made in (facts.outputs, lambda: {**authoring.outputs(), Path(launch.HELP): command_help()}):
        for path, text in made().items():
            path.write_text(text, encoding="utf-8")
            print(f"wrote {path.relative_to(paths.PACKAGE)}", file=sys.stderr)
        load_schema.cache_clear()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
