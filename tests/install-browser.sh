#!/bin/sh
# The one step that puts the report tests' browser on the machine (README "Start here", second
# command): Debian's chromium, installed with apt-get when it is missing and this runs as root.
# Anywhere else it only says what to do; tests/test_browser.py then fails with the same advice
# rather than skip, because the report's printing is part of what the suite proves.
set -eu
if command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -q --no-install-recommends chromium >/dev/null 2>&1 \
    || { apt-get update -q >/dev/null 2>&1 && apt-get install -y -q --no-install-recommends chromium >/dev/null; }
  exit 0
fi
echo "tests/install-browser.sh: Chromium is missing; install Debian's chromium package (apt-get install chromium) or put chromium on the PATH" >&2
