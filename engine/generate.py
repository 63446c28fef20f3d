"""Regenerate every generated file: `python -m woonpact.engine.generate`.

Run it after editing the fact vocabulary, the pack schema or the function table; tests fail
while a generated file is out of step. The facts schema is written first because the
rule-tests schema embeds it.
"""

from __future__ import annotations

import sys

from woonpact.engine import paths
from woonpact.engine.authoring import generate as authoring
from woonpact.engine.facts import generate as facts


def main() -> int:
    for module in (facts, authoring):
        for path, text in module.outputs().items():
            path.write_text(text, encoding="utf-8")
            print(f"wrote {path.relative_to(paths.PACKAGE)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
