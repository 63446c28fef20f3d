"""`woonpact init`: a new pack's skeleton that lints clean, passes its tests and checks.

Three files from the templates beside this module: the pack (a header and one commented example
rule of each common kind), a fact set for the first year and the rule tests. Each starts with
the YAML language server's `$schema` comment, as a path relative to the file, so an editor
validates and completes it. Nothing is overwritten; all three are written or none.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path
from string import Template

from woonpact.engine import paths
from woonpact.engine.authoring.ruletests import rule_tests_path
from woonpact.engine.errors import InputError, Problem

TEMPLATES = Path(__file__).with_name("templates")
PACK_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
TERM_YEARS = 4


def scaffold(pack_id: str, root: Path, today: dt.date | None = None) -> list[Path]:
    """Write the skeleton of `pack_id` under `root` (rules/, rules/tests/, facts/<pack>/)."""
    if not PACK_ID.match(pack_id):
        raise InputError(Problem("init.bad_id", field="pack", params={"id": pack_id}))
    year_suffix = re.search(r"-((?:19|20)\d\d)$", pack_id)
    first = int(year_suffix.group(1)) if year_suffix else (today or dt.date.today()).year
    name = pack_id[: year_suffix.start()] if year_suffix else pack_id
    pack = root / "rules" / f"{pack_id}.yaml"
    targets = {pack: "pack.yaml", rule_tests_path(pack): "tests.yaml",
               root / "facts" / pack_id / f"{first}.yaml": "facts.yaml"}
    existing = [Problem("init.exists", file=path) for path in targets if path.exists()]
    if existing:
        raise InputError(existing)
    values = {
        "pack": pack_id, "municipality": "-".join(w.capitalize() for w in name.split("-")),
        "first": first, "last": first + TERM_YEARS - 1, "before": first - 1, "second": first + 1,
    }
    texts = {}
    for path, template in targets.items():
        schemas = {f"{kind}_schema": Path(os.path.relpath(paths.SCHEMAS / f"{schema}.schema.json", path.parent)).as_posix()
                   for kind, schema in (("pack", "pack"), ("facts", "facts"), ("tests", "rule-tests"))}
        texts[path] = Template((TEMPLATES / template).read_text(encoding="utf-8")).substitute(values, **schemas)
    for path, text in texts.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return list(texts)
