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
