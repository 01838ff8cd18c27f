#!/usr/bin/env bash
# Installs into the environment of the Python given the pip that requirements-dev.txt pins, by
# its hashes: do it before installing a lock. Python 3.11's own pip (23.2) resolves a pinned
# package asked for with an extra (WeasyPrint's `fonttools[woff]`) to the newest release on the
# index and then refuses it in hash-checking mode ("must have their versions pinned with ==");
# it also does not apply a constraints file's pins there.
#   scripts/install_locked_pip.sh .venv/bin/python
set -euo pipefail
python=$1
lock="$(dirname "$0")/../requirements-dev.txt"
pins=$(mktemp)
trap 'rm -f "$pins"' EXIT
awk '/^pip==/ {p = 1; print; next} p && /^ / {print; next} {p = 0}' "$lock" >"$pins"
# -qq: the index's notes about mirror folders it skips are not worth printing.
"$python" -m pip install -qq --disable-pip-version-check --require-hashes --no-deps -r "$pins"
