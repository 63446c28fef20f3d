"""`woonpact init`: a new pack's skeleton that lints clean, passes its tests and checks, in a
workspace of one's own (engine/workspace.py).

From the templates beside this module: the pack (a header and one commented example rule of
each common kind), its rule tests and a fact set for the first year, and, when the folder is
not a workspace yet, its `woonpact.yaml`. Each starts with the YAML language server's `$schema`
comment, a path relative to the file into the workspace's `docs/schemas/`, which `init` writes
with `docs/facts.md` (engine/authoring/published.py), so an editor validates and completes it.
Nothing the author writes is overwritten; all files are written or none.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path
from string import Template

from woonpact.engine.authoring.published import SCHEMAS, published, write
from woonpact.engine.authoring.ruletests import rule_tests_path
from woonpact.engine.errors import InputError, Problem
from woonpact.engine.workspace import Workspace

TEMPLATES = Path(__file__).with_name("templates")
PACK_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
TERM_YEARS = 4


def scaffold(pack_id: str, workspace: Workspace, today: dt.date | None = None) -> list[Path]:
    """Write the skeleton of `pack_id` into `workspace` (rules/, rules/tests/, facts/<pack>/),
    with the workspace's file when it has none; the files written, the pack first."""
    workspace.writable()
    if not PACK_ID.match(pack_id):
        raise InputError(Problem("init.bad_id", field="pack", params={"id": pack_id}))
    year_suffix = re.search(r"-((?:19|20)\d\d)$", pack_id)
    first = int(year_suffix.group(1)) if year_suffix else (today or dt.date.today()).year
    name = pack_id[: year_suffix.start()] if year_suffix else pack_id
    pack = workspace.rules / f"{pack_id}.yaml"
    targets = {pack: "pack.yaml", rule_tests_path(pack): "tests.yaml",
               workspace.facts / pack_id / f"{first}.yaml": "facts.yaml"}
    existing = [Problem("init.exists", file=path) for path in targets if path.exists()]
    if existing:
        raise InputError(existing)
    if not workspace.file.exists():
        targets[workspace.file] = "workspace.yaml"
    values = {
        "pack": pack_id, "municipality": "-".join(w.capitalize() for w in name.split("-")),
        "first": first, "last": first + TERM_YEARS - 1, "before": first - 1, "second": first + 1,
    }
    texts = {}
    kinds = (("pack", "pack"), ("facts", "facts"), ("tests", "rule-tests"),
             ("workspace", "workspace"))
    for path, template in targets.items():
        schemas = {f"{kind}_schema": Path(os.path.relpath(
            workspace.root / SCHEMAS / f"{schema}.schema.json", path.parent)).as_posix()
            for kind, schema in kinds}
        text = (TEMPLATES / template).read_text(encoding="utf-8")
        texts[path] = Template(text).substitute(values, **schemas)
    generated = published(workspace, skip_broken=True)  # first: a broken woonpact.yaml stops all
    written = write(texts)
    write(generated)
    return written
