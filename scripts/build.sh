#!/bin/sh
# SPDX-License-Identifier: MIT
# Configure (once) and build taio into build/ (or the directory given).
set -eu
cd "$(dirname "$0")/.."
dir=${1:-build}
shift || true
if [ ! -f "$dir/build.ninja" ]; then
    meson setup "$dir" "$@" >/dev/null
fi
ninja -C "$dir" >/dev/null
