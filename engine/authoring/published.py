"""What a workspace publishes for its editors and readers, laid out as in the repository:
`docs/schemas/` (the schemas its YAML files name on their first line) and `docs/facts.md` (the
fact vocabulary), both with the figures, attributes and dated values the workspace and its
packs declare, so an editor completes an own figure as it completes a shared one.

`woonpact init` writes them, `woonpact vocabulary` rewrites them after a declaration changed.
They are generated: each run replaces them.
"""

from __future__ import annotations

import json
from pathlib import Path

from woonpact.engine import paths
from woonpact.engine.authoring.generate import rule_tests_schema
from woonpact.engine.errors import InputError
from woonpact.engine.facts.generate import build_doc, build_schema, with_own
from woonpact.engine.facts.vocabulary import combine
from woonpact.engine.model.declarations import Declarations
from woonpact.engine.rules.packs import pack_by_path, workspace_declarations
from woonpact.engine.workspace import Workspace

SCHEMAS = Path("docs") / "schemas"
COPIED = ("pack.schema.json", "workspace.schema.json")


def declared(workspace: Workspace, skip_broken: bool = False) -> Declarations:
    """Everything the workspace's file and its packs declare. `skip_broken`: leave out a pack
    that does not load (for `init`, which should not fail on another pack; lint reports it)."""
    parts = [workspace_declarations(workspace)]
    for pack_file in sorted(workspace.rules.glob("*.yaml")):
        try:
            parts.append(pack_by_path(pack_file).declarations)
        except InputError:
            if not skip_broken:
                raise
    return combine(parts)


def published(workspace: Workspace, skip_broken: bool = False) -> dict[Path, str]:
    """The workspace's generated files by path, with their text."""
    vocab = with_own(declared(workspace, skip_broken))
    facts = build_schema(vocab)
    schemas = workspace.root / SCHEMAS
    texts = {schemas / name: (paths.SCHEMAS / name).read_text(encoding="utf-8") for name in COPIED}
    texts[schemas / "facts.schema.json"] = _json(facts)
    texts[schemas / "rule-tests.schema.json"] = _json(rule_tests_schema(facts))
    texts[workspace.root / "docs" / "facts.md"] = build_doc(
        vocab, "`woonpact vocabulary` from the shared vocabulary and this workspace's declarations")
    return texts


def write(texts: dict[Path, str]) -> list[Path]:
    for path, text in texts.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return list(texts)


def _json(schema: dict[str, object]) -> str:
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
