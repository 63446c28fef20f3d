"""A workspace of one's own: a folder with the user's packs (`rules/`), their rule tests
(`rules/tests/`) and fact sets (`facts/`), marked by a `woonpact.yaml` file that may declare
figures all its packs share. The installed tool finds it as it finds the bundled packs.

Which workspace a command uses, first match wins:

1. `--workspace DIR` (the command line sets it for one command, `chosen`);
2. the environment variable `WOONPACT_WORKSPACE`;
3. the nearest folder holding `woonpact.yaml`, from the current folder upward, so that a
   command works from any subfolder (`facts/mijnstad-2025/`), as git does;
4. the current folder, when it has a `rules/` folder (made by `woonpact init` before
   workspaces had a file of their own).

Without one, only the bundled packs are known.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path

from woonpact.engine import paths
from woonpact.engine.errors import InputError, Problem

FILE = "woonpact.yaml"
VARIABLE = "WOONPACT_WORKSPACE"
_CHOSEN: ContextVar[Path | None] = ContextVar("workspace", default=None)


@dataclass(frozen=True)
class Workspace:
    root: Path

    @property
    def rules(self) -> Path:
        return self.root / "rules"

    @property
    def facts(self) -> Path:
        return self.root / "facts"

    @property
    def file(self) -> Path:
        return self.root / FILE

    def writable(self) -> Workspace:
        """This workspace, unless its `rules/` are the packs woonpact ships (a clone's root, or
        the installed package): `init` and `vocabulary` would write into those packs and into
        woonpact's own documentation."""
        if self.rules.resolve() == paths.RULES.resolve():
            raise InputError(Problem("workspace.bundled", file=self.root))
        return self


@contextmanager
def chosen(root: Path | None) -> Iterator[None]:
    """Use the workspace at `root` (when given) for what runs inside: a command's `--workspace`."""
    token = _CHOSEN.set(root)
    try:
        yield
    finally:
        _CHOSEN.reset(token)


def named() -> Path | None:
    """The folder `--workspace` or `WOONPACT_WORKSPACE` names, whether it exists yet or not."""
    given = _CHOSEN.get()
    if given is None and os.environ.get(VARIABLE):
        given = Path(os.environ[VARIABLE])
    return given


def current() -> Workspace | None:
    """The workspace commands use (see the module docstring), or None."""
    given = named()
    if given is not None:
        if not given.is_dir():
            raise InputError(Problem("workspace.missing", file=given,
                                     params={"variable": VARIABLE}))
        return Workspace(given)
    here = Path.cwd()
    for folder in (here, *here.parents):
        if (folder / FILE).is_file():
            return Workspace(Path(os.path.relpath(folder)))
    legacy = Path("rules")
    if legacy.is_dir() and legacy.resolve() != paths.RULES.resolve():
        return Workspace(Path("."))
    return None


def of_pack(pack_file: Path) -> Workspace | None:
    """The workspace a pack file stands in (`<root>/rules/<pack>.yaml` beside
    `<root>/woonpact.yaml`), whose declarations its rules may read; None for a bundled pack or
    one elsewhere."""
    root = pack_file.parent.parent
    return Workspace(root) if (root / FILE).is_file() else None
