"""Finding packs by id among the bundled ones (rules/*.yaml) or a folder given with --rules."""

from __future__ import annotations

from pathlib import Path

from engine import paths
from engine.errors import InputError, Problem
from engine.suggest import closest


def pack_files(rules_dir: Path = paths.RULES) -> dict[str, Path]:
    return {p.stem: p for p in sorted(rules_dir.glob("*.yaml"))}


def pack_path(pack_id: str, rules_dir: Path = paths.RULES) -> Path | None:
    """The pack file for an id, by its name alone.

    A national folder holds hundreds of packs and every agreement looks up its own pack and the
    packs it includes, so listing (and sorting) the folder per look-up made loading quadratic.
    """
    candidate = rules_dir / f"{pack_id}.yaml"
    return candidate if candidate.parent == rules_dir and candidate.is_file() else None


def find_pack(pack_id: str, rules_dir: Path = paths.RULES) -> Path:
    found = pack_path(pack_id, rules_dir)
    if found is None:
        files = pack_files(rules_dir)  # listed only to name the known packs and suggest one
        raise InputError(Problem("pack.unknown", params={
            "id": pack_id, "suggestion": closest(pack_id, files) or "", "known": ", ".join(files) or "-"}))
    return found
