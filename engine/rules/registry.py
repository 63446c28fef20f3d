"""Finding packs by id: in a folder given with --rules; else in the workspace's rules/ (a rule
author's own folder, as `woonpact init` makes it; engine/workspace.py) and then among the
bundled ones."""

from __future__ import annotations

from pathlib import Path

from woonpact.engine import paths, workspace
from woonpact.engine.errors import InputError, Problem
from woonpact.engine.suggest import closest


def pack_files(rules_dir: Path = paths.RULES) -> dict[str, Path]:
    return {p.stem: p for p in sorted(rules_dir.glob("*.yaml"))}


def search_folders() -> list[Path]:
    """The workspace's rules/ first when it exists and is not the bundled folder itself, then
    the bundled packs."""
    found = workspace.current()
    own = found.rules if found is not None else None
    if own is not None and own.is_dir() and own.resolve() != paths.RULES.resolve():
        return [own, paths.RULES]
    return [paths.RULES]


def bundled(pack_file: Path) -> bool:
    """Whether a pack is one woonpact ships (else it is the user's own)."""
    return pack_file.parent.resolve() == paths.RULES.resolve()


def available_packs(rules_dir: Path | None = None) -> dict[str, Path]:
    """Every pack by id, a local pack hiding a bundled one of the same id."""
    files: dict[str, Path] = {}
    for folder in reversed([rules_dir] if rules_dir is not None else search_folders()):
        files.update(pack_files(folder))
    return files


def pack_path(pack_id: str, rules_dir: Path) -> Path | None:
    """The pack file for an id in one folder, by its name alone.

    A national folder holds hundreds of packs and every agreement looks up its own pack and the
    packs it includes, so listing (and sorting) the folder per look-up made loading quadratic.
    """
    candidate = rules_dir / f"{pack_id}.yaml"
    try:
        return candidate if candidate.parent == rules_dir and candidate.is_file() else None
    except OSError:  # an id no file can be named after (too long): no such pack
        return None


def find_pack(pack_id: str, rules_dir: Path | None = None) -> Path:
    folders = [rules_dir] if rules_dir is not None else search_folders()
    found = next((p for p in (pack_path(pack_id, f) for f in folders) if p is not None), None)
    if found is None:
        files = available_packs(rules_dir)  # listed only to name the known packs and suggest one
        raise InputError(Problem("pack.unknown", params={
            "id": pack_id, "suggestion": closest(pack_id, files) or "",
            "known": ", ".join(files) or "-"}))
    return found
