#!/usr/bin/env bash
# `npm run test:couchdb`: the server-facing suites (integration, the attack suite, the browser
# suites that talk to a district) against a real Apache CouchDB 3.5.0 from ../shared/couchdb,
# started here on a free loopback port and stopped at the end. Without it (a machine that has
# only the npm registry) the suites run on the embedded server only, which `npm test` already
# did: this says so and succeeds. COUCHDB_URL set: that server is used instead, nothing started.
set -euo pipefail
cd "$(dirname "$0")/.."

SUITES=(
  tests/integration
  tests/security
  tests/e2e/stationSync.test.ts
  tests/e2e/heartbeat.test.ts
  tests/e2e/syncProgress.test.ts
  tests/e2e/workordersBrowser.test.ts
  tests/e2e/workordersStations.test.ts
  tests/e2e/mediationStations.test.ts
  tests/e2e/mediationConflict.test.ts
  tests/e2e/mediationTakeover.test.ts
  tests/e2e/syncWindow.test.ts
  tests/e2e/personSignIn.test.ts
  tests/e2e/personalDataAtRest.test.ts
)

if [ -n "${COUCHDB_URL:-}" ]; then
  echo "test:couchdb: using COUCHDB_URL (${COUCHDB_URL#*@})"
  exec npx vitest run "${SUITES[@]}"
fi

# Beside the project (../shared), or the workplace's copy when the project was cloned elsewhere.
couchdb=""
for candidate in "${GRIDLINK_COUCHDB:-}" ../shared/couchdb/couchdb /work/shared/couchdb/couchdb; do
  if [ -n "$candidate" ] && [ -x "$candidate" ]; then couchdb=$candidate; break; fi
done
if [ -z "$couchdb" ]; then
  echo "test:couchdb: Apache CouchDB is not on this machine (no ../shared/couchdb): the server-facing suites ran on the embedded pouchdb-server only."
  exit 0
fi
command -v curl >/dev/null 2>&1 || { echo "test:couchdb: ../shared/couchdb needs curl" >&2; exit 1; }

port=$(node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close();})")
dir=$(mktemp -d "${TMPDIR:-/tmp}/gridlink-couchdb-XXXXXX")
stop() { "$couchdb" stop --port "$port" --dir "$dir" >/dev/null 2>&1 || true; rm -rf "$dir"; }
trap stop EXIT
url=$("$couchdb" start --port "$port" --dir "$dir" | sed -n 's/^COUCHDB_URL=//p')
echo "test:couchdb: Apache CouchDB 3.5.0 on 127.0.0.1:$port"
COUCHDB_URL=$url npx vitest run "${SUITES[@]}"
