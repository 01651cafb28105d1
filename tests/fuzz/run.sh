#!/bin/sh
# SPDX-License-Identifier: MIT
# Run one libFuzzer harness for a bounded time: run.sh EXE CORPUS SECONDS.
# New inputs it finds go to a scratch directory, so the committed corpus
# only changes when someone copies findings in on purpose.
set -eu
exe=$1
corpus=$2
seconds=$3
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
"$exe" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
    -print_final_stats=1 "$scratch" "$corpus"
