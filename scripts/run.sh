#!/bin/sh
# SPDX-License-Identifier: MIT
# The README's first command: install what is missing, build, create a
# demo desk in ./demo.db and show what needs attention on it.
set -eu
cd "$(dirname "$0")/.."
sh scripts/setup.sh
sh scripts/build.sh build
TAIO=build/src/taio
DB=${TAIO_DB:-demo.db}
$TAIO --db "$DB" demo --force
echo
$TAIO --db "$DB" agenda
echo
echo "Try it:"
echo "  export TAIO_DB=$PWD/$DB TAIO_USER=sato PATH=$PWD/build/src:\$PATH"
echo "  taio agenda --user sato"
echo "  taio case list"
echo "  taio customer find やまだ"
echo "  taio help"
