"""Test-wide settings: a private cache folder per test session, so tests never share state."""

from __future__ import annotations

import os
import tempfile

os.environ["WOONPACT_CACHE"] = tempfile.mkdtemp(prefix="woonpact-test-cache-")
