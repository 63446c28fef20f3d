"""Where the bundled data lives: inside the installed `woonpact` package, so that a wheel works
exactly as a clone does and nothing is read from a source tree at run time.

The repository root is mapped onto the `woonpact` package (see pyproject.toml), which has no
`__init__.py` of its own. On Python 3.11 importlib.resources cannot open such a namespace
package when it is installed in editable mode, so the bundle is found as the folder around the
regular package `woonpact.engine`: the wheel's `site-packages/woonpact/`, or the checkout.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

PACKAGE = Path(str(files("woonpact.engine"))).parent
RULES = PACKAGE / "rules"
SCHEMAS = PACKAGE / "docs" / "schemas"
PARAMETERS = RULES / "national" / "parameters.yaml"
