"""Test-wide settings: a private cache folder per test session, removed afterwards, so tests
never share state with each other or with the user's own cache."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile

_CACHE = tempfile.mkdtemp(prefix="woonpact-test-cache-")
os.environ["WOONPACT_CACHE"] = _CACHE
atexit.register(shutil.rmtree, _CACHE, ignore_errors=True)


# -- the wheel, installed as a user installs it ------------------------------------------------

import shutil as _shutil  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import venv  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from tests.support import REPOSITORY  # noqa: E402

NOT_SHIPPED = (".git", ".venv*", ".ci-venv", "build", "*.egg-info", "__pycache__", ".pytest_cache",
               ".hypothesis", "bench-data")


@pytest.fixture(scope="session")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The `woonpact` command of a wheel built from this checkout and installed in a fresh virtual
    environment, built once per test session.

    No network: the wheel is built with the test environment's setuptools (no build isolation),
    from a copy of the checkout so that nothing left in its build/ folder slips in; it is
    installed without dependencies, and only then does the new environment get a .pth file that
    lets it import them (pyyaml, click, ...) from the test environment. The package itself
    always comes from the wheel (tests/test_wheel.py checks that)."""
    root = tmp_path_factory.mktemp("wheel")
    source = root / "source"
    _shutil.copytree(REPOSITORY, source, ignore=_shutil.ignore_patterns(*NOT_SHIPPED))
    pip = [sys.executable, "-m", "pip"]
    subprocess.run([*pip, "wheel", "--no-deps", "--no-build-isolation", "--no-index", "--quiet",
                    "-w", str(root / "dist"), str(source)], check=True)
    (wheel,) = (root / "dist").glob("woonpact-*.whl")
    environment = root / "venv"
    venv.create(environment, with_pip=False, symlinks=True)
    python = environment / "bin" / "python"
    subprocess.run([*pip, "--python", str(python), "install", "--no-deps", "--no-index", "--quiet",
                    str(wheel)], check=True)
    where = "import sysconfig; print(sysconfig.get_paths()['purelib'])"
    target = Path(subprocess.run([str(python), "-c", where], capture_output=True, text=True,
                                 check=True).stdout.strip())
    dependencies = [folder for folder in sys.path
                    if Path(folder).name in ("site-packages", "dist-packages")]
    (target / "test-environment.pth").write_text("\n".join(dependencies) + "\n", encoding="utf-8")
    return environment / "bin" / "woonpact"
