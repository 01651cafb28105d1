#!/bin/sh
# SPDX-License-Identifier: MIT
# Install what taio needs to build and test, from Debian's packages;
# with --browser also what the browser tests need (Node.js, npm and
# playwright-core). Idempotent: when everything is present it only checks
# and returns.
set -eu
cd "$(dirname "$0")/.."
SUDO=""
if [ "$(id -u)" != 0 ]; then
    SUDO=sudo
fi

PACKAGES="build-essential pkg-config meson ninja-build gettext locales tzdata
  libmicrohttpd-dev libjansson-dev libsqlite3-dev sqlite3 libsodium-dev
  libical-dev zlib1g-dev libcurl4-openssl-dev libunistring-dev libpq-dev libcmocka-dev
  postgresql clang-14 libclang-rt-14-dev python3-pytest python3-requests
  python3-aiosmtpd wrk chromium fonts-noto-cjk openssl"

missing=""
for p in $PACKAGES; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing="$missing $p"
    fi
done

if [ -n "$missing" ]; then
    echo "setup: installing:$missing"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq \
        --no-install-recommends $missing >/dev/null
fi

# The server answers each request in its own language through the
# thread's locale, which gettext honours only for a locale that exists.
if ! locale -a 2>/dev/null | grep -qix 'ja_JP.utf8'; then
    echo "setup: generating the ja_JP.UTF-8 locale"
    $SUDO localedef -i ja_JP -c -f UTF-8 -A /usr/share/locale/locale.alias \
        ja_JP.UTF-8
fi

# The browser tests' driver: Node.js with npm (Debian's, unless the machine
# has one already) and playwright-core from the npm registry, pinned by
# tests/browser/package-lock.json. It drives Debian's chromium; no browser
# is downloaded.
if [ "${1:-}" != "--browser" ]; then
    exit 0
fi
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    echo "setup: installing nodejs and npm"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq \
        --no-install-recommends nodejs npm >/dev/null
fi
if [ ! -f tests/browser/node_modules/playwright-core/package.json ] ||
    [ tests/browser/package-lock.json -nt tests/browser/node_modules/.package-lock.json ]; then
    echo "setup: installing playwright-core for the browser tests"
    (cd tests/browser && npm ci --no-audit --no-fund --loglevel=error >/dev/null 2>&1) ||
        { echo "setup: npm ci in tests/browser failed"; exit 1; }
fi
