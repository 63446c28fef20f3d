"""Finding packs by id among the bundled ones (rules/*.yaml) or a folder given with --rules."""

from __future__ import annotations

from pathlib import Path

from engine import paths
from engine.errors import InputError, Problem
from engine.suggest import closest


def pack_files(rules_dir: Path = paths.RULES) -> dict[str, Path]:
    return {p.stem: p for p in sorted(rules_dir.glob("*.yaml"))}


def find_pack(pack_id: str, rules_dir: Path = paths.RULES) -> Path:
    files = pack_files(rules_dir)
    if pack_id not in files:
        raise InputError(Problem("pack.unknown", params={
            "id": pack_id, "suggestion": closest(pack_id, files) or "", "known": ", ".join(files) or "-"}))
    return files[pack_id]
