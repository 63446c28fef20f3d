"""The layers of the engine: imports follow the pipeline, and a backward one fails here.

`LAYERS` is the contract, lowest first. A unit is a package of engine/ (`facts`), a module at
the top of engine/ (`check`), the package `engine` itself (its version) or `cli`. A module may
import from its own layer and from the layers below it, never from a layer above; units in one
layer may import one another, but never both ways (directly or round a circle). Every import
counts: at the top of a module, inside a function (the lazy imports that keep start-up quick)
and under `if TYPE_CHECKING:` (a type is a dependency too). docs/design.md draws these layers,
and a test here keeps the drawing naming every module where it stands.
"""

from __future__ import annotations

import ast
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

LAYERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    # what every layer may use: errors, notes, files, the cache, the catalogue of sentences
    ("foundation", ("engine", "errors", "notes", "paths", "suggest", "i18n", "notation",
                    "collector", "cores", "files", "yamlio", "workspace", "cache")),
    ("model", ("model",)),  # frozen dataclasses: packs, syntax trees, fact sets, findings
    ("language", ("language",)),  # the expression language: parser, types, closures
    ("national", ("params", "schema")),  # the national figures; the JSON Schemas
    ("facts", ("facts",)),  # the fact vocabulary; reading and validating fact sets
    ("rules", ("rules",)),  # reading and validating packs, against the vocabulary
    ("evaluation", ("evaluation",)),
    ("ladder", ("ladder",)),
    ("check", ("codes", "check", "preload")),  # a pack and its facts together, judged
    ("output", ("output",)),
    ("authoring", ("authoring",)),
    ("jobs", ("jobs",)),  # one function per command: the pipeline, written once
    ("entry", ("cli", "launch", "generate")),
)
LAYER_OF = {unit: index for index, (_, units) in enumerate(LAYERS) for unit in units}


@dataclass(frozen=True)
class Import:
    file: Path
    line: int
    source: str  # the unit importing
    target: str  # the unit imported
    text: str  # the import as written

    def __str__(self) -> str:
        return f"{self.file.relative_to(ROOT)}:{self.line}: {self.text}"


def modules() -> Iterator[Path]:
    yield ROOT / "cli.py"
    yield from sorted((ROOT / "engine").rglob("*.py"))


def module_name(file: Path) -> str:
    parts = list(file.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(["woonpact", *parts])


def unit_of(module: str) -> str | None:
    """`facts` for woonpact.engine.facts.loader, `check` for woonpact.engine.check, `engine` for
    the package itself, `cli` for woonpact.cli; None for a module outside woonpact."""
    parts = module.split(".")
    if parts[0] != "woonpact" or len(parts) == 1:
        return None
    if parts[1] != "engine":
        return parts[1]
    return parts[2] if len(parts) > 2 else "engine"


def is_module(name: str) -> bool:
    path = ROOT.joinpath(*name.split(".")[1:])
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


def imported(file: Path, node: ast.Import | ast.ImportFrom) -> Iterator[str]:
    """The modules an import statement loads: `from package import module` loads the module."""
    if isinstance(node, ast.Import):
        yield from (alias.name for alias in node.names)
        return
    base = node.module or ""
    if node.level:
        package = module_name(file).split(".")
        if file.name != "__init__.py":
            package.pop()
        package = package[: len(package) - node.level + 1]
        base = ".".join(package + ([node.module] if node.module else []))
    for alias in node.names:
        whole = f"{base}.{alias.name}"
        yield whole if is_module(whole) else base


def imports() -> Iterator[Import]:
    """Every import of another unit, once per statement and unit imported."""
    for file in modules():
        source = unit_of(module_name(file))
        assert source is not None
        lines = file.read_text(encoding="utf-8").splitlines()
        for node in ast.walk(ast.parse("\n".join(lines), str(file))):
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                for target in dict.fromkeys(map(unit_of, imported(file, node))):
                    if target is not None and target != source:
                        yield Import(file, node.lineno, source, target,
                                     lines[node.lineno - 1].strip())


def test_every_unit_has_a_layer() -> None:
    units = {unit_of(module_name(file)) for file in modules()}
    assert sorted(u for u in units if u not in LAYER_OF) == [], \
        "put each new package or top-level module of engine/ in a layer of LAYERS"
    assert sorted(set(LAYER_OF) - units) == [], "LAYERS names a unit that no longer exists"


def test_no_import_goes_up_a_layer() -> None:
    backward = [f"{found}  ({LAYERS[LAYER_OF[found.source]][0]} may not import "
                f"{LAYERS[LAYER_OF[found.target]][0]})"
                for found in imports() if LAYER_OF[found.target] > LAYER_OF[found.source]]
    assert backward == [], "backward imports:\n" + "\n".join(backward)


def test_no_units_import_each_other() -> None:
    edges: dict[str, dict[str, Import]] = defaultdict(dict)
    for found in imports():
        edges[found.source].setdefault(found.target, found)
    circles = []
    for start in sorted(edges):
        path = _circle(start, edges)
        if path and min(path) == start:  # each circle once, from its smallest unit
            circles.append(" -> ".join([*path, start]) + "\n  " + "\n  ".join(
                str(edges[a][b]) for a, b in zip(path, [*path[1:], start])))
    assert circles == [], "units that import one another:\n" + "\n".join(circles)


def _circle(start: str, edges: dict[str, dict[str, Import]]) -> list[str] | None:
    """A shortest path of imports from `start` back to itself, or None."""
    paths = [[start]]
    seen = {start}
    while paths:
        path = paths.pop(0)
        for target in sorted(edges.get(path[-1], {})):
            if target == start:
                return path
            if target not in seen:
                seen.add(target)
                paths.append([*path, target])
    return None


def drawing() -> dict[str, set[str]]:
    """The rows of the layers drawn in docs/design.md, top first: a label and the names in it."""
    text = (ROOT / "docs" / "design.md").read_text(encoding="utf-8")
    block = text.split("## The layers", 1)[1].split("```", 2)[1]
    rows: dict[str, set[str]] = {}
    label = ""
    for line in block.splitlines():
        if line[1:2].strip():
            label, line = line.split()[0].rstrip("/"), line[len(line.split()[0]) + 1:]
            rows[label] = set()
        if label:
            rows[label] |= set(re.findall(r"[\w.]+/?", line))
    return rows


def test_design_md_draws_every_layer_and_module() -> None:
    rows = drawing()
    assert list(rows) == [name for name, _ in reversed(LAYERS)]
    for name, units in LAYERS:
        for unit in (u for u in units if u != "engine"):
            folder = ROOT / "engine" / unit
            if folder.is_dir():  # a package: each of its modules and packages
                expected = {p.stem for p in folder.rglob("*.py")} - {"__init__"}
                expected |= {f"{d.name}/" for d in folder.iterdir()
                             if (d / "__init__.py").is_file()}
            else:
                expected = {"cli.py" if unit == "cli" else unit}
            assert expected <= rows[name], (name, sorted(expected - rows[name]))
