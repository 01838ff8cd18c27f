#!/usr/bin/env bash
# Debian packages the product and its tests need: WeasyPrint's Pango/HarfBuzz for the
# bulletin PDF, fonts with Vietnamese glyphs and the colour emoji font (emoji in a title are
# otherwise empty boxes in the PDF), Chromium for the browser tests, and nginx with openssl for
# tests/deploy/test_nginx.py, which checks and runs deploy/nginx/cchc.conf (the package's service
# is not needed: the test starts its own nginx on free ports), and wrk, the load generator of
# `make bench` (bench/web), and Dovecot's IMAP server for the mail-in tests
# (tests/cchc_news/mail_in/dovecot_stand.py starts its own on a free port; the package's service
# is not needed).
# Installs only what is missing; needs root (or sudo) the first time.
set -euo pipefail

PACKAGES=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-noto-core fonts-noto-color-emoji
    fonts-dejavu-core chromium nginx openssl wrk dovecot-imapd)

missing=()
for package in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" \
        || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "Installing Debian packages: ${missing[*]}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "Run as root: apt-get install ${missing[*]}" >&2; exit 1; }
    SUDO=sudo
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
