"""The package as installed: one top-level name, every engine package listed for the wheel."""

from __future__ import annotations

import tomllib

from tests.support import REPOSITORY


def test_every_engine_package_is_listed_for_the_wheel() -> None:
    config = tomllib.loads((REPOSITORY / "pyproject.toml").read_text(encoding="utf-8"))
    listed = set(config["tool"]["setuptools"]["packages"])
    on_disk = {"woonpact." + ".".join(init.parent.relative_to(REPOSITORY).parts)
               for init in (REPOSITORY / "engine").rglob("__init__.py")}
    assert on_disk - listed == set(), "add these to [tool.setuptools] packages in pyproject.toml"
    assert {name.partition(".")[0] for name in listed} == {"woonpact"}
