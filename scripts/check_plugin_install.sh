#!/usr/bin/env bash
# The apps install as a plugin into any Wagtail site (`make plugin-check`, run by CI): builds
# the wheel from the working tree, installs it into a new virtual environment (its dependencies
# from the package index, at requirements.txt's versions and hashes), makes a project with
# `wagtail start`, configures it as the README's "Install into your Wagtail site" says
# (scripts/plugin_check/), migrates it (SQLite), runs setup_cchc, and checks with Django's test
# client that an agency's editor saves a draft news item through the admin's form, that the
# section's public pages render with the plugin's own layout, and that the item, once published,
# is on its page, in the listing and in the feed (scripts/plugin_check/check_site.py). Needs
# git, and a Python with pip for the build (BUILD_PYTHON, default .venv/bin/python); PYTHON
# (default python3) makes the new environment. KEEP=1 keeps the temporary folder.
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$PWD
HERE=$REPO/scripts/plugin_check
PYTHON=${PYTHON:-python3}
BUILD_PYTHON=${BUILD_PYTHON:-$REPO/.venv/bin/python}
# In memory where there is /dev/shm: writing, then deleting, a virtual environment's 300 MB of
# small files takes a minute on a slow disk.
if [ -z "${TMPDIR:-}" ] && [ -d /dev/shm ] && [ -w /dev/shm ]; then TMPDIR=/dev/shm; fi
WORK=$(mktemp -d "${TMPDIR:-/tmp}/cchc-plugin-check.XXXXXX")
if [ "${KEEP:-0}" = 1 ]; then echo "(keeping $WORK)"; else trap 'rm -rf "$WORK"' EXIT; fi
SECONDS=0
step() { echo "== [${SECONDS} s] $*"; }

step "build the wheel (from a copy of the working tree: no stale build/ files)"
mkdir "$WORK/src" "$WORK/dist"
git ls-files -z --cached --others --exclude-standard \
    | while IFS= read -r -d '' file; do if [ -e "$file" ]; then printf '%s\0' "$file"; fi; done \
    | tar --null -T - -cf - | tar -xf - -C "$WORK/src"
"$BUILD_PYTHON" -m pip wheel --quiet --no-deps --wheel-dir "$WORK/dist" "$WORK/src"
wheel=$(ls "$WORK"/dist/cchc_news-*.whl)
"$BUILD_PYTHON" "$HERE/check_wheel.py" "$wheel" "$WORK/src"

step "install it into a new virtual environment ($($PYTHON --version))"
"$PYTHON" -m venv "$WORK/venv"
"$REPO/scripts/install_locked_pip.sh" "$WORK/venv/bin/python"  # the lock's pip first
# Hash-checking mode: the wheel by its own hash, every dependency it pulls in at the lock's
# version and hashes (requirements.txt as constraints; a dependency not locked fails).
# -qq: the index's notes about mirror folders it skips are not worth printing.
echo "$wheel --hash=sha256:$(sha256sum "$wheel" | cut -d' ' -f1)" >"$WORK/plugin.txt"
"$WORK/venv/bin/python" -m pip install -qq --disable-pip-version-check --require-hashes \
    --constraint requirements.txt -r "$WORK/plugin.txt"
site_python=$WORK/venv/bin/python

step "wagtail start testsite, configured as the README says"
cd "$WORK"
"$WORK/venv/bin/wagtail" start testsite
cd testsite
"$site_python" "$HERE/configure_project.py" . testsite
export DJANGO_SETTINGS_MODULE=testsite.settings.dev
"$site_python" manage.py check --fail-level WARNING
"$site_python" manage.py makemigrations --check --dry-run
step "migrate (SQLite) and set up"
"$site_python" manage.py migrate --noinput -v 0
"$site_python" manage.py setup_cchc | tail -n 1
"$site_python" manage.py setup_cchc | tail -n 1   # a second run changes nothing

step "an agency's editor saves a draft; the section's pages render; the item publishes"
"$site_python" "$HERE/check_site.py"
echo "== plugin check passed in ${SECONDS} s"
