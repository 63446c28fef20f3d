"""Where the bundled data lives: the repository the package is installed from (`pip install -e .`)."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RULES = ROOT / "rules"
FACTS = ROOT / "facts"
SCHEMAS = ROOT / "docs" / "schemas"
PARAMETERS = RULES / "national" / "parameters.yaml"
