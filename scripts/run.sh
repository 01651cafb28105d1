#!/bin/sh
# SPDX-License-Identifier: MIT
# The README's first command: install what is missing, build, create a
# demo desk in ./demo.db, show what needs attention on it, and serve it
# over HTTP until Ctrl-C.
set -eu
cd "$(dirname "$0")/.."
sh scripts/setup.sh
sh scripts/build.sh build
TAIO=build/src/taio
DB=${TAIO_DB:-demo.db}
LISTEN=${TAIO_LISTEN:-127.0.0.1:8080}
# A password for the demo only; a real desk sets its own with
# "taio user password LOGIN" or "taio serve --init-admin LOGIN".
DEMO_PASSWORD=demo-password-2026
$TAIO --db "$DB" demo --force
for login in sato kimura ito admin; do
    printf '%s\n' "$DEMO_PASSWORD" |
        $TAIO --db "$DB" --as admin user password "$login" >/dev/null
done
TOKEN=$($TAIO --db "$DB" --as admin token create --user sato --name demo \
    --json | sed -n 's/.*"token": "\(.*\)".*/\1/p')
echo
$TAIO --db "$DB" agenda
echo
echo "Open http://$LISTEN/ in a browser and log in as sato (agent),"
echo "kimura (manager: also the team's agenda), ito (clerk) or admin,"
echo "password: $DEMO_PASSWORD"
echo "The JSON API is under http://$LISTEN/api/v1/ (described at /api/v1/openapi.json)."
echo
echo "Try it from another terminal:"
echo "  curl -H 'Authorization: Bearer $TOKEN' http://$LISTEN/api/v1/agenda"
echo "  curl -H 'Authorization: Bearer $TOKEN' 'http://$LISTEN/api/v1/cases?limit=5'"
echo "  curl http://$LISTEN/api/v1/openapi.json"
echo "or the CLI on the same desk:"
echo "  export TAIO_DB=$PWD/$DB TAIO_USER=sato PATH=$PWD/build/src:\$PATH"
echo "  taio agenda --user sato; taio case list; taio help"
echo
exec $TAIO --db "$DB" serve --listen "$LISTEN"
